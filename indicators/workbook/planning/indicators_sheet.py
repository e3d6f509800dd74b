"""Planning the Indicators sheet: new indicators and changes to those in the agreement.

Every code is known before any row is planned, so a row may name as its proxy an
indicator on a later row; the indicators added here are known to the Targets and Actuals
sheets too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indicators.models import Indicator
from indicators.workbook.cells import norm, parse_text, shown
from indicators.workbook.columns import INDICATOR_COLUMNS
from indicators.workbook.planning.plan import Writes
from indicators.workbook.planning.sheet import SheetPlanner
from indicators.workbook.reading import INDICATORS, Row


@dataclass(frozen=True)
class IndicatorRow:
    row: Row
    values: dict[str, Any]  # column key → value
    indicator: Indicator  # in the agreement, or new (and so far without its values)
    is_new: bool


class IndicatorsPlanner(SheetPlanner):
    defaulted = (
        ("polarity", "polarity"),
        ("accumulation", "accumulation"),
        ("frequency", "frequency"),
        ("decimal places", "decimal places"),
    )

    def run(self) -> None:
        if self.check_columns() is None:
            return
        rows = self.read_rows()
        writes = self.plan.writes[INDICATORS]
        for item in rows:
            fields = self.fields_for(item)
            if fields is not None:
                self.plan_row(item, fields, writes)
        self.check_proxy_loops(rows)

    def read_rows(self) -> list[IndicatorRow]:
        """The rows with good values, each with its indicator; the codes of every row with
        a code are known from here on, so the other sheets can refer to them."""
        seen: dict[str, int] = {}  # norm(code) → row number
        rows: list[IndicatorRow] = []
        for row in self.sheet.rows:
            values = self.parse_row(row)
            code = values["code"] if values else parse_text(row.cells.get("code", ""), 20)
            if not code:
                continue
            if norm(code) in seen:
                self.problem(f"{code} is already on row {seen[norm(code)]}.", row.number, "code")
                continue
            seen[norm(code)] = row.number
            indicator = self.known.indicators.get(norm(code))
            is_new = indicator is None
            if indicator is None:
                indicator = Indicator(agreement=self.agreement, code=code)
                self.known.indicators[norm(code)] = indicator
            if values is not None:
                rows.append(IndicatorRow(row, values, indicator, is_new))
        return rows

    def fields_for(self, item: IndicatorRow) -> dict[str, Any] | None:
        """The row's values by field, its proxy found; None if its proxy is wrong."""
        values = item.values
        fields = {c.field: values[c.key] for c in INDICATOR_COLUMNS if c.field and c.key in values}
        if "proxy for" in values:
            proxy_code = values["proxy for"]
            proxy_for = self.known.indicators.get(norm(proxy_code)) if proxy_code else None
            if proxy_code and proxy_for is None:
                self.problem(
                    f"'{shown(proxy_code)}' is not an indicator in this workbook or the agreement.",
                    item.row.number,
                    "proxy for",
                )
                return None
            if proxy_for is item.indicator:
                self.problem(
                    "an indicator cannot be a proxy for itself.", item.row.number, "proxy for"
                )
                return None
            fields["proxy_for"] = proxy_for
        kind = fields.get("kind", item.indicator.kind)
        if (
            kind == Indicator.Kind.PROXY
            and fields.get("proxy_for", item.indicator.proxy_for) is None
        ):
            self.problem(
                "a proxy indicator must name the indicator it stands in for in a 'proxy for' "
                "column.",
                item.row.number,
                "proxy for" if "proxy for" in values else "",
            )
            return None
        return fields

    def plan_row(self, item: IndicatorRow, fields: dict[str, Any], writes: Writes) -> None:
        indicator = item.indicator
        self.note_defaults(item.row, indicator.code, is_new=item.is_new)
        if not item.is_new:
            self.note_update(item.row, indicator, fields, indicator.code)
            return
        if "title" not in item.values:
            self.problem("a new indicator needs a title: add a 'title' column.", item.row.number)
            return
        for name, value in fields.items():
            setattr(indicator, name, value)
        writes.created.append(indicator)
        self.plan.note(
            INDICATORS,
            "created",
            f"Indicators row {item.row.number}: add {indicator.code} {indicator.title}",
        )

    def check_proxy_loops(self, rows: list[IndicatorRow]) -> None:
        for item in rows:
            seen = {item.indicator.code}  # a code is unique in the agreement
            current = item.indicator.proxy_for
            while current is not None:
                if current.code in seen:
                    self.problem(
                        f"{item.indicator.code} is in a loop of proxies: follow 'proxy for' and "
                        "you come back to it.",
                        item.row.number,
                        "proxy for",
                    )
                    break
                seen.add(current.code)
                current = current.proxy_for
