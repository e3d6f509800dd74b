"""How long importing 50,000 actuals takes, against pandas (calamine) only reading the file.

    .venv/bin/python bench/import_actuals.py                  # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_import \\
        .venv/bin/python bench/import_actuals.py              # PostgreSQL

The script creates its own database (for PostgreSQL: the one named in DATABASE_URL,
which must not hold anything you want: it is dropped and re-created) and drops it at the
end. It builds an agreement with 139 monthly indicators and targets and nine districts,
writes a workbook of --rows actuals (36 months × whole area and nine districts), then
times:

  read      pandas.read_excel(path, sheet_name=None, engine="calamine") alone
  calamine  python_calamine alone, as the import reads (no pandas)
  check     workbook_import(dry_run=True): guards, read, every row checked and compared
  create    workbook_import: all rows new (bulk inserts with history; on PostgreSQL COPY)
  again     the same file again: nothing changes, nothing is written
  update    a file with every value changed: bulk updates with history
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TESTING", "1")  # a throwaway database: no secrets needed
SQLITE_FILE = Path(tempfile.gettempdir()) / "gt-bench-import.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_FILE}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

MONTHS = 36
AREAS = 10  # the whole area and nine districts


def build_agreement():  # type: ignore[no-untyped-def]
    import datetime as dt

    from indicators.models import Indicator, Target
    from partnerships.models import Agreement, Area, Partnership

    county = Area.objects.create(code="B22", name="Benchshire", kind=Area.Kind.COUNTY)
    Area.objects.bulk_create(
        Area(code=f"B22U{n}", name=f"District {n}", kind=Area.Kind.DISTRICT, parent=county)
        for n in range(1, AREAS)
    )
    agreement = Agreement.objects.create(
        slug="bench", name="Bench LAA", area=county,
        starts_on=dt.date(2008, 4, 1), ends_on=dt.date(2011, 3, 31),
    )  # fmt: skip
    partnership = Partnership.objects.create(
        agreement=agreement, name="Bench partnership", slug="bench", kind="thematic"
    )
    return agreement, partnership, Indicator, Target


def write_workbook(path: Path, codes: list[str], rows: int, offset: int) -> float:
    from openpyxl import Workbook

    from indicators.periods import Frequency, periods_in_year

    months = [
        p.label for year in ("2008/09", "2009/10", "2010/11")
        for p in periods_in_year(year, Frequency.MONTHLY)
    ]  # fmt: skip
    areas = [""] + [f"District {n}" for n in range(1, AREAS)]
    started = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actuals")
    sheet.append(["indicator code", "period", "district", "value", "status", "commentary"])
    written = 0
    for code in codes:
        for month in months:
            for area in areas:
                if written == rows:
                    break
                value = (written % 997) / 10 + offset
                sheet.append([code, month, area, value, "final", "Returned on time"])
                written += 1
    book.save(path)
    return time.perf_counter() - started


def timed(label: str, action, results: dict[str, float]):  # type: ignore[no-untyped-def]
    """Wall-clock and this process's CPU seconds (best of repeats). On a busy machine the
    CPU time is the steadier figure; it leaves out PostgreSQL's own work."""
    started, cpu = time.perf_counter(), time.process_time()
    value = action()
    took, cpu_took = time.perf_counter() - started, time.process_time() - cpu
    results[label] = min(took, results.get(label, took))
    results[f"{label} cpu"] = min(cpu_took, results.get(f"{label} cpu", cpu_took))
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()

    import pandas as pd
    from python_calamine import CalamineWorkbook

    from indicators.workbook import workbook_import

    database = settings.DATABASES["default"]
    database["TEST"].update(NAME=database["NAME"])
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    results: dict[str, float] = {}
    try:
        agreement, partnership, Indicator, Target = build_agreement()
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
        with tempfile.TemporaryDirectory() as folder:
            first, second = Path(folder) / "actuals.xlsx", Path(folder) / "changed.xlsx"
            generate = write_workbook(first, codes, args.rows, 0)
            write_workbook(second, codes, args.rows, 1)
            size = first.stat().st_size

            for _ in range(2):  # best of two: the first also pays for imports
                timed("read", lambda: pd.read_excel(first, sheet_name=None, engine="calamine"),
                      results)  # fmt: skip
                timed("calamine", lambda: CalamineWorkbook.from_path(str(first))
                      .get_sheet_by_name("Actuals").to_python(skip_empty_area=False),
                      results)  # fmt: skip
            check = timed("check", lambda: workbook_import(agreement=agreement, path=first,
                                                          dry_run=True), results)  # fmt: skip
            queries: list[str] = []

            def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
                queries.append(sql)  # counted without Django's debug cursor, which is slow
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                created = timed("create", lambda: workbook_import(agreement=agreement,
                                                                 path=first), results)  # fmt: skip
            again = timed("again", lambda: workbook_import(agreement=agreement, path=first),
                          results)  # fmt: skip
            updated = timed("update", lambda: workbook_import(agreement=agreement, path=second),
                            results)  # fmt: skip
        assert check.is_ok and created.is_applied, created.problems[:3]
        assert created.summary["Actuals"]["created"] == args.rows
        assert again.change_count == 0 and not again.is_applied
        assert updated.summary["Actuals"]["updated"] == args.rows
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    read, read_cpu = results["read"], results["read cpu"]
    print(f"{args.rows:,} actuals, {size / 1024 / 1024:.1f} MB workbook, database: {engine}")
    print(f"  (writing the workbook with openpyxl took {generate:.1f} s; not counted)")
    print(f"  {'':<36}{'wall':>8}{'× read':>8}{'cpu':>8}{'× read':>8}")
    for label, text in (
        ("read", "pandas read only"),
        ("calamine", "calamine read only"),
        ("check", "check (dry run)"),
        ("create", f"import, all new ({len(queries)} queries)"),
        ("again", "import again, nothing changes"),
        ("update", "import, every value changed"),
    ):
        wall, cpu = results[label], results[f"{label} cpu"]
        print(f"  {text:<36}{wall:7.2f}s{wall / read:7.1f}×{cpu:7.2f}s{cpu / read_cpu:7.1f}×")


if __name__ == "__main__":
    main()
