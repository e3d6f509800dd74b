"""The columns of each sheet and how a cell's value is read, with messages for the user."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.db import models

from indicators.models import Actual, Indicator, Target
from indicators.periods import Frequency, Period
from indicators.workbook.reading import ACTUALS, INDICATORS, TARGETS, is_blank

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


def _max_length(model: type[models.Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length  # type: ignore[union-attr]


def remembered(parse: Callable[[object], Any]) -> Callable[[object], Any]:
    """parse, giving each distinct text or number's result (or its error) from memory: a
    sheet of 50,000 actuals names a few hundred codes, periods, districts and comments.
    Only str and float cells are remembered, so True, 1 and 1.0 are never mixed up."""
    results: dict[object, Any] = {}

    def parse_remembered(raw: object) -> Any:
        kind = type(raw)
        if kind is not str and kind is not float:
            return parse(raw)
        try:
            result = results[raw]
        except KeyError:
            try:
                result = parse(raw)
            except CellError as error:
                result = _Refused(str(error))
            results[raw] = result
        if type(result) is _Refused:
            raise CellError(result.message)
        return result

    return parse_remembered


@dataclass(frozen=True, slots=True)
class _Refused:
    message: str


# --- columns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    help: str
    field: str = ""  # model field it sets ("" when handled specially)
    parse: Callable[[object], Any] = parse_text
    is_required: bool = False  # the sheet must have this column


def _text(model: type[models.Model], name: str) -> Callable[[object], str]:
    length = _max_length(model, name)
    return lambda raw: parse_text(raw, length)


def _choice(choices: type[models.Choices], default: Any) -> Callable[[object], Any]:
    accepted = _choices(choices)
    return lambda raw: parse_choice(raw, accepted, default)


def _required(parse: Callable[[object], Any]) -> Callable[[object], Any]:
    def parse_required(raw: object) -> Any:
        value = parse(raw)
        if value in ("", None):
            raise CellError("this must be filled in.")
        return value

    return parse_required


def parse_actual_period(raw: object) -> Period | date | None:
    """A period, or a date as Excel makes of `Sep-14` or `2009-04` typed in a cell: the
    planner reads a first-of-the-month date as that month for a monthly indicator."""
    if isinstance(raw, date):
        return raw.date() if isinstance(raw, datetime) else raw
    return parse_period(raw)


def _period_label(raw: object) -> str:
    period = parse_period(raw)
    return period.label if period else ""


_PRIORITY = {**_choices(Target.Priority), "1": 1, "2": 2, "one": 1, "two": 2}
_QUALITY = {**_choices(Actual.Quality), "none": ""}

INDICATOR_COLUMNS = (
    Column(
        "code",
        "The indicator's code, e.g. NI 32 or LI 7.1.",
        is_required=True,
        parse=_required(_text(Indicator, "code")),
    ),
    Column(
        "title",
        "Its title. Needed for a new indicator.",
        "title",
        _required(_text(Indicator, "title")),
    ),
    Column(
        "kind",
        "national, local or proxy (blank: national).",
        "kind",
        _choice(Indicator.Kind, Indicator.Kind.NATIONAL),
    ),
    Column(
        "polarity",
        "higher, lower or range: which way is better (blank: higher).",
        "polarity",
        _choice(Indicator.Polarity, Indicator.Polarity.HIGHER),
    ),
    Column("unit", "%, number, rate per 1,000, £, days…", "unit", _text(Indicator, "unit")),
    Column(
        "decimal places",
        "0 to 4 (blank: 1).",
        "decimal_places",
        lambda raw: parse_whole(raw, 0, 4, 1),
    ),
    Column(
        "frequency",
        "monthly, quarterly, annual or biennial (blank: quarterly).",
        "frequency",
        _choice(Indicator.Frequency, Indicator.Frequency.QUARTERLY),
    ),
    Column(
        "accumulation",
        "snapshot or cumulative (year to date) (blank: snapshot).",
        "accumulation",
        _choice(Indicator.Accumulation, Indicator.Accumulation.SNAPSHOT),
    ),
    Column(
        "data source",
        "Where the figures come from.",
        "data_source",
        _text(Indicator, "data_source"),
    ),
    Column("definition", "The definition, in full.", "definition", parse_text),
    Column(
        "proxy for",
        "For a proxy: the code of the indicator it stands in for.",
        parse=_text(Indicator, "code"),
    ),
)

TARGET_COLUMNS = (
    Column(
        "indicator code",
        "The code of an indicator in the Indicators sheet or already in the agreement.",
        is_required=True,
        parse=_required(_text(Indicator, "code")),
    ),
    Column(
        "partnership",
        "The responsible partnership: its name or short code. Needed for a new target.",
        parse=parse_text,
    ),
    Column("outcome", "The outcome it serves: its code (e.g. SE1.1) or title.", parse=parse_text),
    Column("lead", "The target lead: a person's name or e-mail address.", parse=parse_text),
    Column(
        "data owner",
        "Who supplies the figures: a person's name or e-mail address.",
        parse=parse_text,
    ),
    Column(
        "designation",
        "improvement, statutory, local or reward (blank: improvement).",
        "designation",
        _choice(Target.Designation, Target.Designation.IMPROVEMENT),
    ),
    Column(
        "priority",
        "1 or 2 (blank: 2).",
        "priority",
        lambda raw: parse_choice(raw, _PRIORITY, Target.Priority.TWO),
    ),
    Column(
        "baseline",
        "The baseline value, in the indicator's unit; blank while it is awaited.",
        "baseline",
        parse_figure,
    ),
    Column(
        "baseline period",
        "The period of the baseline, e.g. 2007/08.",
        "baseline_period",
        _period_label,
    ),
    Column(
        "baseline awaited reason",
        "Why the baseline is awaited, e.g. Awaiting the Place Survey.",
        "baseline_awaited_reason",
        _text(Target, "baseline_awaited_reason"),
    ),
    Column(
        "tolerance kind",
        "percent (of the target) or absolute (in the indicator's unit) (blank: percent).",
        "tolerance_kind",
        _choice(Target.ToleranceKind, Target.ToleranceKind.PERCENT),
    ),
    Column(
        "tolerance",
        "The band separating amber from red (blank: 5).",
        "tolerance",
        lambda raw: parse_number(raw) if not is_blank(raw) else Decimal(5),
    ),
    Column(
        "range low",
        "For 'range' indicators: the lowest acceptable value.",
        "range_low",
        parse_figure,
    ),
    Column(
        "range high",
        "For 'range' indicators: the highest acceptable value.",
        "range_high",
        parse_figure,
    ),
    Column(
        "reward grant",
        "Performance Reward Grant (£) if the target is met.",
        "reward_grant",
        parse_number,
    ),
)

ACTUAL_COLUMNS = (
    Column(
        "indicator code",
        "The code of an indicator with a target in the agreement.",
        is_required=True,
        parse=_required(_text(Indicator, "code")),
    ),
    Column(
        "period",
        "2009/10 Q1 (quarterly), 2009-04 (monthly) or 2009/10 (annual or "
        "biennial), as the indicator is reported.",
        is_required=True,
        parse=_required(parse_actual_period),
    ),
    Column(
        "district", "Blank for the whole area, or a district's name or ONS code.", parse=parse_text
    ),
    Column(
        "value",
        "The figure, in the indicator's unit (95.5%, £125k, 1.2m and 19.94 days are read). "
        "Leave blank only with a missing reason.",
        "value",
        parse_figure,
        is_required=True,
    ),
    Column(
        "missing reason",
        "Why there is no figure.",
        "missing_reason",
        _text(Actual, "missing_reason"),
    ),
    Column(
        "status",
        "provisional or final (blank: provisional).",
        "status",
        _choice(Actual.Status, Actual.Status.PROVISIONAL),
    ),
    Column(
        "quality",
        "blank (no concerns), estimated, revised or proxy.",
        "quality",
        lambda raw: parse_choice(raw, _QUALITY, ""),
    ),
    Column("commentary", "What the figure means and what is being done.", "commentary", parse_text),
)

COLUMNS = {INDICATORS: INDICATOR_COLUMNS, TARGETS: TARGET_COLUMNS, ACTUALS: ACTUAL_COLUMNS}


@dataclass(frozen=True)
class ValueColumn:
    """A Targets column holding a value per period: 'target 2009/10', 'stretch 2009/10',
    or a profile step '2009/10 Q1' / '2009-04'."""

    key: str
    period: Period
    is_stretch: bool = False


def parse_value_column(key: str) -> ValueColumn | None:
    word, _, rest = key.partition(" ")
    try:
        if word in ("target", "stretch"):
            period = Period.parse(rest)
            if period.kind is not Frequency.ANNUAL:
                return None
            return ValueColumn(key, period, is_stretch=word == "stretch")
        period = Period.parse(key)
    except ValueError:
        return None
    return ValueColumn(key, period) if period.kind is not Frequency.ANNUAL else None
