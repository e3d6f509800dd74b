"""A plan action made from a meeting's action point says so on its plan, and links back."""

import datetime as dt

import pytest

from meetings import actions
from tests.meetings.factories import make_action, make_item, make_meeting
from tests.plans.factories import make_action as make_plan_action
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


def test_the_plan_shows_the_action_point_an_action_came_from(world, as_user):
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2), status="minutes_draft")
    point = make_action(
        make_item(meeting, "7.1", "Domestic Violence Review"),
        "Convene a time limited focus group",
        owners=[world.person(world.lead)],
        number="8",
    )
    plan = make_plan(world.safer, "Safer Essex workplan 2009/10")
    make_plan_action(plan, "An action made in the plan itself")
    actions.action_to_plan(action=point, plan=plan, by=None)
    page = as_user(world.observer).get(plan.get_absolute_url()).text
    link = f'From <a class="govuk-link" href="/meetings/actions/{point.pk}/">'
    assert f"{link}an action point of Safer Essex, 2 October 2008</a>" in page
    assert page.count("an action point of") == 1  # the plan's own action has none
