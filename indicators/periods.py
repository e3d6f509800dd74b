"""UK financial-year periods: months, quarters, years and biennial survey years.

The financial year runs from 1 April to 31 March and is labelled by its two calendar
years: ``2009/10``. Quarters count from April (Q1 April to June, Q2 July to September,
Q3 October to December, Q4 January to March) and are labelled ``2009/10 Q1``; months
use the calendar, ``2009-04``. Biennial surveys (the Place Survey) report once every
two years and their periods are labelled like the financial year they fall in,
``2008/09``.

Pure Python with no Django: models store labels or dates and this module does the
arithmetic, so it can be tested without a database.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "Frequency",
    "Period",
    "financial_year_of",
    "period_for",
    "periods_between",
    "periods_in_year",
]


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    BIENNIAL = "biennial"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# How many months one period covers, and how far apart two successive periods start.
# A biennial period covers one financial year (the survey year) but recurs every two.
_LENGTH = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.ANNUAL: 12,
    Frequency.BIENNIAL: 12,
}
_STEP = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.ANNUAL: 12,
    Frequency.BIENNIAL: 24,
}
# Sorting: for periods starting the same day, the shorter one comes first.
_RANK = {
    Frequency.MONTHLY: 0,
    Frequency.QUARTERLY: 1,
    Frequency.ANNUAL: 2,
    Frequency.BIENNIAL: 3,
}

APRIL = 4
# Years an agreement could plausibly mention; also keeps date arithmetic inside date's range.
MIN_YEAR = 1900
MAX_YEAR = 2998

_YEAR_LABEL = re.compile(r"([0-9]{4})/([0-9]{2})(?:\s+[Qq]([0-9]))?")
_MONTH_LABEL = re.compile(r"([0-9]{4})-([0-9]{2})")
_FORMS = "use 2009/10, 2009/10 Q1 or 2009-04"
_FORM_FOR = {
    Frequency.MONTHLY: "use 2009-04",
    Frequency.QUARTERLY: "use 2009/10 Q1",
    Frequency.ANNUAL: "use 2009/10",
    Frequency.BIENNIAL: "use 2009/10",
}


def _a(kind: Frequency) -> str:
    return f"an {kind}" if kind is Frequency.ANNUAL else f"a {kind}"


def financial_year_of(day: date) -> int:
    """The calendar year the financial year containing ``day`` starts in (2009 for 2009/10)."""
    return day.year if day.month >= APRIL else day.year - 1


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    years, month_index = divmod(year * 12 + month - 1 + months, 12)
    return years, month_index + 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _end_of(kind: Frequency, start: date) -> date:
    return _month_end(*_add_months(start.year, start.month, _LENGTH[kind] - 1))


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{year} is outside the years {MIN_YEAR} to {MAX_YEAR}.")


@dataclass(frozen=True, slots=True)
class Period:
    """One reporting period: a month, a quarter, a financial year or a survey year.

    Build one with ``Period.parse("2009/10 Q1")``, ``Period.of_quarter(2009, 1)``,
    ``Period.of_month(2009, 4)``, ``Period.of_year(2009)`` or ``period_for(day, frequency)``.
    Periods sort by start date, then shortest first.
    """

    kind: Frequency
    start: date
    end: date
    # Worked out once: reports read a period's label thousands of times per page.
    label: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kind = Frequency(self.kind)
        if kind is not self.kind:
            object.__setattr__(self, "kind", kind)
        start = self.start
        months_from_april = (start.month - APRIL) % 12
        aligned = start.day == 1 and (
            kind is Frequency.MONTHLY
            or (kind is Frequency.QUARTERLY and months_from_april % 3 == 0)
            or months_from_april == 0
        )
        if not aligned or self.end != _end_of(kind, start):
            raise ValueError(
                f"{self.start} to {self.end} is not {_a(kind)} period of the financial year."
            )
        object.__setattr__(self, "label", self._label())

    # Constructors -------------------------------------------------------------------

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        """The calendar month ``year``-``month``: ``Period.of_month(2010, 1)`` is 2010-01."""
        _check_year(year if month >= APRIL else year - 1)
        return cls(Frequency.MONTHLY, date(year, month, 1), _month_end(year, month))

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1 to 4 of the financial year starting in ``year``: (2009, 4) is 2009/10 Q4."""
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise ValueError(f"Quarter {quarter} does not exist: quarters run 1 to 4.")
        start = date(*_add_months(year, APRIL, 3 * (quarter - 1)), 1)
        return cls(Frequency.QUARTERLY, start, _end_of(Frequency.QUARTERLY, start))

    @classmethod
    def of_year(cls, year: int, kind: Frequency = Frequency.ANNUAL) -> Period:
        """The financial year starting in ``year`` (2009 → 2009/10), annual or biennial."""
        _check_year(year)
        if kind not in (Frequency.ANNUAL, Frequency.BIENNIAL):
            raise ValueError(f"A year is an annual or biennial period, not {kind}.")
        return cls(kind, date(year, APRIL, 1), date(year + 1, 3, 31))

    @classmethod
    def parse(cls, label: str, kind: Frequency | None = None) -> Period:
        """Read ``2009/10``, ``2009/10 Q1`` (or ``q1``) or ``2009-04``.

        A year label is annual unless ``kind`` says biennial. Giving ``kind`` also checks
        the label is of that kind. Raises ``ValueError`` with a message for the user.
        """
        text = label.strip()
        period = cls._parse(text)
        if period is None:
            raise ValueError(f"'{text}' is not a period: {_FORMS}")
        if kind is None or kind == period.kind:
            return period
        if kind == Frequency.BIENNIAL and period.kind is Frequency.ANNUAL:
            return cls(Frequency.BIENNIAL, period.start, period.end)
        kind = Frequency(kind)
        raise ValueError(f"'{text}' is not {_a(kind)} period: {_FORM_FOR[kind]}")

    @classmethod
    def _parse(cls, text: str) -> Period | None:
        if match := _YEAR_LABEL.fullmatch(text):
            year = int(match[1])
            if int(match[2]) != (year + 1) % 100 or not MIN_YEAR <= year <= MAX_YEAR:
                return None
            if match[3] is None:
                return cls.of_year(year)
            quarter = int(match[3])
            return cls.of_quarter(year, quarter) if 1 <= quarter <= 4 else None
        if match := _MONTH_LABEL.fullmatch(text):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                return None
            if not MIN_YEAR <= (year if month >= APRIL else year - 1) <= MAX_YEAR:
                return None
            return cls.of_month(year, month)
        return None

    # Reading ------------------------------------------------------------------------

    @property
    def fy(self) -> int:
        """The calendar year its financial year starts in: 2009 for 2009/10 and for 2010-01."""
        return financial_year_of(self.start)

    def _label(self) -> str:
        if self.kind is Frequency.MONTHLY:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        fy = self.fy
        year = f"{fy:04d}/{(fy + 1) % 100:02d}"
        if self.kind is Frequency.QUARTERLY:
            return f"{year} Q{self.quarter}"
        return year

    def __str__(self) -> str:
        return self.label

    @property
    def quarter(self) -> int | None:
        """1 to 4 for a quarter or a month (the quarter it falls in); None for a whole year."""
        if self.kind is Frequency.ANNUAL or self.kind is Frequency.BIENNIAL:
            return None
        return (self.start.month - APRIL) % 12 // 3 + 1

    @property
    def months_into_year(self) -> int:
        """Months of the financial year gone by the end of this period: Q2 → 6, a year → 12."""
        return (self.end.month - APRIL) % 12 + 1

    @property
    def fraction_of_year_elapsed(self) -> Decimal:
        """``months_into_year`` as a fraction of twelve: Q2 → 0.5."""
        return Decimal(self.months_into_year) / 12

    @property
    def financial_year(self) -> Period:
        """The annual period this one falls in."""
        if self.kind is Frequency.ANNUAL:
            return self
        fy = self.fy
        return Period(Frequency.ANNUAL, date(fy, APRIL, 1), date(fy + 1, 3, 31))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def has_ended(self, on: date) -> bool:
        """True once ``on`` is after the period's last day."""
        return on > self.end

    # Moving -------------------------------------------------------------------------

    def _shifted(self, months: int) -> Period:
        year, month = _add_months(self.start.year, self.start.month, months)
        start = date(year, month, 1)
        return Period(self.kind, start, _end_of(self.kind, start))

    def previous(self) -> Period:
        """The period of the same kind before this one (the previous survey if biennial)."""
        return self._shifted(-_STEP[self.kind])

    def next(self) -> Period:
        """The period of the same kind after this one (the next survey if biennial)."""
        return self._shifted(_STEP[self.kind])

    def same_period_last_year(self) -> Period:
        """The same month, quarter or year one year earlier.

        Biennial surveys have no period a year earlier, so this gives the previous survey.
        """
        return self._shifted(-max(12, _STEP[self.kind]))

    # Ordering: by start, then shortest first (dataclass ordering would put kind first).

    def _sort_key(self) -> tuple[date, int]:
        return (self.start, _RANK[self.kind])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() >= other._sort_key()


def period_for(day: date, frequency: Frequency) -> Period:
    """The period of ``frequency`` containing ``day``.

    For biennial, that is the financial year containing ``day`` labelled as a survey year;
    which years actually have a survey is up to the caller.
    """
    if frequency == Frequency.MONTHLY:
        return Period.of_month(day.year, day.month)
    fy = financial_year_of(day)
    if frequency == Frequency.QUARTERLY:
        return Period.of_quarter(fy, (day.month - APRIL) % 12 // 3 + 1)
    return Period.of_year(fy, Frequency(frequency))


def periods_in_year(year: str | Period, frequency: Frequency) -> list[Period]:
    """The periods of ``frequency`` in a financial year given as ``"2009/10"`` or a Period.

    Twelve months, four quarters, or the year itself (annual or biennial).
    """
    annual = (Period.parse(year) if isinstance(year, str) else year).financial_year
    if frequency == Frequency.ANNUAL:
        return [annual]
    if frequency == Frequency.BIENNIAL:
        return [Period.of_year(annual.fy, Frequency.BIENNIAL)]
    first = period_for(annual.start, frequency)
    return [first._shifted(months) for months in range(0, 12, _STEP[first.kind])]


def periods_between(start: date, end: date, frequency: Frequency) -> list[Period]:
    """Every period of ``frequency`` that overlaps ``start`` to ``end``, oldest first.

    For an agreement running 1 April 2008 to 31 March 2011 that is 12 quarters or 36
    months. Biennial periods start from the financial year containing ``start``.
    """
    if end < start:
        raise ValueError(f"The end {end} is before the start {start}.")
    period = period_for(start, frequency)
    periods = []
    while period.start <= end:
        periods.append(period)
        period = period.next()
    return periods
