"""The settings Django runs with: Django's own, then the apps'.

Which environment this is (development, production) is not a module: it is
the values in the environment, read by the modules below.
"""

from importlib.util import find_spec

from twitter.settings.apps import *  # noqa: F403
from twitter.settings.django import *  # noqa: F403

# Development tools switch on only when DEBUG is true and they are installed:
# production has DEBUG off and does not install the "dev" group.
if DEBUG and find_spec("debug_toolbar") is not None:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "debug_toolbar"]  # noqa: F405
    MIDDLEWARE = [
        "debug_toolbar.middleware.DebugToolbarMiddleware",
        *MIDDLEWARE,  # noqa: F405
    ]
    INTERNAL_IPS = ["127.0.0.1"]

# Channels' daphne (a test dependency, never installed in production) makes
# runserver serve the ASGI gateway: the page and its websocket on one port.
if DEBUG and find_spec("daphne") is not None:  # noqa: F405
    INSTALLED_APPS = ["daphne", *INSTALLED_APPS]
    ASGI_APPLICATION = "twitter.gateways.asgi.application"
