"""Delivery-plan workflows called directly: the approval path and its refusals."""

import pytest

from plans.actions import PlanError, plan_approve, plan_return, plan_submit
from plans.models import DeliveryPlan
from tests.plans.factories import answer_equality, make_plan

pytestmark = pytest.mark.django_db


def test_a_plan_goes_draft_submitted_approved(world):
    plan = answer_equality(make_plan(world.safer))
    plan_submit(plan=plan, by=world.lead)
    plan_approve(plan=plan, by=world.chair)
    plan.refresh_from_db()
    assert plan.status == DeliveryPlan.Status.APPROVED
    assert (plan.submitted_by, plan.approved_by) == (world.lead, world.chair)
    assert [h.status for h in plan.history.order_by("history_id")] == [
        "draft", "draft", "submitted", "approved"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "date", "reference", "problem"),
    [
        ("", None, "", "Answer the equality impact question"),
        ("assessed", None, "", "Give the date of the equality impact assessment"),
        ("planned", None, "https://example.test/eia", "Give the date the equality impact"),
        ("not_needed", None, "", "Say why an equality impact assessment is not needed."),
    ],
)
def test_submission_needs_the_equality_prompt_answered_in_full(
    world, answer, date, reference, problem
):
    plan = make_plan(
        world.safer,
        equality_impact=answer,
        equality_assessed_on=date,
        equality_reference=reference,
    )
    with pytest.raises(PlanError, match=problem):
        plan_submit(plan=plan, by=world.lead)
    plan.refresh_from_db()
    assert plan.status == DeliveryPlan.Status.DRAFT


def test_only_submitted_plans_are_approved_or_returned(world):
    plan = answer_equality(make_plan(world.safer))
    with pytest.raises(PlanError, match="Only a submitted plan can be approved"):
        plan_approve(plan=plan, by=world.chair)
    with pytest.raises(PlanError, match="Only a submitted plan can be returned"):
        plan_return(plan=plan, by=world.chair, note="No")
    plan_submit(plan=plan, by=world.lead)
    with pytest.raises(PlanError, match="already submitted for approval"):
        plan_submit(plan=plan, by=world.lead)
