"""The home dashboard's meeting panels."""

import datetime as dt

import pytest
from django.test import RequestFactory

from meetings.panels import dashboard_panels
from partnerships.permissions import standing_in
from tests.meetings.factories import make_action, make_item, make_meeting

pytestmark = pytest.mark.django_db


def test_home_shows_my_open_action_points_and_next_meetings(world, as_user):
    soon = dt.date.today() + dt.timedelta(days=20)
    held = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    item = make_item(held, "7", "Domestic Violence Review")
    alan = world.person(world.lead)
    make_action(
        item, "Convene a time limited focus group", owners=[alan], due_on=dt.date(2009, 1, 22)
    )
    make_action(
        item, "Closed already", owners=[alan], status="done", closed_on=dt.date(2008, 11, 1)
    )
    make_action(item, "Not Alan's", due_on=dt.date(2009, 1, 22))
    make_meeting(world.safer, soon, venue="County Hall")
    make_meeting(world.cwop, soon)
    page = as_user(world.lead).get("/").text
    assert "My action points" in page and "Next meetings" in page
    assert "Convene a time limited focus group" in page and "Overdue" in page
    assert "Closed already" not in page and "Not Alan" not in page
    assert f"Safer Essex, {soon:%-d %B %Y}" in page
    assert "Community Wellbeing" not in page.split("Next meetings", 1)[1]  # not Alan's partnership


def test_secretariat_sees_every_partnerships_next_meetings(world, as_user):
    soon = dt.date.today() + dt.timedelta(days=3)
    make_meeting(world.cwop, soon)
    page = as_user(world.secretariat).get("/").text
    assert f"Community Wellbeing and Older People, {soon:%-d %B %Y}" in page


def test_a_past_meeting_not_recorded_as_held_is_not_next_but_is_counted(world, as_user):
    make_meeting(world.safer, dt.date(2009, 1, 22))  # still "planned", its day long gone
    make_meeting(world.safer, dt.date(2009, 3, 5))
    make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    panel = as_user(world.lead).get("/").text.split("Next meetings", 1)[1]
    assert "22 January 2009" not in panel
    assert "No meetings of your partnerships are planned from today on." in panel
    assert "2 earlier meetings are not yet recorded as held." in panel


@pytest.mark.parametrize("size", [1, 6])
def test_panels_take_a_fixed_number_of_queries(world, django_assert_max_num_queries, size):
    alan = world.person(world.lead)
    for n in range(size):
        meeting = make_meeting(world.safer, dt.date(2008, 1, 1) + dt.timedelta(days=31 * n))
        make_action(make_item(meeting), f"Task {n}", owners=[alan])
    request = RequestFactory().get("/")
    request.user = world.lead
    standing = standing_in(request, world.essex)
    with django_assert_max_num_queries(4):
        panels = dashboard_panels(request, standing)
    assert [p.title for p in panels] == ["My action points", "Next meetings"]


def test_a_date_set_for_workplan_updates_shows_until_a_meeting_is_booked(world, as_user):
    soon = dt.date.today() + dt.timedelta(days=10)
    world.safer.next_meeting_override = soon
    world.safer.save()
    panel = as_user(world.lead).get("/").text.split("Next meetings", 1)[1]
    assert f"Safer Essex, {soon:%-d %B %Y}" in panel
    assert "date set for workplan updates; no meeting booked yet" in panel
    make_meeting(world.safer, soon)  # booked: listed once, as the meeting
    panel = as_user(world.lead).get("/").text.split("Next meetings", 1)[1]
    assert panel.count(f"Safer Essex, {soon:%-d %B %Y}") == 1
    assert "no meeting booked yet" not in panel
