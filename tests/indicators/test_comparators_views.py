"""Comparison, family group and comparator import pages: who may do what, query bounds."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import ComparatorImport, ComparatorValue, FamilyGroup
from partnerships.models import Area
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

CSV = b"Code,Year,Value\n22UB,2008,6.5\n22UJ,2008,7.0\nS12000034,2008,9.9\n"


@pytest.fixture
def setup(world):
    county = Area.objects.create(code="22", name="Essex", kind="county")
    world.essex.area = county
    world.essex.save()
    indicator = make_indicator(world.essex, "NI 186", polarity="lower", frequency="annual")
    batch = ComparatorImport.objects.create(
        agreement=world.essex, indicator=indicator, filename="co2.csv", content=CSV,
        source="mySociety", licence="CC-BY-4.0", status="imported",
    )  # fmt: skip
    group = FamilyGroup.objects.create(name="Shire counties", agreement=world.essex)
    ons = FamilyGroup.objects.create(name="Growing towns", kind="ons_oac", code="5.8.15")
    return {"county": county, "indicator": indicator, "batch": batch, "group": group, "ons": ons}


def add_members(setup, count: int) -> None:
    """count counties with figures in the custom group; a district in the ONS group."""
    for n in range(count):
        area = Area.objects.create(code=f"{40 + n}", name=f"County {n}", kind="county")
        setup["group"].members.add(area)
        ComparatorValue.objects.create(
            indicator=setup["indicator"], area=area, period="2008/09",
            value=D(6) + D(n) / 10, batch=setup["batch"],
        )  # fmt: skip
        district = Area.objects.create(
            code=f"22U{n}", name=f"District {n}", kind="district", parent=setup["county"]
        )
        setup["ons"].members.add(district)
    setup["group"].members.add(setup["county"])
    ComparatorValue.objects.create(
        indicator=setup["indicator"], area=setup["county"], period="2008/09", value=D("6.25"),
        batch=setup["batch"],
    )  # fmt: skip


def test_comparison_shows_rank_quartile_median_best_chart_and_source(world, as_user, setup):
    add_members(setup, 4)  # 6.0, 6.1, 6.2, 6.3 and Essex 6.25 -> Essex 4th of 5
    url = f"/indicators/{setup['indicator'].pk}/compare/"
    page = as_user(world.observer).get(url).content.decode()
    assert "4 of 5" in page and "Quartile 3" in page
    assert "County 0: 6.0" in page  # best in class
    assert "<svg" in page and "The figures as a table" in page
    assert "CC-BY-4.0" in page and "mySociety" in page


def test_comparison_page_queries_do_not_grow_with_the_group(world, as_user, setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/indicators/{setup['indicator'].pk}/compare/"
    client = as_user(world.secretariat)
    add_members(setup, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(3, 15):
        area = Area.objects.create(code=f"9{n}", name=f"More {n}", kind="county")
        setup["group"].members.add(area)
        ComparatorValue.objects.create(
            indicator=setup["indicator"], area=area, period="2008/09", value=D(n),
            batch=setup["batch"],
        )  # fmt: skip
        setup["ons"].members.add(
            Area.objects.create(
                code=f"22X{n}", name=f"D{n}", kind="district", parent=setup["county"]
            )
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


@pytest.mark.parametrize(
    "url",
    ["/indicators/family-groups/", "/indicators/comparators/"],
)
def test_lists_are_read_by_everyone_in_the_agreement_within_a_query_bound(
    world, as_user, setup, url, django_assert_max_num_queries
):
    add_members(setup, 5)
    with django_assert_max_num_queries(34):  # the layout ~20, the sign-in itself 4
        assert as_user(world.observer).get(url).status_code == 200
    assert as_user(None).get(url).status_code == 302


def test_outsider_is_refused_essex_comparisons_groups_and_imports(world, as_user, setup):
    client = as_user(world.outsider)
    assert client.get(f"/indicators/{setup['indicator'].pk}/compare/").status_code == 404
    assert client.get(f"/indicators/family-groups/{setup['group'].pk}/").status_code == 404
    assert client.get(f"/indicators/comparators/import/{setup['batch'].pk}/").status_code == 404
    # the shared ONS groups are for everyone
    assert client.get(f"/indicators/family-groups/{setup['ons'].pk}/").status_code == 200


def test_anonymous_is_sent_to_sign_in(world, as_user, setup):
    response = as_user(None).get(f"/indicators/{setup['indicator'].pk}/compare/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["observer", "lead", "chair"])
def test_only_the_secretariat_defines_groups_and_imports(world, as_user, setup, persona):
    client = as_user(getattr(world, persona))
    assert client.get("/indicators/family-groups/new/").status_code == 403
    assert client.post("/indicators/family-groups/new/", {"name": "X"}).status_code == 403
    edit = f"/indicators/family-groups/{setup['group'].pk}/edit/"
    assert client.post(edit, {"name": "X"}).status_code == 403
    assert client.get("/indicators/comparators/import/").status_code == 403
    pending = ComparatorImport.objects.create(
        agreement=world.essex, filename="x.csv", content=CSV, source="s", licence="l"
    )
    assert client.post(f"/indicators/comparators/import/{pending.pk}/", {}).status_code == 403


def test_nobody_changes_the_shared_ons_groups(world, as_user, setup):
    edit = f"/indicators/family-groups/{setup['ons'].pk}/edit/"
    assert as_user(world.secretariat).get(edit).status_code == 403


def test_secretariat_defines_a_custom_group_from_codes_and_names(world, as_user, setup):
    add_members(setup, 2)
    response = as_user(world.secretariat).post(
        "/indicators/family-groups/new/",
        {"name": "CIPFA neighbours", "description": "", "source": "CIPFA 2008",
         "member_codes": "22\nCounty 0\n40 County 0\nNowhere"},
    )  # fmt: skip
    assert response.status_code == 200 and "Nowhere" in response.content.decode()
    response = as_user(world.secretariat).post(
        "/indicators/family-groups/new/",
        {"name": "CIPFA neighbours", "source": "CIPFA 2008", "member_codes": "22\nCounty 1"},
    )
    group = FamilyGroup.objects.get(name="CIPFA neighbours")
    assert response.status_code == 302 and group.agreement == world.essex
    assert {a.code for a in group.members.all()} == {"22", "41"}


def test_secretariat_imports_through_upload_mapping_check_and_confirm(world, as_user, setup):
    for code, name in (("22UB", "Basildon"), ("22UJ", "Harlow")):
        Area.objects.create(code=code, name=name, kind="district", parent=setup["county"])
    client = as_user(world.secretariat)
    response = client.post(
        "/indicators/comparators/import/",
        {"file": SimpleUploadedFile("co2.csv", CSV), "source": "BEIS", "licence": "OGL v3"},
    )
    batch = ComparatorImport.objects.get(source="BEIS")
    assert response.status_code == 302 and response["Location"].endswith(f"/{batch.pk}/")
    url = f"/indicators/comparators/import/{batch.pk}/"
    mapping = {"indicator": setup["indicator"].pk, "area_column": "Code", "code_type": "ons",
               "period_column": "Year", "value_column": "Value"}  # fmt: skip
    page = client.post(url, {**mapping, "check": "1"}).content.decode()
    assert "Row 2, column &#x27;Year&#x27;" in page  # 2008 is not a period without the option
    page = client.post(url, {**mapping, "calendar_year": "on", "check": "1"}).content.decode()
    assert "Every row passes" in page and "S12000034" in page
    assert not ComparatorValue.objects.filter(batch=batch).exists()
    response = client.post(url, {**mapping, "calendar_year": "on", "confirm": "1"})
    assert response.status_code == 302
    assert ComparatorValue.objects.filter(batch=batch, period="2008/09").count() == 2
    page = client.get(url).content.decode()
    assert "OGL v3" in page and "Imported" in page


def test_target_page_shows_district_hotspots_when_red(world, as_user):
    target = make_target(world.safer)  # NI 32, lower is better
    set_values(target, **{"2008/09 Q1": "25"})
    add_actual(target, "2008/09 Q1", "40")
    county = Area.objects.create(code="22", name="Essex", kind="county")
    for code, name, value in (("22UB", "Basildon", "45"), ("22UJ", "Harlow", "20")):
        area = Area.objects.create(code=code, name=name, kind="district", parent=county)
        add_actual(target, "2008/09 Q1", value, district=area)
    page = as_user(world.lead).get(f"/indicators/targets/{target.pk}/").content.decode()
    assert "District hotspots" in page and "100.0%" in page
