"""Websocket routes of the tweet app, mounted by the ASGI gateway."""

from typing import Any

from django.urls import path

from twitter.tweet.consumers import TimelineConsumer

# django-stubs types path() for views only; Channels reuses it for consumers.
websocket_urlpatterns: list[Any] = [
    path("ws/timeline/", TimelineConsumer.as_asgi()),  # type: ignore[arg-type]
]
