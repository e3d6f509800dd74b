"""The columns of each sheet and how a cell's value is read, with messages for the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from indicators.models import Actual, Indicator, Target
from indicators.periods import Frequency, Period
from indicators.workbook.cells import (
    CellError,
    _choices,
    parse_choice,
    parse_figure,
    parse_number,
    parse_period,
    parse_text,
    parse_whole,
    shown,
)
from indicators.workbook.reading import (
    ACTUALS,
    DISTRICTS,
    INDICATORS,
    OUTCOMES,
    PARTNERSHIPS,
    PEOPLE,
    TARGETS,
    is_blank,
)
from partnerships.models import Area, Membership, Outcome, Partnership, Person, Theme


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

_YES_NO = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False,
           "false": False, "0": False}  # fmt: skip


def parse_yes_no(raw: object) -> bool:
    if raw is True or raw is False:
        return bool(raw)
    return bool(parse_choice(raw, _YES_NO, default=False))


def parse_date(raw: object) -> date | None:
    """A date cell, or a date typed as 2009-04-01 or 01/04/2009; blank → None."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = parse_text(raw)
    if not text:
        return None
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise CellError(f"'{shown(raw)}' is not a date: type it as 2009-04-01 or 01/04/2009.")


DISTRICT_COLUMNS = (
    Column(
        "district",
        "The district's name. On a ward's row, the district it is in (or give its code).",
        parse=_text(Area, "name"),
        is_required=True,
    ),
    Column("district code", "The district's ONS code, e.g. 22UB.", parse=_text(Area, "code")),
    Column("ward", "Blank on a district's row; else the ward's name.", parse=_text(Area, "name")),
    Column("ward code", "The ward's ONS code (needed with a ward).", parse=_text(Area, "code")),
    Column(
        "priority neighbourhood",
        "yes or no (blank: no): the row's ward, or district, is a priority neighbourhood.",
        "is_priority",
        parse_yes_no,
    ),
)

PARTNERSHIP_COLUMNS = (
    Column(
        "name",
        "The partnership's name, e.g. Safer Essex.",
        "name",
        _required(_text(Partnership, "name")),
        is_required=True,
    ),
    Column(
        "short name",
        "A shorter name, e.g. SE (blank: none).",
        "short_name",
        _text(Partnership, "short_name"),
    ),
    Column(
        "short code",
        "The code in its web address, e.g. safer-essex (blank: made from the name).",
        parse=_text(Partnership, "slug"),
    ),
    Column(
        "kind",
        "thematic, lsp, management_group, board, cdrp, policy_delivery_group or block "
        "(blank: thematic).",
        "kind",
        _choice(Partnership.Kind, Partnership.Kind.THEMATIC),
    ),
    Column(
        "reports to",
        "The partnership it reports to: name, short name or short code (blank: none).",
        parse=parse_text,
    ),
    Column(
        "description",
        "What the partnership is for (blank: none).",
        "description",
        _text(Partnership, "description"),
    ),
    Column(
        "quorum",
        "How many members must be present for a meeting to be quorate, e.g. 5 (blank: none).",
        "quorum",
        lambda raw: None if is_blank(raw) else parse_whole(raw, 0, 32767, 0),
    ),
    Column(
        "district",
        "The district it covers: the district's name or ONS code, e.g. 22UJ (blank: none).",
        parse=parse_text,
    ),
)

PERSON_COLUMNS = (
    Column(
        "name", "The person's name.", "name", _required(_text(Person, "name")), is_required=True
    ),
    Column(
        "email",
        "Their e-mail address: tells apart two people of the same name.",
        "email",
        _text(Person, "email"),
    ),
    Column("organisation", "The organisation they work for (blank: none).", parse=parse_text),
    Column("job title", "Their job title (blank: none).", "job_title", _text(Person, "job_title")),
    Column(
        "partnership",
        "A partnership they have a role in (one row per role; blank: no role on this row).",
        parse=parse_text,
    ),
    Column(
        "role",
        "chair, vice_chair, lead, deputy_lead, member, secretariat or observer (blank: member).",
        parse=_choice(Membership.Role, Membership.Role.MEMBER),
    ),
    Column("from", "The date the role starts, e.g. 2009-04-01 (blank: none).", parse=parse_date),
    Column(
        "title",
        "Their title, used before their name, e.g. Councillor (blank: none).",
        "title",
        _text(Person, "title"),
    ),
)

OUTCOME_COLUMNS = (
    Column(
        "theme",
        "The theme (block) it belongs to, by name or code; a new name adds a theme. A row "
        "with a theme and no code or title keeps a theme that has no outcomes.",
        parse=_text(Theme, "name"),
    ),
    Column("code", "The outcome's code, e.g. SE1.1.", "code", _text(Outcome, "code")),
    Column(
        "title", "The outcome's title (needed for a new outcome).", "title", _text(Outcome, "title")
    ),
    Column(
        "parent outcome",
        "For a sub-outcome: the code of the outcome it is part of (blank: none).",
        parse=parse_text,
    ),
    Column(
        "owner", "Who owns it: a person's name or e-mail address (blank: none).", parse=parse_text
    ),
    Column(
        "priority",
        "1 or 2 (blank: 2).",
        "priority",
        lambda raw: parse_choice(raw, _PRIORITY, Outcome.Priority.TWO),
    ),
)

COLUMNS = {
    DISTRICTS: DISTRICT_COLUMNS,
    PARTNERSHIPS: PARTNERSHIP_COLUMNS,
    PEOPLE: PERSON_COLUMNS,
    OUTCOMES: OUTCOME_COLUMNS,
    INDICATORS: INDICATOR_COLUMNS,
    TARGETS: TARGET_COLUMNS,
    ACTUALS: ACTUAL_COLUMNS,
}


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
