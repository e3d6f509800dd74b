"""Sign in with an organisation's account: the start (provider chosen by URL) and the one
callback every provider returns to (the provider found again by the OpenID `state`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from partnerships import signins, sso

STATES_KEY = "gt_sso_states"
_MISSING = object()


class SSOStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the chosen provider, with state, nonce and PKCE."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)

    def get_settings(self, attr: str, *args: Any) -> Any:  # type: ignore[override]
        value = {
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_USE_NONCE": True,
            "OIDC_USE_PKCE": True,
            "OIDC_AUTHENTICATION_CALLBACK_URL": "partnerships:sso-callback",
        }.get(attr, _MISSING)
        return super().get_settings(attr, *args) if value is _MISSING else value

    def get(self, request: HttpRequest, provider: str) -> HttpResponse:  # type: ignore[override]
        chosen = sso.providers().get(provider)
        if chosen is None:
            raise Http404("No such sign-in provider.")
        self.provider = chosen
        self.OIDC_OP_AUTH_ENDPOINT = chosen.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = chosen.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        states = request.session.get(STATES_KEY, {})
        states[state] = chosen.name
        request.session[STATES_KEY] = states
        return response


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back. A state this browser did not start, a
    wrong nonce, an unverified or unknown address: refused with a page saying why."""

    def get_settings(self, attr: str, *args: Any) -> Any:  # type: ignore[override]
        if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
            return "partnerships:sso-callback"
        return super().get_settings(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponseBase:  # type: ignore[override]
        states: dict[str, str] = request.session.get(STATES_KEY, {})
        name = states.pop(request.GET.get("state", ""), None)
        request.session[STATES_KEY] = states
        provider = sso.providers().get(name or "")
        if provider is None:
            return self.refuse(
                request, None, "This sign-in link was not started here, or was used already."
            )
        request.sso_provider = provider  # type: ignore[attr-defined]
        try:
            return super().get(request)
        except SuspiciousOperation:
            return self.refuse(request, provider, "The provider's answer could not be checked.")

    def login_failure(self) -> HttpResponse:
        provider = getattr(self.request, "sso_provider", None)
        reason = getattr(self.request, "sso_refusal", "The provider did not sign you in.")
        return self.refuse(self.request, provider, reason)

    def refuse(
        self, request: HttpRequest, provider: sso.Provider | None, reason: str
    ) -> HttpResponse:
        email = getattr(request, "sso_email", "")
        signins.record(
            request,
            method=signins.Method.SSO,
            is_success=False,
            email=email,
            provider=provider.name if provider else "",
            reason=reason,
        )
        context = {"reason": reason, "provider": provider}
        return render(request, "registration/sso_refused.html", context, status=403)
