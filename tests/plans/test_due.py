"""What plans has due: open and overdue actions as QuerySets, their due items, and the
workplan updates due before each partnership's next meeting (from its meetings, or a
date set by hand)."""

import datetime as dt

import pytest
from django.utils import timezone

from partnerships.due import DueKind
from partnerships.models import Membership, Partnership
from plans import due, hooks
from plans.models import Action, DeliveryPlan
from tests.factories import make_member_with_login
from tests.meetings.factories import make_meeting
from tests.plans.factories import make_action, make_plan

pytestmark = pytest.mark.django_db

TODAY = dt.date(2009, 8, 10)


def at_noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def plan(world):
    return make_plan(world.safer)


def test_open_due_and_overdue_actions(world, plan):
    late = make_action(plan, "Late", due_on=dt.date(2009, 8, 1))
    soon = make_action(plan, "Soon", due_on=dt.date(2009, 8, 14))
    make_action(plan, "Later", due_on=dt.date(2009, 9, 30))
    make_action(plan, "Undated")
    make_action(plan, "Done", due_on=dt.date(2009, 8, 1), status=Action.Status.COMPLETE)
    make_action(plan, "Dropped", due_on=dt.date(2009, 8, 1), status=Action.Status.DROPPED)
    assert Action.objects.open().count() == 4
    assert set(Action.objects.due_by(dt.date(2009, 8, 14))) == {late, soon}
    assert list(Action.objects.overdue(TODAY)) == [late]
    assert Action.objects.in_agreement(world.hereford).count() == 0


def test_a_plan_actions_item_names_its_lead_and_plan(world, plan):
    alan = world.person(world.lead)
    action = make_action(plan, "Train IDVAs", ref="2.1", lead=alan, due_on=dt.date(2009, 8, 1))
    make_action(plan, "Undated")
    (item,) = due.action_items(Action.objects.open(), TODAY)
    assert (item.kind, item.pk, item.text, item.days_late) == (
        DueKind.PLAN_ACTION, action.pk, "2.1 Train IDVAs", 9
    )  # fmt: skip
    assert (item.owners, item.people, item.partnership) == (
        "Alan Dawkes",
        (alan.pk,),
        "Safer Essex",
    )
    assert item.source == "Safer Essex's plan “Domestic abuse plan”"
    assert item.url == f"/plans/{plan.pk}/#action-{action.pk}"


def test_an_action_is_judged_as_it_stood_on_the_day(world, plan):
    moved = make_action(plan, "Moved later", due_on=dt.date(2009, 6, 1))
    done = make_action(plan, "Done later", due_on=dt.date(2009, 6, 1))
    make_action(plan, "Recent", due_on=dt.date(2009, 7, 30))
    Action.history.update(history_date=at_noon(dt.date(2009, 5, 1)))
    moved.due_on = dt.date(2009, 12, 1)
    moved.save()  # today, long after the day
    done.status = Action.Status.COMPLETE
    done.save()
    then = Action.objects.overdue_as_at(TODAY, by_more_than=28)
    assert set(then) == {moved, done}
    items = due.action_items(then, TODAY)
    assert {(i.text, i.due_on, i.days_late) for i in items} == {
        (str(moved), dt.date(2009, 6, 1), 70),
        (str(done), dt.date(2009, 6, 1), 70),
    }
    assert done not in Action.objects.overdue_as_at(timezone.localdate(), by_more_than=28)


def test_an_action_made_after_the_day_was_not_overdue_on_it(world, plan):
    make_action(plan, "Backdated", due_on=dt.date(2009, 6, 1))  # made today
    assert not Action.objects.overdue_as_at(TODAY).exists()


# Meeting dates and workplan updates ---------------------------------------------------------


def test_the_next_meeting_comes_from_the_meetings_unless_set_by_hand(world):
    today = timezone.localdate()
    make_meeting(world.safer, today - dt.timedelta(days=30), status="held")
    make_meeting(world.safer, today + dt.timedelta(days=20))
    dates = due.meeting_dates([world.safer], today)[world.safer.pk]
    assert dates == hooks.MeetingDates(
        last=today - dt.timedelta(days=30), next=today + dt.timedelta(days=20)
    )
    world.safer.next_meeting_override = today + dt.timedelta(days=10)
    dates = due.meeting_dates([world.safer], today)[world.safer.pk]
    assert (dates.next, dates.is_override) == (today + dt.timedelta(days=10), True)
    assert dates.last == today - dt.timedelta(days=30)  # still the meetings'
    world.safer.next_meeting_override = today - dt.timedelta(days=1)  # passed: ignored
    dates = due.meeting_dates([world.safer], today)[world.safer.pk]
    assert (dates.next, dates.is_override) == (today + dt.timedelta(days=20), False)


def test_without_the_meetings_app_only_a_date_set_by_hand_is_known(world, monkeypatch):
    monkeypatch.setattr(hooks.meeting_dates, "_functions", [])
    today = timezone.localdate()
    make_meeting(world.safer, today + dt.timedelta(days=20))
    assert due.meeting_dates([world.safer], today)[world.safer.pk] == hooks.MeetingDates()
    world.safer.next_meeting_override = today + dt.timedelta(days=3)
    assert (
        due.meeting_dates([world.safer], today)[world.safer.pk].next
        == world.safer.next_meeting_override
    )


def test_workplan_updates_due_go_to_the_partnerships_leads(world, plan, settings):
    settings.PLAN_UPDATE_DAYS_BEFORE_MEETING = 10
    make_member_with_login(world.safer, Membership.Role.DEPUTY_LEAD, "dep@example.test", "Deb Uty")
    make_meeting(world.safer, dt.date(2009, 8, 25))
    make_plan(world.cwop, "No meeting, nothing due")
    DeliveryPlan.objects.update(updated_at=at_noon(dt.date(2009, 5, 1)))
    (item,) = due.update_items(DeliveryPlan.objects.all(), TODAY)
    assert (item.kind, item.pk, item.due_on, item.meeting_on) == (
        DueKind.WORKPLAN, plan.pk, dt.date(2009, 8, 15), dt.date(2009, 8, 25)
    )  # fmt: skip
    assert (item.owners, item.when, item.source) == ("Alan Dawkes, Deb Uty", "due", "Safer Essex")
    assert len(item.people) == 2
    Partnership.objects.filter(pk=world.safer.pk).update(next_meeting_override=TODAY)
    (item,) = due.update_items(DeliveryPlan.objects.all(), TODAY)
    assert (item.meeting_on, item.days_late, item.when) == (TODAY, 10, "overdue")
