from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TweetConfig(AppConfig):
    name = "twitter.tweet"
    verbose_name = _("Tweets")
