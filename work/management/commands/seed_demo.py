"""Load the demo: the Essex and Herefordshire LAAs from the users' own documents.

Idempotent: running it twice changes nothing. Demo sign-ins (password "demo") are created
only with DEBUG on.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.demo import DEMO_PASSWORD, demo_load
from partnerships.demo_data import DEMO_LOGINS

# Each later app adds its demo on top of the agreements; each loader is idempotent too.
APP_LOADERS = ["indicators.demo", "meetings.demo", "funding.demo", "plans.demo"]
APP_LOADERS.append("indicators.demo_comparators")  # comparators (issue 10)
APP_LOADERS.append("indicators.demo_returns")  # sign-off of 2009/10 Q1 (issue 9)
APP_LOADERS.append("funding.demo_links")  # bids to the plans' funding lines (issue 7)


class Command(BaseCommand):
    help = "Load the demo agreements (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            agreements = demo_load(with_logins=settings.DEBUG)
            for module_name in APP_LOADERS:
                if find_spec(module_name) is not None:
                    import_module(module_name).demo_load(agreements=agreements)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if settings.DEBUG:
            self.stdout.write(f"Demo sign-ins (password '{DEMO_PASSWORD}'):")
            for email, (_, name) in DEMO_LOGINS.items():
                self.stdout.write(f"  {email:24} {name}")
        else:
            self.stdout.write("DEBUG is off, so no demo sign-ins were created.")
