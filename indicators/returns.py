"""Data returns: when each period's figures are due, and how a return moves to sign-off.

A return is one target's figures for one period. It is *not due* until the period ends,
*due* from then until ``period end + grace days`` (settings.RETURNS_GRACE_DAYS), and
*late* after that. The data owner *submits* it; the target lead (or the secretariat)
*approves* it or *returns it for revision* with a reason; a returned return is submitted
again. Approval is final: it locks the period's actuals and freezes the rating (changes
afterwards are revisions by the secretariat, see ``indicators/return_actions.py``).

The rules above are pure Python (no Django) and tested exhaustively. The one database
function, ``overdue_returns``, sits at the end for the exception report and matters
arising to call (docs/data-cycle.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings

from indicators.periods import Period

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from indicators.models import Target
    from partnerships.models import Agreement

__all__ = [
    "OPEN",
    "Event",
    "ReturnStatus",
    "TransitionRefused",
    "due_on",
    "next_status",
    "overdue_returns",
    "status_on",
]


class ReturnStatus(StrEnum):
    NOT_DUE = "not_due"
    DUE = "due"
    LATE = "late"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ReturnStatus.NOT_DUE: "Not due",
    ReturnStatus.DUE: "Due",
    ReturnStatus.LATE: "Late",
    ReturnStatus.SUBMITTED: "Submitted",
    ReturnStatus.APPROVED: "Approved",
    ReturnStatus.RETURNED: "Returned for revision",
}

# Statuses that come from the clock rather than from anyone's action.
OPEN = frozenset({ReturnStatus.NOT_DUE, ReturnStatus.DUE, ReturnStatus.LATE})


class Event(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"


class TransitionRefused(Exception):
    """The return cannot move that way from where it is; the message says why."""


# Where each event may start from. A return can be submitted once its period has ended
# (due or late) or after it came back for revision; approved is final.
_FROM: dict[Event, frozenset[ReturnStatus]] = {
    Event.SUBMIT: frozenset({ReturnStatus.DUE, ReturnStatus.LATE, ReturnStatus.RETURNED}),
    Event.APPROVE: frozenset({ReturnStatus.SUBMITTED}),
    Event.RETURN: frozenset({ReturnStatus.SUBMITTED}),
}
_TO = {
    Event.SUBMIT: ReturnStatus.SUBMITTED,
    Event.APPROVE: ReturnStatus.APPROVED,
    Event.RETURN: ReturnStatus.RETURNED,
}
_WHY_NOT = {
    ReturnStatus.NOT_DUE: "its period has not ended yet",
    ReturnStatus.DUE: "it has not been submitted",
    ReturnStatus.LATE: "it has not been submitted",
    ReturnStatus.SUBMITTED: "it has already been submitted and awaits sign-off",
    ReturnStatus.APPROVED: "it has been approved and its figures are locked",
    ReturnStatus.RETURNED: "it was returned for revision and must be submitted again",
}


def due_on(period: Period, grace_days: int) -> dt.date:
    """The last day to submit the return: the period's end plus the grace days."""
    return period.end + dt.timedelta(days=grace_days)


def status_on(
    recorded: ReturnStatus | str | None, period: Period, today: dt.date, grace_days: int
) -> ReturnStatus:
    """The status shown on ``today``: what someone last did to it, or, when nobody has
    (``recorded`` None or a clock status), not due / due / late from the dates."""
    if recorded is not None and ReturnStatus(recorded) not in OPEN:
        return ReturnStatus(recorded)
    if not period.has_ended(today):
        return ReturnStatus.NOT_DUE
    return ReturnStatus.LATE if today > due_on(period, grace_days) else ReturnStatus.DUE


def next_status(current: ReturnStatus | str, event: Event | str) -> ReturnStatus:
    """Where ``event`` takes a return in ``current``; TransitionRefused when it cannot."""
    current, event = ReturnStatus(current), Event(event)
    if current not in _FROM[event]:
        raise TransitionRefused(f"The return cannot be {_PAST[event]}: {_WHY_NOT[current]}.")
    return _TO[event]


_PAST = {
    Event.SUBMIT: "submitted",
    Event.APPROVE: "approved",
    Event.RETURN: "returned for revision",
}


def days_late(period: Period, today: dt.date, grace_days: int) -> int:
    """Days past the due date (0 when not late)."""
    return max(0, (today - due_on(period, grace_days)).days)


def status_then(
    status: str,
    submitted_at: dt.datetime | None,
    returned_at: dt.datetime | None,
    before: dt.datetime,
) -> str | None:
    """A recorded return's status as it stood just before ``before`` (None: not yet in).
    Approval and sending back come after submission, so the dates settle it."""
    if submitted_at is None or submitted_at >= before:
        return None
    if status == ReturnStatus.RETURNED and (returned_at is None or returned_at >= before):
        return ReturnStatus.SUBMITTED  # sent back only later
    return status


# --- database ---------------------------------------------------------------------------


def day_end(day: dt.date) -> dt.datetime:
    """Midnight at the end of ``day``, in the site's time zone: what was done "by" a day
    happened before it."""
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


@dataclass(frozen=True, slots=True)
class OverdueReturn:
    target_id: int
    code: str
    title: str
    partnership_id: int
    data_owner_id: int | None
    lead_id: int | None
    period: Period
    status: ReturnStatus
    due_on: dt.date
    days_late: int
    url: str


# A target id no database reaches, put in a link and then swapped for the real one.
_ANY_ID = 2_147_483_647


def overdue_returns(agreement: Agreement, today: dt.date, threshold: int) -> list[OverdueReturn]:
    """Returns more than ``threshold`` days past their due date and not yet submitted (or
    sent back and not resubmitted) on ``today``, for the chair's exception report and
    matters arising. ``today`` may be in the past: what was submitted, sent back or entered
    after it is taken as not yet done, so an old report lists what was overdue then.

    Looks at each active target's periods that ended within the agreement; four queries
    whatever the number of targets.
    """
    # Imported here so the rules above stay importable (and testable) without Django.
    from django.conf import settings
    from django.urls import reverse

    from indicators.models import Target
    from indicators.periods import Frequency, periods_between

    grace = settings.RETURNS_GRACE_DAYS
    active = Target.objects.active().filter(agreement=agreement)
    targets = list(
        active.values_list(
            "pk",
            "indicator__code",
            "indicator__title",
            "partnership_id",
            "data_owner_id",
            "lead_id",
            "indicator__frequency",
        )
    )
    # A subquery, not a list of ids: binding hundreds of ids cost more than the rows.
    recorded, entered = _returns_then(active.values("pk"), day_end(today))
    last_day = min(agreement.ends_on, today)
    # Every target of a frequency has the same periods, and each period's link differs
    # only in the target's id: worked out once, not for each of thousands of returns. Only
    # periods more than the threshold past due can be overdue.
    periods: dict[str, list[tuple[Period, dt.date, int, str]]] = {}
    for frequency in {row[-1] for row in targets}:
        periods[frequency] = [
            (period, due_on(period, grace), late,
             reverse("indicators:return-detail", args=[_ANY_ID, period.label]))
            for period in periods_between(agreement.starts_on, last_day, Frequency(frequency))
            if (late := days_late(period, today, grace)) > threshold
        ]  # fmt: skip
    labels = {frequency: {p[0].label for p in rows} for frequency, rows in periods.items()}
    with_returns = {pk for pk, _ in recorded}
    found = []
    for pk, code, title, partnership_id, owner_id, lead_id, frequency in targets:
        done = entered.get(pk, set())
        if pk not in with_returns and labels[frequency] <= done:
            continue  # every period's figure was in (the usual case): nothing to chase
        for period, due, late, url in periods[frequency]:
            key = (pk, period.label)
            if period.label in done and key not in recorded:
                continue
            status = status_on(recorded.get(key), period, today, grace)
            if status in (ReturnStatus.LATE, ReturnStatus.RETURNED):
                found.append(
                    OverdueReturn(
                        pk, code, title, partnership_id, owner_id, lead_id, period, status,
                        due, late, url.replace(f"/{_ANY_ID}/", f"/{pk}/", 1),
                    )
                )  # fmt: skip
    found.sort(key=lambda r: (-r.days_late, r.code))
    return found


def _returns_then(
    target_ids: QuerySet[Target, dict[str, Any]], end_of_day: dt.datetime
) -> tuple[dict[tuple[int, str], ReturnStatus], dict[int, set[str]]]:
    """As they stood at ``end_of_day``: each (target, period)'s recorded return status,
    and {target id: the periods with an area-wide figure entered}. Two queries."""
    from django.db.models import StringAgg, Value

    from indicators.models import Actual, DataReturn

    recorded = {
        (t, p): status_then(s, submitted, returned, end_of_day)
        for t, p, s, submitted, returned in DataReturn.objects.filter(target_id__in=target_ids)
        .order_by()  # the model's ordering only adds a sort
        .values_list("target_id", "period", "status", "submitted_at", "returned_at")
    }
    # Periods with an area-wide figure in, and no return row: treated as submitted by the
    # old way of working (before sign-off existed), so they are not chased. One row a
    # target, its periods joined (labels have no commas): a row a figure was thousands.
    entered = {
        target_id: set(labels.split(_SEPARATOR))
        for target_id, labels in Actual.objects.filter(
            target_id__in=target_ids, district__isnull=True, entered_at__lt=end_of_day
        )
        .order_by()
        .values("target_id")
        .annotate(periods=StringAgg("period", Value(_SEPARATOR)))
        .values_list("target_id", "periods")
    }
    return {key: status for key, status in recorded.items() if status is not None}, entered


_SEPARATOR = ","


def report_date(period: Period, today: dt.date) -> dt.date:
    """The date a period's exception report escalates as at: today for a current period,
    and for an earlier one the day its returns fell due (period end plus the grace days),
    so a 2009/10 Q2 report read years later does not list everything since as overdue."""
    return min(today, due_on(period, settings.RETURNS_GRACE_DAYS))
