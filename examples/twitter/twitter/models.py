"""Project-wide models: what every app may use and no single app owns."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from twitter.utils.cache import make_key


class ProjectVariable(models.Model):
    """A setting that changes at run time, edited in the admin.

    Configuration that needs a deployment lives in conf/; this is for values
    an operator changes while the site runs: a banner, a limit, a switch.
    """

    CACHE_TIMEOUT = 60 * 5

    name = models.SlugField(_("name"), max_length=100, unique=True)
    value = models.TextField(_("value"), blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("project variable")
        verbose_name_plural = _("project variables")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.name))

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        cache.delete(self.cache_key(self.name))
        return super().delete(*args, **kwargs)

    @staticmethod
    def cache_key(name: str) -> str:
        return make_key("project-variable", name)

    @classmethod
    def get(cls, name: str) -> str | None:
        """The value of variable ``name``, or None when there is none.

        Cached for a few minutes; saving or deleting the variable in the admin
        clears its entry at once.
        """

        def load() -> str | None:
            found = cls.objects.filter(name=name).values_list("value", flat=True)
            return found.first()

        value: str | None = cache.get_or_set(
            cls.cache_key(name), load, cls.CACHE_TIMEOUT
        )
        return value
