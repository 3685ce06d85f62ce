from django.test import TestCase
from django.utils import translation

from twitter.tweet.models import Tweet


class TurkishTests(TestCase):
    def test_the_page_follows_the_browser_language(self) -> None:
        response = self.client.get("/", headers={"accept-language": "tr"})
        self.assertContains(response, '<html lang="tr">')
        self.assertContains(response, "Henüz kimse tweet atmadı.")

    def test_english_stays_the_default(self) -> None:
        response = self.client.get("/")
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "Nobody has tweeted yet.")

    def test_model_names_are_translated(self) -> None:
        with translation.override("tr"):
            self.assertEqual(Tweet._meta.verbose_name_plural, "tweetler")
