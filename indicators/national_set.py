"""The National Indicator Set file (indicators/data/national_indicator_set.csv, sources in
indicators/data/README.md): read and checked row by row, then loaded into the shared
catalogue (`NationalIndicator`) without undoing what people recorded in the app."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, fields
from pathlib import Path

from django.db import transaction

from indicators.models import Indicator, NationalIndicator

NATIONAL_SET_FILE = Path(__file__).resolve().parent / "data" / "national_indicator_set.csv"
COLUMNS = ("code", "title", "theme", "polarity", "unit", "collection", "source", "note")
CODE = re.compile(r"^NI \d{1,3}[a-z]?$")
POLARITIES = {choice.value for choice in Indicator.Polarity}

# The file keeps NI 31 with a note and no title. CLG: "One indicator (N31 on re-offending
# by registered sex offenders) has been dropped. One new indicator on play (NI 199) has
# been added, leaving a total of 198 national indicators." The file has no column for it.
WITHDRAWN = frozenset({"NI 31"})


@dataclass(frozen=True)
class NationalRow:
    code: str
    title: str
    theme: str
    polarity: str
    unit: str
    collection: str
    source: str
    note: str
    is_withdrawn: bool


class NationalSetError(ValueError):
    """The file has problems; every one is listed, by line and column, nothing is saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadResult:
    added: int
    changed: int
    unchanged: int


def national_set_read(path: Path) -> list[NationalRow]:
    """Every row of the file, checked; NationalSetError lists every problem found."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise NationalSetError([f"Line 1: column {', '.join(missing)} missing."])
        rows, problems, seen = [], [], set()
        for line, raw in enumerate(reader, start=2):
            values = {c: (raw.get(c) or "").strip() for c in COLUMNS}
            code = values["code"]
            if not CODE.match(code):
                problems.append(f"Line {line}, code: {code!r} is not a code like 'NI 8'.")
            elif code in seen:
                problems.append(f"Line {line}, code: {code} appears twice.")
            seen.add(code)
            if values["polarity"] and values["polarity"] not in POLARITIES:
                problems.append(
                    f"Line {line}, polarity: {values['polarity']!r} is not one of "
                    f"{', '.join(sorted(POLARITIES))} (or blank)."
                )
            rows.append(NationalRow(**values, is_withdrawn=code in WITHDRAWN))
    if problems:
        raise NationalSetError(problems)
    return rows


# Fields the file decides outright; the title is handled apart (see national_set_load).
FILE_FIELDS = [f.name for f in fields(NationalRow) if f.name not in ("code", "title")]


@transaction.atomic
def national_set_load(rows: list[NationalRow]) -> LoadResult:
    """Add the codes not yet in the catalogue and bring the others into line with the file.
    Idempotent: a row that already matches is not saved (no history entry). A blank title in
    the file never blanks a title, and a title a site administrator recorded in the app is
    kept whatever the file says."""
    existing = {n.code: n for n in NationalIndicator.objects.select_for_update()}
    added = changed = 0
    for row in rows:
        national = existing.get(row.code)
        if national is None:
            NationalIndicator.objects.create(
                code=row.code, title=row.title, **{f: getattr(row, f) for f in FILE_FIELDS}
            )
            added += 1
            continue
        updates = {
            f: getattr(row, f) for f in FILE_FIELDS if getattr(national, f) != getattr(row, f)
        }
        if row.title and not national.is_title_recorded_in_app and national.title != row.title:
            updates["title"] = row.title
        if updates:
            for name, value in updates.items():
                setattr(national, name, value)
            national.save(update_fields=list(updates))
            changed += 1
    return LoadResult(added=added, changed=changed, unchanged=len(rows) - added - changed)
