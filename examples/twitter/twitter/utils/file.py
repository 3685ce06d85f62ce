"""Naming of uploaded files."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class UploadTo:
    """An ``upload_to`` that keeps the extension and nothing else of the name.

    User-chosen names leak information and collide; ``tweets/2026/11/<hex>.png``
    does neither, and the month folders keep directories small.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: models.Model, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()
        month = timezone.now().strftime("%Y/%m")
        return f"{self.folder}/{month}/{uuid.uuid4().hex}{suffix}"
