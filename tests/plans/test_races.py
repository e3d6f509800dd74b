"""A plan part deleted while someone saves it (found by scripts/security-scan, issue 14):
the delete waits for the save and then removes the part with every link it made, rather
than failing at commit on a link added meanwhile. Needs PostgreSQL (row locks)."""

import pytest
from django.db.models import F

from plans.models import Action, FundingLine, Risk
from tests.meetings.test_races import pytestmark, race  # noqa: F401  (PostgreSQL only)
from tests.plans.factories import make_action, make_plan, make_risk


@pytest.fixture
def plan(world):
    return make_plan(world.safer)


def test_deleting_a_risk_while_it_is_linked_to_actions_waits_for_the_save(world, as_user, plan):
    risk = make_risk(plan)
    action = make_action(plan, "Target repeat victims")

    def save_with_links() -> None:
        Risk.objects.filter(pk=risk.pk).update(version=F("version") + 1)  # the save's claim
        Risk.objects.get(pk=risk.pk).actions.add(action)

    response = race(
        save_with_links, lambda: as_user(world.lead).post(f"/plans/risks/{risk.pk}/delete/")
    )

    assert response.status_code == 302
    assert not Risk.objects.filter(pk=risk.pk).exists()
    assert not Risk.actions.through.objects.filter(risk_id=risk.pk).exists()
    assert Action.objects.filter(pk=action.pk).exists()


def test_deleting_an_action_while_it_is_linked_waits_for_the_save(world, as_user, plan):
    action = make_action(plan, "Target repeat victims")
    risk = make_risk(plan)

    def save_with_links() -> None:
        Action.objects.filter(pk=action.pk).update(version=F("version") + 1)
        risk.actions.add(action)

    response = race(
        save_with_links, lambda: as_user(world.lead).post(f"/plans/actions/{action.pk}/delete/")
    )

    assert response.status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    assert not Risk.actions.through.objects.filter(action_id=action.pk).exists()
    assert FundingLine.objects.filter(plan=plan).count() == 0
