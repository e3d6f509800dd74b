"""Daily: forget built documents nobody has asked for lately (docs/background.md)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q

from partnerships import clock
from partnerships.models import Document


class Command(BaseCommand):
    help = "Delete built documents (and their files) asked for more than --days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="Keep those asked for since.")

    def handle(self, *args: object, **options: object) -> None:
        cutoff = clock.now() - dt.timedelta(days=int(options["days"]))  # type: ignore[call-overload]
        old = Document.objects.filter(requested_at__lt=cutoff).filter(
            Q(finished_at__isnull=True) | Q(finished_at__lt=cutoff)
        )
        count = 0
        for document in old.iterator():
            if document.file:
                document.file.delete(save=False)
            document.delete()
            count += 1
        self.stdout.write(f"{count} document{'s' if count != 1 else ''} deleted.")
