from django.core.handlers.wsgi import WSGIHandler
from django.test import SimpleTestCase

from twitter.gateways.asgi import application as asgi_application
from twitter.gateways.wsgi import application as wsgi_application


class GatewayTests(SimpleTestCase):
    def test_wsgi_gateway_serves_django(self) -> None:
        self.assertIsInstance(wsgi_application, WSGIHandler)

    def test_asgi_gateway_is_an_application(self) -> None:
        self.assertTrue(callable(asgi_application))
