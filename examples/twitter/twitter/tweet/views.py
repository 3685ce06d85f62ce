from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from twitter.models import ProjectVariable
from twitter.tweet.models import Tweet


def timeline(request: HttpRequest) -> HttpResponse:
    """The latest tweets, rendered on the server; new ones arrive live."""
    tweets = Tweet.objects.select_related("author")[:50]
    context = {
        "tweets": tweets,
        "announcement": ProjectVariable.get("announcement"),
    }
    return render(request, "tweet/timeline.html", context)
