"""Workflows of the data cycle: submit, approve (lock and freeze the rating), return for
revision, and revise a locked period. The rules they follow are in indicators/returns.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from indicators import rating, returns
from indicators.models import Actual, ActualRevision, DataReturn, FrozenRating, Target
from indicators.periods import Period
from indicators.returns import Event, ReturnStatus
from indicators.scoring import Score, TargetData
from partnerships import clock
from partnerships.models import Area, Membership, User


class ActualLocked(Exception):
    """The period's return is approved: only the secretariat may change it, with a reason."""

    def __init__(self, data_return: DataReturn, *, needs_reason: bool = False) -> None:
        super().__init__()
        self.data_return = data_return
        self.needs_reason = needs_reason

    def __str__(self) -> str:
        if self.needs_reason:
            return (
                f"The {self.data_return.period} return was approved, so changing it is a "
                "revision: say why the figure is being revised."
            )
        return (
            f"The {self.data_return.period} return was approved and its actuals are locked. "
            "Ask the secretariat to revise it, giving the reason."
        )


def is_secretariat(user: User, agreement_id: int) -> bool:
    return (
        Membership.objects.current()
        .filter(
            person__user=user,
            person__agreement_id=agreement_id,
            role=Membership.Role.SECRETARIAT,
        )
        .exists()
    )


def locked_return(target: Target, period: Period) -> DataReturn | None:
    return DataReturn.objects.filter(
        target=target, period=period.label, status=DataReturn.Status.APPROVED
    ).first()


def revision_check(*, target: Target, period: Period, by: User, reason: str) -> DataReturn | None:
    """Called by ``actual_record`` before it saves: None when the period is open; its
    approved return when the secretariat is revising it with a reason; otherwise
    ActualLocked (and nothing is written)."""
    data_return = locked_return(target, period)
    if data_return is None:
        return None
    if not is_secretariat(by, target.agreement_id):
        raise ActualLocked(data_return)
    if not reason.strip():
        raise ActualLocked(data_return, needs_reason=True)
    return data_return


def revision_record(
    *,
    data_return: DataReturn,
    district: Area | None,
    old_value: Decimal | None,
    new_value: Decimal | None,
    reason: str,
    by: User,
) -> ActualRevision:
    return ActualRevision.objects.create(
        data_return=data_return,
        district=district,
        old_value=old_value,
        new_value=new_value,
        reason=reason.strip(),
        by=by,
    )


def _locked_row(target: Target, period: Period) -> DataReturn:
    data_return = (
        DataReturn.objects.select_for_update(no_key=True)
        .filter(target=target, period=period.label)
        .first()
    )
    return data_return or DataReturn(target=target, period=period.label, status="")


def _current(data_return: DataReturn, period: Period, today: dt.date) -> ReturnStatus:
    return returns.status_on(data_return.status or None, period, today, settings.RETURNS_GRACE_DAYS)


@transaction.atomic
def data_return_submit(
    *, target: Target, period: Period, by: User, today: dt.date | None = None
) -> DataReturn:
    """The data owner (or whoever enters the actuals) says the period's figures are in."""
    today = today or clock.today()
    data_return = _locked_row(target, period)
    status = returns.next_status(_current(data_return, period, today), Event.SUBMIT)
    if not Actual.objects.filter(target=target, period=period.label, district=None).exists():
        raise returns.TransitionRefused(
            f"Enter the {period.label} actual (or say why there is none) before submitting."
        )
    data_return.status = status
    data_return.submitted_at, data_return.submitted_by = clock.now(), by
    data_return.save()
    return data_return


@transaction.atomic
def data_return_approve(
    *, target: Target, period: Period, by: User, today: dt.date | None = None
) -> DataReturn:
    """Sign the period off: its actuals lock and its rating is frozen as it stands now."""
    today = today or clock.today()
    data_return = _locked_row(target, period)
    data_return.status = returns.next_status(_current(data_return, period, today), Event.APPROVE)
    data_return.approved_at, data_return.approved_by = clock.now(), by
    data_return.save()
    score = _score(target, period, today)
    FrozenRating.objects.update_or_create(
        data_return=data_return,
        defaults={
            "rating": score.rating.value,
            "rule_version": rating.RULE_VERSION,
            "tolerance_kind": target.tolerance_kind,
            "tolerance": target.tolerance,
            "target_value": score.target_value,
            "actual": score.actual_value,
        },
    )
    return data_return


@transaction.atomic
def data_return_send_back(
    *, target: Target, period: Period, by: User, reason: str, today: dt.date | None = None
) -> DataReturn:
    """Return the figures to the data owner for revision, saying what needs fixing."""
    if not reason.strip():
        raise returns.TransitionRefused("Say what needs revising before returning it.")
    today = today or clock.today()
    data_return = _locked_row(target, period)
    data_return.status = returns.next_status(_current(data_return, period, today), Event.RETURN)
    data_return.returned_at, data_return.returned_by = clock.now(), by
    data_return.return_reason = reason.strip()
    data_return.save()
    return data_return


def _score(target: Target, period: Period, today: dt.date) -> Score:
    data = TargetData(Target.objects.filter(pk=target.pk))
    return data.score(data.infos[target.pk], period, today)


# --- reading: "as approved" against "as recalculated now" -------------------------------


@dataclass(frozen=True, slots=True)
class RatingComparison:
    """One target's rating for a period as approved (frozen) and as the rules give now."""

    score: Score
    frozen: FrozenRating | None

    @property
    def approved_rating(self) -> str | None:
        return self.frozen.rating if self.frozen else None

    @property
    def is_different(self) -> bool:
        """Approved, and today's rules or numbers give another rating."""
        return self.frozen is not None and self.frozen.rating != self.score.rating.value

    @property
    def why_different(self) -> str:
        if not self.is_different or self.frozen is None:
            return ""
        reasons = []
        if self.frozen.rule_version != rating.RULE_VERSION:
            reasons.append(f"rules changed (v{self.frozen.rule_version} → v{rating.RULE_VERSION})")
        info = self.score.target
        tolerance = info.tolerance
        now_tolerance = tolerance.percent if tolerance.percent is not None else tolerance.absolute
        if now_tolerance is not None and now_tolerance != self.frozen.tolerance:
            reasons.append(f"tolerance changed ({self.frozen.tolerance.normalize()} → "
                           f"{now_tolerance.normalize()})")  # fmt: skip
        if self.score.target_value != self.frozen.target_value:
            reasons.append("target value changed")
        if self.score.actual_value != self.frozen.actual:
            reasons.append("actual revised")
        return "; ".join(reasons) or "recalculated differently"


def rating_comparison(
    targets: QuerySet[Target], period: Period, today: dt.date | None = None
) -> list[RatingComparison]:
    """Every target's score for the report period beside its frozen rating (if approved).
    Two queries more than ``TargetData.scores``."""
    today = today or clock.today()
    data = TargetData(targets)
    scores = data.scores(period, today)
    frozen = {
        (f.data_return.target_id, f.data_return.period): f
        for f in FrozenRating.objects.filter(
            data_return__target_id__in=list(data.infos),
            data_return__status=DataReturn.Status.APPROVED,
        ).select_related("data_return")
    }
    return [
        RatingComparison(score, frozen.get((score.target.pk, score.period.label)))
        for score in scores
    ]
