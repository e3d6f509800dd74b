"""Downloads are never kept by browsers or proxies.

Every document the app makes (PDF, Word, Excel, CSV, calendar) carries the agreement's
figures, names and minutes; on a shared or public computer a cached copy would outlive
the session. One place marks them all, whichever view made them.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from partnerships import sessions, two_factor

DOWNLOAD_TYPES = frozenset(
    {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/csv",
        "text/calendar",
    }
)


def is_download(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    disposition = response.get("Content-Disposition", "").strip().lower()
    return disposition.startswith("attachment") or content_type in DOWNLOAD_TYPES


class DownloadNoStoreMiddleware:
    """``Cache-Control: no-store`` on every download: an attachment, or a document type
    shown inline (PDFs open in the browser)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_download(response):
            response["Cache-Control"] = "no-store"
        return response


# Paths a signed-in person may use before giving a second factor (or setting one up).
TWO_FACTOR_OPEN_PATHS = (
    "/account/two-factor/",
    "/accounts/logout/",
    "/accounts/login/",
    "/accounts/sso/",
    "/static/",
    "/accessibility/",
    "/help/",
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware. A person who has a second factor gives a code
    after signing in before anything else; when settings.TWO_FACTOR_REQUIRED is on, a site
    administrator or secretariat member without one is sent to set one up, and any request
    that would change data is refused until they have."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            not user.is_authenticated
            or user.is_verified()  # type: ignore[union-attr]
            or request.session.get(two_factor.BY_PROVIDER_KEY)
            or request.path.startswith(TWO_FACTOR_OPEN_PATHS)
        ):
            return self.get_response(request)
        if request.session.get(two_factor.PENDING_KEY):
            return _send_to("partnerships:two-factor-verify", request)
        if settings.TWO_FACTOR_REQUIRED and two_factor.is_required_for(user):  # type: ignore[arg-type]
            if two_factor.has_device(user):  # type: ignore[arg-type]
                return _send_to("partnerships:two-factor-verify", request)
            if request.method not in SAFE_METHODS:
                return render(request, "partnerships/two_factor_required.html", status=403)
            return _send_to("partnerships:two-factor-setup", request)
        return self.get_response(request)


def _send_to(name: str, request: HttpRequest) -> HttpResponse:
    target = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):
        return HttpResponseClientRedirect(target)
    return redirect(target)


class SessionSeenMiddleware:
    """Keeps each signed-in session's "last seen" (partnerships/sessions.py), at most once
    a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            sessions.touch_session(request)
        return self.get_response(request)
