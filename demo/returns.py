"""Demo sign-off (the quarterly data cycle) for the Essex LAA: every quarterly target's
2009/10 Q1 return submitted by its data owner and approved by its target lead in August
2009; the Q1 carers' figure (NI 135) then revised by the secretariat, so its approved
Amber now recalculates as Red and the reports mark the difference; in Q2, NI 40's return
submitted and waiting for approval and NI 30's sent back for revision. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from indicators.actions import actual_record
from indicators.models import Actual, ActualRevision, DataReturn, Target
from indicators.periods import Period
from indicators.return_actions import (
    data_return_approve,
    data_return_send_back,
    data_return_submit,
)
from partnerships.models import Agreement, Membership, Person, User

Q1 = Period.parse("2009/10 Q1")
Q2 = Period.parse("2009/10 Q2")
SUBMITTED_ON = dt.date(2009, 8, 10)
APPROVED_ON = dt.date(2009, 8, 20)
REVISED_ON = dt.date(2009, 9, 15)  # after the September data-quality check
REVISION = (
    "NI 135",
    Decimal("5.0"),
    "The PCT's Q1 count included carers assessed jointly with the county council twice; "
    "corrected figure from the September data-quality check.",
)


def returns_load(*, agreements: dict[str, Agreement]) -> None:
    agreement = next((a for slug, a in agreements.items() if slug.startswith("essex")), None)
    if agreement is None or DataReturn.objects.filter(target__agreement=agreement).exists():
        return
    targets = {
        t.indicator.code: t
        for t in Target.objects.filter(agreement=agreement, indicator__frequency="quarterly")
        .select_related("indicator", "lead__user", "data_owner__user")
        .order_by("indicator__code")
    }
    entered = set(
        Actual.objects.filter(
            target__in=targets.values(), period=Q1.label, district=None, value__isnull=False
        ).values_list("target_id", flat=True)
    )
    for target in targets.values():
        if target.pk in entered:
            owner = _user(target.data_owner) or _user(target.lead)
            data_return_submit(target=target, period=Q1, by=owner, today=SUBMITTED_ON)
            data_return_approve(target=target, period=Q1, by=_user(target.lead), today=APPROVED_ON)
    secretariat = (
        User.objects.filter(
            people__memberships__role=Membership.Role.SECRETARIAT,
            people__memberships__partnership__agreement=agreement,
        )
        .distinct()
        .first()
    )
    code, value, reason = REVISION
    if secretariat is not None and code in targets:
        current = Actual.objects.get(target=targets[code], period=Q1.label, district=None)
        actual_record(
            target=targets[code], period=Q1, value=value, by=secretariat,
            expected_version=current.version, status=current.status,
            commentary=current.commentary, revision_reason=reason,
        )  # fmt: skip
    q2_submitted_on, q2_returned_on = dt.date(2009, 11, 2), dt.date(2009, 11, 9)
    for code, send_back in (("NI 40", ""), ("NI 30", "Q2 leaves out Harlow; please resubmit.")):
        target = targets.get(code)
        if target is None:
            continue
        by = _user(target.data_owner) or _user(target.lead)
        data_return_submit(target=target, period=Q2, by=by, today=q2_submitted_on)
        if send_back:
            data_return_send_back(
                target=target, period=Q2, by=_user(target.lead), reason=send_back,
                today=q2_returned_on,
            )  # fmt: skip
    # Dated as they happened, not on the day the demo is loaded.
    returns = DataReturn.objects.filter(target__agreement=agreement)
    returns.filter(period=Q1.label).update(
        submitted_at=_at(SUBMITTED_ON), approved_at=_at(APPROVED_ON)
    )
    returns.filter(period=Q2.label).update(submitted_at=_at(q2_submitted_on))
    returns.filter(period=Q2.label, returned_at__isnull=False).update(
        returned_at=_at(q2_returned_on)
    )
    ActualRevision.objects.filter(data_return__in=returns).update(at=_at(REVISED_ON))


def _user(person: Person | None) -> User | None:
    return person.user if person is not None else None


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
