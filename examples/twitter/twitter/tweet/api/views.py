from __future__ import annotations

from django.db.models import QuerySet

from rest_framework import mixins, viewsets
from rest_framework.serializers import BaseSerializer

from twitter.tweet.api.serializers import TweetSerializer
from twitter.tweet.models import Tweet
from twitter.tweet.tasks import fan_out


class TweetViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Tweet],
):
    """Read the timeline; signed-in users post to it."""

    serializer_class = TweetSerializer

    def get_queryset(self) -> QuerySet[Tweet]:
        return Tweet.objects.select_related("author")

    def perform_create(self, serializer: BaseSerializer[Tweet]) -> None:
        tweet = serializer.save(author=self.request.user)
        # Queue the fan-out once the tweet is committed, so the worker finds it.
        fan_out.delay_on_commit(tweet.pk)
