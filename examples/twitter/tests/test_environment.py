from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from twitter.settings.environment import (
    env,
    env_bool,
    env_choice,
    env_int,
    env_list,
)


class EnvironmentTests(SimpleTestCase):
    def test_missing_and_empty_values_name_the_variable(self) -> None:
        for environ in ({}, {"TWITTER_X": "  "}):
            with (
                mock.patch.dict("os.environ", environ, clear=True),
                self.assertRaisesMessage(ImproperlyConfigured, "TWITTER_X"),
            ):
                env("TWITTER_X")

    def test_typed_readers(self) -> None:
        environ = {"B": "Yes", "F": "off", "I": "42", "L": " a, b ,,", "C": "sqlite"}
        with mock.patch.dict("os.environ", environ, clear=True):
            self.assertIs(env_bool("B"), True)
            self.assertIs(env_bool("F"), False)
            self.assertEqual(env_int("I"), 42)
            self.assertEqual(env_list("L"), ["a", "b"])
            self.assertEqual(env_choice("C", ("sqlite", "postgresql")), "sqlite")

    def test_bad_values_are_errors(self) -> None:
        environ = {"B": "maybe", "I": "4.2", "C": "mysql"}
        with mock.patch.dict("os.environ", environ, clear=True):
            with self.assertRaisesMessage(ImproperlyConfigured, "true or false"):
                env_bool("B")
            with self.assertRaisesMessage(ImproperlyConfigured, "whole number"):
                env_int("I")
            with self.assertRaisesMessage(ImproperlyConfigured, "one of"):
                env_choice("C", ("sqlite", "postgresql"))
