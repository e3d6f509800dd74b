"""Where higher apps add to indicators' pages (partnerships/hooks.py says why)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

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
