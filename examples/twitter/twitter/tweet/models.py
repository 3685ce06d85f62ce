"""Tweets: short public messages with an optional attachment."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twitter.utils.file import UploadTo

MENTION = re.compile(r"(?<!\w)@(\w{1,150})")


class Tweet(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tweets",
        verbose_name=_("author"),
    )
    body = models.CharField(_("body"), max_length=280)
    attachment = models.FileField(
        _("attachment"), upload_to=UploadTo("tweets"), blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tweet")
        verbose_name_plural = _("tweets")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at"])]

    def __str__(self) -> str:
        return f"@{self.author}: {self.body[:40]}"

    def mentions(self) -> list[str]:
        """Usernames mentioned with ``@name``, in order, without repeats."""
        return list(dict.fromkeys(MENTION.findall(self.body)))
