"""Where a person is signed in, and ending it.

Sessions live in the database (Django's default session engine); each signed-in session has
a `SignedInSession` row beside it, written at sign-in and touched at most once a minute, so
a person can see where they are signed in and end the others. Ending someone's last role,
or withdrawing the invitation that was their only one, deletes their sessions at once: the
next request they make is signed out.
"""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest

from partnerships import clock
from partnerships.models import Membership, Person, SignedInSession, User

SEEN_KEY = "gt_seen"
SEEN_EVERY_SECONDS = 60


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from (behind the proxy docs/deploy.md describes, the
    proxy sets REMOTE_ADDR's forwarded value; we trust only REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR") or None


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300]


def record_session(request: HttpRequest, user: User, method: str) -> None:
    """Called at sign-in, after Django has given the session its new key."""
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    now = clock.now()
    SignedInSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "ip_address": client_ip(request),
            "user_agent": user_agent(request),
            "method": method,
            "last_seen": now,
        },
    )
    request.session[SEEN_KEY] = time.time()


def touch_session(request: HttpRequest) -> None:
    """Last seen, written at most once a minute per session (timed by the real clock: the
    demo's "as at" date may differ from the one stamped at sign-in)."""
    seen = request.session.get(SEEN_KEY)
    if seen is not None and abs(time.time() - float(seen)) < SEEN_EVERY_SECONDS:
        return
    key = request.session.session_key
    if key and not SignedInSession.objects.filter(session_key=key).update(last_seen=clock.now()):
        record_session(request, request.user, "")  # type: ignore[arg-type]
    request.session[SEEN_KEY] = time.time()


def sessions_of(user: User) -> list[SignedInSession]:
    """The user's sessions still open (the session itself not ended or cleared)."""
    live = Session.objects.values("session_key")
    return list(SignedInSession.objects.filter(user=user, session_key__in=live))


@transaction.atomic
def sessions_end(*, user: User, keep: str | None = None) -> int:
    """Ends the user's sessions, all but ``keep`` (the one they are using)."""
    rows = SignedInSession.objects.filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    rows.delete()
    return len(keys)


def sessions_end_if_no_role(*, person: Person) -> int:
    """Signs out the person's user when they hold no current role anywhere (and are not a
    site administrator): called where a role is ended or an invitation withdrawn."""
    user = person.user
    if user is None or user.is_superuser:
        return 0
    if Membership.objects.current().filter(person__user=user).exists():
        return 0
    return sessions_end(user=user)
