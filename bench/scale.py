"""Many agreements in one database (issue 19, item 4): make N agreements the size of a real
LAA, then time one agreement's pages as the database grows, read their query plans, time a
cold 500-target scorecard and concurrent writers. Figures and how to read them: bench/SCALE.md.

    export DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_scale1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py createcachetable
    .venv/bin/python manage.py load_national_indicators
    .venv/bin/python bench/scale.py make --agreements 1     # one agreement
    .venv/bin/python bench/scale.py pages                   # its pages, 1 agreement in the db
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_scale   # (migrated the same way)
    .venv/bin/python bench/scale.py make --agreements 150   # scale-1 is the same agreement
    .venv/bin/python bench/scale.py pages                   # again: prints both
    .venv/bin/python bench/scale.py explain                 # plans of the heaviest queries
    .venv/bin/python bench/make_large_agreement.py && .venv/bin/python bench/scale.py cold500
    .venv/bin/python bench/scale.py writers --seconds 5     # 1, 4 and 16 writers

`make` adds agreements "Scale LAA n" (slug ``scale-n``; existing ones are kept, so it can be
run again to add more), each as an LAA is in the app: its own county with `--districts`
districts, six thematic partnerships with their themes, a PMG with a secretariat sign-in
``scale-n@example.test`` (password ``bench-pass-1``), `--indicators` indicators of its own
taken from the National Indicator Set (as "Add national indicators" makes them; local
indicators make up the number if fewer national ones are loaded), `--targets` designated
targets (improvement, a fifth of them reward), and a target on each of `--monitored` more of
its indicators (designation "local"), so that every indicator is reported on. Each target
has three annual targets and twelve quarterly profile steps, and 12 quarters of actuals
area-wide and in each district (some of the last quarter missing, some with commentary).
Agreement n always gets the same figures (seeded by n), so scale-1 is the same in a
database of 1 and of 150. Targets and indicators go in with ``bulk_create``, profile steps
and actuals with COPY (``bulk_create`` on SQLite); no history records are written for them.
Actuals are written a quarter at a time, every agreement's targets in shuffled order, as
returns reach a live database: a target's actuals end up on different pages of the table,
not side by side as they would if each agreement were written in one go. As a superuser,
the COPY skips the triggers (foreign-key checks and data-version notes, row by row: most of
the time otherwise) and moves the agreements' data versions itself.

`pages` times scale-1's scorecard (all targets, and the improvement ones only), exception
report and a target's page through Django's test client, signed in as its secretariat,
nothing kept (REPORT_CACHE_SECONDS=0): the median wall-clock and CPU time (of this process,
which is the request's Python; the database works in its own) of `--runs` after two warm-up
runs, with the number of queries and the time spent waiting on them. It keeps the figures
in bench/out/pages-<database>.json and prints every database's measured so far side by
side. `--random-page-cost` sets PostgreSQL's planner setting for the session first (see
bench/SCALE.md).

`explain` captures the SQL of those pages and runs EXPLAIN (ANALYZE, BUFFERS) on each
SELECT (`--repeat` times, keeping the fastest): prints each page's total time executing in
PostgreSQL and pages read (shared buffers hit or read: the same however busy the machine),
the plans of its `--top` slowest queries, and flags any sequential scan of a table of more
than 5,000 rows (every agreement's rows, when there are many).

`cold500` times the 500-target agreement's scorecard (bench/make_large_agreement.py) with
nothing kept, in a fresh process: a one-query page first (what any new process pays once),
then the first scorecard (its templates not yet compiled), then the median of `--runs`.

`writers` runs 1, 4 and 16 threads, each committing one changed actual per transaction for
`--seconds`: first each in its own agreement, then all in one agreement, and prints commits
per second. Each commit moves its agreement's data version: writers in different agreements
lock different version rows, so their throughput should grow with their number until the
machine's cores or disk are the limit; writers in one agreement take turns on its row at
commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # pragma: no cover - run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    # The bench signs in without a second factor: the pages are what is timed.
    os.environ.setdefault("TWO_FACTOR_REQUIRED", "0")
    import django

    django.setup()

from django.db import connection, models, transaction
from django.db.models import Q

from bench.make_large_agreement import (
    COMMENTARY,
    PASSWORD,
    YEARS,
    _districts,
    _partnerships,
    _people,
    _themes,
)
from indicators.models import Actual, Indicator, NationalIndicator, Target, TargetValue, code_order
from indicators.periods import Frequency, Period, periods_in_year
from partnerships import clock
from partnerships.models import (
    Agreement,
    Area,
    Membership,
    Outcome,
    Partnership,
    Person,
    User,
)

WRITERS = (1, 4, 16)
OUT = Path(__file__).resolve().parent / "out"
BIG_TABLE_ROWS = 5_000


# make -------------------------------------------------------------------------------------


def make(agreements: int, indicators: int, targets: int, monitored: int, districts: int) -> None:
    nationals = sorted(NationalIndicator.objects.offered(), key=lambda n: code_order(n.code))
    if not nationals:
        print("No national indicators loaded: run manage.py load_national_indicators first.")
    began = time.perf_counter()
    made: list[tuple[int, list[Reported]]] = []
    for n in range(1, agreements + 1):
        if Agreement.objects.filter(slug=f"scale-{n}").exists():
            continue
        with transaction.atomic():
            agreement = _agreement(n, districts)
            reported = _populate(
                agreement,
                nationals=nationals,
                indicators=indicators,
                designated=targets,
                monitored=monitored,
                districts=districts,
                seed=n,
            )
        made.append((agreement.pk, reported))
        if n % 10 == 0 or n == agreements:
            print(f"scale-{n} set up ({time.perf_counter() - began:.0f} s)", flush=True)
    # Actuals arrive a quarter at a time, every agreement's returns mixed together, as a
    # live database gets them: so a target's actuals lie on different pages of the table
    # (an agreement written in one go would have them side by side, flattering reads).
    periods = [q for year in YEARS for q in periods_in_year(year, Frequency.QUARTERLY)]
    now = clock.now()
    total = 0
    for index, period in enumerate(periods):
        blocks = [target for _, reported in made for target in reported]
        random.Random(index).shuffle(blocks)
        rows = [row for target in blocks for row in target.actuals(index, period)]
        with transaction.atomic():
            _write(
                Actual,
                ("target_id", "period", "period_start", "period_end", "district_id", "value",
                 "missing_reason", "status", "quality", "commentary", "entered_at",
                 "updated_at", "version"),
                ((t, period.label, period.start, period.end, d, v, m, Actual.Status.FINAL,
                  "", c, now, now, 1) for t, d, v, m, c in rows),
                moved=[pk for pk, _ in made],
            )  # fmt: skip
        total += len(rows)
        print(
            f"{period.label}: {len(rows):,} actuals ({time.perf_counter() - began:.0f} s)",
            flush=True,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{len(made)} agreements, {total:,} actuals made in {time.perf_counter() - began:.0f} s; "
        f"{Agreement.objects.filter(slug__startswith='scale-').count()} scale agreements, "
        f"{Indicator.objects.count():,} indicators, {Target.objects.count():,} targets, "
        f"{TargetValue.objects.count():,} target values, "
        f"{Actual.objects.count():,} actuals in the database"
    )


def _agreement(n: int, districts: int) -> Agreement:
    county, _ = Area.objects.get_or_create(
        code=f"SC{n:03d}", defaults={"name": f"Scale county {n}", "kind": Area.Kind.COUNTY}
    )
    agreement = Agreement.objects.create(
        slug=f"scale-{n}",
        name=f"Scale LAA {n}",
        area=county,
        starts_on=dt.date(2008, 4, 1),
        ends_on=dt.date(2011, 3, 31),
    )
    pmg = Partnership.objects.create(
        agreement=agreement, name="Performance Management Group", slug="pmg",
        kind=Partnership.Kind.MANAGEMENT_GROUP,
    )  # fmt: skip
    email = f"scale-{n}@example.test"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, PASSWORD, first_name="Scale", last_name=f"Secretariat {n}"
    )
    person = Person.objects.create(agreement=agreement, name=f"Scale Secretariat {n}", user=user)
    Membership.objects.create(person=person, partnership=pmg, role=Membership.Role.SECRETARIAT)
    _districts(agreement, districts)
    return agreement


def _populate(
    agreement: Agreement,
    *,
    nationals: Sequence[NationalIndicator],
    indicators: int,
    designated: int,
    monitored: int,
    districts: int,
    seed: int,
) -> list[Reported]:
    """The agreement's indicators, targets and profiles; its targets to report on."""
    rng = random.Random(seed)
    partnerships = _partnerships(agreement)
    themes = _themes(agreement, partnerships)
    outcomes = [
        Outcome.objects.get_or_create(theme=t, code=f"{t.code}.1", defaults={"title": t.name})[0]
        for t in themes
    ]
    leads = _people(agreement)
    areas = _districts(agreement, districts)

    catalogue = [
        Indicator(
            agreement=agreement,
            code=national.code,
            title=national.title or f"{national.code} (title not yet recorded)",
            kind=Indicator.Kind.NATIONAL,
            polarity=national.polarity or Indicator.Polarity.HIGHER,
            unit=national.unit,
            data_source=national.collection,
        )
        for national in nationals[:indicators]
    ]
    catalogue += [
        Indicator(
            agreement=agreement,
            code=f"LI {n}",
            title=f"Local indicator {n}",
            kind=Indicator.Kind.LOCAL,
            polarity=rng.choice([Indicator.Polarity.HIGHER, Indicator.Polarity.LOWER]),
            unit="number",
        )
        for n in range(1, indicators - len(catalogue) + 1)
    ]
    catalogue = Indicator.objects.bulk_create(catalogue)
    chosen = rng.sample(catalogue, min(len(catalogue), designated + monitored))
    made = Target.objects.bulk_create(
        Target(
            agreement=agreement,
            indicator=indicator,
            partnership=partnerships[n % len(partnerships)],
            outcome=outcomes[n % len(outcomes)],
            lead=leads[n % len(leads)],
            designation=(
                Target.Designation.LOCAL
                if n >= designated
                else Target.Designation.REWARD
                if n % 5 == 0
                else Target.Designation.IMPROVEMENT
            ),
            priority=1 if n < designated and n % 5 == 0 else 2,
            baseline=None if n % 17 == 0 else Decimal(rng.randint(40, 60)),
            baseline_period="" if n % 17 == 0 else "2007/08",
            baseline_awaited_reason="Awaiting the Place Survey" if n % 17 == 0 else "",
            tolerance=Decimal(5),
        )
        for n, indicator in enumerate(chosen)
    )
    values: list[tuple[Any, ...]] = []
    reported: list[Reported] = []
    for index, (target, indicator) in enumerate(zip(made, chosen, strict=True)):
        sign = 1 if indicator.polarity != Indicator.Polarity.LOWER else -1
        level = Decimal(50)
        for year in YEARS:
            annual = Period.parse(year)
            values.append((target.pk, annual.label, annual.start, True, level + sign * 6))
            for q, quarter in enumerate(periods_in_year(year, Frequency.QUARTERLY), start=1):
                value = level + sign * Decimal(q) * 2
                values.append((target.pk, quarter.label, quarter.start, False, value))
            level += sign * 6
        reported.append(Reported(target.pk, sign, seed * 1000 + index, [a.pk for a in areas]))
    _write(TargetValue, ("target_id", "period", "period_start", "is_annual", "value"), values)
    return reported


@dataclass(frozen=True)
class Reported:
    """A target whose actuals are still to be written, quarter by quarter."""

    target: int
    sign: int
    seed: int
    districts: list[int]

    def actuals(self, index: int, period: Period) -> list[tuple[Any, ...]]:
        """(target, district, value, missing reason, commentary) of the index-th quarter
        (2008/09 Q1 is 0), area-wide then per district: the same whatever else is made."""
        rng = random.Random(self.seed * 100 + index)
        expected = 50 + self.sign * (6 * (index // 4) + 2 * (index % 4 + 1))
        value = Decimal(expected + rng.uniform(-6, 6)).quantize(Decimal("0.1"))
        is_last = index == 11
        missing = is_last and rng.random() < 0.08
        commentary = COMMENTARY if is_last and rng.random() < 0.3 else ""
        rows = [
            (self.target, None, None if missing else value,
             "Return not received" if missing else "", commentary)
        ]  # fmt: skip
        for district in self.districts:
            spread = Decimal(rng.uniform(-8, 8)).quantize(Decimal("0.1"))
            rows.append((self.target, district, value + spread, "", ""))
        return rows


def _write(
    model: type[models.Model],
    names: Sequence[str],
    rows: Iterable[tuple],
    *,
    moved: Sequence[int] = (),
) -> None:
    """Insert rows (values in the order of `names`, attribute names): COPY on PostgreSQL.
    `moved`: the agreements whose data version the rows move (when the triggers are off)."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(  # type: ignore[attr-defined]
            (model(**dict(zip(names, row, strict=True))) for row in rows), batch_size=2000
        )
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    with connection.cursor() as cursor:
        # A superuser skips the triggers for these rows: the foreign-key checks and the
        # data-version notes, row by row, are most of a load's time, and the rows refer to
        # rows just made. The agreement's own rows, written the ordinary way in the same
        # transaction, move its data version at commit all the same.
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        skip = cursor.fetchone()[0]
        if skip:
            cursor.execute("SET LOCAL session_replication_role = replica")
        sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        if skip:
            cursor.execute("SET LOCAL session_replication_role = origin")
            for agreement in sorted(moved):
                cursor.execute("SELECT gt_bump(%s)", [agreement])


# pages and explain ------------------------------------------------------------------------


def _page_client(slug: str = "scale-1") -> tuple[Any, list[tuple[str, str]]]:
    """A test client signed in as the agreement's secretariat, and its pages to time."""
    from django.test import Client

    agreement = Agreement.objects.get(slug=slug)
    person = Person.objects.get(agreement=agreement, name__startswith="Scale Secretariat")
    client = Client()
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    target = (
        Target.objects.filter(agreement=agreement, designation=Target.Designation.IMPROVEMENT)
        .order_by("pk")
        .first()
    )
    assert target, f"{slug} has no improvement targets"
    count = Target.objects.filter(agreement=agreement).count()
    improvement = Target.objects.filter(
        agreement=agreement, designation=Target.Designation.IMPROVEMENT
    ).count()
    pages = [
        (f"scorecard, all {count} targets", "/indicators/scorecard/"),
        (
            f"scorecard, {improvement} improvement",
            f"/indicators/scorecard/?designation={Target.Designation.IMPROVEMENT}",
        ),
        ("exception report", "/indicators/exceptions/"),
        (f"target page ({target.indicator.code})", target.get_absolute_url()),
    ]
    return client, pages


def _database() -> str:
    return Path(str(connection.settings_dict["NAME"])).name  # (SQLite's is a path)


def _sizes() -> dict[str, int]:
    return {
        "agreements": Agreement.objects.count(),
        "targets": Target.objects.count(),
        "actuals": Actual.objects.count(),
    }


def pages(runs: int, random_page_cost: float | None) -> None:
    from django.test.utils import CaptureQueriesContext, override_settings

    client, asked = _page_client()
    _planner(random_page_cost)
    measured: dict[str, Any] = {
        "database": _database(),
        **_sizes(),
        "random_page_cost": _setting("random_page_cost"),
        "pages": {},
    }
    with override_settings(REPORT_CACHE_SECONDS=0):
        for label, path in asked:
            for _ in range(2):  # warm up: templates, connections
                response = client.get(path)
                assert response.status_code == 200, f"{path} answered {response.status_code}"
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            captured = queries.captured_queries  # (later requests clear the log)
            wall, cpu = [], []
            for _ in range(runs):
                began, began_cpu = time.perf_counter(), time.process_time()
                client.get(path)
                wall.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
            measured["pages"][label] = {
                "median_ms": statistics.median(wall),
                "cpu_ms": statistics.median(cpu),
                "min_ms": min(wall),
                "max_ms": max(wall),
                "queries": len(captured),
                "sql_ms": sum(float(q["time"]) for q in captured) * 1000,
                "bytes": len(response.content),
            }
    OUT.mkdir(exist_ok=True)
    name = _database() + (f"-rpc{random_page_cost}" if random_page_cost is not None else "")
    (OUT / f"pages-{name}.json").write_text(json.dumps(measured, indent=2))
    _print_pages()


def _print_pages() -> None:
    found = [json.loads(path.read_text()) for path in sorted(OUT.glob("pages-*.json"))]
    found.sort(key=lambda m: (m["agreements"], -float(m.get("random_page_cost") or 4)))
    print(
        "scale-1's pages: median wall-clock ms / median CPU ms of this process "
        f"(queries; ms waiting on them); {_machine()}"
    )
    print(f"{'page':34}" + "".join(f"{_column(m):>34}" for m in found))
    labels = list(dict.fromkeys(label for m in found for label in m["pages"]))
    for label in labels:
        cells = []
        for m in found:
            page = m["pages"].get(label)
            cells.append(
                f"{page['median_ms']:.0f} / {page.get('cpu_ms', 0):.0f} "
                f"({page['queries']} q; {page['sql_ms']:.0f})"
                if page
                else "–"
            )
        print(f"{label:34}" + "".join(f"{cell:>34}" for cell in cells))


def _column(measured: dict[str, Any]) -> str:
    return (
        f"{measured['agreements']} agr., {measured['actuals'] / 1e6:.2f}M act., "
        f"rpc {measured.get('random_page_cost') or '–'}"
    )


def _planner(random_page_cost: float | None) -> None:
    """Set the planner's cost of a page read at random (PostgreSQL's default, 4, is a
    spinning disk's; 1.1 is usual for SSDs and data that fit in memory)."""
    if random_page_cost is not None:
        with connection.cursor() as cursor:
            cursor.execute(f"SET random_page_cost = {float(random_page_cost)}")


def _setting(name: str) -> str:
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return str(cursor.fetchone()[0])


def _machine() -> str:
    began = time.process_time()
    sum(range(10**7))
    spin = (time.process_time() - began) * 1000
    return f"sum(range(10**7)) {spin:.0f} ms CPU, load {os.getloadavg()[0]:.1f}"


def _big_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s",
            [BIG_TABLE_ROWS],
        )
        return {name for (name,) in cursor.fetchall()}


def explain(top: int, slug: str, random_page_cost: float | None, repeat: int) -> None:
    from django.test.utils import CaptureQueriesContext, override_settings

    assert connection.vendor == "postgresql", "EXPLAIN (ANALYZE, BUFFERS) is PostgreSQL's"
    client, asked = _page_client(slug)
    _planner(random_page_cost)
    big = _big_tables()
    print(
        f"{_database()}: {_sizes()}; random_page_cost {_setting('random_page_cost')}; "
        f"tables over {BIG_TABLE_ROWS:,} rows: {sorted(big)}"
    )
    flagged = 0
    with override_settings(REPORT_CACHE_SECONDS=0):
        for label, path in asked:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            plans = []
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                fastest = float("inf")
                for _ in range(repeat):  # the fastest of `repeat`: the machine may be busy
                    with connection.cursor() as cursor:
                        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                        plan = "\n".join(line for (line,) in cursor.fetchall())
                    took = re.search(r"Execution Time: ([\d.]+) ms", plan)
                    fastest = min(fastest, float(took[1]) if took else 0.0)
                scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)) & big)
                plans.append((fastest, sql, plan, scans, _pages_read(plan)))
            total = sum(p[0] for p in plans)
            read = sum(p[4] for p in plans)
            print(
                f"\n=== {label} ({path}): {len(queries)} queries, {len(plans)} SELECTs, "
                f"{total:.1f} ms executing in PostgreSQL (fastest of {repeat} each), "
                f"{read:,} pages read (shared buffers hit or read)"
            )
            plans.sort(key=lambda p: p[0], reverse=True)
            for n, (took_ms, sql, plan, scans, _) in enumerate(plans):
                if scans:
                    flagged += 1
                if n >= top and not scans:
                    continue
                flag = f"  SEQ SCAN of {', '.join(scans)}" if scans else ""
                print(f"\n--- {took_ms:.2f} ms{flag}\n{_short(sql)}\n{plan}")
    print(f"\n{flagged} queries with a sequential scan of a table over {BIG_TABLE_ROWS:,} rows.")


def _pages_read(plan: str) -> int:
    """The pages the query's execution read: its top node's buffers (which count its
    children's). Unlike the time, the same on a busy machine as on an idle one."""
    for line in plan.splitlines():
        if line.strip().startswith("Planning"):
            return 0
        if "Buffers: shared" in line:
            return sum(int(n) for n in re.findall(r"(?:hit|read)=(\d+)", line))
    return 0


def _short(sql: str, limit: int = 600) -> str:
    return sql if len(sql) <= limit else sql[:limit] + f" … ({len(sql):,} characters)"


# cold500 ----------------------------------------------------------------------------------


def cold500(runs: int, random_page_cost: float | None) -> None:
    """Built afresh (nothing kept), in this fresh process: after a first request to a
    one-query page (what any new process pays), the first scorecard, then more."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench.make_large_agreement import EMAIL, SLUG

    agreement = Agreement.objects.get(slug=SLUG)
    _planner(random_page_cost)
    client = Client()
    client.force_login(
        User.objects.get(email=EMAIL), backend="django.contrib.auth.backends.ModelBackend"
    )
    count = Target.objects.filter(agreement=agreement).count()
    actuals = Actual.objects.filter(target__agreement=agreement).count()
    path = "/indicators/scorecard/"
    with override_settings(REPORT_CACHE_SECONDS=0):
        began = time.perf_counter()
        client.get("/bench/trivial/")  # what any first request of a process pays
        warm_up = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        response = client.get(path)
        first = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        queried = len(queries)  # (later requests clear the log)
        wall, cpu = [], []
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            wall.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
    print(
        f"{_database()} ({Agreement.objects.count()} agreements, "
        f"{Actual.objects.count():,} actuals, random_page_cost "
        f"{_setting('random_page_cost')}); {agreement.name}: {count} targets, "
        f"{actuals:,} actuals. {_machine()}\n"
        f"First request of the process (a one-query page) {warm_up:.0f} ms.\n"
        f"500-target scorecard built afresh: first one {first:.0f} ms; "
        f"then median {statistics.median(wall):.0f} ms (min {min(wall):.0f}, "
        f"max {max(wall):.0f}, {runs} runs; median CPU {statistics.median(cpu):.0f} ms), "
        f"{queried} queries, "
        f"{len(response.content):,} bytes"
    )


# writers ----------------------------------------------------------------------------------


def writers(seconds: float) -> None:
    agreements = list(Agreement.objects.filter(slug__startswith="scale-").order_by("pk"))
    assert len(agreements) >= max(WRITERS), f"make {max(WRITERS)} agreements first"
    print(f"{_database()}: {len(agreements)} scale agreements. {_machine()}")
    print(f"{'writers':>8} {'agreements':>11} {'commits/s':>10}")
    for count in WRITERS:
        for spread in (True, False):
            if count == 1 and not spread:
                continue
            # Writer i changes its own actual, in agreement i (spread) or all in the first.
            actuals = [
                Actual.objects.filter(
                    Q(district=None), target__agreement=agreements[i if spread else 0]
                )
                .order_by("pk")[i if not spread else 0]
                .pk
                for i in range(count)
            ]
            rate = _run(actuals, seconds)
            print(f"{count:>8} {'own' if spread else 'one':>11} {rate:>10.0f}", flush=True)


def _run(actuals: list[int], seconds: float) -> float:
    done = [0] * len(actuals)
    start = threading.Barrier(len(actuals))
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            until = time.monotonic() + seconds
            while time.monotonic() < until:
                with transaction.atomic():
                    Actual.objects.filter(pk=actuals[n]).update(value=Decimal(done[n] % 100))
                done[n] += 1
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(len(actuals))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return sum(done) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("make", help="add agreements scale-1 … scale-N")
    making.add_argument("--agreements", type=int, default=150)
    making.add_argument("--indicators", type=int, default=198)
    making.add_argument("--targets", type=int, default=35, help="designated targets")
    making.add_argument(
        "--monitored", type=int, default=163, help="targets on more indicators (local)"
    )
    making.add_argument("--districts", type=int, default=9)
    timing = commands.add_parser("pages", help="time scale-1's pages")
    timing.add_argument("--runs", type=int, default=15)
    timing.add_argument("--random-page-cost", type=float, help="SET for the session first")
    explaining = commands.add_parser("explain", help="plans of scale-1's pages' queries")
    explaining.add_argument("--top", type=int, default=3, help="plans printed per page")
    explaining.add_argument("--agreement", default="scale-1", help="its slug")
    explaining.add_argument("--random-page-cost", type=float, help="SET for the session first")
    explaining.add_argument("--repeat", type=int, default=3, help="runs of each EXPLAIN")
    cold = commands.add_parser("cold500", help="the 500-target scorecard, nothing kept")
    cold.add_argument("--runs", type=int, default=10)
    cold.add_argument("--random-page-cost", type=float, help="SET for the session first")
    writing = commands.add_parser("writers", help="1, 4 and 16 concurrent writers")
    writing.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    if args.command == "make":
        make(args.agreements, args.indicators, args.targets, args.monitored, args.districts)
    elif args.command == "pages":
        pages(args.runs, args.random_page_cost)
    elif args.command == "explain":
        explain(args.top, args.agreement, args.random_page_cost, args.repeat)
    elif args.command == "cold500":
        cold500(args.runs, args.random_page_cost)
    else:
        writers(args.seconds)


if __name__ == "__main__":
    main()
