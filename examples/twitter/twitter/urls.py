"""The project's URLs: the ROOT_URLCONF every request starts from."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from twitter import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/", include("twitter.tweet.api.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("twitter.tweet.urls")),
]

if "debug_toolbar" in settings.INSTALLED_APPS:
    from debug_toolbar.toolbar import debug_toolbar_urls

    urlpatterns += debug_toolbar_urls()
