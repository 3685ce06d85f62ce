"""The twitter project: a Django project that is itself an installed app."""

# Load the Celery app whenever Django loads, so @shared_task binds to it.
from twitter.celery import app as celery_app

__all__ = ["celery_app"]
