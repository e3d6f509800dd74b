"""The demo meetings: the seeds complete, and a second run writes nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.meetings import agreement_meetings_load
from meetings.models import ActionPoint, Attendance, ForwardPlanItem, Meeting

pytestmark = pytest.mark.django_db


def test_a_second_run_writes_nothing(essex_demo):
    with CaptureQueriesContext(connection) as context:
        agreement_meetings_load(agreement=essex_demo)
    writes = [q["sql"] for q in context.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []


def test_the_pmg_meeting_is_complete(pmg_meeting):
    lines = {a.person.name: a for a in pmg_meeting.attendances.select_related("substitute_for")}
    assert len(lines) == 17
    assert lines["Jan Plummer"].status == "substitute"
    assert lines["Jan Plummer"].substitute_for.name == "Gwyn Owen"
    assert lines["Gwyn Owen"].status == "apologies"
    assert lines["Duncan Wood"].status == "in_attendance"
    assert (
        pmg_meeting.chair.name == "Ewen Wilson" and pmg_meeting.minute_taker.name == "Louise Crew"
    )
    assert [i.number for i in pmg_meeting.items.all()][:6] == ["1", "2", "3", "4", "4.1", "4.2"]
    assert ActionPoint.objects.filter(item__meeting=pmg_meeting).count() == 7
    assert pmg_meeting.status == Meeting.Status.MINUTES_DRAFT
    # the February meeting's minutes were approved here
    february = pmg_meeting.previous
    assert february.date == dt.date(2009, 2, 16)
    assert february.minutes_approved_at == pmg_meeting


def test_safer_essex_has_action_points_1_to_12(safer_meeting):
    numbers = ActionPoint.objects.filter(item__meeting=safer_meeting).values_list(
        "number", flat=True
    )
    assert sorted(numbers, key=int) == [str(n) for n in range(1, 13)]
    eight = ActionPoint.objects.get(item__meeting=safer_meeting, number="8")
    assert [p.name for p in eight.owners.all()] == ["Peter Lowton"]
    assert eight.due_meeting.date == dt.date(2009, 1, 22)
    assert safer_meeting.declarations_note == "There were no declarations."
    assert safer_meeting.attendances.filter(status="apologies").count() == 7


def test_matters_arising_and_approval_can_be_seen_at_the_next_meetings(essex_demo, pmg_meeting):
    april = Meeting.objects.get(partnership__slug="essex-pmg", date=dt.date(2009, 4, 20))
    assert april.status == Meeting.Status.AGENDA_PUBLISHED
    assert april.previous == pmg_meeting
    assert ActionPoint.objects.matters_arising_for(april).count() == 7
    titles = [i.title for i in april.items.all()]
    assert titles[0] == "Minutes of the last meeting and matters arising"
    assert "Support to carers (NI135)" in titles and titles[-1] == "Any other business"
    assert (
        ForwardPlanItem.objects.get(title="Support to carers (NI135)").agenda_item.meeting == april
    )
    # at 27 March, the February actions were open (closed that day)
    assert ActionPoint.objects.matters_arising_for(pmg_meeting).count() == 2


def test_forward_plan_has_standing_dated_and_unscheduled_items(essex_demo):
    plan = ForwardPlanItem.objects.filter(partnership__slug="essex-pmg")
    assert plan.filter(is_standing=True).get().title == "Progress updates"
    assert (
        plan.filter(meeting__isnull=True, is_standing=False)
        .get()
        .title.startswith("Public engagement")
    )
    planned = Meeting.objects.filter(partnership__slug="essex-pmg", date__gte=dt.date(2009, 4, 20))
    assert planned.count() == 11
    tbc = plan.get(title="'Economic' Annual Report")
    assert tbc.responsibility == "Tbc" and not tbc.responsible.exists()


def test_herefordshire_minutes_approval_records_the_amended_wording(db):
    from demo.partnerships import agreement_load
    from partnerships.models import Agreement

    agreement = Agreement.objects.create(
        slug="herefordshire-laa-2008-11", name="Herefordshire", starts_on=dt.date(2008, 4, 1),
        ends_on=dt.date(2011, 3, 31),
    )  # fmt: skip
    agreement_load(agreement)
    agreement_meetings_load(agreement=agreement)
    may = Meeting.objects.get(partnership__slug="herefordshire-pmg", date=dt.date(2009, 5, 6))
    march = may.previous
    assert march.date == dt.date(2009, 3, 23) and march.minutes_approved_at == may
    assert march.minutes_amendments.startswith("Item 4 – Area Based Grant")
    richard = Attendance.objects.get(meeting=may, person__name="Richard Lawrence")
    assert richard.description == "substitute for Lucy Phillips, Fire and Rescue Service"
    carried = ActionPoint.objects.filter(item__meeting=march)
    assert carried.count() == 5
    assert set(carried.filter(status="done").values_list("text", flat=True)) == {
        "LPSA funding passed to Third Sector organisations",
        "Guiding Principles to be circulated to the group",
    }
    assert ActionPoint.objects.matters_arising_for(may).count() == 5
