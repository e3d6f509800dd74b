"""The scorecard as records: the scorecard CSV's columns, with the CSV's values, typed.

The API's ratings and the public scorecard both come from `build_scorecard` (which rates
through indicators/scoring.py's TargetData), so JSON, CSV and page never disagree.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from enum import Enum
from typing import Any

from indicators.exports import report_csv
from indicators.reports import CSV_COLUMNS, Report, Row

# The public scorecard names no one: the lead (a person) is left out.
PERSONAL_COLUMNS = frozenset({"lead"})
OPEN_COLUMNS = tuple((name, attr) for name, attr in CSV_COLUMNS if name not in PERSONAL_COLUMNS)


def _json_value(value: object) -> Any:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, Enum):
        return value.value
    return value


def row_record(row: Row, columns: tuple[tuple[str, str], ...] = CSV_COLUMNS) -> dict[str, Any]:
    return {name: _json_value(getattr(row, attr)) for name, attr in columns}


def rating_records(report: Report) -> list[dict[str, Any]]:
    """Every row as the API's ratings answer it: the CSV's columns, its target's id and
    the plain-English explanation of its rating."""
    return [
        {"target_id": row.target_id, **row_record(row), "explanation": row.explanation}
        for row in report.rows
    ]


def open_records(report: Report) -> list[dict[str, Any]]:
    return [row_record(row, OPEN_COLUMNS) for row in report.rows]


def open_csv(report: Report) -> str:
    """The public scorecard's CSV: the scorecard CSV without its personal columns."""
    full = list(csv.DictReader(io.StringIO(report_csv(report))))
    buffer = io.StringIO()
    names = [name for name, _ in OPEN_COLUMNS]
    writer = csv.DictWriter(buffer, names, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(full)
    return buffer.getvalue()


__all__ = ["OPEN_COLUMNS", "open_csv", "open_records", "rating_records"]
