from django.contrib.auth import get_user_model
from django.test import TransactionTestCase

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from twitter.gateways.asgi import application
from twitter.tweet import realtime
from twitter.tweet.models import Tweet


class TimelineSocketTests(TransactionTestCase):
    async def test_new_tweets_are_pushed(self) -> None:
        communicator = WebsocketCommunicator(
            application, "/ws/timeline/", headers=[(b"origin", b"http://localhost")]
        )
        connected, _subprotocol = await communicator.connect()
        self.assertTrue(connected)

        tweet = await sync_to_async(self.make_tweet)()
        await sync_to_async(realtime.publish)(tweet)

        message = await communicator.receive_json_from()
        self.assertEqual(message["body"], "Live!")
        self.assertEqual(message["author"], "ada")
        await communicator.disconnect()

    async def test_foreign_origins_are_refused(self) -> None:
        communicator = WebsocketCommunicator(
            application, "/ws/timeline/", headers=[(b"origin", b"https://evil.example")]
        )
        connected, _subprotocol = await communicator.connect()
        self.assertFalse(connected)

    @staticmethod
    def make_tweet() -> Tweet:
        author = get_user_model().objects.create_user("ada")
        return Tweet.objects.create(author=author, body="Live!")
