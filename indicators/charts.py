"""Server-side trend charts: the arithmetic, as plain data a template draws as SVG.

No JavaScript and no chart library: a chart of a dozen periods is a few lines and
circles, readable in print (shapes as well as colours) and by screen readers (the page
also gives the same numbers as a table).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ChartPoint:
    label: str
    target: Decimal | None
    actual: Decimal | None
    rating: str


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    label: str
    value: str
    rating: str


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    bottom: float
    target_path: str
    actual_path: str
    actuals: list[Mark]
    x_labels: list[Mark]
    y_ticks: list[Tick]

    @property
    def is_empty(self) -> bool:
        return not self.actuals and not self.target_path


def trend_chart(points: list[ChartPoint], *, width: int = 640, height: int = 260) -> Chart:
    left, right, top, bottom_pad = 64, 16, 16, 48
    values = [v for p in points for v in (p.target, p.actual) if v is not None]
    low, high = (min(values), max(values)) if values else (Decimal(0), Decimal(1))
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    plot_w, plot_h = width - left - right, height - top - bottom_pad
    step = plot_w / max(len(points) - 1, 1)

    def x_of(i: int) -> float:
        return round(left + i * step, 1)

    def y_of(v: Decimal) -> float:
        return round(top + float((high - v) / (high - low)) * plot_h, 1)

    target_path = " ".join(
        f"{'M' if not n else 'L'}{x_of(i)},{y_of(p.target)}"
        for n, (i, p) in enumerate((i, p) for i, p in enumerate(points) if p.target is not None)
    )
    actual_path = " ".join(
        f"{'M' if not n else 'L'}{x_of(i)},{y_of(p.actual)}"
        for n, (i, p) in enumerate((i, p) for i, p in enumerate(points) if p.actual is not None)
    )
    actuals = [
        Mark(x_of(i), y_of(p.actual), p.label, f"{p.actual:,f}", p.rating)
        for i, p in enumerate(points)
        if p.actual is not None
    ]
    every = max(1, -(-len(points) // 6))
    x_labels = [
        Mark(x_of(i), height - bottom_pad + 18, p.label, "", "")
        for i, p in enumerate(points)
        if i % every == 0
    ]
    ticks = [low + (high - low) * n / 4 for n in range(5)]
    places = 0 if high - low >= 20 else 2 if high - low < 2 else 1
    y_ticks = [Tick(y_of(t), f"{t:,.{places}f}") for t in ticks]
    return Chart(
        width,
        height,
        left,
        height - bottom_pad,
        target_path,
        actual_path,
        actuals,
        x_labels,
        y_ticks,
    )
