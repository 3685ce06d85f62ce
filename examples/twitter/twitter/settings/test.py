"""Settings for the test suite: the real parts, minus what tests cannot use.

Built from the same modules as twitter.settings, without the development
extras, so the suite runs what production runs.
"""

from twitter.settings.apps import *  # noqa: F403
from twitter.settings.django import *  # noqa: F403

# Fast, throwaway hashing: tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No Redis or RabbitMQ in a test run: an in-memory stand-in for each.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Celery tasks run inside the test, at once; their errors reach the test.
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# No mail leaves a test run, and uploads stay in memory.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
