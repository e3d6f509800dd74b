"""Reminders: who should be chased about what on a given day, and sending them once.

Reminders gather from every app (data returns, meeting action points, delivery plans,
minutes and agenda packs), so they live in the project package; the task worker runs
``send_reminders`` daily (work/tasks.py), or cron runs ``manage.py send_reminders``. Each
reminder has a key naming the thing and the occasion; ``SentReminder`` keeps one row per
person and key, so running twice sends nothing twice. People choose immediate e-mails or a
weekly digest (Mondays), and may opt out of kinds (``ReminderPreference``). The e-mails go
through the e-mail task (partnerships/mail.py), which tries again when the mail server
fails. The rules are written out in docs/data-cycle.md; the sending in
docs/reminders-and-email.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from indicators import returns
from indicators.models import DataReturn, Target
from indicators.periods import Frequency, periods_between
from meetings import due as meetings_due
from meetings.models import ActionPoint, Meeting
from partnerships import clock
from partnerships.due import DueItem
from partnerships.mail import send_email
from partnerships.models import (
    Agreement,
    Membership,
    Person,
    ReminderKind,
    ReminderPreference,
    SentReminder,
)
from plans import due as plans_due
from plans.models import Action, DeliveryPlan

# The thresholds (how far ahead, how late, how long ago) are settings: REMINDER_NOTICE_DAYS,
# RETURN_ESCALATE_TO_LEAD_DAYS, REMINDER_LOOKBACK_DAYS, WORKPLAN_NOTICE_DAYS and
# MINUTES_NOTICE_DAYS (docs/configuration.md).
DIGEST_WEEKDAY = 0  # Monday
# A reminder given to the e-mail task is left to it (it tries again for about fifteen
# hours); one still unsent this long after was lost with its task (a task table emptied, a
# worker killed mid-send) and is given again. It cannot go twice: the task sends only rows
# still unsent, under their row locks.
LOST_AFTER = dt.timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Reminder:
    person_id: int
    kind: ReminderKind
    key: str
    subject: str
    reason: str  # "You are the data owner of NI 32 …": why this person got it
    url: str  # a path; e-mails prefix settings.SITE_URL


def select_reminders(agreement: Agreement, today: dt.date) -> list[Reminder]:
    """Every reminder due in ``agreement`` on ``today`` (sent or not): pure selection,
    no e-mail and no writes, so tests pass any date."""
    found: list[Reminder] = []
    for select in (_returns, _action_points, _plan_actions, _workplans, _minutes, _packs):
        found.extend(select(agreement, today))
    return found


# --- selection, one function per kind -----------------------------------------------------


def _returns(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    grace = settings.RETURNS_GRACE_DAYS
    notice, lookback = settings.REMINDER_NOTICE_DAYS, settings.REMINDER_LOOKBACK_DAYS
    targets = (
        Target.objects.active()
        .filter(agreement=agreement)
        .values_list("pk", "indicator__code", "indicator__frequency", "data_owner_id", "lead_id")
    )
    recorded = {
        (t, p): s
        for t, p, s in DataReturn.objects.filter(target__agreement=agreement).values_list(
            "target_id", "period", "status"
        )
    }
    for pk, code, frequency, owner_id, lead_id in targets:
        chaser = owner_id or lead_id
        if chaser is None:
            continue
        for period in periods_between(agreement.starts_on, agreement.ends_on, Frequency(frequency)):
            due = returns.due_on(period, grace)
            if period.start > today or (today - due).days > lookback:
                continue
            status = returns.status_on(recorded.get((pk, period.label)), period, today, grace)
            if status not in (returns.ReturnStatus.DUE, returns.ReturnStatus.LATE,
                              returns.ReturnStatus.RETURNED):  # fmt: skip
                continue
            url = reverse("indicators:return-detail", args=[pk, period.label])
            days_to_go = (due - today).days
            role = "data owner" if owner_id else "target lead (it has no data owner)"
            if days_to_go < 0:
                yield Reminder(
                    chaser, ReminderKind.RETURN_LATE, f"return_late:{pk}:{period.label}",
                    f"Late: {code} {period.label} return was due {due:%-d %B %Y}",
                    f"You are the {role} of {code}, and its {period.label} return has not "
                    f"been {'resubmitted' if status == 'returned' else 'submitted'}.",
                    url,
                )  # fmt: skip
                late = returns.days_late(period, today, grace)
                if late > settings.RETURN_ESCALATE_TO_LEAD_DAYS and lead_id and lead_id != chaser:
                    yield Reminder(
                        lead_id, ReminderKind.RETURN_ESCALATED,
                        f"return_escalated:{pk}:{period.label}",
                        f"{code} {period.label} return is {late} days late",
                        f"You lead {code}; its data owner has not submitted the "
                        f"{period.label} return, due {due:%-d %B %Y}.",
                        url,
                    )  # fmt: skip
            elif days_to_go <= notice:
                yield Reminder(
                    chaser, ReminderKind.RETURN_DUE, f"return_due:{pk}:{period.label}",
                    f"{code} {period.label} return due {due:%-d %B %Y}",
                    f"You are the {role} of {code}; its {period.label} return is due in "
                    f"{days_to_go} day{'s' if days_to_go != 1 else ''}.",
                    url,
                )  # fmt: skip


def _to_chase(items: list[DueItem]) -> Iterator[DueItem]:
    """Overdue (but not so long that it is history), or due within the notice days."""
    for item in items:
        if -settings.REMINDER_NOTICE_DAYS <= item.days_late <= settings.REMINDER_LOOKBACK_DAYS:
            yield item


def _action_points(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    points = ActionPoint.objects.for_agreement(agreement.pk).due_by(
        today + dt.timedelta(days=settings.REMINDER_NOTICE_DAYS)
    )
    for item in _to_chase(meetings_due.action_point_items(points, today)):
        for owner_id in item.people:
            yield Reminder(
                owner_id, ReminderKind.ACTION_POINT,
                f"action_point:{item.pk}:{item.when}:{item.due_on}",
                f"Action point {item.when}: {item.text[:80]}",
                f"You own this action point from {item.source}; it is {item.when} "
                f"({item.due_on:%-d %B %Y}).",
                item.url,
            )  # fmt: skip


def _plan_actions(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    actions = Action.objects.in_agreement(agreement).due_by(
        today + dt.timedelta(days=settings.REMINDER_NOTICE_DAYS)
    )
    for item in _to_chase(plans_due.action_items(actions, today)):
        for lead_id in item.people:
            yield Reminder(
                lead_id, ReminderKind.PLAN_ACTION,
                f"plan_action:{item.pk}:{item.when}:{item.due_on}",
                f"Plan action {item.when}: {item.text}",
                f"You lead this action in {item.source}; it is {item.when} "
                f"({item.due_on:%-d %B %Y}).",
                item.url,
            )  # fmt: skip


def _workplans(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    notice_ends = today + dt.timedelta(days=settings.WORKPLAN_NOTICE_DAYS)
    days = settings.PLAN_UPDATE_DAYS_BEFORE_MEETING
    for item in plans_due.update_items(DeliveryPlan.objects.in_agreement(agreement), today):
        assert item.meeting_on is not None  # a workplan update is for a meeting
        if item.meeting_on > notice_ends:
            continue
        for person_id in item.people:
            yield Reminder(
                person_id, ReminderKind.WORKPLAN,
                f"workplan:{item.pk}:{item.meeting_on}",
                f"Update “{item.text}” by {item.due_on:%-d %B %Y}",
                f"You are a lead of {item.source}, which meets on "
                f"{item.meeting_on:%-d %B %Y}; its workplan is due {days} days before.",
                item.url,
            )  # fmt: skip


def _members(agreement: Agreement, today: dt.date) -> dict[int, list[int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for partnership_id, person_id in (
        Membership.objects.current(today)
        .filter(partnership__agreement=agreement)
        .exclude(role=Membership.Role.OBSERVER)
        .values_list("partnership_id", "person_id")
    ):
        members[partnership_id].append(person_id)
    return members


def _minutes(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    meetings = list(
        Meeting.objects.for_agreement(agreement.pk)
        .filter(
            status__in=[Meeting.Status.MINUTES_DRAFT, Meeting.Status.MINUTES_APPROVED],
            date__gte=today - dt.timedelta(days=settings.MINUTES_NOTICE_DAYS),
            date__lte=today,
        )
        .select_related("partnership")
    )
    members = _members(agreement, today) if meetings else {}
    for meeting in meetings:
        draft = meeting.status == Meeting.Status.MINUTES_DRAFT
        for person_id in members[meeting.partnership_id]:
            yield Reminder(
                person_id, ReminderKind.MINUTES, f"minutes:{meeting.pk}:{meeting.status}",
                f"{'Draft minutes' if draft else 'Approved minutes'}: {meeting}",
                f"You are a member of {meeting.partnership.label}; the minutes of its "
                f"meeting on {meeting.date:%-d %B %Y} are "
                f"{'out in draft for comment' if draft else 'approved'}.",
                meeting.get_absolute_url(),
            )  # fmt: skip


def _packs(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    meetings = list(
        Meeting.objects.for_agreement(agreement.pk)
        .filter(status=Meeting.Status.AGENDA_PUBLISHED, date__gte=today)
        .select_related("partnership")
    )
    members = _members(agreement, today) if meetings else {}
    for meeting in meetings:
        for person_id in members[meeting.partnership_id]:
            yield Reminder(
                person_id, ReminderKind.PACK, f"pack:{meeting.pk}",
                f"Agenda pack ready: {meeting}",
                f"You are a member of {meeting.partnership.label}, which meets on "
                f"{meeting.date:%-d %B %Y}; the agenda and papers are published.",
                meeting.get_absolute_url(),
            )  # fmt: skip


# --- sending ------------------------------------------------------------------------------


@dataclass
class Outcome:
    queued: int = 0
    emails: int = 0  # given to the e-mail task (sent at once where tasks run at once)
    skipped_opted_out: int = 0
    skipped_no_email: int = 0


def person_email(person: Person) -> str:
    return person.email or (person.user.email if person.user else "")


def send_reminders(
    *, agreements: Iterable[Agreement], today: dt.date, outcome: Outcome | None = None
) -> Outcome:
    """Queue today's new reminders and send what is due: immediate readers now, weekly
    readers on Mondays. Reminders already logged for a person are never queued again, and
    those given up (the mail server failed every try) are not tried again."""
    outcome = outcome or Outcome()
    for agreement in agreements:
        _queue(select_reminders(agreement, today), outcome)
    _deliver(today, outcome)
    return outcome


def _queue(reminders: list[Reminder], outcome: Outcome) -> None:
    if not reminders:
        return
    people = {r.person_id for r in reminders}
    seen = set(SentReminder.objects.filter(person_id__in=people).values_list("person_id", "key"))
    prefs = {p.person_id: p for p in ReminderPreference.objects.filter(person_id__in=people)}
    emails = {
        p.pk: person_email(p) for p in Person.objects.filter(pk__in=people).select_related("user")
    }
    new = []
    for reminder in reminders:
        if (reminder.person_id, reminder.key) in seen:
            continue
        seen.add((reminder.person_id, reminder.key))
        pref = prefs.get(reminder.person_id)
        if pref is not None and not pref.wants(reminder.kind):
            outcome.skipped_opted_out += 1
            continue
        if not emails.get(reminder.person_id):
            outcome.skipped_no_email += 1
            continue
        new.append(
            SentReminder(
                person_id=reminder.person_id, kind=reminder.kind, key=reminder.key,
                subject=reminder.subject[:300], reason=reminder.reason[:500], url=reminder.url,
                email=emails[reminder.person_id],
            )
        )  # fmt: skip
    SentReminder.objects.bulk_create(new, ignore_conflicts=True)
    outcome.queued += len(new)


def _deliver(today: dt.date, outcome: Outcome) -> None:
    waiting: dict[int, list[SentReminder]] = defaultdict(list)
    lost = clock.now() - LOST_AFTER
    for row in (
        SentReminder.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=lost))
        .select_related("person__reminder_preference", "person__agreement")
        .order_by("created_at", "pk")
    ):
        waiting[row.person_id].append(row)
    for rows in waiting.values():
        person = rows[0].person
        pref = getattr(person, "reminder_preference", None)
        wanted = [r for r in rows if pref is None or pref.wants(r.kind)]
        unwanted = [r.pk for r in rows if r not in wanted]
        if unwanted:  # opted out while waiting for a digest
            SentReminder.objects.filter(pk__in=unwanted).delete()
        if not wanted:
            continue
        if pref is not None and pref.delivery == ReminderPreference.Delivery.WEEKLY:
            if today.weekday() == DIGEST_WEEKDAY:
                _send(person, wanted, digest=True)
                outcome.emails += 1
            continue
        for row in wanted:
            _send(person, [row], digest=False)
            outcome.emails += 1


def _send(person: Person, rows: list[SentReminder], *, digest: bool) -> None:
    site = settings.SITE_URL.rstrip("/")
    context = {
        "person": person,
        "reminders": rows,
        "site": site,
        "preferences_url": site + reverse("work:reminder-preferences"),
    }
    if digest:
        subject = f"Golden Thread: your weekly reminders ({len(rows)})"
        body = render_to_string("reminders/email_digest.txt", context)
    else:
        subject = f"Golden Thread: {rows[0].subject}"
        body = render_to_string("reminders/email_reminder.txt", {**context, "reminder": rows[0]})
    ids = [r.pk for r in rows]
    with transaction.atomic():  # with the database backend, queued and marked together
        SentReminder.objects.filter(pk__in=ids).update(queued_at=clock.now())
        send_email.enqueue(
            subject=subject, body=body, to=[rows[0].email], reminders=ids, digest=digest,
            attempt=max(r.attempts for r in rows) + 1,
        )  # fmt: skip
