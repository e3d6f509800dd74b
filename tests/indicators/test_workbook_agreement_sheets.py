"""The workbook's Districts, Partnerships, People and Outcomes sheets: a whole agreement
from one workbook, all or nothing, and an export that recreates the agreement."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from indicators.models import Actual, Indicator, Target, TargetValue
from indicators.workbook import workbook_import, workbook_write
from partnerships.models import (
    Agreement,
    Area,
    Membership,
    Organisation,
    Outcome,
    Partnership,
    Person,
    Theme,
)
from tests.factories import (
    make_agreement,
    make_membership,
    make_organisation,
    make_outcome,
    make_person,
    make_theme,
)
from tests.indicators.factories import add_actual, make_target, set_values

pytestmark = pytest.mark.django_db


def book(tmp_path: Path, **sheets: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    return path


def state() -> dict[str, int]:
    """Rows and history rows of everything an import can write."""
    counts = {}
    for model in (
        Area, Partnership, Organisation, Person, Membership, Theme, Outcome,
        Indicator, Target, TargetValue, Actual,
    ):  # fmt: skip
        counts[model.__name__] = model.objects.count()
        counts[f"{model.__name__} history"] = (
            model.history.count() if hasattr(model, "history") else 0
        )
    return counts


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


@pytest.fixture
def county(world):
    county = Area.objects.create(code="22", name="Essex", kind=Area.Kind.COUNTY)
    world.essex.area = county
    world.essex.save()
    return county


def snapshot(agreement: Agreement) -> dict[str, set[tuple[object, ...]]]:
    """The agreement as names and values, without primary keys, to compare two by."""
    districts = Area.objects.filter(parent=agreement.area, kind=Area.Kind.DISTRICT)
    areas = [*districts, *Area.objects.filter(parent__in=districts)]
    targets = Target.objects.filter(agreement=agreement)
    return {
        "areas": {(a.code, a.name, a.kind, a.parent.code, a.is_priority) for a in areas},
        "partnerships": {
            (
                p.name,
                p.short_name,
                p.slug,
                p.kind,
                p.reports_to.name if p.reports_to else "",
                p.description,
                p.quorum,
                p.district.code if p.district else "",
            )
            for p in Partnership.objects.filter(agreement=agreement)
        },
        "people": {
            (p.name, p.title, p.email, p.job_title, p.organisation.name if p.organisation else "")
            for p in Person.objects.filter(agreement=agreement)
        },
        "roles": {
            (m.person.email, m.partnership.name, m.role, m.starts_on)
            for m in Membership.objects.filter(partnership__agreement=agreement)
        },
        "themes": {t.name for t in Theme.objects.filter(agreement=agreement)},
        "outcomes": {
            (
                o.theme.name,
                o.code,
                o.title,
                o.parent.code if o.parent else "",
                o.owner.email if o.owner else "",
                o.priority,
            )
            for o in Outcome.objects.filter(theme__agreement=agreement)
        },
        "indicators": {
            (i.code, i.title, i.kind, i.polarity, i.unit, i.frequency, i.decimal_places)
            for i in Indicator.objects.filter(agreement=agreement)
        },
        "targets": {
            (
                t.indicator.code,
                t.partnership.name,
                t.outcome.code if t.outcome else "",
                t.lead.email if t.lead else "",
                t.baseline,
                t.priority,
            )
            for t in targets
        },
        "values": {
            (v.target.indicator.code, v.period, v.value, v.stretch)
            for v in TargetValue.objects.filter(target__in=targets)
        },
        "actuals": {
            (a.target.indicator.code, a.period, a.district.code if a.district else "", a.value)
            for a in Actual.objects.filter(target__in=targets)
        },
    }


def test_an_export_imported_into_an_empty_agreement_recreates_it(world, county, tmp_path):
    essex = world.essex
    harlow = Area.objects.create(code="22UJ", name="Harlow", kind=Area.Kind.DISTRICT, parent=county)
    Area.objects.create(code="22UB", name="Basildon", kind=Area.Kind.DISTRICT, parent=county)
    Area.objects.create(
        code="E05004123", name="Old Harlow", kind=Area.Kind.WARD, parent=harlow, is_priority=True
    )
    police = make_organisation(essex, "Essex Police")
    lead = world.person(world.lead)
    lead.organisation, lead.job_title, lead.email = police, "Chief Inspector", "lead@example.test"
    lead.save()
    sam = make_person(essex, "Sam Carter", email="sam@example.test")  # no role
    sam.title = "Councillor"
    sam.save()
    world.safer.description = "Crime and disorder reduction for the county."
    world.safer.quorum = 4
    world.safer.district = harlow
    world.safer.save()
    make_theme(essex, "Stronger communities")  # no outcomes yet
    make_membership(lead, world.cwop, Membership.Role.MEMBER, starts_on=dt.date(2009, 4, 1))
    theme = make_theme(essex, "Safer communities", partnership=world.safer)
    parent = make_outcome(theme, "Safer places", code="SE1", owner=lead, priority=1)
    sub = make_outcome(theme, "Fewer repeat victims", code="SE1.1", parent=parent)
    target = make_target(world.safer, lead=lead, outcome=sub, baseline=Decimal("28"))
    set_values(target, **{"2009/10": "25", "2009/10 Q1": "26"})
    add_actual(target, "2009/10 Q1", "27.5")
    add_actual(target, "2009/10 Q1", "30", district=harlow)
    before = snapshot(essex)
    path = tmp_path / "export.xlsx"
    path.write_bytes(workbook_write(agreement=essex))
    # The same area's next agreement, empty: its districts must come from the workbook.
    Target.objects.filter(agreement=essex).delete()
    essex.delete()
    Area.objects.filter(kind__in=[Area.Kind.DISTRICT, Area.Kind.WARD]).delete()
    fresh = make_agreement("Essex LAA again", area=county)

    result = workbook_import(agreement=fresh, path=path, by=world.secretariat)

    assert messages(result) == []
    assert result.is_applied
    after = snapshot(fresh)
    for part, rows in before.items():
        assert after[part] == rows, part
    assert before["roles"] and before["actuals"] and before["areas"]
    assert ("Safer Essex", 4, "22UJ") in {(p[0], p[6], p[7]) for p in before["partnerships"]}
    assert "Councillor" in {p[1] for p in before["people"]}
    assert "Stronger communities" in before["themes"]
    # Imported straight back, nothing changes.
    again = workbook_import(agreement=fresh, path=path, by=world.secretariat)
    assert messages(again) == [] and again.change_count == 0, again.changes


def test_targets_may_name_what_the_same_workbook_adds(world, county, tmp_path):
    path = book(
        tmp_path,
        Districts=[["District", "District code", "Ward", "Ward code", "Priority neighbourhood"],
                   ["Harlow", "22UJ", "", "", "no"],
                   ["Harlow", "22UJ", "Old Harlow", "E05004123", "yes"]],
        Partnerships=[["Name", "Short name", "Kind", "Reports to"],
                      ["Youth Board", "YB", "board", "Safer Essex"]],
        People=[["Name", "Email", "Organisation", "Job title", "Partnership", "Role", "From"],
                ["Jo Bloggs", "jo@example.test", "Essex Youth Service", "Manager", "YB", "chair",
                 "2009-04-01"],
                ["Jo Bloggs", "jo@example.test", "Essex Youth Service", "Manager",
                 "Safer Essex", "member", ""]],
        Outcomes=[["Theme", "Code", "Title", "Parent outcome", "Owner", "Priority"],
                  ["Young people", "YP1.1", "Fewer first-time entrants", "YP1", "Jo Bloggs", 2],
                  ["Young people", "YP1", "Young people thrive", "", "jo@example.test", "one"]],
        Indicators=[["Code", "Title"], ["NI 111", "First time entrants to youth justice"]],
        Targets=[["Indicator code", "Partnership", "Outcome", "Lead"],
                 ["NI 111", "Youth Board", "YP1.1", "Jo Bloggs"]],
        Actuals=[["Indicator code", "Period", "District", "Value"],
                 ["NI 111", "2009/10 Q1", "22UJ", 12]],
    )  # fmt: skip

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == []
    target = Target.objects.get(indicator__code="NI 111")
    assert target.partnership.name == "Youth Board"
    assert target.partnership.reports_to == world.safer
    assert target.outcome.parent.code == "YP1"
    assert target.lead.organisation.name == "Essex Youth Service"
    jo = target.lead
    assert {(m.partnership.name, m.role, m.starts_on) for m in jo.memberships.all()} == {
        ("Youth Board", "chair", dt.date(2009, 4, 1)),
        ("Safer Essex", "member", None),
    }
    assert Outcome.objects.get(code="YP1").priority == 1
    ward = Area.objects.get(code="E05004123")
    assert ward.is_priority and ward.parent.code == "22UJ" and ward.parent.parent == county
    assert target.actuals.get().district.code == "22UJ"
    assert "Imported from" in Partnership.history.get(name="Youth Board").history_change_reason


BAD = {
    "unknown partnership kind": (
        {"Partnerships": [["Name", "Kind"], ["Youth Board", "club"]]},
        ["Partnerships row 2, column kind: 'club' is not one of block, board, cdrp, lsp, "
         "management_group, policy_delivery_group, thematic."],
    ),
    "reports-to circle": (
        {"Partnerships": [["Name", "Reports to"], ["Youth Board", "Schools Forum"],
                          ["Schools Forum", "Youth Board"]]},
        ["Partnerships row 2, column reports to: Youth Board is in a circle: follow 'reports "
         "to' and you come back to it.",
         "Partnerships row 3, column reports to: Schools Forum is in a circle: follow "
         "'reports to' and you come back to it."],
    ),
    "reports-to circle through the agreement": (
        {"Partnerships": [["Name", "Reports to"],
                          ["LAA Performance Management Group", "Safer Essex"]]},
        ["Partnerships row 2, column reports to: LAA Performance Management Group is in a "
         "circle: follow 'reports to' and you come back to it."],
    ),
    "duplicate short codes": (
        {"Partnerships": [["Name", "Short code"], ["Youth Board", "yb"], ["Young Board", "yb"]]},
        ["Partnerships row 3, column short code: the short code yb is already on row 2."],
    ),
    "sub-outcome whose parent is missing": (
        {"Outcomes": [["Theme", "Code", "Title", "Parent outcome"],
                      ["Young people", "YP1.1", "Fewer first-time entrants", "YP9"]]},
        ["Outcomes row 2, column parent outcome: 'YP9' is not an outcome in this workbook or "
         "the agreement."],
    ),
    "duplicate outcome codes": (
        {"Outcomes": [["Theme", "Code", "Title"], ["Young people", "YP1", "Thrive"],
                      ["Young people", "yp1", "Thrive again"]]},
        ["Outcomes row 3, column code: yp1 is already on row 2."],
    ),
    "role naming a missing partnership": (
        {"People": [["Name", "Email", "Partnership", "Role"],
                    ["Jo Bloggs", "jo@example.test", "Youth Board", "chair"]]},
        ["People row 2, column partnership: 'Youth Board' is not a partnership in this "
         "workbook or the agreement."],
    ),
    "unknown role": (
        {"People": [["Name", "Partnership", "Role"], ["Jo Bloggs", "Safer Essex", "king"]]},
        ["People row 2, column role: 'king' is not one of chair, deputy_lead, lead, member, "
         "observer, secretariat, vice_chair."],
    ),
    "ward without district": (
        {"Districts": [["District", "District code", "Ward", "Ward code"],
                       ["", "", "Old Harlow", "E05004123"]]},
        ["Districts row 2, column district: the ward Old Harlow needs its district: fill in "
         "the district (or its code)."],
    ),
    "ward in a missing district": (
        {"Districts": [["District", "District code", "Ward", "Ward code"],
                       ["Harlow", "", "Old Harlow", "E05004123"]]},
        ["Districts row 2, column district: 'Harlow' is not a district in this workbook or "
         "the agreement. Add it on a row of its own, without a ward."],
    ),
    "duplicate district codes": (
        {"Districts": [["District", "District code"], ["Harlow", "22UJ"], ["Basildon", "22UJ"]]},
        ["Districts row 3, column district code: the code 22UJ is already on row 2."],
    ),
    "a good Targets sheet beside a bad new sheet": (
        {"Partnerships": [["Name", "Kind"], ["Youth Board", "club"]],
         "Indicators": [["Code", "Title"], ["NI 111", "First time entrants"]],
         "Targets": [["Indicator code", "Partnership"], ["NI 111", "Safer Essex"]]},
        ["Partnerships row 2, column kind: 'club' is not one of block, board, cdrp, lsp, "
         "management_group, policy_delivery_group, thematic."],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("sheets", "expected"), BAD.values(), ids=BAD.keys())
def test_bad_agreement_sheets_are_listed_and_nothing_is_written(
    world, county, tmp_path, sheets, expected
):
    path = book(tmp_path, **sheets)
    before = state()

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == expected
    assert not result.is_applied
    assert state() == before


def test_districts_need_the_agreements_area(world, tmp_path):
    path = book(tmp_path, Districts=[["District", "District code"], ["Harlow", "22UJ"]])

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == [
        "Districts: the agreement has no area, so its districts cannot be added: ask the "
        "secretariat to set the agreement's area first."
    ]


def test_a_changed_partnership_is_written_with_its_next_version(world, tmp_path):
    path = book(tmp_path, Partnerships=[["Name", "Short name"], ["Safer Essex", "SE"]])
    version = world.safer.version

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == [] and result.is_applied
    world.safer.refresh_from_db()
    assert (world.safer.short_name, world.safer.version) == ("SE", version + 1)


def test_the_template_has_the_agreement_sheets(world):
    workbook = openpyxl.load_workbook(
        io.BytesIO(workbook_write(agreement=world.essex, with_data=False))
    )
    assert [c.value for c in workbook["People"][1]] == [
        "name", "email", "organisation", "job title", "partnership", "role", "from", "title",
    ]  # fmt: skip
    assert [c.value for c in workbook["Districts"][1]][:2] == ["district", "district code"]
    assert workbook["Outcomes"]["D1"].comment.text.startswith("For a sub-outcome")


def test_existing_rows_are_found_and_changed_not_added(world, tmp_path):
    sam = make_person(world.essex, "Sam Carter")  # no e-mail address yet
    path = book(
        tmp_path,
        Partnerships=[["Name", "Short code", "Kind"], ["Safer Essex", "safer-essex", "cdrp"]],
        People=[["Name", "Email", "Job title"], ["Sam Carter", "sam@example.test", "Analyst"]],
    )
    before = (Partnership.objects.count(), Person.objects.count())

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == [] and result.is_applied
    assert (Partnership.objects.count(), Person.objects.count()) == before
    world.safer.refresh_from_db()
    sam.refresh_from_db()
    assert (world.safer.slug, world.safer.kind) == ("safer-essex", "cdrp")
    assert (sam.email, sam.job_title) == ("sam@example.test", "Analyst")


def test_a_district_another_agreement_shares_is_not_changed_by_an_import(world, county, tmp_path):
    """Agreements on the same county share its districts: an import may add new ones but
    not rename another agreement's (found in review)."""
    Area.objects.create(code="22UB", name="Basildon", kind=Area.Kind.DISTRICT, parent=county)
    Agreement.objects.create(
        slug="essex-2011", name="Essex LAA 2011-14", area=county,
        starts_on=dt.date(2011, 4, 1), ends_on=dt.date(2014, 3, 31),
    )  # fmt: skip
    path = book(tmp_path, Districts=[["District", "District code"], ["Renamed", "22UB"]])
    before = state()

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == [
        "Districts row 2, column district: Basildon (22UB) belongs to an area another agreement "
        "shares: only a site administrator can change it."
    ]
    assert state() == before


def test_a_partnerships_quorum_district_and_a_persons_title_are_imported(world, county, tmp_path):
    harlow = Area.objects.create(code="22UJ", name="Harlow", kind=Area.Kind.DISTRICT, parent=county)
    path = book(
        tmp_path,
        Partnerships=[["Name", "Description", "Quorum", "District"],
                      ["Safer Essex", "Crime and disorder", 5, "harlow"]],
        People=[["Name", "Title"], ["Sam Carter", "Councillor"]],
        Outcomes=[["Theme", "Code", "Title"], ["Stronger communities", "", ""]],
    )  # fmt: skip

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == [] and result.is_applied
    world.safer.refresh_from_db()
    assert (world.safer.description, world.safer.quorum, world.safer.district) == (
        "Crime and disorder",
        5,
        harlow,
    )
    assert Person.objects.get(agreement=world.essex, name="Sam Carter").title == "Councillor"
    assert Theme.objects.filter(agreement=world.essex, name="Stronger communities").exists()


def test_a_bad_quorum_or_unknown_district_is_said_by_row_and_column(world, county, tmp_path):
    path = book(
        tmp_path,
        Partnerships=[["Name", "Quorum", "District"],
                      ["Safer Essex", "4.5", ""],
                      ["Youth Board", "", "Nowhere"]],
    )  # fmt: skip

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == [
        "Partnerships row 2, column quorum: '4.5' is not a whole number from 0 to 32767.",
        "Partnerships row 3, column district: 'Nowhere' is not a district in this workbook or "
        "the agreement.",
    ]
    assert not result.is_applied


def test_the_people_sheet_grants_only_what_the_importer_may_grant(world, tmp_path):
    """Roles come in under the one grant rule (partnerships.permissions.role_refusal): a
    lead importing a People sheet may not make anyone secretariat, nor give themselves a
    role."""
    path = book(
        tmp_path,
        People=[
            ["Name", "Email", "Partnership", "Role"],
            ["Priya Shah", "priya@example.test", "Safer Essex", "secretariat"],
            ["Alan Dawkes", "lead@example.test", "Safer Essex", "deputy_lead"],
        ],
    )
    before = state()

    result = workbook_import(agreement=world.essex, path=path, by=world.lead)

    assert messages(result) == [
        "People row 2, column role: Only the secretariat can grant or end the role of secretariat.",
        "People row 3, column role: You cannot grant, change or end your own role: ask the "
        "secretariat.",
    ]
    assert state() == before
    granted = workbook_import(agreement=world.essex, path=path, by=world.secretariat)
    assert messages(granted) == [] and granted.is_applied
