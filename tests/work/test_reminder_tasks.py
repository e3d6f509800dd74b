"""The daily reminders as a task (work/tasks.py): a run sends the day's reminders and books
the next at REMINDERS_AT, exactly one run stays booked however often it is ensured, and a
reminder whose e-mail fails is tried again, sent once, or given up and shown so."""

from __future__ import annotations

import datetime as dt
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from partnerships.mail import MAX_ATTEMPTS, RETRY_DELAYS
from partnerships.models import Membership, SentReminder
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_target
from tests.partnerships.test_mail_tasks import (
    FlakyMailServer,
    run_worker,
    time_passes,
    use_database_tasks,
    waiting,
)
from work.reminders import send_reminders
from work.tasks import daily_reminders, next_run_after, pending_runs

# 2009/10 Q1's return was due 30 July 2009: on 5 August it is late, and its data owner is
# chased (tests/work/test_reminders.py).
LATE = dt.date(2009, 8, 5)


@pytest.fixture
def database_tasks(db, settings, monkeypatch):
    use_database_tasks(settings, monkeypatch)


@pytest.fixture
def owner(world):
    _, person = make_member_with_login(
        world.safer, Membership.Role.MEMBER, "owner@example.test", "Dana Owner"
    )
    return person


@pytest.fixture
def late_return(world, owner):
    from indicators.models import DataReturn

    target = make_target(world.safer, lead=world.person(world.lead), data_owner=owner)
    for label in ("2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4"):
        add_actual(target, label, "20")
        DataReturn.objects.create(target=target, period=label, status="approved")
    return target


def schedule() -> str:
    out = StringIO()
    call_command("schedule_reminders", stdout=out)
    return out.getvalue()


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


# --- the daily run ---------------------------------------------------------------------


def test_the_daily_run_sends_the_days_reminders_and_books_the_next(
    settings, database_tasks, late_return
):
    settings.GOLDEN_THREAD_TODAY = LATE  # as at a date, the first run goes at once
    assert "booked: next run at once" in schedule()
    run_worker()
    [message] = mail.outbox
    assert message.to == ["owner@example.test"] and "Late: NI 32" in message.subject
    [booked] = pending_runs()
    run_at = local(booked.run_after)
    assert (run_at.hour, run_at.minute) == (7, 0)
    assert dt.timedelta(0) < booked.run_after - timezone.now() <= dt.timedelta(days=1)


def test_each_run_books_the_next_and_sends_nothing_twice(settings, database_tasks, late_return):
    settings.GOLDEN_THREAD_TODAY = LATE
    schedule()
    run_worker()
    for _ in range(3):  # three more days
        time_passes(dt.timedelta(days=1))
        run_worker()
        assert len(pending_runs()) == 1
    assert len(mail.outbox) == 1
    assert SentReminder.objects.get().sent_at is not None


def test_booking_again_books_nothing_more(database_tasks):
    assert "Daily reminders booked: next run at " in schedule()
    assert "already booked" in schedule()
    assert "already booked" in schedule()
    [booked] = pending_runs()
    assert booked.run_after == next_run_after(timezone.now())


def test_the_time_of_day_is_a_setting_in_local_time(settings):
    settings.REMINDERS_AT = "18:30"
    winter = timezone.make_aware(dt.datetime(2026, 12, 7, 12, 0))  # London: GMT
    assert next_run_after(winter) == timezone.make_aware(dt.datetime(2026, 12, 7, 18, 30))
    evening = timezone.make_aware(dt.datetime(2026, 12, 7, 18, 30))
    assert next_run_after(evening) == timezone.make_aware(dt.datetime(2026, 12, 8, 18, 30))
    summer = timezone.make_aware(dt.datetime(2026, 7, 1, 6, 0))  # BST: 17:30 UTC
    assert next_run_after(summer).astimezone(dt.UTC).hour == 17


def test_a_backend_that_cannot_book_ahead_is_refused_with_the_cron_route(db):
    # The tests' own backend runs tasks at once and holds none for later.
    with pytest.raises(CommandError, match="send_reminders` daily from cron"):
        schedule()


def test_where_tasks_run_at_once_the_run_just_sends(settings, late_return):
    settings.GOLDEN_THREAD_TODAY = LATE
    result = daily_reminders.enqueue()
    assert result.return_value == {
        "queued": 1, "emails": 1, "skipped_opted_out": 0, "skipped_no_email": 0
    }  # fmt: skip
    assert len(mail.outbox) == 1


def test_the_send_reminders_command_still_works_for_cron(late_return):
    out = StringIO()
    call_command("send_reminders", date=LATE.isoformat(), stdout=out)
    assert "1 new reminders, 1 e-mails sent or queued" in out.getvalue()
    assert len(mail.outbox) == 1


# --- e-mails that fail ---------------------------------------------------------------------


def test_a_reminder_the_mail_server_refuses_is_sent_on_a_later_try_once(
    world, database_tasks, late_return, monkeypatch
):
    server = FlakyMailServer(monkeypatch, failures=1)
    send_reminders(agreements=[world.essex], today=LATE)
    run_worker()
    assert mail.outbox == [] and server.refused == 1
    row = SentReminder.objects.get()
    assert row.sent_at is None and row.queued_at is not None and row.attempts == 1
    assert "SMTPServerDisconnected" in row.last_error
    # The daily run meanwhile leaves it to the task: no second e-mail is queued.
    send_reminders(agreements=[world.essex], today=LATE + dt.timedelta(days=1))
    assert len(waiting()) == 1

    time_passes(RETRY_DELAYS[0])
    run_worker()
    [message] = mail.outbox
    assert message.to == ["owner@example.test"]
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2 and row.failed_at is None
    time_passes(dt.timedelta(days=3))
    run_worker()
    send_reminders(agreements=[world.essex], today=LATE + dt.timedelta(days=3))
    run_worker()
    assert len(mail.outbox) == 1


def test_a_reminder_never_sent_is_given_up_recorded_and_logged(
    world, database_tasks, late_return, monkeypatch, caplog
):
    server = FlakyMailServer(monkeypatch, failures=None)
    caplog.set_level(logging.WARNING, logger="partnerships.mail")
    send_reminders(agreements=[world.essex], today=LATE)
    run_worker()
    for delay in RETRY_DELAYS:
        time_passes(delay)
        run_worker()
    assert server.refused == MAX_ATTEMPTS and mail.outbox == []
    row = SentReminder.objects.get()
    assert row.failed_at is not None and row.sent_at is None and row.attempts == MAX_ATTEMPTS
    assert any(r.levelno == logging.ERROR and "owner@example.test" in r.getMessage()
               for r in caplog.records)  # fmt: skip
    # Given up: later daily runs do not try it again.
    send_reminders(agreements=[world.essex], today=LATE + dt.timedelta(days=2))
    run_worker()
    assert server.refused == MAX_ATTEMPTS and waiting() == []


def test_a_reminder_lost_with_its_task_is_given_to_a_new_one(world, database_tasks, late_return):
    send_reminders(agreements=[world.essex], today=LATE)
    [task] = waiting()
    task.delete()  # e.g. the task table emptied before the worker ran
    send_reminders(agreements=[world.essex], today=LATE + dt.timedelta(days=1))
    assert waiting() == []  # still with the task, as far as anyone knows
    SentReminder.objects.update(queued_at=timezone.now() - dt.timedelta(days=3))
    send_reminders(agreements=[world.essex], today=LATE + dt.timedelta(days=3))
    run_worker()
    assert len(mail.outbox) == 1


def test_where_tasks_run_at_once_a_refused_reminder_waits_for_the_next_daily_run(
    world, late_return, monkeypatch
):
    FlakyMailServer(monkeypatch, failures=1)
    send_reminders(agreements=[world.essex], today=LATE)
    row = SentReminder.objects.get()
    assert mail.outbox == [] and row.queued_at is None and row.attempts == 1
    send_reminders(agreements=[world.essex], today=LATE + dt.timedelta(days=1))
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2
