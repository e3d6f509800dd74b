"""The sign-in log: every sign-in and refused attempt, for the secretariat of each agreement
the person is in (who, when, from where, how). Connected in partnerships/apps.py.

Password failures come from Django's `user_login_failed` signal (django-axes counts the
same signal to lock out repeated failures); single sign-on refusals are written by the
SSO callback (partnerships/sso.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from partnerships import sessions, two_factor
from partnerships.models import Agreement, Person, SignInEvent, User

Method = SignInEvent.Method
# In the session: how this session was signed in (set by the SSO callback before login).
METHOD_KEY = "gt_sign_in_method"
EVENTS_SHOWN = 200


def record(
    request: HttpRequest | None,
    *,
    method: str,
    is_success: bool,
    user: User | None = None,
    email: str = "",
    provider: str = "",
    reason: str = "",
) -> SignInEvent:
    return SignInEvent.objects.create(
        user=user,
        email=(email or (user.email if user else "")).strip().lower()[:254],
        ip_address=sessions.client_ip(request) if request else None,
        user_agent=sessions.user_agent(request) if request else "",
        method=method,
        provider=provider[:40],
        is_success=is_success,
        reason=reason[:200],
    )


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """Every sign-in (password, SSO, or a test's force_login): the log, the session's row,
    and whether a second factor is still to be given."""
    if request is None or not hasattr(request, "session"):
        return
    sso_provider = getattr(request, "sso_provider", None)
    method = Method.SSO if sso_provider is not None else Method.PASSWORD
    record(
        request,
        method=method,
        is_success=True,
        user=user,
        provider=getattr(sso_provider, "name", ""),
    )
    sessions.record_session(request, user, method)
    if getattr(sso_provider, "verifies_two_factor", False):
        request.session[two_factor.BY_PROVIDER_KEY] = True
    elif two_factor.has_device(user):
        request.session[two_factor.PENDING_KEY] = True


def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "")
    if not email:
        return
    record(
        request,
        method=Method.PASSWORD,
        is_success=False,
        user=User.objects.filter(email__iexact=email).first(),
        email=email,
        reason="E-mail address and password did not match.",
    )


def events_for_agreement(agreement: Agreement) -> QuerySet[SignInEvent]:
    """The agreement's people's events, by their sign-in or by their address (a refused
    attempt may have no sign-in)."""
    people = Person.objects.filter(agreement=agreement)
    emails = [e.lower() for e in people.exclude(email="").values_list("email", flat=True)]
    users = User.objects.filter(people__agreement=agreement).values("pk")
    return (
        SignInEvent.objects.filter(Q(user__in=users) | Q(email__in=emails))
        .select_related("user")
        .order_by("-at", "-pk")[:EVENTS_SHOWN]
    )
