from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from rest_framework.test import APITestCase

from twitter.models import ProjectVariable
from twitter.tweet.models import Tweet


class TweetModelTests(TestCase):
    def test_mentions_are_unique_and_ordered(self) -> None:
        tweet = Tweet(body="@bob hi @alice, @bob again; mail@example.com")
        self.assertEqual(tweet.mentions(), ["bob", "alice"])

    def test_str(self) -> None:
        author = get_user_model().objects.create_user("ada")
        tweet = Tweet.objects.create(author=author, body="Hello, world")
        self.assertEqual(str(tweet), "@ada: Hello, world")


class TweetApiTests(APITestCase):
    def setUp(self) -> None:
        self.ada = get_user_model().objects.create_user("ada")

    def test_anyone_reads_the_timeline_newest_first(self) -> None:
        Tweet.objects.create(author=self.ada, body="first")
        Tweet.objects.create(author=self.ada, body="second")
        response = self.client.get("/api/tweets/")
        self.assertEqual(response.status_code, 200)
        bodies = [tweet["body"] for tweet in response.json()["results"]]
        self.assertEqual(bodies, ["second", "first"])

    def test_posting_needs_a_user(self) -> None:
        response = self.client.post("/api/tweets/", {"body": "hi"})
        self.assertEqual(response.status_code, 403)

    def test_post_sets_the_author(self) -> None:
        self.client.force_authenticate(self.ada)
        response = self.client.post("/api/tweets/", {"body": "Hello"})
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["author"], "ada")

    def test_attachment_is_renamed(self) -> None:
        self.client.force_authenticate(self.ada)
        upload = SimpleUploadedFile("Holiday Photo.PNG", b"not really a png")
        response = self.client.post(
            "/api/tweets/", {"body": "Look", "attachment": upload}, format="multipart"
        )
        self.assertEqual(response.status_code, 201)
        self.assertRegex(
            response.json()["attachment"], r"/tweets/.+/[0-9a-f]{32}\.png$"
        )

    def test_body_is_at_most_280_characters(self) -> None:
        self.client.force_authenticate(self.ada)
        response = self.client.post("/api/tweets/", {"body": "x" * 281})
        self.assertEqual(response.status_code, 400)
        self.assertIn("body", response.json())


class TimelinePageTests(TestCase):
    def setUp(self) -> None:
        cache.clear()

    def test_lists_tweets_with_the_announcement(self) -> None:
        author = get_user_model().objects.create_user("ada")
        Tweet.objects.create(author=author, body="Hello from the page")
        ProjectVariable.objects.create(name="announcement", value="Maintenance at 5")
        response = self.client.get("/")
        self.assertContains(response, "Hello from the page")
        self.assertContains(response, "Maintenance at 5")
        self.assertContains(response, "/static/twitter/site.css")

    def test_empty_timeline(self) -> None:
        response = self.client.get("/")
        self.assertContains(response, "Nobody has tweeted yet.")
        self.assertNotContains(response, 'class="announcement"')
