"""Load the National Indicator Set into the shared catalogue (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.national_set import (
    NATIONAL_SET_FILE,
    NationalSetError,
    national_set_load,
    national_set_read,
)


class Command(BaseCommand):
    help = (
        "Load the National Indicator Set from the file shipped in indicators/data/ (or "
        "--file) into the shared catalogue. Running it again changes nothing; titles "
        "recorded in the app are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=NATIONAL_SET_FILE,
            help="A CSV with the columns code,title,theme,polarity,unit,collection,source,note "
            "(e.g. ../shared/data/national_indicator_set.csv). Default: the shipped copy.",
        )

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            result = national_set_load(national_set_read(path))
        except NationalSetError as error:
            raise CommandError(f"{path}: nothing loaded.\n{error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"National Indicator Set: {result.added} added, {result.changed} changed, "
                f"{result.unchanged} unchanged."
            )
        )
