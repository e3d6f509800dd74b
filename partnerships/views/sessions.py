"""Where you are signed in (and ending the other sessions); the agreement's sign-in log for
its secretariat (partnerships/sessions.py, partnerships/signins.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partnerships import sessions, signins
from partnerships.models import User
from partnerships.permissions import get_manager_standing
from partnerships.typing import HtmxHttpRequest


@login_required
@require_http_methods(["GET"])
def session_list(request: HtmxHttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    context = {
        "signed_in": sessions.sessions_of(user),
        "this_key": request.session.session_key,
        "nav_section": "account",
    }
    return render(request, "partnerships/session_list.html", context)


@login_required
@require_POST
def session_end_others(request: HtmxHttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    ended = sessions.sessions_end(user=user, keep=request.session.session_key)
    if ended:
        messages.success(request, f"Signed out of {ended} other session{'s' if ended > 1 else ''}.")
    else:
        messages.info(request, "You were not signed in anywhere else.")
    return redirect("partnerships:session-list")


@login_required
@require_http_methods(["GET"])
def sign_in_log(request: HtmxHttpRequest) -> HttpResponse:
    """The secretariat's view of its agreement's people's sign-ins and refusals."""
    standing = get_manager_standing(request)
    events = list(signins.events_for_agreement(standing.agreement))
    context = {
        "agreement": standing.agreement,
        "events": events,
        "shown": signins.EVENTS_SHOWN,
        "nav_section": "setup",
    }
    return render(request, "partnerships/sign_in_log.html", context)
