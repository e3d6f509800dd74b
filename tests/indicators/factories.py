"""Factories for indicators, targets and actuals."""

from decimal import Decimal

from indicators.models import Actual, Indicator, Target, TargetValue
from partnerships.models import Agreement, Partnership, Person


def make_indicator(agreement: Agreement, code: str = "NI 32", **extra: object) -> Indicator:
    defaults: dict[str, object] = {
        "title": "Repeat incidents of domestic violence",
        "polarity": "lower",
        "unit": "%",
        "frequency": "quarterly",
    }
    return Indicator.objects.create(agreement=agreement, code=code, **{**defaults, **extra})


def make_target(
    partnership: Partnership,
    indicator: Indicator | None = None,
    *,
    lead: Person | None = None,
    data_owner: Person | None = None,
    **extra: object,
) -> Target:
    agreement = partnership.agreement
    indicator = indicator or make_indicator(agreement)
    defaults: dict[str, object] = {"baseline": Decimal("28"), "baseline_period": "2007/08"}
    return Target.objects.create(
        agreement=agreement,
        indicator=indicator,
        partnership=partnership,
        lead=lead,
        data_owner=data_owner,
        **{**defaults, **extra},
    )


def set_values(target: Target, **values: str) -> None:
    """set_values(t, **{"2009/10 Q1": "26"}) – target values by period label."""
    for period, value in values.items():
        TargetValue.objects.create(target=target, period=period, value=Decimal(value))


def add_actual(target: Target, period: str, value: str | None, **extra: object) -> Actual:
    return Actual.objects.create(
        target=target,
        period=period,
        value=Decimal(value) if value is not None else None,
        missing_reason="" if value is not None else "Not received",
        **extra,
    )
