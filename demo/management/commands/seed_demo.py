"""Load the demo: the Essex and Herefordshire LAAs from the users' own documents.

Idempotent: running it twice changes nothing. Demo sign-ins (password "demo") are created
only with DEBUG on.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.load import demo_load
from demo.partnerships import DEMO_PASSWORD, partnerships_data


class Command(BaseCommand):
    help = "Load the demo agreements (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            demo_load(with_logins=settings.DEBUG)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if settings.DEBUG:
            self.stdout.write(f"Demo sign-ins (password '{DEMO_PASSWORD}'):")
            for email, (_, name) in partnerships_data().logins.items():
                self.stdout.write(f"  {email:24} {name}")
        else:
            self.stdout.write("DEBUG is off, so no demo sign-ins were created.")
