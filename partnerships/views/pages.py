"""The static pages anyone may read, signed in or not: help and the accessibility
statement, and the health check a proxy asks. Here, at the bottom layer, so that every
app's pages may link to them."""

import logging

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partnerships.typing import HtmxHttpRequest


@require_GET
def accessibility(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@require_GET
def help_page(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "help.html")


logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health(request: HtmxHttpRequest) -> HttpResponse:
    """For a proxy or load balancer choosing servers (docs/deploy.md): 200 "ok" when this
    server reaches the database and the shared cache, 503 naming which it cannot. Says
    nothing about any agreement, so anyone may ask."""
    failed = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        failed.append("database")
    try:
        caches["reports"].get("health-check")
    except Exception:  # any backend's failure (a missing table, Redis down) counts
        logger.exception("Health check: the shared cache does not answer")
        failed.append("shared cache")
    if failed:
        return HttpResponse(
            f"unavailable: {', '.join(failed)}\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")
