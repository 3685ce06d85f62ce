"""Installed apps and the settings of third-party and project apps."""

from twitter.settings.environment import env

# The project's own apps, the project app first: its templates, static
# files and translations win over those of every app after it.
# region project-apps
PROJECT_APPS = ["twitter", "twitter.tweet"]
# endregion project-apps

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# region third-party-apps
THIRD_PARTY_APPS = ["rest_framework"]
# endregion third-party-apps

INSTALLED_APPS = [*PROJECT_APPS, *DJANGO_APPS, *THIRD_PARTY_APPS]

# region rest-framework
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
}
# endregion rest-framework

# region channels
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [env("REDIS_URL")]},
    }
}
# endregion channels

# region celery
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
# Tasks report nothing back; what they do is visible in the database.
CELERY_TASK_IGNORE_RESULT = True
# Acknowledge a task when it is done, not when it starts, and take one at a
# time: a worker that dies mid-task leaves it to another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "purge-expired-tweets": {
        "task": "twitter.tweet.tasks.purge_expired_tweets",
        "schedule": 24 * 60 * 60,  # a day after the last run beat recorded
    },
}
# Beat wakes at least every 30 s and touches its heartbeat each time, so a
# healthcheck can tell a stuck beat from an idle one.
CELERY_BEAT_SCHEDULER = "twitter.celery:HeartbeatScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 30
# endregion celery
