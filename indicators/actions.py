"""Workflows that change targets and actuals (each one atomic, each change kept in history)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from indicators.models import (
    Actual,
    Indicator,
    NationalIndicator,
    Target,
    TargetValue,
    code_order,
)
from indicators.periods import Frequency, Period, periods_in_year
from indicators.return_actions import revision_check, revision_record
from partnerships.models import Agreement, Area, User


class ActualConflict(Exception):
    """Someone else saved this period's actual after the form was opened."""

    def __init__(self, current: Actual) -> None:
        super().__init__()
        self.current = current

    def __str__(self) -> str:
        who = self.current.entered_by or "someone"
        value = self.current.value if self.current.value is not None else "no value"
        return (
            f"{who} changed the {self.current.period} actual to {value} while you were "
            "editing it. Your change has not been saved: check theirs, then save again."
        )


@transaction.atomic
def actual_record(
    *,
    target: Target,
    period: Period,
    value: Decimal | None,
    by: User,
    expected_version: int | None,
    district: Area | None = None,
    missing_reason: str = "",
    status: str = Actual.Status.PROVISIONAL,
    quality: str = "",
    commentary: str = "",
    revision_reason: str = "",
) -> Actual:
    """Enter or correct one period's actual. `expected_version` is the version the person
    saw (None if there was no actual): a mismatch raises ActualConflict and saves nothing.
    Once the period's return is approved only the secretariat may change it, giving a
    `revision_reason` (ActualLocked otherwise); the change is kept as a revision."""
    # Data cycle (issue 9): approved periods are locked; see indicators/return_actions.py.
    locked = revision_check(target=target, period=period, by=by, reason=revision_reason)
    existing = (
        Actual.objects.select_for_update(of=("self",), no_key=True)
        .select_related("entered_by")
        .filter(target=target, period=period.label, district=district)
        .first()
    )
    if existing is not None and existing.version != expected_version:
        raise ActualConflict(existing)
    if existing is None and expected_version is not None:
        # It was there when the form opened and has gone since; treat as a new entry.
        expected_version = None
    old_value = existing.value if existing else None  # data cycle (issue 9): for a revision
    actual = existing or Actual(target=target, period=period.label, district=district)
    actual.value = value
    actual.missing_reason = "" if value is not None else missing_reason
    actual.status = status
    actual.quality = quality
    actual.commentary = commentary
    actual.entered_by = by
    actual.version = (existing.version + 1) if existing else 1
    actual.save()
    if locked is not None:  # data cycle (issue 9): show the change as a revision
        revision_record(
            data_return=locked, district=district, old_value=old_value, new_value=value,
            reason=revision_reason, by=by,
        )  # fmt: skip
    return actual


def profile_values(*, target: Target, method: str, years: list[str]) -> dict[str, Decimal]:
    """The profile a method gives: {period label: expected value}, from the annual targets."""
    frequency = Frequency(target.indicator.frequency)
    if frequency not in (Frequency.QUARTERLY, Frequency.MONTHLY):
        return {}
    annual = {v.period: v.value for v in target.values.filter(is_annual=True, period__in=years)}
    places = Decimal(1).scaleb(-target.indicator.decimal_places)
    profile: dict[str, Decimal] = {}
    previous = target.baseline
    for year in years:
        if year not in annual:
            continue
        periods = periods_in_year(year, frequency)
        count = len(periods)
        for index, period in enumerate(periods, start=1):
            if method == "cumulative":
                expected = annual[year] * index / count
            elif method == "linear" and previous is not None:
                expected = previous + (annual[year] - previous) * index / count
            else:
                expected = annual[year]
            profile[period.label] = expected.quantize(places, rounding=ROUND_HALF_UP)
        previous = annual[year]
    return profile


@transaction.atomic
def target_profile_generate(*, target: Target, method: str, years: list[str]) -> int:
    """Replace the target's quarterly/monthly profile; returns how many values changed."""
    changed = 0
    for label, value in profile_values(target=target, method=method, years=years).items():
        current = target.values.filter(period=label).first()
        if current is None:
            TargetValue.objects.create(target=target, period=label, value=value)
            changed += 1
        elif current.value != value:
            current.value = value
            current.save()
            changed += 1
    return changed


@dataclass(frozen=True)
class NationalPick:
    """One national indicator an agreement takes up, with the title and polarity the
    secretariat gave where the catalogue has none."""

    national: NationalIndicator
    title: str
    polarity: str


class AlreadyAdded(Exception):
    def __init__(self, codes: list[str]) -> None:
        super().__init__(f"{', '.join(codes)} already added to this agreement.")
        self.codes = codes


@transaction.atomic
def national_indicators_add(
    *, agreement: Agreement, picks: list[NationalPick], by: User
) -> list[Indicator]:
    """Add each picked national indicator to the agreement as one of its indicators, all or
    none: a code the agreement has meanwhile (AlreadyAdded) saves nothing."""
    codes = [pick.national.code for pick in picks]
    # Lock the agreement so that two people adding at once are told, not failed on the
    # unique constraint.
    Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
    taken = set(
        Indicator.objects.filter(agreement=agreement, code__in=codes).values_list("code", flat=True)
    )
    if taken:
        raise AlreadyAdded(sorted(taken, key=code_order))
    added = []
    for pick in picks:
        indicator = Indicator(
            agreement=agreement,
            code=pick.national.code,
            title=pick.title,
            kind=Indicator.Kind.NATIONAL,
            polarity=pick.polarity,
            unit=pick.national.unit,
            data_source=pick.national.collection,
        )
        indicator._history_user = by  # type: ignore[attr-defined]
        indicator.save()
        added.append(indicator)
    return added
