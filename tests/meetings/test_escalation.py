"""Escalation to the chair: returns and actions overdue beyond ESCALATE_TO_CHAIR_DAYS appear
on the exception report and in the matters arising of the partnership's next meeting."""

import datetime as dt
import io

import pdfplumber
import pytest
from django.utils import timezone

from indicators.periods import Period
from meetings.escalation import escalations
from meetings.models import ActionPoint
from plans.models import Action
from tests.indicators.factories import make_indicator, make_target, set_values
from tests.meetings.factories import make_action as make_point
from tests.meetings.factories import make_item, make_meeting
from tests.plans.factories import make_action, make_plan

pytestmark = pytest.mark.django_db

# An exception report for 2009/10 Q2 escalates as at the day its returns fell due.
AS_AT = dt.date(2009, 10, 30)
Q2 = "period=2009/10+Q2"


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.ESCALATE_TO_CHAIR_DAYS = 28


@pytest.fixture
def overdue(world):
    return make_overdue(world, AS_AT)


def make_overdue(world, on):
    """In Safer Essex, on the date given: a plan action 40 days overdue, one 10 days
    overdue, one 60 days overdue but complete; an action point 35 days overdue and one
    closed. In CWOP, a plan action 50 days overdue."""
    TODAY = on
    lead = world.person(world.lead)
    plan = make_plan(world.safer)
    make_action(plan, "Train 40 IDVAs", lead=lead, ref="2.1", due_on=TODAY - dt.timedelta(days=40))
    make_action(plan, "Recent", lead=lead, due_on=TODAY - dt.timedelta(days=10))
    make_action(
        plan, "Done", lead=lead, due_on=TODAY - dt.timedelta(days=60),
        status=Action.Status.COMPLETE, percent_complete=100,
    )  # fmt: skip
    item = make_item(make_meeting(world.safer, TODAY - dt.timedelta(days=90)))
    make_point(
        item, "Gill to circulate the guidance", owners=[lead], due_on=TODAY - dt.timedelta(days=35)
    )
    make_point(
        item, "Closed one", due_on=TODAY - dt.timedelta(days=80),
        status=ActionPoint.Status.DONE, closed_on=TODAY - dt.timedelta(days=79),
    )  # fmt: skip
    carers = make_plan(world.cwop, "Carers plan")
    make_action(carers, "Carers' breaks", ref="1.1", due_on=TODAY - dt.timedelta(days=50))
    # The plans were written months before: escalation reads the actions' history.
    Action.history.update(history_date=at_noon(TODAY - dt.timedelta(days=100)))


def at_noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_only_open_work_overdue_beyond_the_threshold_is_escalated_most_overdue_first(
    world, overdue
):
    found = escalations(world.essex, AS_AT)
    assert [(a.kind, a.text, a.days_late) for a in found.actions] == [
        ("Plan action", "1.1 Carers' breaks", 50),
        ("Plan action", "2.1 Train 40 IDVAs", 40),
        ("Action point", "Gill to circulate the guidance", 35),
    ]  # fmt: skip
    assert found.actions[2].owners == "Alan Dawkes"


def test_one_partnerships_escalations(world, overdue):
    found = escalations(world.essex, AS_AT, partnership_id=world.cwop.pk)
    assert [a.text for a in found.actions] == ["1.1 Carers' breaks"]


def test_a_late_return_is_escalated_once_past_the_threshold(world):
    target = make_target(world.safer)  # quarterly; Q1 due 30 July 2009 (30 days' grace)
    set_values(target, **{"2009/10 Q1": "26"})

    def q1_returns(today):
        found = escalations(world.essex, today).returns
        return [(r.code, r.days_late) for r in found if r.period.label == "2009/10 Q1"]

    assert q1_returns(dt.date(2009, 8, 27)) == []  # 28 days late
    assert q1_returns(dt.date(2009, 8, 28)) == [("NI 32", 29)]


def test_the_exception_report_shows_escalations_to_the_chair(world, overdue, as_user):
    page = as_user(world.chair).get(f"/indicators/exceptions/?{Q2}")
    assert page.status_code == 200
    assert "Overdue more than 28 days at 30 October 2009 (3)" in page.text
    assert "Train 40 IDVAs" in page.text and "Gill to circulate the guidance" in page.text
    assert "Recent" not in page.text and ">Done<" not in page.text
    make_target(world.cwop, make_indicator(world.essex, "NI 135"))  # so CWOP can be chosen
    only_cwop = as_user(world.chair).get(
        f"/indicators/exceptions/?{Q2}&partnership={world.cwop.pk}"
    )
    assert "Carers&#x27; breaks" in only_cwop.text and "Train 40 IDVAs" not in only_cwop.text


def test_the_exception_report_pdf_includes_the_escalations(world, overdue, as_user):
    response = as_user(world.chair).get(f"/indicators/exceptions/?{Q2}&format=pdf")
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Overdue more than 28 days at 30 October 2009 (3)" in text
    assert "Train 40 IDVAs" in text


def test_escalations_are_not_shown_outside_the_agreement(world, overdue, as_user):
    # Herefordshire's exception report is its own agreement's: none of Essex's work.
    page = as_user(world.outsider).get(f"/indicators/exceptions/?{Q2}")
    assert (
        "Overdue more than 28 days at 30 October 2009 (0)" in page.text
        and "Train 40 IDVAs" not in page.text
    )
    assert as_user(None).get("/indicators/exceptions/").status_code == 302


def test_a_report_read_later_escalates_as_at_the_day_its_returns_fell_due(world, overdue):
    from indicators.returns import report_date

    q2 = Period.parse("2009/10 Q2")  # ended 30 September; returns due 30 October
    assert report_date(q2, dt.date(2026, 1, 1)) == AS_AT
    assert report_date(q2, dt.date(2009, 10, 5)) == dt.date(2009, 10, 5)
    # Closed after the report date: it was still open then, so it is escalated as at then.
    item = make_item(make_meeting(world.safer, dt.date(2009, 6, 1)))
    make_point(
        item, "Closed late", due_on=dt.date(2009, 9, 1),
        status=ActionPoint.Status.DONE, closed_on=dt.date(2009, 11, 5),
    )  # fmt: skip
    assert "Closed late" in [a.text for a in escalations(world.essex, AS_AT).actions]
    after = escalations(world.essex, dt.date(2009, 11, 10)).actions
    assert "Closed late" not in [a.text for a in after]


def test_a_plan_action_completed_after_the_date_was_still_overdue_on_it(world, overdue):
    action = Action.objects.get(title="Train 40 IDVAs")
    action.status, action.percent_complete = Action.Status.COMPLETE, 100
    action.save()  # completed today, long after AS_AT
    assert "2.1 Train 40 IDVAs" in [a.text for a in escalations(world.essex, AS_AT).actions]
    now = escalations(world.essex, timezone.localdate()).actions
    assert "2.1 Train 40 IDVAs" not in [a.text for a in now]


def test_the_next_meeting_lists_its_partnerships_escalations_in_matters_arising(world, as_user):
    today = timezone.localdate()
    make_overdue(world, today)
    next_meeting = make_meeting(world.safer, today + dt.timedelta(days=7))
    later = make_meeting(world.safer, today + dt.timedelta(days=60))
    page = as_user(world.observer).get(f"/meetings/{next_meeting.pk}/")
    assert (
        "Overdue more than 28 days" in page.text and "(2)" in page.text
    )  # Safer Essex's, not CWOP's
    assert "Train 40 IDVAs" in page.text and "Carers&#x27; breaks" not in page.text
    # A later meeting, and a meeting already past, are not given today's escalations.
    assert "Overdue more than" not in as_user(world.observer).get(f"/meetings/{later.pk}/").text
    past = make_meeting(world.safer, today - dt.timedelta(days=1))
    assert "Overdue more than" not in as_user(world.observer).get(f"/meetings/{past.pk}/").text
    pack = as_user(world.observer).get(f"/meetings/{next_meeting.pk}/pack.pdf")
    with pdfplumber.open(io.BytesIO(pack.content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Overdue more than 28 days" in text and "Train 40 IDVAs" in text


def test_a_report_filtered_by_lead_escalates_only_those_targets_returns(world, as_user):
    other = world.person(world.other_lead)
    mine = make_target(world.safer, lead=world.person(world.lead))
    theirs = make_target(world.safer, make_indicator(world.essex, "NI 15"), lead=other)
    for target in (mine, theirs):
        set_values(target, **{"2009/10 Q1": "26"})
    page = as_user(world.chair).get(f"/indicators/exceptions/?{Q2}&lead={other.pk}")
    escalated = page.text.split('id="escalations"')[1]
    assert ">NI 15<br>" in escalated and ">NI 32<br>" not in escalated
    everyone = as_user(world.chair).get(f"/indicators/exceptions/?{Q2}").text
    assert ">NI 32<br>" in everyone.split('id="escalations"')[1]


def test_a_targets_overdue_returns_are_one_line_for_the_chair(world, as_user):
    target = make_target(world.safer, lead=world.person(world.lead))
    set_values(target, **{"2008/09 Q4": "26", "2009/10 Q1": "26"})
    found = escalations(world.essex, AS_AT)
    periods = ["2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4", "2009/10 Q1"]
    assert sorted(r.period.label for r in found.returns) == periods  # five returns overdue
    (line,) = found.returns_by_target  # one line for the target
    assert [r.period.label for r in line.returns] == periods  # the oldest first
    oldest = max(found.returns, key=lambda r: r.days_late)
    assert (line.code, line.due_on, line.days_late) == ("NI 32", oldest.due_on, oldest.days_late)
    page = as_user(world.chair).get(f"/indicators/exceptions/?{Q2}").text
    section = page.split('id="escalations"')[1]
    assert section.count('data-escalated="return"') == 1
    assert "2008/09 Q4<span" in section and "2009/10 Q1<span" in section


def test_the_management_groups_next_meeting_sees_the_whole_agreements_escalations(world, as_user):
    today = timezone.localdate()
    make_overdue(world, today)
    meeting = make_meeting(world.pmg, today + dt.timedelta(days=3))
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    assert "Train 40 IDVAs" in page and "Carers&#x27; breaks" in page
