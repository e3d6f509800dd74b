"""Demo comparators: every English authority, the ONS family groups, a shire-county group
for the Essex LAA, and mySociety's per-person CO2 figures as NI 186 comparator data.
Idempotent: a second run adds nothing."""

from __future__ import annotations

from demo.files import DATA
from indicators.comparators import CodeType, Mapping, comparators_import
from indicators.comparisons import oac_groups_load
from indicators.models import ComparatorImport, FamilyGroup, Indicator
from partnerships.england import england_load
from partnerships.models import Agreement, Area

CO2_FILE = DATA / "la_co2_per_capita_2005_2010_mysociety.csv"
CO2_MAPPING = Mapping(
    area_column="local-authority-code",
    code_type=CodeType.MYSOCIETY,
    period_column="Year",
    value_column="Per Person Emissions:t",
    calendar_year=True,
)
CO2_SOURCE = "mySociety la-emissions-data, built on BEIS local authority CO2 estimates"
CO2_URL = "https://github.com/mysociety/la-emissions-data"
CO2_LICENCE = "CC-BY-4.0 (underlying BEIS data: Open Government Licence v3.0)"
SHIRE_COUNTIES = "English shire counties"


def comparators_load(*, agreements: dict[str, Agreement]) -> None:
    england_load()
    oac_groups_load()
    for agreement in agreements.values():
        area = agreement.area
        if area is not None and area.kind == Area.Kind.COUNTY:
            group, created = FamilyGroup.objects.get_or_create(
                agreement=agreement,
                name=SHIRE_COUNTIES,
                defaults={
                    "kind": FamilyGroup.Kind.CUSTOM,
                    "description": "The two-tier county councils: Essex's natural comparators.",
                    "source": "Defined by the secretariat from the list of English counties",
                },
            )
            if created:
                group.members.set(Area.objects.filter(kind=Area.Kind.COUNTY))
        indicator = Indicator.objects.filter(agreement=agreement, code="NI 186").first()
        if indicator is None or ComparatorImport.objects.filter(indicator=indicator).exists():
            continue
        batch = ComparatorImport.objects.create(
            agreement=agreement,
            filename=CO2_FILE.name,
            content=CO2_FILE.read_bytes(),
            source=CO2_SOURCE,
            source_url=CO2_URL,
            licence=CO2_LICENCE,
        )
        comparators_import(batch=batch, indicator=indicator, mapping=CO2_MAPPING, by=None)
