"""What meetings has due: action points as due items, and each partnership's last and
next meeting from its meetings (which the delivery plans' update deadlines hang on)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from meetings import actions
from meetings.due import action_point_items, meeting_dates
from meetings.models import ActionPoint, Meeting
from partnerships.due import DueKind
from partnerships.models import Partnership
from tests.meetings.factories import make_action, make_item, make_meeting

pytestmark = pytest.mark.django_db

TODAY = dt.date(2009, 6, 10)


def test_the_last_and_next_meeting_come_from_the_meetings(world):
    make_meeting(world.safer, dt.date(2009, 3, 5), status=Meeting.Status.HELD)
    make_meeting(world.safer, dt.date(2009, 5, 20))  # not recorded as held: still the last
    make_meeting(world.safer, dt.date(2009, 7, 2))
    make_meeting(world.safer, dt.date(2009, 9, 10))
    dates = meeting_dates([world.safer.pk, world.cwop.pk], TODAY)
    assert (dates[world.safer.pk].last, dates[world.safer.pk].next) == (
        dt.date(2009, 5, 20),
        dt.date(2009, 7, 2),
    )
    assert world.cwop.pk not in dates  # no meetings: nothing known


def test_a_meeting_today_is_next_until_it_is_held_and_then_last(world):
    today = make_meeting(world.safer, TODAY)
    dates = meeting_dates([world.safer.pk], TODAY)[world.safer.pk]
    assert (dates.last, dates.next) == (None, TODAY)
    Meeting.objects.filter(pk=today.pk).update(status=Meeting.Status.HELD)
    dates = meeting_dates([world.safer.pk], TODAY)[world.safer.pk]
    assert (dates.last, dates.next) == (TODAY, None)


def test_a_moved_meeting_moves_the_next_meeting_with_it(world):
    soon = dt.date.today() + dt.timedelta(days=30)
    meeting = actions.meeting_create(partnership=world.safer, date=soon)
    later = soon + dt.timedelta(days=7)
    actions.meeting_update(meeting=meeting, fields={"date": later})
    assert meeting_dates([world.safer.pk], dt.date.today())[world.safer.pk].next == later


def test_dates_the_meetings_held_are_not_kept_as_overrides_after_the_rename(world):
    """The migration that made the old next-meeting date an override clears the dates
    the meetings kept in step (a meeting that day), and keeps the ones typed by hand."""
    make_meeting(world.safer, dt.date(2009, 7, 2))
    Partnership.objects.filter(pk=world.safer.pk).update(next_meeting_override=dt.date(2009, 7, 2))
    Partnership.objects.filter(pk=world.cwop.pk).update(next_meeting_override=dt.date(2009, 7, 9))
    migration = importlib.import_module("partnerships.migrations.0007_next_meeting_override")
    migration.forget_dates_the_meetings_hold(apps, None)
    world.safer.refresh_from_db()
    world.cwop.refresh_from_db()
    assert world.safer.next_meeting_override is None
    assert world.cwop.next_meeting_override == dt.date(2009, 7, 9)


def test_action_points_due_by_a_day_include_those_due_at_a_meeting(world):
    alan = world.person(world.lead)
    item = make_item(make_meeting(world.safer, dt.date(2009, 3, 5)))
    at_meeting = make_meeting(world.safer, dt.date(2009, 6, 15))
    dated = make_action(item, "Dated", owners=[alan], due_on=dt.date(2009, 6, 1))
    by_meeting = make_action(item, "At the June meeting", due_meeting=at_meeting)
    make_action(item, "Later", due_on=dt.date(2009, 7, 1))
    make_action(item, "Undated")
    make_action(item, "Done", due_on=dt.date(2009, 6, 1), status="done", closed_on=TODAY)
    due = ActionPoint.objects.due_by(dt.date(2009, 6, 20))
    assert set(due) == {dated, by_meeting}
    items = {i.text: i for i in action_point_items(due, TODAY)}
    first = items["Dated"]
    assert (first.kind, first.days_late, first.is_overdue) == (DueKind.ACTION_POINT, 9, True)
    assert (first.owners, first.people) == ("Alan Dawkes", (alan.pk,))
    assert first.source == "Safer Essex, 5 March 2009"
    assert first.url == f"/meetings/actions/{dated.pk}/"
    meeting_due = items["At the June meeting"]
    assert (meeting_due.due_on, meeting_due.when, meeting_due.owners) == (
        dt.date(2009, 6, 15),
        "due",
        "No owner",
    )


def test_an_action_point_closed_after_a_day_was_overdue_on_it(world):
    item = make_item(make_meeting(world.safer, dt.date(2009, 3, 5)))
    closed_late = make_action(
        item, "Closed late", due_on=dt.date(2009, 4, 1), status="done", closed_on=TODAY
    )
    make_action(item, "Closed in time", due_on=dt.date(2009, 4, 1), status="done",
                closed_on=dt.date(2009, 4, 1))  # fmt: skip
    make_action(item, "Not late enough", due_on=dt.date(2009, 5, 1))
    overdue = ActionPoint.objects.overdue_as_at(dt.date(2009, 5, 20), by_more_than=28)
    assert list(overdue) == [closed_late]
