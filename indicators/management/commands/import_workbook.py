"""python manage.py import_workbook PATH --agreement SLUG [--dry-run]

Imports indicators, targets and actuals from an Excel workbook (docs/import.md). Every
problem is listed by sheet, row and column and nothing is written unless there are none.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.workbook import summary_lines, workbook_import
from partnerships.models import Agreement


class Command(BaseCommand):
    help = "Import indicators, targets and actuals from an Excel workbook (docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The .xlsx workbook to import.")
        parser.add_argument("--agreement", required=True, help="The agreement's slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show the changes; write nothing."
        )

    def handle(self, *args: Any, path: Path, agreement: str, dry_run: bool, **options: Any) -> None:
        found = Agreement.objects.filter(slug=agreement).first()
        if found is None:
            slugs = ", ".join(Agreement.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"There is no agreement '{agreement}'. Agreements: {slugs}.")
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        result = workbook_import(agreement=found, path=path, dry_run=dry_run)
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            count = len(result.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} in {path.name}; nothing was imported."
            )
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        for default in result.defaults:
            self.stdout.write(f"Default: {default}")
        for line in summary_lines(result.summary):
            self.stdout.write(line)
        if int(options.get("verbosity", 1)) > 1:
            for change in result.changes:
                self.stdout.write(f"  {change}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        elif result.is_stale:
            raise CommandError(
                "Someone changed or approved figures while the import ran; nothing was "
                f"imported. Run it again to import {path.name} over their changes."
            )
        elif result.is_applied:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name} into {found}."))
        else:
            self.stdout.write(f"Nothing to change: {found} already matches {path.name}.")
