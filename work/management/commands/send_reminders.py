"""Daily: e-mail the reminders due today (idempotent, so a re-run sends nothing twice).

The task worker does this every day by itself (work/tasks.py, `manage.py
schedule_reminders`); this command is the manual and cron route
(docs/reminders-and-email.md)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from partnerships import clock
from partnerships.models import Agreement
from work.reminders import send_reminders


class Command(BaseCommand):
    help = "Send data-return, action, workplan, minutes and agenda-pack reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="Act as if today were YYYY-MM-DD."
        )
        parser.add_argument("--agreement", help="Only this agreement (its slug).")

    def handle(self, *args: object, **options: object) -> None:
        date = options["date"]
        if isinstance(date, str):  # call_command(date="…") skips the argument's type
            date = dt.date.fromisoformat(date)
        today = date or clock.today()
        agreements = Agreement.objects.order_by("pk")
        if options["agreement"]:
            agreements = agreements.filter(slug=options["agreement"])
        outcome = send_reminders(agreements=agreements, today=today)  # type: ignore[arg-type]
        self.stdout.write(
            f"{today}: {outcome.queued} new reminders, {outcome.emails} e-mails sent or queued, "
            f"{outcome.skipped_opted_out} opted out, {outcome.skipped_no_email} without an address."
        )
