"""`{% sso_providers as providers %}`: the single sign-on providers configured here, for
the sign-in page's "Sign in with …" buttons (none when the deployment has none)."""

from __future__ import annotations

from django import template

from partnerships import sso

register = template.Library()


@register.simple_tag
def sso_providers() -> list[sso.Provider]:
    return list(sso.providers().values())
