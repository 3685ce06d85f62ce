"""Views of the project app: what belongs to the site rather than a feature."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 when this process serves requests and reaches its database.

    Container healthchecks and load balancers call it often: it renders no
    template and reads no table.
    """
    connection.ensure_connection()
    return HttpResponse("ok", content_type="text/plain")
