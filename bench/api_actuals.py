"""How long a batch of actuals takes through the API, against importing the same rows
from a workbook (bench/import_actuals.py's agreement and workbook).

    .venv/bin/python bench/api_actuals.py                     # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_api \\
        .venv/bin/python bench/api_actuals.py                 # PostgreSQL

The script creates its own database (dropped at the end; for PostgreSQL the one named in
DATABASE_URL, which must not hold anything you want), builds 139 monthly targets, and
times, for --rows actuals (default 1,000):

  workbook  workbook_import of an .xlsx of the rows: all new, then every value changed
  api       POST /api/v1/actuals/ of the same rows as JSON, through the whole stack
            (middleware, bearer token, throttle, JSON parsing): all new, then changed
Between the two the actuals and their history are deleted, so both start empty.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TESTING", "1")  # a throwaway database: no secrets needed
os.environ.setdefault("API_RATE", "100000/hour")
SQLITE_FILE = Path(tempfile.gettempdir()) / "gt-bench-api.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_FILE}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from bench.import_actuals import AREAS, MONTHS, build_agreement, write_workbook  # noqa: E402


def rows_of(path: Path) -> list[dict[str, object]]:
    """The workbook's rows as the API takes them (the same cells, snake_case names)."""
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True)["Actuals"]
    lines = sheet.iter_rows(values_only=True)
    names = [str(name).replace(" ", "_") for name in next(lines)]
    return [dict(zip(names, line, strict=True)) for line in lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000)
    args = parser.parse_args()

    from decimal import Decimal

    from rest_framework.test import APIClient

    from api.models import ApiToken
    from indicators.models import Actual
    from indicators.workbook import workbook_import
    from partnerships.models import Membership, Person, User

    database = settings.DATABASES["default"]
    database["TEST"].update(NAME=database["NAME"])
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    results: dict[str, float] = {}
    try:
        agreement, partnership, Indicator, Target = build_agreement()
        user = User.objects.create_user(email="bench@example.test", password="x")
        person = Person.objects.create(agreement=agreement, name="Bench", user=user)
        Membership.objects.create(person=person, partnership=partnership, role="secretariat")
        _token, secret = ApiToken.issue(user=user, name="bench")
        count = -(-args.rows // (MONTHS * AREAS))
        codes = [f"LI B{n:03d}" for n in range(count)]
        indicators = Indicator.objects.bulk_create(
            Indicator(agreement=agreement, code=code, title=f"Bench indicator {code}",
                      frequency="monthly")
            for code in codes
        )  # fmt: skip
        Target.objects.bulk_create(
            Target(agreement=agreement, indicator=i, partnership=partnership, tolerance=Decimal(5))
            for i in indicators
        )
        client = APIClient(SERVER_NAME="localhost")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")

        def post(rows: list[dict[str, object]]) -> dict[str, object]:
            response = client.post(
                "/api/v1/actuals/", json.dumps(rows), content_type="application/json"
            )
            assert response.status_code in (200, 201), response.content[:500]
            return response.json()

        def clear() -> None:
            Actual.objects.all().delete()
            Actual.history.all().delete()

        with tempfile.TemporaryDirectory() as folder:
            first, second = Path(folder) / "actuals.xlsx", Path(folder) / "changed.xlsx"
            write_workbook(first, codes, args.rows, 0)
            write_workbook(second, codes, args.rows, 1)
            new_rows, changed_rows = rows_of(first), rows_of(second)
            for _ in range(3):  # best of three
                for label, path in (("workbook new", first), ("workbook changed", second)):
                    started = time.perf_counter()
                    result = workbook_import(agreement=agreement, path=path, by=user)
                    took = time.perf_counter() - started
                    assert result.is_applied, result.problems[:3]
                    counts = result.summary["Actuals"]
                    assert args.rows in (counts["created"], counts["updated"]), counts
                    results[label] = min(took, results.get(label, took))
                clear()
                for label, rows in (("api new", new_rows), ("api changed", changed_rows)):
                    started = time.perf_counter()
                    body = post(rows)
                    took = time.perf_counter() - started
                    assert args.rows in (body["created"], body["updated"]), body
                    results[label] = min(took, results.get(label, took))
                assert Actual.history.filter(history_change_reason="via API").exists()
                clear()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"{args.rows:,} actuals, database: {engine} (best of three)")
    for kind in ("new", "changed"):
        book, api = results[f"workbook {kind}"], results[f"api {kind}"]
        print(f"  all {kind:<8} workbook import {book:6.3f}s   API batch {api:6.3f}s"
              f"   API / workbook {api / book:4.2f}×")  # fmt: skip


if __name__ == "__main__":
    main()
