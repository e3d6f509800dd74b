"""Load the demo: the Essex, Herefordshire, Leicestershire and Cheshire agreements from the
users' own documents, as at the demo's date (demo/timeline.py).

Idempotent: running it twice changes nothing. Demo sign-ins (password "demo") are created
only with DEBUG on.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.load import demo_load
from demo.partnerships import DEMO_PASSWORD
from partnerships.models import Person


class Command(BaseCommand):
    help = "Load the demo agreements (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            demo_load(with_logins=settings.DEBUG)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if settings.DEBUG:
            self.stdout.write(f"Demo sign-ins (password '{DEMO_PASSWORD}'):")
            people = Person.objects.filter(user__email__endswith="@demo.test").order_by("user_id")
            for person in people.select_related("user", "agreement"):
                self.stdout.write(f"  {person.user.email:28} {person.name} ({person.agreement})")
        else:
            self.stdout.write("DEBUG is off, so no demo sign-ins were created.")
