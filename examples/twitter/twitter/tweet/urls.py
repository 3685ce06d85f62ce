from django.urls import path

from twitter.tweet import views

app_name = "tweet"
urlpatterns = [
    path("", views.timeline, name="timeline"),
]
