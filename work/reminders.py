"""Reminders: who should be chased about what on a given day, and sending them once.

Reminders gather from every app (data returns, meeting action points, delivery plans,
minutes and agenda packs), so they live in the project package; ``manage.py
send_reminders`` runs ``send_reminders`` daily. Each reminder has a key naming the thing
and the occasion; ``SentReminder`` keeps one row per person and key, so running twice
sends nothing twice. People choose immediate e-mails or a weekly digest (Mondays), and
may opt out of kinds (``ReminderPreference``). The rules are written out in
docs/data-cycle.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from indicators import returns
from indicators.models import DataReturn, Target
from indicators.periods import Frequency, periods_between
from meetings.models import ActionPoint, Meeting
from partnerships.models import (
    Agreement,
    Membership,
    Person,
    ReminderKind,
    ReminderPreference,
    SentReminder,
)
from plans import schedule
from plans.models import Action, DeliveryPlan
from plans.views.plans import last_meetings

# Days ahead that "coming due" reminders start.
NOTICE_DAYS = 7
# Days late after which a late return is copied to the target lead.
ESCALATE_AFTER_DAYS = 14
# Returns and actions older than this are history, not something to chase by e-mail.
LOOKBACK_DAYS = 120
# Days before a partnership's meeting that its workplan reminders start.
WORKPLAN_NOTICE_DAYS = 14
# Minutes published this long ago or less are announced.
MINUTES_RECENT_DAYS = 30
DIGEST_WEEKDAY = 0  # Monday


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
            if period.start > today or (today - due).days > LOOKBACK_DAYS:
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
                if late > ESCALATE_AFTER_DAYS and lead_id and lead_id != chaser:
                    yield Reminder(
                        lead_id, ReminderKind.RETURN_ESCALATED,
                        f"return_escalated:{pk}:{period.label}",
                        f"{code} {period.label} return is {late} days late",
                        f"You lead {code}; its data owner has not submitted the "
                        f"{period.label} return, due {due:%-d %B %Y}.",
                        url,
                    )  # fmt: skip
            elif days_to_go <= NOTICE_DAYS:
                yield Reminder(
                    chaser, ReminderKind.RETURN_DUE, f"return_due:{pk}:{period.label}",
                    f"{code} {period.label} return due {due:%-d %B %Y}",
                    f"You are the {role} of {code}; its {period.label} return is due in "
                    f"{days_to_go} day{'s' if days_to_go != 1 else ''}.",
                    url,
                )  # fmt: skip


def _due_or_overdue(due: dt.date | None, today: dt.date) -> str | None:
    if due is None or (today - due).days > LOOKBACK_DAYS:
        return None
    if due < today:
        return "overdue"
    return "due" if (due - today).days <= NOTICE_DAYS else None


def _action_points(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    points = (
        ActionPoint.objects.open()
        .for_agreement(agreement.pk)
        .filter(Q(due_on__isnull=False) | Q(due_meeting__isnull=False))
        .select_related("item__meeting__partnership", "due_meeting")
        .prefetch_related("owners")
    )
    for point in points:
        when = _due_or_overdue(point.due, today)
        if when is None:
            continue
        meeting = point.item.meeting
        for owner in point.owners.all():
            yield Reminder(
                owner.pk, ReminderKind.ACTION_POINT,
                f"action_point:{point.pk}:{when}:{point.due}",
                f"Action point {when}: {point.text[:80]}",
                f"You own this action point from {meeting}; it is {when} "
                f"({point.due:%-d %B %Y}).",
                point.get_absolute_url(),
            )  # fmt: skip


def _plan_actions(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    actions = (
        Action.objects.filter(plan__partnership__agreement=agreement, lead__isnull=False)
        .exclude(status__in=[Action.Status.COMPLETE, Action.Status.DROPPED])
        .filter(due_on__isnull=False)
        .select_related("plan__partnership")
    )
    for action in actions:
        when = _due_or_overdue(action.due_on, today)
        if when is None or action.lead_id is None:
            continue
        yield Reminder(
            action.lead_id, ReminderKind.PLAN_ACTION,
            f"plan_action:{action.pk}:{when}:{action.due_on}",
            f"Plan action {when}: {action}",
            f"You lead this action in {action.plan.partnership.label}'s plan "
            f"“{action.plan}”; it is {when} ({action.due_on:%-d %B %Y}).",
            action.get_absolute_url(),
        )  # fmt: skip


def _workplans(agreement: Agreement, today: dt.date) -> Iterator[Reminder]:
    plans = list(
        DeliveryPlan.objects.in_agreement(agreement)
        .filter(
            partnership__next_meeting_on__gte=today,
            partnership__next_meeting_on__lte=today + dt.timedelta(days=WORKPLAN_NOTICE_DAYS),
        )
        .select_related("partnership")
    )
    if not plans:
        return
    partnership_ids = list({p.partnership_id for p in plans})
    meetings = last_meetings(partnership_ids, today)
    leads: dict[int, list[int]] = defaultdict(list)
    for partnership_id, person_id in (
        Membership.objects.current(today)
        .filter(partnership_id__in=partnership_ids, role__in=Membership.EDITING_ROLES)
        .values_list("partnership_id", "person_id")
    ):
        leads[partnership_id].append(person_id)
    for plan in plans:
        check = schedule.check_update(
            last_update=timezone.localdate(plan.updated_at),
            next_meeting_on=plan.partnership.next_meeting_on,
            last_meeting_on=meetings.get(plan.partnership_id),
            today=today,
        )
        if not check.state.needs_update or check.meeting_on is None or check.due_on is None:
            continue
        for person_id in leads[plan.partnership_id]:
            yield Reminder(
                person_id, ReminderKind.WORKPLAN,
                f"workplan:{plan.pk}:{check.meeting_on}",
                f"Update “{plan}” by {check.due_on:%-d %B %Y}",
                f"You are a lead of {plan.partnership.label}, which meets on "
                f"{check.meeting_on:%-d %B %Y}; its workplan is due 7 days before.",
                plan.get_absolute_url(),
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
            date__gte=today - dt.timedelta(days=MINUTES_RECENT_DAYS),
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
    emails: int = 0
    skipped_opted_out: int = 0
    skipped_no_email: int = 0


def person_email(person: Person) -> str:
    return person.email or (person.user.email if person.user else "")


def send_reminders(
    *, agreements: Iterable[Agreement], today: dt.date, outcome: Outcome | None = None
) -> Outcome:
    """Queue today's new reminders and send what is due: immediate readers now, weekly
    readers on Mondays. Reminders already logged for a person are never queued again."""
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
    for row in (
        SentReminder.objects.filter(sent_at__isnull=True)
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
    with transaction.atomic():
        send_mail(subject, body, None, [rows[0].email])
        SentReminder.objects.filter(pk__in=[r.pk for r in rows]).update(
            sent_at=timezone.now(), is_digest=digest
        )
