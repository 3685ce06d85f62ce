"""The project itself is an installed app: it owns what belongs to no app."""

from django.apps import AppConfig

from rest_framework import generics, serializers

import django_stubs_ext


class TwitterConfig(AppConfig):
    name = "twitter"
    verbose_name = "Twitter"

    def ready(self) -> None:
        # Let Django's and DRF's generic classes take type arguments at run
        # time (ModelAdmin[Tweet], ModelSerializer[Tweet]), as their stubs do.
        django_stubs_ext.monkeypatch(
            extra_classes=[generics.GenericAPIView, serializers.ModelSerializer]
        )
