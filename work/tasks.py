"""The daily reminders as a task the worker runs every day, with no cron.

``daily_reminders`` sends the day's reminders (work/reminders.py) and books its own next
run, at REMINDERS_AT (local time, e.g. "07:00") after this one. ``reminders_schedule``
makes sure one run is waiting, and books one if none is: ``manage.py schedule_reminders``
calls it before the worker starts (``make run``, and the deploy in
docs/reminders-and-email.md), and every run calls it again, so the chain never breaks and
never doubles. Booking ahead needs a backend that keeps tasks for later and can be asked
what it holds: the database one (django-tasks-db). With another, run ``manage.py
send_reminders`` daily from cron instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from django.conf import settings
from django.tasks import TaskContext, TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from partnerships import clock
from partnerships.models import Agreement
from work.reminders import send_reminders

logger = logging.getLogger(__name__)

DEFAULT_REMINDERS_AT = "07:00"


class CannotSchedule(Exception):
    """The task backend cannot book a run for later and say what it has booked."""


def reminders_at() -> dt.time:
    value = getattr(settings, "REMINDERS_AT", DEFAULT_REMINDERS_AT)
    try:
        return dt.time.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"REMINDERS_AT must be a time written 07:00, not {value!r}.") from error


def next_run_after(moment: dt.datetime) -> dt.datetime:
    """The first REMINDERS_AT (local time) after ``moment``."""
    local = timezone.localtime(moment)
    at = reminders_at()
    run = timezone.make_aware(dt.datetime.combine(local.date(), at))
    if run <= local:
        run = timezone.make_aware(dt.datetime.combine(local.date() + dt.timedelta(days=1), at))
    return run


@task(takes_context=True)
def daily_reminders(context: TaskContext) -> dict[str, int]:
    """Send today's reminders for every agreement, after booking tomorrow's run (so a
    failure today does not end the chain). Returns the counts ``send_reminders`` gives."""
    if isinstance(context.task_result.task.get_backend(), DatabaseBackend):
        # The worker's clock says when this run started; the next run is due by it,
        # whatever day the app runs as at (the demo's 2009).
        reminders_schedule(after=context.task_result.started_at or clock.now())
    outcome = send_reminders(agreements=Agreement.objects.order_by("pk"), today=clock.today())
    logger.info("Daily reminders for %s: %s", clock.today(), outcome)
    return dataclasses.asdict(outcome)


def pending_runs() -> list[DBTaskResult]:
    """The booked runs of the daily reminders that have not started, soonest first."""
    backend = daily_reminders.get_backend()
    if not isinstance(backend, DatabaseBackend):
        raise CannotSchedule(
            f"The task backend ({type(backend).__module__}.{type(backend).__name__}) cannot "
            "book the daily reminders ahead: use the database backend "
            "(django_tasks_db.DatabaseBackend), or run `manage.py send_reminders` daily "
            "from cron."
        )
    return list(
        DBTaskResult.objects.filter(
            task_path=daily_reminders.module_path,
            backend_name=backend.alias,
            status=TaskResultStatus.READY,
        ).order_by("run_after")
    )


def reminders_schedule(*, after: dt.datetime | None) -> tuple[DBTaskResult, bool]:
    """The waiting run of the daily reminders, and whether it was booked now: if none is
    waiting, one is booked for the first REMINDERS_AT after ``after`` (with None: to run at
    once). Raises CannotSchedule unless the backend is the database one."""
    waiting = pending_runs()
    if waiting:
        return waiting[0], False
    booked = daily_reminders
    if after is not None:
        booked = booked.using(run_after=next_run_after(after))
    result = booked.enqueue()
    return DBTaskResult.objects.get(pk=result.id), True
