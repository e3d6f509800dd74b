"""Load every English local authority and the ONS area-classification family groups."""

from django.core.management.base import BaseCommand
from django.db import transaction

from indicators.comparisons import oac_groups_load
from partnerships.england import england_load


class Command(BaseCommand):
    help = (
        "Load English local authorities and ONS family groups from the shipped files (idempotent)."
    )

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            areas = england_load()
            groups = oac_groups_load()
        self.stdout.write(
            self.style.SUCCESS(f"{areas} authorities and {groups} family groups added.")
        )
