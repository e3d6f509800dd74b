"""`Authorization: Bearer <token>`: the token's person, with exactly their rights."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rest_framework import authentication, exceptions
from rest_framework.request import Request

from api.models import ApiToken, token_hash
from partnerships import clock

# last_used_at is written at most this often per token, not on every request.
LAST_USED_EVERY = dt.timedelta(minutes=1)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer <token>'."
            )
        token = (
            ApiToken.objects.live()
            .select_related("user")
            .filter(key_hash=token_hash(header[1]))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token is not known, or was revoked.")
        now = clock.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
