"""Load districts and wards from the ONS 2008 ward → district lookup shipped in data/."""

import csv
from pathlib import Path

from partnerships.models import Area

DATA = Path(__file__).resolve().parent / "data"
WARDS_FILE = DATA / "WD08_LAD08_EW_LU.csv"


def area_load(*, code: str, name: str, kind: str, district_prefix: str) -> Area:
    """Create (once) an area with the districts whose ONS code starts with district_prefix
    and their wards; a unitary authority's prefix is its own code and its wards hang off it."""
    top, _ = Area.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    # The ONS file is Windows-1252 (a few Welsh ward names use it).
    with WARDS_FILE.open(newline="", encoding="cp1252") as handle:
        rows = [row for row in csv.DictReader(handle) if row["LAD08CD"].startswith(district_prefix)]
    existing = set(
        Area.objects.filter(code__startswith=district_prefix).values_list("code", flat=True)
    )
    districts: dict[str, Area] = {}
    if kind == Area.Kind.UNITARY:
        districts[code] = top
    for row in rows:
        district_code = row["LAD08CD"]
        if district_code not in districts:
            if district_code in existing:
                districts[district_code] = Area.objects.get(code=district_code)
            else:
                districts[district_code] = Area.objects.create(
                    code=district_code, name=row["LAD08NM"], kind=Area.Kind.DISTRICT, parent=top
                )
    Area.objects.bulk_create(
        [
            Area(
                code=row["WD08CD"],
                name=row["WD08NM"],
                kind=Area.Kind.WARD,
                parent=districts[row["LAD08CD"]],
            )
            for row in rows
            if row["WD08CD"] not in existing
        ]
    )
    return top
