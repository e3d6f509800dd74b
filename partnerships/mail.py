"""E-mail sent in the background, and tried again when the mail server fails.

Every e-mail the app sends goes through a task on the "email" queue
(docs/reminders-and-email.md): ``send_email`` for a message written beforehand (reminders,
which it marks sent), and ``invitations.send_invitation`` for an invitation, whose link is
made when it is sent so that the secret never waits in the task table. A failure to reach
the mail server (an SMTP error, a refused or timed-out connection) is tried again later,
after each of RETRY_DELAYS in turn; after the last it is given up, logged as an error, and
the task ends failed. A task backend that cannot hold a task for later (the one tests use,
which runs tasks at once) cannot try again: there the first failure is the last (reminders
wait for the next daily run instead).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Mapping

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.tasks import TaskContext, task

from partnerships import clock
from partnerships.models import SentReminder

logger = logging.getLogger(__name__)

# The waits before the 2nd, 3rd, … attempt: an e-mail is tried at most six times, over
# about fifteen hours, so a mail server down for the night still gets the morning's mail.
RETRY_DELAYS = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# What a mail server that is down, refusing or misconfigured raises (timeouts and refused
# connections are OSErrors). Anything else is a bug: the task fails at once, untried again.
SEND_ERRORS = (smtplib.SMTPException, OSError)


class EmailNotSent(Exception):
    """Every attempt failed (or the backend could not wait to try again): given up."""


def try_again_later(
    context: TaskContext, *, attempt: int, error: Exception, what: str, kwargs: Mapping
) -> dt.datetime | None:
    """After failed attempt number ``attempt``, enqueue the running task again (with
    ``kwargs`` and the next attempt number) after the next of RETRY_DELAYS, and say when;
    or None when that was the last attempt or the backend cannot defer a task. Logged
    either way: a warning for a retry, an error for giving up."""
    task_ = context.task_result.task
    if attempt < MAX_ATTEMPTS and task_.get_backend().supports_defer:
        # The worker's clock: the one that decides when a deferred task is due, whatever
        # day the app runs as at (partnerships/clock.py).
        started = context.task_result.started_at or clock.now()
        when = started + RETRY_DELAYS[attempt - 1]
        task_.using(run_after=when).enqueue(**kwargs, attempt=attempt + 1)
        logger.warning(
            "%s: attempt %d of %d failed (%s); trying again at %s.",
            what, attempt, MAX_ATTEMPTS, error, when.isoformat(timespec="seconds"),
        )  # fmt: skip
        return when
    logger.error("%s: attempt %d of %d failed (%s); given up.", what, attempt, MAX_ATTEMPTS, error)
    return None


@task(queue_name="email", takes_context=True)
def send_email(
    context: TaskContext,
    *,
    subject: str,
    body: str,
    to: list[str],
    reminders: list[int] | None = None,
    digest: bool = False,
    attempt: int = 1,
) -> str:
    """Send one message, from DEFAULT_FROM_EMAIL. With ``reminders`` (SentReminder ids) the
    message is those reminders: they are marked sent with it, and it is not sent if they
    were sent already (two runs of the same e-mail, one waits for the other's row locks),
    so nothing is e-mailed twice. Returns what happened ("sent", "nothing to send",
    "retrying", "waiting for the next daily run"); raises EmailNotSent when given up."""
    kwargs = {"subject": subject, "body": body, "to": to, "reminders": reminders, "digest": digest}
    try:
        with transaction.atomic():
            if reminders:
                unsent = list(
                    SentReminder.objects.select_for_update()
                    .filter(pk__in=reminders, sent_at__isnull=True, failed_at__isnull=True)
                    .values_list("pk", flat=True)
                )
                if not unsent:  # sent meanwhile, given up, or deleted (an opt-out)
                    return "nothing to send"
            send_mail(subject, body, None, to)
            if reminders:
                SentReminder.objects.filter(pk__in=unsent).update(
                    sent_at=clock.now(), is_digest=digest, attempts=F("attempts") + 1
                )
    except SEND_ERRORS as error:
        what = f"E-mail “{subject}” to {', '.join(to)}"
        when = try_again_later(context, attempt=attempt, error=error, what=what, kwargs=kwargs)
        if reminders:
            _reminders_failed(reminders, error, retrying=when is not None, attempt=attempt)
        if when is not None:
            return "retrying"
        if reminders and attempt < MAX_ATTEMPTS:
            return "waiting for the next daily run"
        raise EmailNotSent(f"{what}: not sent after {attempt} attempts ({error}).") from error
    return "sent"


def _reminders_failed(ids: list[int], error: Exception, *, retrying: bool, attempt: int) -> None:
    """Record a failed try on the reminders: still with the task while it tries again;
    given up after the last attempt; otherwise (a backend that cannot wait) handed back,
    so the next daily run tries again."""
    rows = SentReminder.objects.filter(pk__in=ids, sent_at__isnull=True)
    rows.update(attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:300])
    if retrying:
        return
    if attempt >= MAX_ATTEMPTS:
        rows.update(failed_at=clock.now())
    else:
        rows.update(queued_at=None)
