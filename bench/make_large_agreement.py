"""A large agreement for timing the reports: 500 targets × 12 quarters × 12 districts.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/make_large_agreement.py

Creates the agreement "Large LAA" (slug ``large-laa``, replaced if it exists) with six
thematic partnerships and themes, 500 quarterly targets, three annual targets and twelve
quarterly profile steps each, an area-wide actual for every quarter (some missing) and
one per district for every quarter, and a secretariat sign-in ``bench@example.test``
(password ``bench-pass-1``). Everything is written with ``bulk_create``, so it takes a few
seconds; history records are not written for the bulk rows.

`populate()` is also what the query-count tests use to build 10 and 500 targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

if __name__ == "__main__":  # pragma: no cover - run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.db import connection, transaction

from indicators.models import Actual, Indicator, Target, TargetValue
from indicators.periods import Frequency, Period, periods_in_year
from partnerships.models import (
    Agreement,
    Area,
    Membership,
    Outcome,
    Partnership,
    Person,
    Theme,
    User,
)

SLUG = "large-laa"
EMAIL = "bench@example.test"
PASSWORD = "bench-pass-1"
YEARS = ("2008/09", "2009/10", "2010/11")
THEMES = (
    "Safer communities",
    "Sustainable communities",
    "Wellbeing and older people",
    "Children and young people",
    "Prosperity",
    "Culture and the Games",
)
COMMENTARY = (
    "Performance dipped this quarter as two providers changed their recording systems; "
    "the partnership expects the figure to recover once the backlog is entered."
)
BATCH = 2000


def populate(
    agreement: Agreement,
    *,
    targets: int = 500,
    quarters: int = 12,
    districts: int = 12,
    seed: int = 1,
) -> list[Target]:
    """Add `targets` quarterly targets to `agreement`, each with actuals for its first
    `quarters` quarters area-wide and in each of `districts` districts."""
    rng = random.Random(seed)
    start = Target.objects.filter(agreement=agreement).count()
    partnerships = _partnerships(agreement)
    themes = _themes(agreement, partnerships)
    outcomes = [
        Outcome.objects.get_or_create(theme=t, code=f"{t.code}.1", defaults={"title": t.name})[0]
        for t in themes
    ]
    leads = _people(agreement)
    areas = _districts(agreement, districts)
    periods = [q for year in YEARS for q in periods_in_year(year, Frequency.QUARTERLY)]
    reported = periods[:quarters]

    indicators = Indicator.objects.bulk_create(
        Indicator(
            agreement=agreement,
            code=f"LI {start + n + 1:04d}",
            title=f"Local indicator number {start + n + 1} of the large agreement",
            kind=Indicator.Kind.LOCAL,
            polarity=rng.choice([Indicator.Polarity.HIGHER, Indicator.Polarity.LOWER]),
            unit=rng.choice(["%", "number", "rate per 1,000"]),
            decimal_places=1,
            frequency=Indicator.Frequency.QUARTERLY,
        )
        for n in range(targets)
    )
    made = Target.objects.bulk_create(
        Target(
            agreement=agreement,
            indicator=indicator,
            partnership=partnerships[n % len(partnerships)],
            outcome=outcomes[n % len(outcomes)],
            lead=leads[n % len(leads)],
            designation=rng.choice(Target.Designation.values),
            priority=1 if n % 5 == 0 else 2,
            baseline=None if n % 17 == 0 else Decimal(rng.randint(40, 60)),
            baseline_period="" if n % 17 == 0 else "2007/08",
            baseline_awaited_reason="Awaiting the Place Survey" if n % 17 == 0 else "",
            tolerance=Decimal(5),
        )
        for n, indicator in enumerate(indicators)
    )
    values: list[TargetValue] = []
    actuals: list[Actual] = []
    for target, indicator in zip(made, indicators, strict=True):
        sign = 1 if indicator.polarity == Indicator.Polarity.HIGHER else -1
        level = Decimal(50)
        for year in YEARS:
            annual = Period.parse(year)
            values.append(_value(target, annual, level + sign * 6))
            for q, quarter in enumerate(periods_in_year(year, Frequency.QUARTERLY), start=1):
                values.append(_value(target, quarter, level + sign * Decimal(q) * 2))
            level += sign * 6
        for index, period in enumerate(reported):
            expected = 50 + sign * (6 * (index // 4) + 2 * (index % 4 + 1))
            value = Decimal(expected + rng.uniform(-6, 6)).quantize(Decimal("0.1"))
            is_last = index == len(reported) - 1
            is_missing = is_last and rng.random() < 0.08
            has_commentary = is_last and rng.random() < 0.3
            actuals.append(
                _actual(
                    target,
                    period,
                    None if is_missing else value,
                    commentary=COMMENTARY if has_commentary else "",
                )
            )
            for area in areas:
                spread = Decimal(rng.uniform(-8, 8)).quantize(Decimal("0.1"))
                actuals.append(_actual(target, period, value + spread, district=area))
    TargetValue.objects.bulk_create(values, batch_size=BATCH)
    Actual.objects.bulk_create(actuals, batch_size=BATCH)
    return made


def _value(target: Target, period: Period, value: Decimal) -> TargetValue:
    # bulk_create skips save(), which fills these in from the label.
    return TargetValue(
        target=target,
        period=period.label,
        period_start=period.start,
        is_annual=period.kind is Frequency.ANNUAL,
        value=value,
    )


def _actual(
    target: Target,
    period: Period,
    value: Decimal | None,
    *,
    district: Area | None = None,
    commentary: str = "",
) -> Actual:
    return Actual(
        target=target,
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        district=district,
        value=value,
        missing_reason="" if value is not None else "Return not received",
        status=Actual.Status.FINAL,
        commentary=commentary,
    )


def _partnerships(agreement: Agreement) -> list[Partnership]:
    existing = list(Partnership.objects.filter(agreement=agreement, kind="thematic"))
    if existing:
        return existing
    return [
        Partnership.objects.create(
            agreement=agreement, name=name, slug=f"theme-{n}", kind=Partnership.Kind.THEMATIC
        )
        for n, name in enumerate(THEMES)
    ]


def _themes(agreement: Agreement, partnerships: list[Partnership]) -> list[Theme]:
    return [
        Theme.objects.get_or_create(
            agreement=agreement,
            name=partnership.name,
            defaults={"code": f"T{n}", "partnership": partnership, "order": n},
        )[0]
        for n, partnership in enumerate(partnerships)
    ]


def _people(agreement: Agreement) -> list[Person]:
    people = list(Person.objects.filter(agreement=agreement, name__startswith="Target lead "))
    if people:
        return people
    return Person.objects.bulk_create(
        Person(agreement=agreement, name=f"Target lead {n + 1:02d}") for n in range(24)
    )


def _districts(agreement: Agreement, count: int) -> list[Area]:
    prefix = f"B{agreement.pk:03d}"
    areas = list(Area.objects.filter(code__startswith=prefix).order_by("code")[:count])
    for n in range(len(areas), count):
        areas.append(
            Area.objects.create(
                code=f"{prefix}D{n + 1:02d}",
                name=f"District {n + 1:02d}",
                kind=Area.Kind.DISTRICT,
                parent=agreement.area,
            )
        )
    return areas


def make_large_agreement(*, targets: int, quarters: int, districts: int) -> Agreement:
    Agreement.objects.filter(slug=SLUG).delete()
    county, _ = Area.objects.get_or_create(
        code="BENCHC", defaults={"name": "Large county", "kind": Area.Kind.COUNTY}
    )
    agreement = Agreement.objects.create(
        slug=SLUG,
        name="Large LAA (benchmark)",
        area=county,
        starts_on=dt.date(2008, 4, 1),
        ends_on=dt.date(2011, 3, 31),
    )
    pmg = Partnership.objects.create(
        agreement=agreement,
        name="Performance Management Group",
        slug="pmg",
        kind=Partnership.Kind.MANAGEMENT_GROUP,
    )
    user = User.objects.filter(email=EMAIL).first() or User.objects.create_user(
        EMAIL, PASSWORD, first_name="Bench", last_name="Mark"
    )
    person = Person.objects.create(agreement=agreement, name="Bench Mark", user=user)
    Membership.objects.create(person=person, partnership=pmg, role=Membership.Role.SECRETARIAT)
    populate(agreement, targets=targets, quarters=quarters, districts=districts)
    return agreement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, default=500)
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--districts", type=int, default=12)
    args = parser.parse_args()
    began = time.perf_counter()
    with transaction.atomic():
        agreement = make_large_agreement(
            targets=args.targets, quarters=args.quarters, districts=args.districts
        )
    with connection.cursor() as cursor:
        # Fresh planner statistics after a bulk load, as after any big import: without
        # them SQLite reads area-wide actuals through the district index (every agreement's).
        cursor.execute("ANALYZE")
    actuals = Actual.objects.filter(target__agreement=agreement).count()
    print(
        f"{agreement.name}: {args.targets} targets, {actuals} actuals "
        f"in {time.perf_counter() - began:.1f} s. Sign in as {EMAIL} / {PASSWORD}."
    )


if __name__ == "__main__":
    main()
