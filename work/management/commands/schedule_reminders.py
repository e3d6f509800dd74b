"""Before the task worker starts: make sure the daily reminders run is booked (once)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks_db.models import get_date_max

from partnerships import clock
from work.tasks import CannotSchedule, reminders_schedule


class Command(BaseCommand):
    help = (
        "Book the daily reminders with the task worker, at REMINDERS_AT, unless a run is "
        "booked already (so it is safe to run at every start)."
    )

    def handle(self, *args: object, **options: object) -> None:
        # As at a date (the demo), the next REMINDERS_AT on that date is long past: the
        # first run goes at once, and books the next by the worker's own clock.
        after = None if clock.as_at() else clock.now()
        try:
            run, booked = reminders_schedule(after=after)
        except CannotSchedule as error:
            raise CommandError(str(error)) from error
        when = (
            "at once"
            if run.run_after == get_date_max()
            else f"at {timezone.localtime(run.run_after):%Y-%m-%d %H:%M %Z}"
        )
        self.stdout.write(
            f"Daily reminders booked: next run {when}."
            if booked
            else f"Daily reminders already booked: next run {when}."
        )
