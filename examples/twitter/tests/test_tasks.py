from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from rest_framework.test import APITestCase

from twitter.models import ProjectVariable
from twitter.tweet.models import Tweet
from twitter.tweet.tasks import fan_out, purge_expired_tweets


class FanOutTests(APITestCase):
    def setUp(self) -> None:
        users = get_user_model().objects
        self.ada = users.create_user("ada", "ada@example.com")
        self.bob = users.create_user("bob", "bob@example.com")
        self.eve = users.create_user("eve", "")

    def test_posting_a_tweet_queues_the_fan_out_after_commit(self) -> None:
        self.client.force_authenticate(self.ada)
        with (
            mock.patch("twitter.tweet.realtime.publish") as publish,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.client.post("/api/tweets/", {"body": "Hi @bob and @eve, @ada"})
        publish.assert_called_once()
        # Eve has no address and Ada wrote it herself: only Bob gets mail.
        self.assertEqual([m.to for m in mail.outbox], [["bob@example.com"]])
        self.assertEqual(mail.outbox[0].subject, "@ada mentioned you")
        self.assertIn("Hi @bob and @eve, @ada", mail.outbox[0].body)

    def test_a_deleted_tweet_is_skipped(self) -> None:
        with mock.patch("twitter.tweet.realtime.publish") as publish:
            fan_out.delay(12345)
        publish.assert_not_called()


class PurgeTests(TestCase):
    def setUp(self) -> None:
        cache.clear()
        author = get_user_model().objects.create_user("ada")
        self.old = Tweet.objects.create(author=author, body="old")
        Tweet.objects.filter(pk=self.old.pk).update(
            created_at=timezone.now() - timedelta(days=31)
        )
        self.new = Tweet.objects.create(author=author, body="new")

    def test_keeps_everything_without_a_retention(self) -> None:
        self.assertEqual(purge_expired_tweets.delay().get(), 0)
        self.assertEqual(Tweet.objects.count(), 2)

    def test_deletes_tweets_older_than_the_retention(self) -> None:
        ProjectVariable.objects.create(name="tweet-retention-days", value="30")
        self.assertEqual(purge_expired_tweets.delay().get(), 1)
        self.assertQuerySetEqual(Tweet.objects.all(), [self.new])
