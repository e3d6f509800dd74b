"""Import a comparator file from the command line, with the same mapping and checks as the
import page: all of it or nothing, every problem reported by row and column."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.comparators import CodeType, FileRejected, Mapping, comparators_import
from indicators.models import ComparatorImport, Indicator


class Command(BaseCommand):
    help = "Import comparator values for one indicator from a CSV or Excel file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--agreement", required=True, help="agreement slug")
        parser.add_argument("--indicator", required=True, help="indicator code, e.g. 'NI 186'")
        parser.add_argument("--area-column", required=True)
        parser.add_argument("--code-type", choices=CodeType.values, default=CodeType.ONS)
        parser.add_argument("--period-column", required=True)
        parser.add_argument("--calendar-year", action="store_true", help="2008 → 2008/09")
        parser.add_argument("--value-column", required=True)
        parser.add_argument("--source", required=True)
        parser.add_argument("--source-url", default="")
        parser.add_argument("--licence", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            indicator = Indicator.objects.select_related("agreement").get(
                agreement__slug=options["agreement"], code=options["indicator"]
            )
        except Indicator.DoesNotExist as error:
            raise CommandError("No such indicator in that agreement.") from error
        path: Path = options["file"]
        batch = ComparatorImport(
            agreement=indicator.agreement,
            filename=path.name,
            content=path.read_bytes(),
            source=options["source"],
            source_url=options["source_url"],
            licence=options["licence"],
        )
        mapping = Mapping(
            options["area_column"],
            CodeType(options["code_type"]),
            options["period_column"],
            options["value_column"],
            options["calendar_year"],
        )
        try:
            batch.save()
            plan = comparators_import(batch=batch, indicator=indicator, mapping=mapping, by=None)
        except FileRejected as error:
            batch.delete()
            raise CommandError(str(error)) from error
        if not plan.is_valid:
            batch.delete()
            raise CommandError("Nothing imported:\n" + "\n".join(str(p) for p in plan.problems))
        left_out = len(plan.unknown_areas)
        message = f"{len(plan.values)} values imported; {left_out} areas not held left out."
        self.stdout.write(self.style.SUCCESS(message))
