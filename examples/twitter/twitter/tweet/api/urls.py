from rest_framework.routers import DefaultRouter

from twitter.tweet.api.views import TweetViewSet

router = DefaultRouter()
router.register("tweets", TweetViewSet, basename="tweet")

urlpatterns = router.urls
