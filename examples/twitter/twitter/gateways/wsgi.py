"""The WSGI gateway: what gunicorn serves for ordinary HTTP requests."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twitter.settings")

application = get_wsgi_application()
