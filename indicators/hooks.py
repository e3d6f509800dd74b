"""Where higher apps add to indicators' pages (partnerships/hooks.py says why)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from django.http import HttpRequest

from partnerships.hooks import Hook
from partnerships.models import Agreement


class EscalationsFor(Protocol):
    def __call__(
        self,
        agreement: Agreement,
        as_at: dt.date,
        *,
        partnership_id: int | None = None,
        target_ids: set[int] | None = None,
    ) -> Any: ...


# The exception report's "overdue more than N days" section: returns, plan actions and
# action points still outstanding (meetings registers meetings.escalation.escalations).
exception_report_escalations: Hook[EscalationsFor] = Hook("overdue work on the exception report")


class TargetSection(Protocol):
    def __call__(self, request: HttpRequest, target: Any) -> str: ...


# Sections a higher app adds to a target's page, each a finished HTML fragment made with
# that app's own template (plans registers the delivery-plan actions serving the target).
target_page_sections: Hook[TargetSection] = Hook("sections of a target's page")
