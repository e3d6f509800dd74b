"""Factories for delivery plans and the indicator targets their actions serve."""

import datetime as dt
import itertools
from decimal import Decimal

from indicators.models import Actual, Indicator, Target, TargetValue
from partnerships.models import Agreement, Partnership, Person
from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk

_seq = itertools.count(1)


def make_target(
    agreement: Agreement,
    partnership: Partnership,
    code: str | None = None,
    *,
    outcome=None,
    polarity: str = Indicator.Polarity.HIGHER,
    **extra: object,
) -> Target:
    code = code or f"NI {next(_seq)}"
    indicator = Indicator.objects.create(
        agreement=agreement, code=code, title=f"Indicator {code}", polarity=polarity
    )
    return Target.objects.create(
        agreement=agreement, indicator=indicator, partnership=partnership, outcome=outcome, **extra
    )


def rate_target(target: Target, period: str, actual: str, expected: str) -> None:
    """Give a target one period's profiled value and actual."""
    TargetValue.objects.create(target=target, period=period, value=Decimal(expected))
    Actual.objects.create(target=target, period=period, value=Decimal(actual))


def make_plan(
    partnership: Partnership, title: str = "Domestic abuse plan", **extra
) -> DeliveryPlan:
    defaults: dict[str, object] = {
        "starts_on": dt.date(2009, 4, 1),
        "ends_on": dt.date(2010, 3, 31),
    }
    return DeliveryPlan.objects.create(
        partnership=partnership, title=title, **{**defaults, **extra}
    )


def answer_equality(plan: DeliveryPlan) -> DeliveryPlan:
    plan.equality_impact = DeliveryPlan.Equality.ASSESSED
    plan.equality_assessed_on = dt.date(2009, 5, 1)
    plan.save()
    return plan


def make_action(
    plan: DeliveryPlan,
    title: str | None = None,
    *,
    lead: Person | None = None,
    targets: tuple[Target, ...] = (),
    **extra: object,
) -> Action:
    n = next(_seq)
    defaults: dict[str, object] = {"ref": f"{n}", "order": n}
    action = Action.objects.create(
        plan=plan, title=title or f"Action {n}", lead=lead, **{**defaults, **extra}
    )
    if targets:
        action.targets.set(targets)
    return action


def make_milestone(action: Action, title: str = "Milestone", **extra: object) -> Milestone:
    return Milestone.objects.create(
        action=action, title=title, **{"due_on": dt.date(2009, 6, 30), **extra}
    )


def make_risk(plan: DeliveryPlan, likelihood: int = 3, impact: int = 4, **extra) -> Risk:
    return Risk.objects.create(
        plan=plan,
        description=extra.pop("description", "Not all PRG is approved"),
        likelihood=likelihood,
        impact=impact,
        **extra,
    )


def make_funding_line(plan: DeliveryPlan, amount: str = "157540", **extra) -> FundingLine:
    defaults: dict[str, object] = {"source": FundingLine.Source.PRG, "year": "2009/10"}
    return FundingLine.objects.create(plan=plan, amount=Decimal(amount), **{**defaults, **extra})
