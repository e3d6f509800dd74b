"""Each token may make API_RATE requests (e.g. "600/hour"); beyond, 429 says when to retry.

Counted in the cache every server shares (config/settings.py, "reports": the database or
Redis), so N servers of W workers each allow API_RATE, not N × W × API_RATE."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def __init__(self) -> None:
        self.cache = caches["reports"]  # shared by every server (not DRF's per-process default)
        super().__init__()

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def get_rate(self) -> str:
        # Read each time, so that settings (and tests) can change it.
        from django.conf import settings

        return str(settings.API_RATE)
