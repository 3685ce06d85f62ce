"""Websocket consumers of the tweet app."""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

TIMELINE_GROUP = "timeline"


class TimelineConsumer(AsyncJsonWebsocketConsumer):
    """Pushes every new tweet to each open timeline page."""

    async def connect(self) -> None:
        await self.channel_layer.group_add(TIMELINE_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(TIMELINE_GROUP, self.channel_name)

    async def tweet_created(self, event: dict[str, Any]) -> None:
        """Handler of ``{"type": "tweet.created", "tweet": {...}}`` messages."""
        await self.send_json(event["tweet"])
