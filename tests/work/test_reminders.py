"""Reminders: what is selected on given dates (fixed clock), sending once, digests,
opt-outs, and the reminder pages."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from indicators.periods import Period
from indicators.return_actions import data_return_submit
from meetings.models import Meeting
from partnerships.models import (
    Membership,
    Partnership,
    ReminderKind,
    ReminderPreference,
    SentReminder,
)
from plans.models import DeliveryPlan
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_target
from tests.meetings.factories import make_action as make_action_point
from tests.meetings.factories import make_item, make_meeting
from tests.plans.factories import make_action as make_plan_action
from tests.plans.factories import make_plan
from work.reminders import select_reminders, send_reminders

# 2009/10 Q1 ends 30 June 2009; with 30 grace days its return is due 30 July 2009.
DUE_SOON = dt.date(2009, 7, 25)
LATE = dt.date(2009, 8, 5)
VERY_LATE = dt.date(2009, 8, 20)
MONDAY = dt.date(2009, 8, 10)
TUESDAY = dt.date(2009, 8, 11)


@pytest.fixture
def owner(world):
    _, person = make_member_with_login(
        world.safer, Membership.Role.MEMBER, "owner@example.test", "Dana Owner"
    )
    return person


@pytest.fixture
def target(world, owner):
    t = make_target(world.safer, lead=world.person(world.lead), data_owner=owner)
    for label in ("2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4"):
        add_actual(t, label, "20")
    # The earlier quarters are signed off: only 2009/10 Q1 is being chased.
    from indicators.models import DataReturn

    for label in ("2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4"):
        DataReturn.objects.create(target=t, period=label, status="approved")
    return t


def kinds_for(reminders, person):
    return sorted((r.kind.value, r.key) for r in reminders if r.person_id == person.pk)


def test_return_coming_due_goes_to_the_data_owner(world, owner, target):
    found = select_reminders(world.essex, DUE_SOON)
    assert kinds_for(found, owner) == [("return_due", f"return_due:{target.pk}:2009/10 Q1")]
    assert "data owner of NI 32" in found[0].reason
    assert found[0].url == f"/indicators/targets/{target.pk}/returns/2009/10%20Q1/"


def test_nothing_before_the_notice_period(world, owner, target):
    assert kinds_for(select_reminders(world.essex, dt.date(2009, 7, 10)), owner) == []


def test_late_return_goes_to_the_owner_and_later_to_the_lead(world, owner, target):
    lead = world.person(world.lead)
    late = select_reminders(world.essex, LATE)
    assert [k for k, _ in kinds_for(late, owner)] == ["return_late"]
    assert kinds_for(late, lead) == []
    very_late = select_reminders(world.essex, VERY_LATE)
    assert [k for k, _ in kinds_for(very_late, lead)] == ["return_escalated"]


def test_a_submitted_return_is_not_chased(world, owner, target):
    add_actual(target, "2009/10 Q1", "22")
    data_return_submit(target=target, period=Period.parse("2009/10 Q1"), by=world.lead, today=LATE)
    assert kinds_for(select_reminders(world.essex, VERY_LATE), owner) == []


def test_action_points_due_and_overdue_go_to_their_owners(world, owner):
    item = make_item(make_meeting(world.safer, dt.date(2009, 6, 1), status="held"))
    point = make_action_point(item, owners=[owner], due_on=dt.date(2009, 8, 14))
    assert kinds_for(select_reminders(world.essex, dt.date(2009, 8, 1)), owner) == []
    soon = kinds_for(select_reminders(world.essex, dt.date(2009, 8, 10)), owner)
    assert soon == [("action_point", f"action_point:{point.pk}:due:2009-08-14")]
    later = kinds_for(select_reminders(world.essex, dt.date(2009, 8, 15)), owner)
    assert later == [("action_point", f"action_point:{point.pk}:overdue:2009-08-14")]


def test_plan_actions_due_go_to_their_lead(world, owner):
    action = make_plan_action(make_plan(world.safer), lead=owner, due_on=dt.date(2009, 8, 14))
    found = kinds_for(select_reminders(world.essex, dt.date(2009, 8, 10)), owner)
    assert found == [("plan_action", f"plan_action:{action.pk}:due:2009-08-14")]


def test_workplan_reminder_goes_to_the_partnership_leads_before_its_meeting(world, owner):
    Partnership.objects.filter(pk=world.safer.pk).update(next_meeting_override=dt.date(2009, 9, 10))
    plan = make_plan(world.safer)
    DeliveryPlan.objects.filter(pk=plan.pk).update(
        updated_at=timezone.make_aware(dt.datetime(2009, 5, 1))
    )
    lead = world.person(world.lead)
    assert kinds_for(select_reminders(world.essex, dt.date(2009, 8, 20)), lead) == []
    found = kinds_for(select_reminders(world.essex, dt.date(2009, 8, 28)), lead)
    assert found == [("workplan", f"workplan:{plan.pk}:2009-09-10")]
    assert kinds_for(select_reminders(world.essex, dt.date(2009, 8, 28)), owner) == []


def test_minutes_and_packs_go_to_members_not_observers(world, owner):
    minutes = make_meeting(world.safer, dt.date(2009, 8, 1), status=Meeting.Status.MINUTES_DRAFT)
    pack = make_meeting(world.safer, dt.date(2009, 9, 1), status=Meeting.Status.AGENDA_PUBLISHED)
    found = select_reminders(world.essex, dt.date(2009, 8, 10))
    assert kinds_for(found, owner) == [
        ("minutes", f"minutes:{minutes.pk}:minutes_draft"),
        ("pack", f"pack:{pack.pk}"),
    ]
    assert kinds_for(found, world.person(world.observer)) == []


# --- sending --------------------------------------------------------------------------


def test_each_email_says_why_and_links_to_the_page(world, owner, target, settings):
    settings.SITE_URL = "https://thread.example.test"
    send_reminders(agreements=[world.essex], today=LATE)
    [message] = mail.outbox
    assert message.to == ["owner@example.test"]
    assert "Why you are getting this: You are the data owner of NI 32" in message.body
    assert (
        f"https://thread.example.test/indicators/targets/{target.pk}/returns/2009/10%20Q1/"
        in message.body
    )
    assert "https://thread.example.test/reminders/preferences/" in message.body


def test_running_twice_sends_nothing_twice(world, owner, target):
    call_command("send_reminders", date=LATE.isoformat(), stdout=StringIO())
    assert len(mail.outbox) == 1
    call_command("send_reminders", date=LATE.isoformat(), stdout=StringIO())
    call_command("send_reminders", date=(LATE + dt.timedelta(days=1)).isoformat(),
                 stdout=StringIO())  # fmt: skip
    assert len(mail.outbox) == 1
    assert SentReminder.objects.filter(person=owner, sent_at__isnull=False).count() == 1


def test_weekly_readers_get_one_digest_on_monday(world, owner, target):
    ReminderPreference.objects.create(person=owner, delivery="weekly")
    item = make_item(make_meeting(world.safer, dt.date(2009, 6, 1), status="held"))
    make_action_point(item, owners=[owner], due_on=dt.date(2009, 8, 14))
    send_reminders(agreements=[world.essex], today=dt.date(2009, 8, 9))  # a Sunday
    assert mail.outbox == []
    assert SentReminder.objects.filter(person=owner, sent_at__isnull=True).count() == 2
    send_reminders(agreements=[world.essex], today=MONDAY)
    [digest] = mail.outbox
    assert "weekly reminders (2)" in digest.subject
    assert "because you chose weekly reminders" in digest.body
    send_reminders(agreements=[world.essex], today=MONDAY)
    send_reminders(agreements=[world.essex], today=TUESDAY)
    assert len(mail.outbox) == 1


def test_opted_out_kinds_are_not_sent(world, owner, target):
    ReminderPreference.objects.create(person=owner, opted_out=[ReminderKind.RETURN_LATE])
    outcome = send_reminders(agreements=[world.essex], today=LATE)
    assert mail.outbox == [] and outcome.skipped_opted_out == 1
    assert not SentReminder.objects.filter(person=owner).exists()


def test_opting_out_while_waiting_for_a_digest_drops_it(world, owner, target):
    pref = ReminderPreference.objects.create(person=owner, delivery="weekly")
    send_reminders(agreements=[world.essex], today=dt.date(2009, 8, 9))
    pref.opted_out = [ReminderKind.RETURN_LATE]
    pref.save()
    send_reminders(agreements=[world.essex], today=MONDAY)
    assert mail.outbox == []


# --- pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("outsider", 403), ("observer", 403), ("other_lead", 403), ("lead", 403),
     ("secretariat", 200)],
)  # fmt: skip
def test_only_the_secretariat_sees_the_sent_reminders(world, as_user, persona, status):
    user = getattr(world, persona) if persona else None
    assert as_user(user).get("/reminders/sent/").status_code == status


def test_the_sent_list_stays_within_a_query_budget(
    world, owner, target, as_user, django_assert_max_num_queries
):
    send_reminders(agreements=[world.essex], today=VERY_LATE)
    with django_assert_max_num_queries(34):  # with the sign-in itself (4)
        page = as_user(world.secretariat).get("/reminders/sent/")
    assert "Dana Owner" in page.content.decode()


def test_each_person_sets_their_own_preferences(world, as_user):
    assert as_user(None).get("/reminders/preferences/").status_code == 302
    assert as_user(world.observer).get("/reminders/preferences/").status_code == 200
    response = as_user(world.lead).post(
        "/reminders/preferences/", {"delivery": "weekly", "wanted": ["return_due", "minutes"]}
    )
    assert response.status_code == 302
    pref = ReminderPreference.objects.get(person=world.person(world.lead))
    assert pref.delivery == "weekly" and "pack" in pref.opted_out and pref.wants("minutes")


def test_my_work_panel_lists_returns_to_submit_and_approve(world, owner, target, as_user):
    add_actual(target, "2009/10 Q1", "22")
    data_return_submit(target=target, period=Period.parse("2009/10 Q1"), by=world.lead, today=LATE)
    page = as_user(world.lead).get("/").content.decode()
    assert "My work" in page and "Returns to approve" in page and "NI 32 2009/10 Q1" in page
    assert Decimal("22")  # the page loads with data present


def test_the_reminder_thresholds_are_settings(world, owner, target, settings):
    lead = world.person(world.lead)
    settings.REMINDER_NOTICE_DAYS = 3  # DUE_SOON is 5 days before the return is due
    assert kinds_for(select_reminders(world.essex, DUE_SOON), owner) == []
    settings.RETURN_ESCALATE_TO_LEAD_DAYS = 3  # LATE is 6 days late
    assert [k for k, _ in kinds_for(select_reminders(world.essex, LATE), lead)] == [
        "return_escalated"
    ]


def test_the_workplan_reminder_follows_the_meeting_booked(world):
    make_meeting(world.safer, dt.date(2009, 9, 10))
    plan = make_plan(world.safer)
    DeliveryPlan.objects.filter(pk=plan.pk).update(
        updated_at=timezone.make_aware(dt.datetime(2009, 5, 1))
    )
    found = [
        r for r in select_reminders(world.essex, dt.date(2009, 8, 28))
        if r.person_id == world.person(world.lead).pk
    ]  # fmt: skip
    assert [r.key for r in found] == [f"workplan:{plan.pk}:2009-09-10"]
    assert found[0].reason == (
        "You are a lead of Safer Essex, which meets on 10 September 2009; its workplan is "
        "due 7 days before."
    )


def test_my_work_lists_what_is_due_within_the_days_set(world, as_user, settings):
    alan = world.person(world.lead)
    soon = timezone.localdate() + dt.timedelta(days=10)
    make_plan_action(make_plan(world.safer), "Recruit IDVAs", lead=alan, due_on=soon)
    item = make_item(make_meeting(world.safer, timezone.localdate()))
    make_action_point(item, "Circulate the guidance", owners=[alan], due_on=soon)

    def actions_due():
        page = as_user(world.lead).get("/").text
        start = page.index("My work")
        return page[start : page.index("</section>", start)]

    shown = actions_due()
    assert "Actions due (2)" in shown
    assert f"Plan action, due {soon:%-d %b %Y}" in shown and "Circulate the guidance" in shown
    settings.DUE_SOON_DAYS = 5
    assert "Actions due" not in actions_due()
