"""Who may do what through the API: exactly what they may do on the web pages.

Reading: everyone in an agreement (each endpoint is scoped to the person's agreements, so
another agreement's record answers 404). Writing: figures only, by the people the target
page lets enter them (indicators/permissions.py: `can_enter_actuals`); an observer, who
changes nothing anywhere, is refused any write with 403 before anything else is looked at.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from partnerships.permissions import agreements_for, standing_in


class ObserversOnlyRead(BasePermission):
    message = "Observers read everything and change nothing."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return True
        django_request = request._request
        standings = [standing_in(django_request, a) for a in agreements_for(django_request)]
        return not standings or not all(s.is_observer for s in standings)
