from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase

from twitter.models import ProjectVariable


class ProjectVariableTests(TestCase):
    def setUp(self) -> None:
        cache.clear()

    def test_get_returns_value_or_none(self) -> None:
        ProjectVariable.objects.create(name="announcement", value="Hello")
        self.assertEqual(ProjectVariable.get("announcement"), "Hello")
        self.assertIsNone(ProjectVariable.get("missing"))

    def test_get_is_cached(self) -> None:
        ProjectVariable.objects.create(name="limit", value="5")
        ProjectVariable.get("limit")
        with self.assertNumQueries(0):
            self.assertEqual(ProjectVariable.get("limit"), "5")

    def test_a_missing_variable_is_cached_too(self) -> None:
        self.assertIsNone(ProjectVariable.get("missing"))
        with self.assertNumQueries(0):
            self.assertIsNone(ProjectVariable.get("missing"))

    def test_save_and_delete_clear_the_cache(self) -> None:
        self.assertIsNone(ProjectVariable.get("banner"))
        variable = ProjectVariable.objects.create(name="banner", value="One")
        self.assertEqual(ProjectVariable.get("banner"), "One")
        variable.value = "Two"
        variable.save()
        self.assertEqual(ProjectVariable.get("banner"), "Two")
        variable.delete()
        self.assertIsNone(ProjectVariable.get("banner"))
        self.assertEqual(str(variable), "banner")

    def test_admin_lists_variables(self) -> None:
        admin = get_user_model().objects.create_superuser(
            "admin", "a@example.com", "pw"
        )
        self.client.force_login(admin)
        ProjectVariable.objects.create(name="announcement", value="Hello")
        response = self.client.get("/admin/twitter/projectvariable/")
        self.assertContains(response, "announcement")
