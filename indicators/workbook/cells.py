"""How one cell's value is read: text, numbers and figures as people type them, periods as
people write them, choices, yes/no and dates, each refused with a message for the user."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.db import models

from indicators.periods import Period
from indicators.workbook.reading import is_blank

FOUR_PLACES = Decimal("0.0001")
TOO_LARGE = Decimal(10) ** 10  # DecimalField(max_digits=14, decimal_places=4)


class CellError(ValueError):
    """A cell's value is unusable; the message is for the user."""


# --- cell values ------------------------------------------------------------------------


def shown(raw: object) -> str:
    if type(raw) is float and raw.is_integer():
        raw = int(raw)  # Excel stores every number as a float: say 7, not 7.0
    text = str(raw).strip()
    return text if len(text) <= 40 else text[:37] + "…"


def parse_text(raw: object, max_length: int | None = None) -> str:
    # Called for most cells of every row: the common case (text) comes first.
    if type(raw) is str:
        text = raw.strip()
        if "\r" in text:
            text = text.replace("\r\n", "\n")
    elif raw is None:
        return ""
    elif isinstance(raw, float):
        text = str(int(raw)) if raw.is_integer() else repr(raw)
    elif isinstance(raw, datetime):
        text = raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
    elif isinstance(raw, date | time):
        text = raw.isoformat()
    else:
        text = str(raw).replace("\r\n", "\n").strip()
    if max_length is not None and len(text) > max_length:
        raise CellError(
            f"this is {len(text):,} characters long; the most it can be is {max_length}."
        )
    return text


def parse_number(raw: object) -> Decimal | None:
    """A number, rounded to four decimal places; blank → None."""
    kind = type(raw)
    try:
        if kind is float:
            number = Decimal(repr(raw))
        elif kind is int:
            number = Decimal(raw)  # type: ignore[arg-type]
        elif kind is str or raw is None:
            text = (raw or "").strip()  # type: ignore[attr-defined]
            if not text:
                return None
            number = Decimal(text.replace(",", "").removeprefix("£"))
        else:  # true/false, dates, times
            raise CellError(f"'{shown(raw)}' is not a number.")
    except InvalidOperation:
        raise CellError(f"'{shown(raw)}' is not a number.") from None
    if not number.is_finite():
        raise CellError(f"'{shown(raw)}' is not a number.")
    if abs(number) >= TOO_LARGE:
        raise CellError(f"'{shown(raw)}' is too large: numbers must be below 10,000,000,000.")
    return number.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


# --- figures as people type them ---------------------------------------------------------

FIGURE_FORMS = "type a figure such as 1234.5, 95.5%, £125k, 1.2m or 19.94 days"
_FIGURE = re.compile(
    r"(?P<minus>[-−–])?\s*(?P<pound>£)?\s*(?P<number>[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)"
    r"\s*(?P<scale>k|m|bn)?\b\s*(?P<unit>%|[^\d\s].*)?",
    re.IGNORECASE,
)
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}


class Figure(NamedTuple):
    """A figure as typed, before it is read against its indicator's unit."""

    number: Decimal
    unit: str = ""  # "%", a unit word as typed ("days"), or ""
    is_pounds: bool = False
    text: str = ""  # as typed, for messages; "" for a number cell


def parse_figure(raw: object) -> Figure | None:
    """'95.5%', '£125k', '1.2m', '19.94 days', '1,234.5' or a number cell; blank → None."""
    if type(raw) is float or type(raw) is int:
        number = parse_number(raw)
        return None if number is None else Figure(number)
    if is_blank(raw):
        return None
    if type(raw) is not str:
        raise CellError(f"'{shown(raw)}' is not a number: {FIGURE_FORMS}.")
    text = raw.strip()
    match = _FIGURE.fullmatch(text)
    if match is None:
        raise CellError(f"'{shown(raw)}' is not a number: {FIGURE_FORMS}.")
    try:
        number = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:
        raise CellError(f"'{shown(raw)}' is not a number: {FIGURE_FORMS}.") from None
    number *= _SCALE[(match["scale"] or "").casefold()]
    if match["minus"]:
        number = -number
    if abs(number) >= TOO_LARGE:
        raise CellError(f"'{shown(raw)}' is too large: numbers must be below 10,000,000,000.")
    unit = (match["unit"] or "").strip()
    return Figure(number, unit, bool(match["pound"]), text)


def is_percent_unit(unit: str) -> bool:
    return "%" in unit or "percent" in unit.casefold()


def _unit_words(text: str) -> set[str]:
    return {word.rstrip("s") for word in re.findall(r"[a-z£%]+", text.casefold())}


def figure_value(figure: Figure, *, code: str, unit: str, is_percent_cell: bool = False) -> Decimal:
    """The figure in the indicator's unit, or a CellError saying exactly what to type.

    A percentage (typed '95.5%', or a cell Excel formats as a percentage, which it stores
    as 0.955) is 95.5 for an indicator measured in %; for any other it is refused.
    """
    typed = f"'{shown(figure.text)}'" if figure.text else "this figure"
    measured = f"'{unit}'" if unit else "plain numbers (its unit is not set)"
    number = figure.number
    if is_percent_cell:
        shown_percent = format((number * 100).normalize(), "f")
        if not is_percent_unit(unit):
            raise CellError(
                f"this cell is formatted as a percentage ({shown_percent}%), but {code} is "
                f"measured in {measured}: format the cell as Number and type the figure "
                f"in {unit or 'plain numbers'}."
            )
        number *= 100
    elif figure.unit == "%":
        if not is_percent_unit(unit):
            raise CellError(
                f"{typed} is a percentage, but {code} is measured in {measured}: type the "
                "figure without %."
            )
    elif figure.unit and not _unit_words(figure.unit) <= _unit_words(unit):
        raise CellError(
            f"{typed} is in '{figure.unit}', but {code} is measured in {measured}: type just "
            f"the number, e.g. {format(number.normalize(), 'f')}."
        )
    if figure.is_pounds and is_percent_unit(unit):
        raise CellError(f"{typed} is in pounds, but {code} is measured in %: type the percentage.")
    if abs(number) >= TOO_LARGE:
        raise CellError(f"{typed} is too large: numbers must be below 10,000,000,000.")
    return number.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def excel_date_error(raw: date) -> CellError:
    return CellError(
        f"Excel has turned this period into a date ({raw.day} {raw:%B %Y}): format the column "
        "as Text and type the period again, like 2009/10, 2009/10 Q1 or 2009-04."
    )


def parse_period(raw: object) -> Period | None:
    if is_blank(raw):
        return None
    if isinstance(raw, date):
        raise excel_date_error(raw)
    try:
        return _period(parse_text(raw))
    except ValueError as error:
        raise CellError(str(error)) from None


PERIOD_FORMS = (
    "write a year as 2014/15; a quarter as 2014/15 Q2, Q2 2014/15, 2014-15 Q2 or Jul-Sep "
    "2014; a month as 2014-09, Sep-14 or Sep 2014"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_Q_FIRST = re.compile(r"q([1-4])\s+([0-9]{4})\s*[/-]\s*([0-9]{2})")
_Q_LAST = re.compile(r"([0-9]{4})\s*[/-]\s*([0-9]{2})\s+q([1-4])")
_MONTH_SPAN = re.compile(r"([a-z]+)\s*[-–—]\s*([a-z]+)\s+([0-9]{2}|[0-9]{4})")
_MONTH_NAME = re.compile(r"([a-z]+)[\s-]+([0-9]{2}|[0-9]{4})")


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _label_as_written(text: str) -> str | None:
    """The period label for the ways people write periods in KPI tables, or None."""
    text = " ".join(text.casefold().split())
    if match := _Q_FIRST.fullmatch(text):
        return f"{match[2]}/{match[3]} Q{match[1]}"
    if match := _Q_LAST.fullmatch(text):
        return f"{match[1]}/{match[2]} Q{match[3]}"
    if match := _MONTH_SPAN.fullmatch(text):
        first, last = _MONTHS.get(match[1]), _MONTHS.get(match[2])
        if first is None or last is None or first % 3 != 1 or last != first + 2:
            return None  # only the financial quarters: Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar
        year = _full_year(match[3])
        start = year if first >= 4 else year - 1
        return f"{start}/{(start + 1) % 100:02d} Q{(first - 4) % 12 // 3 + 1}"
    if match := _MONTH_NAME.fullmatch(text):
        month = _MONTHS.get(match[1])
        return f"{_full_year(match[2])}-{month:02d}" if month else None
    return None


@functools.lru_cache(maxsize=4096)
def _period(label: str) -> Period:
    """Period.parse, remembered (a sheet of 50,000 actuals names a few dozen periods), also
    reading the forms KPI tables use: Q2 2014/15, 2014-15 Q2, Jul-Sep 2014, Sep-14."""
    try:
        return Period.parse(label)
    except ValueError:
        written = _label_as_written(label)
        if written is not None:
            try:
                return Period.parse(written)
            except ValueError:
                pass
        raise ValueError(f"'{label.strip()}' is not a period: {PERIOD_FORMS}.") from None


def _choices(choices: type[models.Choices]) -> dict[str, Any]:
    """Accept a choice's value or its label, in any case."""
    accepted: dict[str, Any] = {}
    for value, label in choices.choices:
        accepted[str(label).casefold()] = value
        accepted[str(value).casefold()] = value
    return accepted


def parse_choice(raw: object, accepted: Mapping[str, Any], default: Any) -> Any:
    if is_blank(raw):
        return default
    text = parse_text(raw)
    if text.casefold() in accepted:
        return accepted[text.casefold()]
    words = sorted({str(v) for v in accepted.values() if str(v)}, key=str)
    raise CellError(f"'{shown(raw)}' is not one of {', '.join(words)}.")


def parse_whole(raw: object, low: int, high: int, default: int) -> int:
    number = parse_number(raw)
    if number is None:
        return default
    if number != number.to_integral_value() or not low <= number <= high:
        raise CellError(f"'{shown(raw)}' is not a whole number from {low} to {high}.")
    return int(number)


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The form names are matched in: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()
