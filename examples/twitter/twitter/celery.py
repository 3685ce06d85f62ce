"""The Celery app of the project: workers and beat start from here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twitter.settings")

app = Celery("twitter")
# Every CELERY_* setting of Django's settings configures Celery.
app.config_from_object("django.conf:settings", namespace="CELERY")
# Find tasks.py in every installed app.
app.autodiscover_tasks()
