"""Planning the Partnerships sheet: new partnerships and changes to those in the agreement.

A partnership is found by its short code when the row gives one, else by its name. Every
row's partnership is known before any row is planned, so a row may report to a
partnership on a later row; the partnerships added here are known to the later sheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.text import slugify

from indicators.workbook.cells import CellError, norm, parse_text, shown
from indicators.workbook.columns import PARTNERSHIP_COLUMNS
from indicators.workbook.planning.sheet import SheetPlanner
from indicators.workbook.reading import DISTRICTS, PARTNERSHIPS, Row
from partnerships.models import Area, Partnership


@dataclass(frozen=True)
class PartnershipRow:
    row: Row
    values: dict[str, Any]  # column key → value
    partnership: Partnership  # in the agreement, or new (and so far without its values)
    is_new: bool


def partnership_names(p: Partnership) -> tuple[str, ...]:
    return (p.slug, p.name, p.short_name)


class PartnershipsPlanner(SheetPlanner):
    def run(self) -> None:
        if self.check_columns() is None:
            return
        existing = list(Partnership.objects.filter(agreement=self.agreement))
        by_pk = {p.pk: p for p in existing}
        for p in existing:
            p.reports_to = by_pk.get(p.reports_to_id)  # type: ignore[arg-type]
        self.existing = existing
        if "district" in dict(self.present):
            self.load_districts()
        rows = self.read_rows()
        self.lookup = self.known.lookup(
            PARTNERSHIPS, ((p, partnership_names(p)) for p in existing), "partnership"
        )
        for item in rows:
            self.plan_row(item)
        self.check_circles(rows)

    def load_districts(self) -> None:
        """The agreement's districts (those the Districts sheet adds too), by name or code."""
        area_id = self.agreement.area_id
        query = Q(pk__in={p.district_id for p in self.existing if p.district_id})
        if area_id is not None:
            query |= Q(parent_id=area_id, kind=Area.Kind.DISTRICT)
        areas = list(Area.objects.filter(query))
        by_pk = {a.pk: a for a in areas}
        for p in self.existing:
            p.district = by_pk.get(p.district_id)  # type: ignore[arg-type]
        self.districts = self.known.lookup(
            DISTRICTS,
            (
                (a, (a.name, a.code))
                for a in areas
                if a.parent_id == area_id and a.kind == Area.Kind.DISTRICT
            ),
            "district",
        )

    def read_rows(self) -> list[PartnershipRow]:
        by_slug = {p.slug: p for p in self.existing}
        by_name = {norm(p.name): p for p in self.existing}
        slugs = set(by_slug)
        seen_names: dict[str, int] = {}
        seen_slugs: dict[str, int] = {}
        rows = []
        for row in self.sheet.rows:
            values = self.parse_row(row)
            name = values["name"] if values else parse_text(row.cells.get("name", ""))
            if not name:
                continue
            slug = values.get("short code", "") if values else ""
            if norm(name) in seen_names:
                self.problem(
                    f"{shown(name)} is already on row {seen_names[norm(name)]}.", row.number, "name"
                )
                continue
            if slug and slug in seen_slugs:
                self.problem(
                    f"the short code {slug} is already on row {seen_slugs[slug]}.",
                    row.number,
                    "short code",
                )
                continue
            seen_names[norm(name)] = row.number
            partnership = by_slug.get(slug) or by_name.get(norm(name))
            if slug and partnership is not None and partnership.slug != slug:
                if slug in by_slug:
                    self.problem(
                        f"the short code {slug} is {by_slug[slug].name}'s.",
                        row.number,
                        "short code",
                    )
                    continue
                if values is not None:
                    values = values | {"slug": slug}  # a new short code for it
            is_new = partnership is None
            if partnership is None:
                if not slug:
                    base = slugify(values.get("short name") if values else "") or slugify(name)
                    base = (base or "partnership")[:45]
                    slug, n = base, 1
                    while slug in slugs or slug in seen_slugs:
                        n += 1
                        slug = f"{base}-{n}"
                partnership = Partnership(agreement=self.agreement, name=name, slug=slug)
                self.known.added[PARTNERSHIPS].append(
                    (partnership, (slug, name, values.get("short name", "") if values else ""))
                )
            seen_slugs[partnership.slug] = row.number
            if values is not None:
                rows.append(PartnershipRow(row, values, partnership, is_new))
        return rows

    def plan_row(self, item: PartnershipRow) -> None:
        values = item.values
        fields = {
            c.field: values[c.key] for c in PARTNERSHIP_COLUMNS if c.field and c.key in values
        }
        if "slug" in values:
            fields["slug"] = values["slug"]
        if "reports to" in values:
            try:
                reports_to = self.lookup.get(values["reports to"])
            except CellError as error:
                self.problem(str(error), item.row.number, "reports to")
                return
            if reports_to is item.partnership:
                self.problem(
                    "a partnership cannot report to itself.", item.row.number, "reports to"
                )
                return
            fields["reports_to"] = reports_to
        if "district" in values:
            try:
                fields["district"] = self.districts.get(values["district"])
            except CellError as error:
                self.problem(
                    str(error).replace("in this agreement.", "in this workbook or the agreement."),
                    item.row.number,
                    "district",
                )
                return
        p = item.partnership
        if not item.is_new:
            self.note_update(item.row, p, fields, p.name)
            return
        fields.setdefault("kind", Partnership.Kind.THEMATIC)
        for name, value in fields.items():
            setattr(p, name, value)
        self.plan.writes[PARTNERSHIPS].created.append(p)
        self.plan.note(PARTNERSHIPS, "created", f"Partnerships row {item.row.number}: add {p.name}")

    def check_circles(self, rows: list[PartnershipRow]) -> None:
        for item in rows:
            seen = {id(item.partnership)}
            current = getattr(item.partnership, "reports_to", None)
            while current is not None:
                if id(current) in seen:
                    self.problem(
                        f"{item.partnership.name} is in a circle: follow 'reports to' and you "
                        "come back to it.",
                        item.row.number,
                        "reports to",
                    )
                    break
                seen.add(id(current))
                current = getattr(current, "reports_to", None)
