from django.contrib import admin

from twitter.tweet.models import Tweet


@admin.register(Tweet)
class TweetAdmin(admin.ModelAdmin[Tweet]):
    list_display = ["author", "body", "created_at"]
    list_select_related = ["author"]
    search_fields = ["body", "author__username"]
