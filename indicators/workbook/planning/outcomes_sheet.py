"""Planning the Outcomes sheet: the agreement's outcomes and sub-outcomes, by theme.

An outcome is found by its code when the row gives one, else by its title; its theme by
name or code (a new name adds a theme; a row with a theme and no code or title adds or
keeps just the theme). Every row's outcome is known before any row is
planned, so a sub-outcome may come before the outcome it is part of; the outcomes added
here are known to the Targets sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indicators.workbook.cells import CellError, norm, parse_text, shown
from indicators.workbook.columns import OUTCOME_COLUMNS
from indicators.workbook.planning.sheet import Lookup, SheetPlanner
from indicators.workbook.reading import OUTCOMES, PEOPLE, Row
from partnerships.models import Outcome, Person, Theme

THEMES = "Themes"  # counted separately in a summary; named on Outcomes rows


@dataclass(frozen=True)
class OutcomeRow:
    row: Row
    values: dict[str, Any]
    outcome: Outcome
    is_new: bool


class OutcomesPlanner(SheetPlanner):
    def run(self) -> None:
        if self.check_columns() is None:
            return
        agreement = self.agreement
        themes = list(Theme.objects.filter(agreement=agreement))
        self.themes = Lookup(((t, (t.name, t.code)) for t in themes), "theme")
        self.new_themes: dict[str, Theme] = {}
        self.order = max((t.order for t in themes), default=0)
        by_pk = {t.pk: t for t in themes}
        existing = list(Outcome.objects.filter(theme__agreement=agreement))
        outcomes_by_pk = {o.pk: o for o in existing}
        for outcome in existing:
            outcome.theme = by_pk[outcome.theme_id]
            outcome.parent = outcomes_by_pk.get(outcome.parent_id)  # type: ignore[arg-type]
        self.existing = existing
        rows = self.read_rows()
        self.outcomes = self.known.lookup(
            OUTCOMES, ((o, (o.code, o.title)) for o in existing), "outcome"
        )
        self.people = self.known.lookup(
            PEOPLE,
            ((p, (p.name, p.email)) for p in Person.objects.filter(agreement=agreement)),
            "person",
        )
        for item in rows:
            self.plan_row(item)
        self.check_circles(rows)

    def read_rows(self) -> list[OutcomeRow]:
        by_code = {norm(o.code): o for o in self.existing if o.code}
        by_title = {norm(o.title): o for o in self.existing}
        seen: dict[str, int] = {}
        rows = []
        for row in self.sheet.rows:
            values = self.parse_row(row)
            code = values.get("code", "") if values else parse_text(row.cells.get("code", ""))
            title = values.get("title", "") if values else parse_text(row.cells.get("title", ""))
            if not code and not title:
                if values and values.get("theme"):
                    self.theme(row, values["theme"])  # a theme without outcomes (yet)
                continue
            key, column = (f"code {norm(code)}", "code") if code else (norm(title), "title")
            if key in seen:
                self.problem(
                    f"{shown(code or title)} is already on row {seen[key]}.", row.number, column
                )
                continue
            seen[key] = row.number
            outcome = by_code.get(norm(code)) if code else by_title.get(norm(title))
            is_new = outcome is None
            if outcome is None:
                outcome = Outcome(code=code, title=title)
                self.known.added[OUTCOMES].append((outcome, (code, title)))
            if values is not None:
                rows.append(OutcomeRow(row, values, outcome, is_new))
        return rows

    def find(self, lookup: Lookup, row: Row, column: str, raw: str) -> tuple[Any, bool]:
        try:
            return lookup.get(raw), True
        except CellError as error:
            self.problem(
                str(error).replace("in this agreement.", "in this workbook or the agreement."),
                row.number,
                column,
            )
            return None, False

    def theme(self, row: Row, name: str) -> tuple[Theme | None, bool]:
        """The theme called name, or one the import adds (and whether all is well)."""
        if self.themes.by_name.get(norm(name)):
            theme, found = self.find(self.themes, row, "theme", name)
            return theme, found
        theme = self.new_themes.get(norm(name))
        if theme is None:
            self.order += 1
            theme = self.new_themes[norm(name)] = Theme(
                agreement=self.agreement, name=name, order=self.order
            )
            self.plan.writes[THEMES].created.append(theme)
            self.plan.note(THEMES, "created")
        return theme, True

    def plan_row(self, item: OutcomeRow) -> None:
        values, row, outcome = item.values, item.row, item.outcome
        fields = {c.field: values[c.key] for c in OUTCOME_COLUMNS if c.field and c.key in values}
        ok = True
        if "parent outcome" in values:
            parent, found = self.find(
                self.outcomes, row, "parent outcome", values["parent outcome"]
            )
            if parent is outcome:
                self.problem("an outcome cannot be part of itself.", row.number, "parent outcome")
                found = False
            ok = ok and found
            fields["parent"] = parent
        if "owner" in values:
            owner, found = self.find(self.people, row, "owner", values["owner"])
            ok = ok and found
            fields["owner"] = owner
        if values.get("theme"):
            fields["theme"], found = self.theme(row, values["theme"])
            ok = ok and found
        if not ok:
            return
        label = str(outcome)
        if not item.is_new:
            self.note_update(row, outcome, fields, label)
            return
        if not values.get("title"):
            self.problem("a new outcome needs a title.", row.number, "title")
            return
        if fields.get("theme") is None:
            self.problem("a new outcome needs the theme it belongs to.", row.number, "theme")
            return
        for name, value in fields.items():
            setattr(outcome, name, value)
        self.plan.writes[OUTCOMES].created.append(outcome)
        self.plan.note(OUTCOMES, "created", f"Outcomes row {row.number}: add {label}")

    def check_circles(self, rows: list[OutcomeRow]) -> None:
        for item in rows:
            seen = {id(item.outcome)}
            current = getattr(item.outcome, "parent", None)
            while current is not None:
                if id(current) in seen:
                    self.problem(
                        f"{item.outcome} is in a circle: follow 'parent outcome' and you come "
                        "back to it.",
                        item.row.number,
                        "parent outcome",
                    )
                    break
                seen.add(id(current))
                current = getattr(current, "parent", None)
