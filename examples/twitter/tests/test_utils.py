import re

from django.contrib.auth.models import User
from django.core import mail
from django.test import SimpleTestCase, override_settings

from twitter.utils.cache import make_key
from twitter.utils.file import UploadTo
from twitter.utils.mailing import send_templated_mail


class CacheTests(SimpleTestCase):
    def test_make_key(self) -> None:
        self.assertEqual(make_key("user", 7, "name"), "user:7:name")


class UploadToTests(SimpleTestCase):
    def test_keeps_only_the_lowercased_extension(self) -> None:
        name = UploadTo("tweets")(User(), "My Holiday.JPG")
        self.assertRegex(name, r"^tweets/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")

    def test_names_never_repeat(self) -> None:
        upload_to = UploadTo("tweets")
        self.assertNotEqual(upload_to(User(), "a.png"), upload_to(User(), "a.png"))


LOCMEM_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "mail/hello/subject.txt": "Hello\n  {{ name }}\n",
                        "mail/hello/body.txt": "Dear {{ name }}.",
                    },
                )
            ]
        },
    }
]


@override_settings(TEMPLATES=LOCMEM_TEMPLATES)
class MailingTests(SimpleTestCase):
    def test_renders_subject_on_one_line_and_body(self) -> None:
        sent = send_templated_mail("hello", {"name": "Ada"}, ["ada@example.com"])
        self.assertEqual(sent, 1)
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Hello Ada")
        self.assertEqual(message.body, "Dear Ada.")
        self.assertEqual(message.to, ["ada@example.com"])
        self.assertTrue(re.fullmatch(r"\S+@\S+", message.from_email))
