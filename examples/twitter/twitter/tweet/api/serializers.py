from rest_framework import serializers

from twitter.tweet.models import Tweet


class TweetSerializer(serializers.ModelSerializer[Tweet]):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Tweet
        fields = ["id", "author", "body", "attachment", "created_at"]
        read_only_fields = ["id", "created_at"]
