"""E-mail through the task worker (partnerships/mail.py): a message the mail server refuses
is tried again later and sent once; after the last try it is given up and logged; an
invitation's link is made when it is sent and never waits in the task table.

Most tests run the database task backend and its worker in-process, as `manage.py
db_worker --batch` does, and move the booked tasks' times back to let time pass."""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.db.models import F
from django.tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from partnerships import invitations
from partnerships.mail import MAX_ATTEMPTS, RETRY_DELAYS, send_email
from partnerships.models import Invitation, Membership
from tests.conftest import DATABASE_TASKS

pytestmark = pytest.mark.django_db


# --- helpers, shared with tests/work/test_reminder_tasks.py --------------------------------


def use_database_tasks(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS
    # The worker closes stale connections between tasks; in a test's transaction that
    # would end the test's connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker() -> None:
    """Run every task that is due, as `manage.py db_worker --batch --queue-name '*'`."""
    db_worker.Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run()  # fmt: skip


def waiting() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by("run_after"))


def time_passes(delta: dt.timedelta) -> None:
    """Tasks booked for later come ``delta`` nearer (the worker reads the real clock)."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        run_after=F("run_after") - delta
    )


class FlakyMailServer:
    """The test mail backend, refusing the next ``failures`` messages (all, with None)."""

    def __init__(self, monkeypatch, failures: int | None) -> None:  # type: ignore[no-untyped-def]
        self.failures = failures
        self.refused = 0
        real = locmem.EmailBackend.send_messages

        def send_messages(backend, messages):  # type: ignore[no-untyped-def]
            if self.failures is None or self.failures > 0:
                if self.failures:
                    self.failures -= 1
                self.refused += 1
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            return real(backend, messages)

        monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)


# --- one message ---------------------------------------------------------------------------


@pytest.fixture
def database_tasks(settings, monkeypatch):
    use_database_tasks(settings, monkeypatch)


def send_one() -> None:
    send_email.enqueue(subject="Hello", body="A message.", to=["sam@example.test"])


def test_a_message_goes_when_the_worker_runs(database_tasks):
    send_one()
    assert mail.outbox == []  # queued, not sent in the request
    run_worker()
    [message] = mail.outbox
    assert (message.subject, message.to) == ("Hello", ["sam@example.test"])
    assert waiting() == []


def test_a_refused_message_is_tried_again_later_and_sent_once(database_tasks, monkeypatch):
    server = FlakyMailServer(monkeypatch, failures=2)
    send_one()
    run_worker()
    assert mail.outbox == [] and server.refused == 1
    [retry] = waiting()
    first = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert retry.run_after - first.started_at == RETRY_DELAYS[0]  # a minute later
    run_worker()  # not due yet: nothing happens
    assert server.refused == 1 and len(waiting()) == 1

    time_passes(RETRY_DELAYS[0])
    run_worker()
    assert mail.outbox == [] and server.refused == 2
    [retry] = waiting()
    second = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).latest("started_at")
    assert retry.run_after - second.started_at == RETRY_DELAYS[1]  # then five minutes

    time_passes(RETRY_DELAYS[1])
    run_worker()
    assert len(mail.outbox) == 1 and waiting() == []
    time_passes(dt.timedelta(days=2))
    run_worker()
    assert len(mail.outbox) == 1


def test_after_the_last_try_the_message_is_given_up_and_logged(database_tasks, monkeypatch, caplog):
    server = FlakyMailServer(monkeypatch, failures=None)
    caplog.set_level(logging.WARNING, logger="partnerships.mail")
    send_one()
    run_worker()
    for delay in RETRY_DELAYS:
        time_passes(delay)
        run_worker()
    assert server.refused == MAX_ATTEMPTS == 6
    assert mail.outbox == [] and waiting() == []
    last = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert last.exception_class_path == "partnerships.mail.EmailNotSent"
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("sam@example.test" in e and "attempt 6 of 6" in e and "given up" in e
               for e in errors)  # fmt: skip
    time_passes(dt.timedelta(days=30))
    run_worker()
    assert server.refused == 6  # nothing more


def test_a_fault_that_is_not_the_mail_server_is_not_tried_again(database_tasks, monkeypatch):
    def broken(backend, messages):  # type: ignore[no-untyped-def]
        raise ValueError("a bug")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", broken)
    send_one()
    run_worker()
    assert waiting() == []
    assert DBTaskResult.objects.get().exception_class_path == "builtins.ValueError"


def test_where_tasks_run_at_once_a_refused_message_is_given_up_and_logged(monkeypatch, caplog):
    # The tests' own backend (ImmediateBackend) runs a task at once and cannot hold one
    # for later: there is no later try.
    FlakyMailServer(monkeypatch, failures=1)
    caplog.set_level(logging.ERROR, logger="partnerships.mail")
    result = send_email.enqueue(subject="Hello", body="A message.", to=["sam@example.test"])
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "partnerships.mail.EmailNotSent"
    assert mail.outbox == []
    assert any("given up" in r.getMessage() for r in caplog.records)


# --- invitations ---------------------------------------------------------------------------


def invite(world) -> Invitation:  # type: ignore[no-untyped-def]
    return invitations.invitation_send(
        partnership=world.safer, role=Membership.Role.MEMBER, name="Priya Shah",
        email="priya@example.test", organisation=None, by=world.secretariat,
    )  # fmt: skip


def token_in(message: mail.EmailMessage) -> str:
    match = re.search(r"/invitations/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)


def test_an_invitation_is_emailed_by_the_worker_and_its_link_works(world, database_tasks):
    invitation = invite(world)
    assert mail.outbox == []
    run_worker()
    [message] = mail.outbox
    token = token_in(message)
    assert invitations.invitation_for_token(token) == invitation
    # The link is made at sending: the task table holds the invitation's number only.
    assert all(token not in str(row.args_kwargs) for row in DBTaskResult.objects.all())


def test_a_refused_invitation_is_sent_on_a_later_try_with_a_working_link(
    world, database_tasks, monkeypatch
):
    FlakyMailServer(monkeypatch, failures=1)
    invitation = invite(world)
    run_worker()
    assert mail.outbox == [] and len(waiting()) == 1
    time_passes(RETRY_DELAYS[0])
    run_worker()
    [message] = mail.outbox
    assert invitations.invitation_for_token(token_in(message)) == invitation
    assert waiting() == []


def test_an_invitation_withdrawn_before_the_next_try_is_not_sent(
    world, database_tasks, monkeypatch
):
    FlakyMailServer(monkeypatch, failures=1)
    invitation = invite(world)
    run_worker()
    invitations.invitation_withdraw(invitation=invitation)
    time_passes(RETRY_DELAYS[0])
    run_worker()
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(return_value="no longer pending").count() == 1


def test_a_resent_invitation_kills_the_old_link_at_once(world):
    invitation = invite(world)  # the tests' backend sends at once
    old = token_in(mail.outbox[0])
    invitations.invitation_resend(invitation=invitation)
    assert invitations.invitation_for_token(old) is None
    assert invitations.invitation_for_token(token_in(mail.outbox[1])) == invitation
