"""Where higher apps add to indicators' pages (partnerships/hooks.py says why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class ResponseRisk:
    """An open risk on a plan action answering an exception (or on the target itself)."""

    description: str
    score: int
    level: str  # "Low", "Medium" or "High"
    rag: str  # the rating colour the level is shown in (green, amber, red)
    owner: str
    status: str
    on: str  # what it is recorded against: an action's reference, or "this target"


@dataclass(frozen=True, slots=True)
class ResponseAction:
    """A delivery plan action serving a target on the exception report, as plain text."""

    title: str
    url: str
    plan: str
    rating: str  # the CSS modifier of its rating: green, amber, red, not_rated
    rating_label: str
    status: str
    lead: str
    due_on: dt.date | None
    is_overdue: bool
    progress: str
    progress_on: dt.date | None


@dataclass(frozen=True, slots=True)
class TargetResponse:
    """What the partnership is doing about one target: its plan actions and open risks."""

    actions: tuple[ResponseAction, ...] = ()
    risks: tuple[ResponseRisk, ...] = field(default_factory=tuple)

    @property
    def has_actions(self) -> bool:
        return bool(self.actions)


class ResponsesFor(Protocol):
    def __call__(
        self, target_ids: Collection[int], today: dt.date
    ) -> Mapping[int, TargetResponse]: ...


# The exception report's "response" under each exception: the delivery plan actions serving
# the target and the open risks on them, in a fixed number of queries however many targets
# (plans registers plans.links.exception_responses). A target missing from the answer has
# no action planned; with nothing registered the report leaves the response out.
exception_report_responses: Hook[ResponsesFor] = Hook("plan actions answering each exception")
