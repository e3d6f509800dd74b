"""The demo delivery plans: every status, cross-cutting actions, risks, money; idempotent."""

import pytest

from demo.indicators import indicators_load
from demo.partnerships import partnerships_load
from demo.plans import plans_load
from demo.timeline import DEMO_AS_AT
from partnerships.models import Partnership
from plans.due import meeting_dates
from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    models = [DeliveryPlan, Action, Milestone, Risk, FundingLine]
    result = {m.__name__: m.objects.count() for m in models}
    result |= {f"history of {m.__name__}": m.history.count() for m in models}
    result["partnership history"] = Partnership.history.count()
    for model in (DeliveryPlan, Action, Risk):
        for name in ("targets",) + (("contributors",) if model is Action else ()):
            result[f"{model.__name__}.{name}"] = getattr(model, name).through.objects.count()
    return result


def test_demo_plans_cover_every_status_cross_cutting_risks_and_money_and_load_once():
    agreements = partnerships_load(with_logins=False)
    indicators_load(agreements=agreements)
    plans_load(agreements=agreements)

    plans = DeliveryPlan.objects.select_related("partnership")
    assert {p.partnership.slug for p in plans} == {
        "safer-essex", "cwop", "sustainable-essex", "essex-2012"
    }  # fmt: skip
    assert set(Action.objects.values_list("status", flat=True)) == set(Action.Status.values)
    assert set(plans.values_list("status", flat=True)) == set(DeliveryPlan.Status.values)
    cross = [
        a for a in Action.objects.prefetch_related("targets")
        if len({t.partnership_id for t in a.targets.all()}) > 1
    ]  # fmt: skip
    assert len(cross) >= 3
    idva = Action.objects.get(title__contains="IDVA")
    assert {t.indicator.code for t in idva.targets.all()} >= {"NI 32", "LI 7.1"}
    assert idva.funding_lines.count() == 2
    assert Risk.objects.count() >= 8
    dates = meeting_dates({p.partnership for p in plans}, DEMO_AS_AT)
    assert all(dates[p.partnership_id].last and dates[p.partnership_id].next for p in plans)
    assert Action.history.filter(history_type="~", progress_note__contains="IDVA posts").exists()

    before = counts()
    plans_load(agreements=agreements)
    assert counts() == before
