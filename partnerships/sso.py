"""Single sign-on through OpenID Connect (mozilla-django-oidc), several providers at once.

Each deployment lists its providers in settings.OIDC_PROVIDERS (from the OIDC_PROVIDERS
environment variable, docs/security.md). Each provider is limited to e-mail domains; a
sign-in is matched to an invited person by a *verified* e-mail address and never makes
access by itself: the address must already have a current role, or a usable invitation
(which this sign-in then accepts). Anything else is refused, and no user is made.

The library reads one provider from settings; here the provider is chosen by the sign-in
URL (partnerships/views/sso.py), remembered against the OpenID `state`, and handed to the
backend on the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from partnerships import invitations
from partnerships.models import Invitation, Membership, User

REQUIRED = ("client_id", "client_secret", "authorization_endpoint", "token_endpoint")


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    domains: tuple[str, ...]
    jwks_endpoint: str = ""
    sign_algo: str = "RS256"
    scopes: str = "openid email profile"
    # The provider itself asks for a second factor (e.g. Entra ID with MFA enforced): its
    # sign-ins count as verified here. Only set it when the provider's policy says so.
    verifies_two_factor: bool = False

    def allows(self, email: str) -> bool:
        return email.rpartition("@")[2].lower() in self.domains


def _provider(name: str, raw: dict[str, Any]) -> Provider:
    missing = [key for key in (*REQUIRED, "userinfo_endpoint", "domains") if not raw.get(key)]
    if missing:
        raise ImproperlyConfigured(f"OIDC provider {name!r} lacks {', '.join(missing)}.")
    return Provider(
        name=name,
        label=str(raw.get("label") or name),
        client_id=str(raw["client_id"]),
        client_secret=str(raw["client_secret"]),
        authorization_endpoint=str(raw["authorization_endpoint"]),
        token_endpoint=str(raw["token_endpoint"]),
        userinfo_endpoint=str(raw["userinfo_endpoint"]),
        jwks_endpoint=str(raw.get("jwks_endpoint", "")),
        sign_algo=str(raw.get("sign_algo", "RS256")),
        scopes=str(raw.get("scopes", "openid email profile")),
        domains=tuple(str(d).strip().lower().lstrip("@") for d in raw["domains"]),
        verifies_two_factor=bool(raw.get("verifies_two_factor", False)),
    )


def providers() -> dict[str, Provider]:
    """The configured providers, in the order the sign-in page offers them."""
    configured: dict[str, dict[str, Any]] = getattr(settings, "OIDC_PROVIDERS", {}) or {}
    return {name: _provider(name, raw) for name, raw in configured.items()}


def is_verified_email(claims: dict[str, Any]) -> bool:
    return claims.get("email_verified") in (True, "true", "True")


def refusal_for(provider: Provider, claims: dict[str, Any]) -> str | None:
    """Why these claims may not sign in through this provider, or None."""
    email = str(claims.get("email") or "").strip()
    if not email:
        return f"{provider.label} did not tell us your e-mail address."
    if not is_verified_email(claims):
        return f"{provider.label} has not verified the e-mail address {email}."
    if not provider.allows(email):
        return f"{email} cannot sign in through {provider.label}: its domain is not allowed there."
    return None


def has_current_role(user: User) -> bool:
    return user.is_superuser or Membership.objects.current().filter(person__user=user).exists()


@transaction.atomic
def user_for_verified_email(email: str) -> User | None:
    """The sign-in of a verified address that has a role, or a usable invitation (accepted
    now, making its sign-in if there is none); None for anyone else."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    pending = list(Invitation.objects.usable().select_for_update().filter(email__iexact=email))
    if user is not None and has_current_role(user) and not pending:
        return user
    if not pending:
        return None
    if user is None:
        if User.objects.filter(email__iexact=email).exists():
            return None  # a sign-in that was switched off stays off
        user = User.objects.create_user(email.lower())  # no password: SSO or a reset only
    for invitation in pending:
        invitations.invitation_accept_verified(invitation=invitation, user=user)
    return user


class ProviderBackend(OIDCAuthenticationBackend):
    """The library's backend with the provider taken from the request, and our matching
    rules in place of "find or create by e-mail"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()

    def get_settings(self, attr: str, *args: Any) -> Any:  # type: ignore[override]
        value = {
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_CREATE_USER": False,
            "OIDC_USE_NONCE": True,
            "OIDC_ALLOW_UNSECURED_JWT": False,
            "OIDC_AUTHENTICATION_CALLBACK_URL": "partnerships:sso-callback",
        }.get(attr, _MISSING)
        if value is not _MISSING:
            return value
        return super().get_settings(attr, *args)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:  # type: ignore[override]
        provider: Provider | None = getattr(request, "sso_provider", None)
        if request is None or provider is None or "nonce" not in kwargs:
            return None
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_endpoint or None
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        email = str(claims.get("email") or "").strip().lower()
        self.request.sso_email = email  # type: ignore[attr-defined]
        refusal = refusal_for(self.provider, claims)
        if refusal is None:
            user = user_for_verified_email(email)
            if user is not None:
                return user
            refusal = (
                f"{email} has no role or invitation here. Ask your agreement's secretariat "
                "to invite you."
            )
        self.request.sso_refusal = refusal  # type: ignore[attr-defined]
        return None

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()


_MISSING = object()
