"""Background work of the tweet app, run by Celery workers."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from twitter.models import ProjectVariable
from twitter.tweet import realtime
from twitter.tweet.models import Tweet
from twitter.utils.mailing import send_templated_mail


# DjangoTask adds delay_on_commit(), which the API uses to queue this task.
@shared_task(base=DjangoTask)
def fan_out(tweet_id: int) -> None:
    """Push a new tweet to open timelines and mail the users it mentions."""
    tweet = Tweet.objects.select_related("author").filter(pk=tweet_id).first()
    if tweet is None:  # deleted before the worker got to it
        return
    realtime.publish(tweet)
    mentioned = (
        get_user_model()
        .objects.filter(username__in=tweet.mentions(), is_active=True)
        .exclude(pk=tweet.author_id)
        .exclude(email="")
    )
    for user in mentioned:
        context = {"tweet": tweet, "user": user}
        send_templated_mail("mention", context, [user.email])


@shared_task
def purge_expired_tweets() -> int:
    """Delete tweets older than the ``tweet-retention-days`` project variable.

    Without the variable, tweets are kept forever. Beat runs this every night.
    """
    days = ProjectVariable.get("tweet-retention-days")
    if not days:
        return 0
    cutoff = timezone.now() - timedelta(days=int(days))
    deleted, _by_model = Tweet.objects.filter(created_at__lt=cutoff).delete()
    return deleted
