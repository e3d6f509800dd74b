"""The columns of each sheet and how a cell's value is read, with messages for the user."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

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


def parse_period(raw: object) -> Period | None:
    if is_blank(raw):
        return None
    if isinstance(raw, date):
        raise CellError(
            f"Excel has turned this period into a date ({raw.day} {raw:%B %Y}): format the column "
            "as Text and type the period again, like 2009/10, 2009/10 Q1 or 2009-04."
        )
    try:
        return _period(parse_text(raw))
    except ValueError as error:
        raise CellError(str(error)) from None


@functools.lru_cache(maxsize=4096)
def _period(label: str) -> Period:
    """Period.parse, remembered: a sheet of 50,000 actuals names a few dozen periods."""
    return Period.parse(label)


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
    Column("baseline", "The baseline value; blank while it is awaited.", "baseline", parse_number),
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
        parse_number,
    ),
    Column(
        "range high",
        "For 'range' indicators: the highest acceptable value.",
        "range_high",
        parse_number,
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
        parse=_required(parse_period),
    ),
    Column(
        "district", "Blank for the whole area, or a district's name or ONS code.", parse=parse_text
    ),
    Column(
        "value",
        "The figure. Leave blank only with a missing reason.",
        "value",
        parse_number,
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
