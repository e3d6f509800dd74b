"""Many agreements in one database (issue 19, item 4; a first cut): make N agreements, then
time concurrent writers in different agreements against writers in one.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_scale DEBUG=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py createcachetable
    .venv/bin/python bench/scale.py make --agreements 150 --targets 35 --districts 9
    .venv/bin/python bench/scale.py writers --seconds 5          # 1, 4 and 16 writers

`make` adds agreements "Scale LAA n" (slug ``scale-n``; existing ones are kept, so it can be
run again to add more) with `--targets` quarterly targets, 12 quarters of actuals area-wide
and in each of `--districts` districts, written with ``bulk_create`` (bench/
make_large_agreement.py's `populate`). `writers` runs 1, 4 and 16 threads, each committing
one changed actual per transaction for `--seconds`: first each in its own agreement, then
all in one agreement, and prints commits per second. Each commit moves its agreement's
data version (partnerships/data_version.py): writers in different agreements lock
different version rows, so their throughput should grow with their number until the
machine's cores or disk are the limit; writers in one agreement take turns on its row at
commit. Not yet measured here: report pages at 1 vs 150 agreements, EXPLAIN plans, the
PDF round trip (the issue's item 4 lists them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

if __name__ == "__main__":  # pragma: no cover - run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.db import connection, transaction

from bench.make_large_agreement import populate
from indicators.models import Actual
from partnerships.models import Agreement, Area, Partnership

WRITERS = (1, 4, 16)


def make(agreements: int, targets: int, districts: int) -> None:
    county, _ = Area.objects.get_or_create(
        code="SCALEC", defaults={"name": "Scale county", "kind": Area.Kind.COUNTY}
    )
    began = time.perf_counter()
    for n in range(1, agreements + 1):
        if Agreement.objects.filter(slug=f"scale-{n}").exists():
            continue
        with transaction.atomic():
            agreement = Agreement.objects.create(
                slug=f"scale-{n}",
                name=f"Scale LAA {n}",
                area=county,
                starts_on=dt.date(2008, 4, 1),
                ends_on=dt.date(2011, 3, 31),
            )
            Partnership.objects.create(
                agreement=agreement, name="PMG", slug="pmg",
                kind=Partnership.Kind.MANAGEMENT_GROUP,
            )  # fmt: skip
            populate(agreement, targets=targets, quarters=12, districts=districts, seed=n)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{Agreement.objects.filter(slug__startswith='scale-').count()} scale agreements, "
        f"{Actual.objects.count():,} actuals in the database "
        f"({time.perf_counter() - began:.0f} s)"
    )


def writers(seconds: float) -> None:
    agreements = list(Agreement.objects.filter(slug__startswith="scale-").order_by("pk"))
    assert len(agreements) >= max(WRITERS), f"make {max(WRITERS)} agreements first"
    print(f"{'writers':>8} {'agreements':>11} {'commits/s':>10}")
    for count in WRITERS:
        for spread in (True, False):
            if count == 1 and not spread:
                continue
            # Writer i changes its own actual, in agreement i (spread) or all in the first.
            actuals = [
                Actual.objects.filter(
                    target__agreement=agreements[i if spread else 0], district=None
                )
                .order_by("pk")[i if not spread else 0]
                .pk
                for i in range(count)
            ]
            rate = _run(actuals, seconds)
            print(f"{count:>8} {'own' if spread else 'one':>11} {rate:>10.0f}")


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
    making = commands.add_parser("make")
    making.add_argument("--agreements", type=int, default=150)
    making.add_argument("--targets", type=int, default=35)
    making.add_argument("--districts", type=int, default=9)
    writing = commands.add_parser("writers")
    writing.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    if args.command == "make":
        make(args.agreements, args.targets, args.districts)
    else:
        writers(args.seconds)


if __name__ == "__main__":
    main()
