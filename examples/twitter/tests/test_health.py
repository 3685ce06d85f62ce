from unittest import mock

from django.db import OperationalError, connection
from django.test import TestCase


class HealthTests(TestCase):
    def test_answers_ok_and_is_never_cached(self) -> None:
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok")
        self.assertIn("no-cache", response["Cache-Control"])

    def test_fails_without_the_database(self) -> None:
        self.client.raise_request_exception = False
        with mock.patch.object(
            connection, "ensure_connection", side_effect=OperationalError
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 500)
