"""Workflows: matters arising, minutes approval, meetings in order, attendance at the time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from meetings import actions
from meetings.models import ActionPoint, Attendance, Meeting, number_sort_key
from partnerships.models import Membership
from tests.factories import make_membership, make_organisation, make_person
from tests.meetings.factories import make_action, make_item, make_meeting

pytestmark = pytest.mark.django_db


def arising(meeting: Meeting) -> list[str]:
    return [a.text for a in ActionPoint.objects.matters_arising_for(meeting)]


# --- matters arising --------------------------------------------------------------------


def test_open_actions_come_back_at_every_later_meeting_until_closed(world):
    october = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    january = make_meeting(world.safer, dt.date(2009, 1, 22), status="held")
    march = make_meeting(world.safer, dt.date(2009, 3, 5))
    letter = make_action(make_item(october, "5"), "Letter to Health")
    tender = make_action(make_item(october, "8"), "Proceed to tender")
    assert arising(october) == []
    assert arising(january) == ["Letter to Health", "Proceed to tender"]
    # the letter is sent after January's meeting: it still was a matter arising there
    actions.action_update(action=letter, status="done", text="Sent", on=dt.date(2009, 2, 1))
    assert arising(january) == ["Letter to Health", "Proceed to tender"]
    assert arising(march) == ["Proceed to tender"]
    actions.action_update(
        action=tender, status="dropped", text="No funding", on=dt.date(2009, 2, 2)
    )
    assert arising(march) == []


def test_matters_arising_belong_to_one_partnership(world):
    safer = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    make_action(make_item(safer), "A Safer Essex action")
    pmg = make_meeting(world.pmg, dt.date(2009, 3, 27))
    assert arising(pmg) == []


def test_reopening_an_action_brings_it_back(world):
    october = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    january = make_meeting(world.safer, dt.date(2009, 1, 22))
    action = make_action(make_item(october), "Circulate the strategy")
    actions.action_update(action=action, status="done", text="Circulated", on=dt.date(2008, 10, 9))
    assert arising(january) == []
    actions.action_update(
        action=action, status="open", text="Wrong version", on=dt.date(2008, 10, 10)
    )
    action.refresh_from_db()
    assert action.closed_on is None and arising(january) == ["Circulate the strategy"]
    assert [u.status for u in action.updates.all()] == ["done", "open"]


def test_action_is_overdue_only_while_open_and_past_due(world):
    item = make_item(make_meeting(world.safer, dt.date(2008, 10, 2)))
    action = make_action(item, due_on=dt.date(2008, 10, 22))
    assert action.is_overdue(dt.date(2008, 10, 23)) and not action.is_overdue(dt.date(2008, 10, 22))
    later = make_meeting(world.safer, dt.date(2009, 1, 22))
    at_meeting = make_action(item, "Report to the next meeting", due_meeting=later)
    assert at_meeting.due == dt.date(2009, 1, 22)
    assert at_meeting.is_overdue(dt.date(2009, 1, 23))


def test_an_action_cannot_be_due_before_its_meeting(world):
    item = make_item(make_meeting(world.safer, dt.date(2008, 10, 2)))
    with pytest.raises(ValidationError, match="cannot be before the meeting"):
        actions.action_create(item=item, text="Report", due_on=dt.date(2008, 1, 22))
    assert not ActionPoint.objects.exists()


# --- minutes approval -------------------------------------------------------------------


def test_minutes_are_approved_at_the_next_meeting_under_its_matters_arising(world):
    october = make_meeting(world.safer, dt.date(2008, 10, 2), status="minutes_draft")
    january = make_meeting(world.safer, dt.date(2009, 1, 22))
    item = make_item(january, "3", "Minutes of the previous meeting", kind="matters_arising")
    decision = actions.meeting_minutes_approve(
        meeting=october, at=january, by=world.chair, amendments="  "
    )
    assert decision.item == item
    assert (
        decision.text
        == "The minutes of the meeting of 2 October 2008 were approved as a true record."
    )
    october.refresh_from_db()
    assert october.status == Meeting.Status.MINUTES_APPROVED
    assert (october.minutes_approved_at, october.minutes_approved_by) == (january, world.chair)
    assert october.minutes_approved_on is not None and october.minutes_amendments == ""
    assert october.history.first().status == "minutes_approved"


def test_approval_with_amendments_adds_an_item_when_there_is_none(world):
    october = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    january = make_meeting(world.safer, dt.date(2009, 1, 22))
    make_item(january, "1", "Apologies", kind="standing")
    decision = actions.meeting_minutes_approve(
        meeting=october, at=january, by=None, amendments="Item 7: 'January 2009'."
    )
    assert decision.item.number == "2" and decision.item.kind == "matters_arising"
    assert decision.text.endswith("were approved, as amended.")


@pytest.mark.parametrize(
    ("status", "later_partnership", "later_date", "message"),
    [
        ("minutes_approved", "safer", dt.date(2009, 1, 22), "already been approved"),
        ("planned", "safer", dt.date(2009, 1, 22), "has not been held"),
        ("held", "cwop", dt.date(2009, 1, 22), "later meeting of the same partnership"),
        ("held", "safer", dt.date(2008, 9, 1), "later meeting of the same partnership"),
    ],
)
def test_approval_is_refused_and_writes_nothing(
    world, status, later_partnership, later_date, message
):
    october = make_meeting(world.safer, dt.date(2008, 10, 2), status=status)
    other = make_meeting(getattr(world, later_partnership), later_date)
    with pytest.raises(ValidationError, match=message):
        actions.meeting_minutes_approve(meeting=october, at=other, by=None)
    october.refresh_from_db()
    assert october.status == status and october.minutes_approved_at is None
    assert not other.items.exists()


# --- meetings in order ------------------------------------------------------------------


def test_meetings_link_to_the_one_before_even_when_entered_out_of_order(world):
    january = actions.meeting_create(partnership=world.safer, date=dt.date(2009, 1, 22))
    july = actions.meeting_create(partnership=world.safer, date=dt.date(2008, 7, 1))
    october = actions.meeting_create(partnership=world.safer, date=dt.date(2008, 10, 2))
    for m in (january, july, october):
        m.refresh_from_db()
    assert (july.previous, october.previous, january.previous) == (None, july, october)
    actions.meeting_update(meeting=july, fields={"date": dt.date(2009, 3, 5)})
    for m in (january, july, october):
        m.refresh_from_db()
    assert (october.previous, january.previous, july.previous) == (None, october, january)


def test_moving_a_meeting_onto_another_of_the_same_partnership_is_refused(world):
    actions.meeting_create(partnership=world.safer, date=dt.date(2008, 10, 2))
    july = actions.meeting_create(partnership=world.safer, date=dt.date(2008, 7, 1))
    with pytest.raises(ValidationError, match="already has a meeting on 2 October 2008"):
        actions.meeting_update(meeting=july, fields={"date": dt.date(2008, 10, 2)})
    july.refresh_from_db()
    assert july.date == dt.date(2008, 7, 1)


# --- status -----------------------------------------------------------------------------


def test_status_follows_the_workflow(world):
    meeting = make_meeting(world.safer, dt.date(2009, 1, 22))
    for status in ("agenda_published", "held", "minutes_draft"):
        actions.meeting_status_set(meeting=meeting, status=status)
    with pytest.raises(ValidationError, match="approved at the next meeting"):
        actions.meeting_status_set(meeting=meeting, status="minutes_approved")
    with pytest.raises(ValidationError, match="cannot become “Planned”"):
        actions.meeting_status_set(meeting=meeting, status="planned")


# --- attendance -------------------------------------------------------------------------


def test_attendance_keeps_role_and_organisation_as_they_were(world):
    police = make_organisation(world.essex, "Essex Police")
    ewen = make_person(world.essex, "Ewen Wilson", organisation=police, job_title="ACC")
    make_membership(ewen, world.safer, Membership.Role.CHAIR)
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2))
    line = actions.attendance_set(meeting=meeting, person=ewen, status="present")
    assert (line.role, line.organisation) == ("Chair", "Essex Police")
    ewen.organisation = make_organisation(world.essex, "Home Office")
    ewen.save()
    Membership.objects.filter(person=ewen).update(ends_on=dt.date(2009, 1, 1))
    line.refresh_from_db()
    assert line.description == "Chair, Essex Police"
    # ticking again keeps what was recorded
    line = actions.attendance_set(meeting=meeting, person=ewen, status="apologies")
    assert (line.status, line.role, line.organisation) == ("apologies", "Chair", "Essex Police")


def test_substitutes_must_name_a_different_person_in_the_agreement(world):
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2))
    jan = make_person(world.essex, "Jan Plummer")
    with pytest.raises(ValidationError, match="whom they are substituting"):
        actions.attendance_set(meeting=meeting, person=jan, status="substitute")
    with pytest.raises(ValidationError, match="cannot substitute for themselves"):
        actions.attendance_set(meeting=meeting, person=jan, status="substitute", substitute_for=jan)
    stranger = world.person(world.outsider)
    with pytest.raises(ValidationError, match="not in this agreement"):
        actions.attendance_set(
            meeting=meeting, person=jan, status="substitute", substitute_for=stranger
        )
    assert not Attendance.objects.exists()


def test_quorum_counts_members_present_and_substitutes(world, as_user):
    world.safer.quorum = 2
    world.safer.save()
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2))
    gwyn, jan, officer = (
        make_person(world.essex, n) for n in ("Gwyn Owen", "Jan Plummer", "Officer")
    )
    actions.attendance_set(meeting=meeting, person=world.person(world.lead), status="present")
    actions.attendance_set(meeting=meeting, person=officer, status="in_attendance")
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    assert "Quorum not met" in page
    actions.attendance_set(meeting=meeting, person=jan, status="substitute", substitute_for=gwyn)
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    assert "Quorum met" in page


# --- pure helpers -----------------------------------------------------------------------


def test_item_numbers_sort_as_printed():
    numbers = ["10", "4.b", "2", "4", "10.1", "4.a", "9.2", "4.1"]
    assert sorted(numbers, key=number_sort_key) == [
        "2",
        "4",
        "4.1",
        "4.a",
        "4.b",
        "9.2",
        "10",
        "10.1",
    ]
