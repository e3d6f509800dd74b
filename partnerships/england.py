"""Every English local authority as an Area, from the files shipped in data/.

Area.code stays the old ONS code (mySociety's `snac`, e.g. 22UB), the code the 2008
ward lookup and the area classification use, so no new fields are needed. Two sources:
the mySociety list of current authorities (its English councils that have a snac) and
the 2008 ward → district lookup, which still holds the districts abolished in the 2009
reorganisation (Cornwall, Durham, Wiltshire…). Authorities created since 2009
(Buckinghamshire, Dorset…) have no old code and are left out: the National Indicator
years predate them. Combined and strategic authorities are not councils to compare.

`mysociety_codes()` maps mySociety's three-letter codes, GSS codes and names to the old
code so a comparator file using any of them can be matched.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from partnerships.models import Area

DATA = Path(__file__).resolve().parent / "data"
AUTHORITIES_FILE = DATA / "mysociety_uk_local_authorities_current.csv"
WARDS_FILE = DATA / "WD08_LAD08_EW_LU.csv"
# mySociety authority types → Area kinds (counties, districts, and the single tiers).
KINDS = {
    "CTY": Area.Kind.COUNTY,
    "NMD": Area.Kind.DISTRICT,
    "UA": Area.Kind.UNITARY,
    "MD": Area.Kind.UNITARY,
    "LBO": Area.Kind.UNITARY,
    "CC": Area.Kind.UNITARY,
}
WELSH_PREFIXES = ("00N", "00P")


@dataclass(frozen=True, slots=True)
class Authority:
    code: str
    name: str
    kind: str
    parent_code: str


@cache
def _rows() -> list[dict[str, str]]:
    with AUTHORITIES_FILE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def english_authorities() -> list[Authority]:
    """The authorities to load, counties first so districts can point at them."""
    rows = [r for r in _rows() if r["nation"] == "England" and r["snac"]]
    county_snac = {r["local-authority-code"]: r["snac"] for r in rows}
    found: dict[str, Authority] = {}
    for row in rows:
        kind = KINDS.get(row["local-authority-type"])
        if kind is None:
            continue
        parent = county_snac.get(row["county-la"], "") if kind == Area.Kind.DISTRICT else ""
        found[row["snac"]] = Authority(row["snac"], row["nice-name"], kind, parent)
    with WARDS_FILE.open(newline="", encoding="cp1252") as handle:
        for row in csv.DictReader(handle):
            code = row["LAD08CD"]
            if code in found or code.startswith(WELSH_PREFIXES):
                continue
            # Old codes: a two-digit county and U… for its districts (15UB), 00… for
            # single-tier authorities.
            is_district = code[2] == "U"
            found[code] = Authority(
                code,
                row["LAD08NM"],
                Area.Kind.DISTRICT if is_district else Area.Kind.UNITARY,
                code[:2] if is_district else "",
            )
    return sorted(found.values(), key=lambda a: (a.kind != Area.Kind.COUNTY, a.code))


def england_load() -> int:
    """Create the English authorities not already held (idempotent); existing areas keep
    their names and parents. Returns how many were created. Reference data, so bulk
    created without history rows."""
    held = set(Area.objects.values_list("code", flat=True))
    new = [a for a in english_authorities() if a.code not in held]
    for tier in (Area.Kind.COUNTY, None):
        counties = dict(Area.objects.filter(kind=Area.Kind.COUNTY).values_list("code", "pk"))
        Area.objects.bulk_create(
            [
                Area(code=a.code, name=a.name, kind=a.kind, parent_id=counties.get(a.parent_code))
                for a in new
                if (a.kind == Area.Kind.COUNTY) == (tier is not None)
            ]
        )
    return len(new)


@cache
def mysociety_codes() -> dict[str, dict[str, str]]:
    """{"mysociety": {"ESS": "22"}, "gss": {"E10000012": "22"}, "name": {"essex": "22"}}
    for every authority with an old code; names are matched case-insensitively."""
    codes: dict[str, dict[str, str]] = {"mysociety": {}, "gss": {}, "name": {}}
    for row in _rows():
        snac = row["snac"]
        if not snac:
            continue
        codes["mysociety"][row["local-authority-code"]] = snac
        codes["gss"][row["gss-code"]] = snac
        for name in (row["official-name"], row["nice-name"]):
            codes["name"][name.casefold()] = snac
    return codes
