"""Back-test of the chance of meeting the target (indicators/forecast.py) on the demo.

    export DEBUG=1 DATABASE_URL=sqlite:////tmp/bt.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py createcachetable
    .venv/bin/python manage.py load_national_indicators && .venv/bin/python manage.py seed_demo
    GOLDEN_THREAD_TODAY=2009-11-20 .venv/bin/python -m bench.forecast_backtest

For every demo target with a 2008/09 annual target and a 2008/09 year-end figure, the
chance is worked out as at the end of 2008/09 Q2 from the figures up to then only (an
annual indicator: earlier years' figures), and compared with the year-end figure: did
the 80% interval contain it (hit rate), and the Brier score of the probability against
whether the target was met (0 perfect; 0.25 is always saying 50%). The figures are in
docs/rating.md, "Back-test".
"""

from __future__ import annotations

import datetime as dt
import os

import django

YEAR = "2008/09"
AS_AT = dt.date(2008, 9, 30)  # the end of Q2: the forecast sees nothing after it


def run() -> None:
    from indicators import forecast
    from indicators.models import Target
    from indicators.periods import Frequency, Period, period_for
    from indicators.scoring import TargetData

    year = Period.parse(YEAR)
    data = TargetData(Target.objects.all())
    rows = []
    for info in data.infos.values():
        actuals = data.actuals.get(info.pk, {})
        annual = data.values.get(info.pk, {}).get(YEAR)
        if annual is None and info.polarity != "range":
            continue
        kind = info.frequency
        ends = [a for a in actuals.values() if a.value is not None and a.period.kind is kind]
        outcome = next((a.value for a in ends if a.period.end == year.end), None)
        if outcome is None:
            continue
        if kind in (Frequency.ANNUAL, Frequency.BIENNIAL):
            period = Period.of_year(year.fy - 1, kind)
        else:
            period = period_for(AS_AT, kind)
        seen = {k: a for k, a in actuals.items() if a.period.end <= AS_AT}
        chance = data.chance(info, period, year, seen)
        met = forecast.meets(
            float(outcome), float(annual) if annual is not None else None, info.polarity,
            low=float(info.low) if info.low is not None else None,
            high=float(info.high) if info.high is not None else None,
        )  # fmt: skip
        rows.append((info, chance, float(outcome), met))
    _report(rows)


def _report(rows: list) -> None:  # type: ignore[type-arg]
    scored = [r for r in rows if r[1] is not None and r[1].probability is not None]
    print(f"Targets with a {YEAR} target and year-end figure: {len(rows)}")
    print(f"  with a chance at Q2: {len(scored)}; not enough data: {len(rows) - len(scored)}")
    if not scored:
        return
    hits = sum(1 for _, c, y, _m in scored if c.low <= y <= c.high)
    brier = sum((c.probability - (1.0 if m else 0.0)) ** 2 for _, c, _y, m in scored) / len(scored)
    met = sum(1 for *_, m in scored if m)
    print(f"  80% interval contained the year end: {hits} of {len(scored)}"
          f" ({hits / len(scored):.0%})")  # fmt: skip
    print(f"  Brier score: {brier:.3f} (always 50%: 0.250); met: {met} of {len(scored)}")
    for info, c, y, m in scored:
        print(
            f"  {info.partnership[:24]:24} {info.code:10} {c.words:34} "
            f"[{c.low:,.1f} – {c.high:,.1f}] year end {y:,.1f} {'met' if m else 'not met'}"
        )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    run()
