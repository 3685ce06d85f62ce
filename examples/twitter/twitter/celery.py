"""The Celery app of the project: workers and beat start from here."""

import os
from pathlib import Path
from typing import Any

from celery import Celery
from celery.beat import PersistentScheduler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twitter.settings")

app = Celery("twitter")
# Every CELERY_* setting of Django's settings configures Celery.
app.config_from_object("django.conf:settings", namespace="CELERY")
# Find tasks.py in every installed app.
app.autodiscover_tasks()


class HeartbeatScheduler(PersistentScheduler):
    """Beat's usual scheduler, touching ``<schedule file>.heartbeat`` at each tick.

    A healthcheck reads the file's age: a beat process that stopped ticking
    still runs, but its heartbeat goes stale.
    """

    schedule_filename: str  # set by PersistentScheduler from --schedule

    def tick(self, *args: Any, **kwargs: Any) -> float:
        Path(f"{self.schedule_filename}.heartbeat").touch()
        return super().tick(*args, **kwargs)
