"""Planning the Districts sheet: the agreement's districts and their wards.

A row without a ward is a district's (of the agreement's area); a row with a ward is that
ward's, in the district the row names. Areas are found by their ONS code (unique across
Golden Thread), else by name. Every district is known before any ward is planned, so a
ward may come before its district's row; the districts added here are known to Actuals.
"""

from __future__ import annotations

from typing import Any

from indicators.workbook.cells import CellError, norm, parse_text, shown
from indicators.workbook.planning.sheet import SheetPlanner
from indicators.workbook.reading import DISTRICTS, Row
from partnerships.models import Agreement, Area


class DistrictsPlanner(SheetPlanner):
    def run(self) -> None:
        if self.check_columns() is None:
            return
        if self.agreement.area_id is None:
            if self.sheet.rows:
                self.problem(
                    "the agreement has no area, so its districts cannot be added: ask the "
                    "secretariat to set the agreement's area first."
                )
            return
        districts = list(
            Area.objects.filter(parent_id=self.agreement.area_id, kind=Area.Kind.DISTRICT)
        )
        wards = list(Area.objects.filter(parent__in=districts, kind=Area.Kind.WARD))
        by_pk = {d.pk: d for d in districts}
        for ward in wards:
            ward.parent = by_pk[ward.parent_id]
        self.ours = {a.code: a for a in [*districts, *wards]}
        # Districts and wards hang off the county, which other agreements may share: then
        # only a site administrator changes them (new ones may still be added).
        self.shared = (
            Agreement.objects.filter(area_id=self.agreement.area_id)
            .exclude(pk=self.agreement.pk)
            .exists()
        )
        codes = {
            parse_text(row.cells.get(key, ""))
            for row in self.sheet.rows
            for key in ("district code", "ward code")
        }
        self.elsewhere = {
            a.code: a
            for a in Area.objects.filter(code__in=codes - {""}).exclude(
                pk__in=[a.pk for a in self.ours.values()]
            )
        }
        self.seen_codes: dict[str, int] = {}
        rows: list[tuple[Row, dict[str, Any]]] = []
        for row in self.sheet.rows:
            values = self.parse_row(row)
            if values is not None:
                rows.append((row, values))
        by_name = {norm(d.name): d for d in districts}
        for row, values in rows:
            if not values.get("ward"):
                self.plan_district(row, values, by_name)
        self.districts = self.known.lookup(
            DISTRICTS, ((d, (d.name, d.code)) for d in districts), "district"
        )
        ward_names = {(w.parent_id, norm(w.name)): w for w in wards}
        for row, values in rows:
            if values.get("ward"):
                self.plan_ward(row, values, ward_names)

    def code_taken(self, code: str, row: Row, column: str) -> bool:
        """Whether code is already on a row or used by an area outside the agreement."""
        if code in self.seen_codes:
            self.problem(
                f"the code {code} is already on row {self.seen_codes[code]}.", row.number, column
            )
            return True
        self.seen_codes[code] = row.number
        if code in self.elsewhere:
            self.problem(
                f"the code {code} is already {self.elsewhere[code].name}, an area outside this "
                "agreement.",
                row.number,
                column,
            )
            return True
        return False

    def update_unless_shared(
        self, row: Row, area: Area, fields: dict[str, Any], column: str
    ) -> None:
        if self.shared and any(getattr(area, name) != value for name, value in fields.items()):
            self.problem(
                f"{area.name} ({area.code}) belongs to an area another agreement shares: only "
                "a site administrator can change it.",
                row.number,
                column,
            )
            return
        self.note_update(row, area, fields, area.code)

    def plan_district(self, row: Row, values: dict[str, Any], by_name: dict[str, Area]) -> None:
        name, code = values["district"], values.get("district code", "")
        if not name:
            self.problem("a district's row needs its name.", row.number, "district")
            return
        if code and self.code_taken(code, row, "district code"):
            return
        district = self.ours.get(code) if code else by_name.get(norm(name))
        if district is not None and district.kind != Area.Kind.DISTRICT:
            self.problem(f"{code} is a ward, not a district.", row.number, "district code")
            return
        fields = {"name": name}
        if "priority neighbourhood" in values:
            fields["is_priority"] = values["priority neighbourhood"]
        if district is not None:
            self.update_unless_shared(row, district, fields, "district")
            return
        if not code:
            self.problem("a new district needs its ONS code.", row.number, "district code")
            return
        district = Area(
            code=code, kind=Area.Kind.DISTRICT, parent_id=self.agreement.area_id, **fields
        )
        self.known.added[DISTRICTS].append((district, (name, code)))
        self.plan.writes[DISTRICTS].created.append(district)
        self.plan.note(DISTRICTS, "created", f"Districts row {row.number}: add {name} ({code})")

    def plan_ward(self, row: Row, values: dict[str, Any], ward_names: dict[Any, Area]) -> None:
        name, code = values["ward"], values.get("ward code", "")
        reference = values.get("district code") or values["district"]
        district = None
        if not reference:
            self.problem(
                f"the ward {shown(name)} needs its district: fill in the district (or its code).",
                row.number,
                "district",
            )
        else:
            try:
                district = self.districts.get(reference)
            except CellError as error:
                column = "district code" if values.get("district code") else "district"
                self.problem(
                    f"{error} Add it on a row of its own, without a ward.".replace(
                        "in this agreement.", "in this workbook or the agreement."
                    ),
                    row.number,
                    column,
                )
        if code and self.code_taken(code, row, "ward code"):
            return
        if district is None:
            return
        ward = self.ours.get(code) if code else ward_names.get((district.pk, norm(name)))
        if ward is not None and ward.kind != Area.Kind.WARD:
            self.problem(f"{code} is a district, not a ward.", row.number, "ward code")
            return
        fields: dict[str, Any] = {"name": name, "parent": district}
        if "priority neighbourhood" in values:
            fields["is_priority"] = values["priority neighbourhood"]
        if ward is not None:
            self.update_unless_shared(row, ward, fields, "ward")
            return
        if not code:
            self.problem("a new ward needs its ONS code.", row.number, "ward code")
            return
        ward = Area(code=code, kind=Area.Kind.WARD, **fields)
        self.plan.writes[DISTRICTS].created.append(ward)
        self.plan.note(
            DISTRICTS, "created", f"Districts row {row.number}: add the ward {name} ({code})"
        )
