"""Publishing tweets to the websocket group, from synchronous code."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from twitter.tweet.api.serializers import TweetSerializer
from twitter.tweet.consumers import TIMELINE_GROUP
from twitter.tweet.models import Tweet


def publish(tweet: Tweet) -> None:
    """Send ``tweet`` to every connected timeline."""
    layer = get_channel_layer()
    if layer is None:
        raise ImproperlyConfigured("CHANNEL_LAYERS has no default layer.")
    message = {"type": "tweet.created", "tweet": TweetSerializer(tweet).data}
    async_to_sync(layer.group_send)(TIMELINE_GROUP, message)
