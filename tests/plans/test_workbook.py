"""The plan workbook: export in the template layout, and all-or-nothing import of actions
with every problem reported by sheet, row and column."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from plans.models import Action, Milestone
from plans.workbook import ACTION_COLUMNS, plan_workbook, read_actions
from tests.factories import make_organisation, make_person
from tests.plans.factories import (
    make_action,
    make_funding_line,
    make_milestone,
    make_plan,
    make_risk,
    make_target,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2009, 7, 1)
HEADINGS = [heading for _, heading, _ in ACTION_COLUMNS]


@pytest.fixture
def plan(world):
    make_target(world.essex, world.safer, "NI 32")
    make_target(world.essex, world.cwop, "NI 134")
    make_organisation(world.essex, "Essex Police")
    plan = make_plan(world.safer)
    samantha = make_person(world.essex, "Samantha Grant", email="sam@essex.example")
    action = make_action(
        plan,
        "Fund the IDVA service",
        ref="1.2",
        lead=samantha,
        targets=tuple(world.essex.targets.all()),
        starts_on=dt.date(2009, 4, 1),
        due_on=dt.date(2010, 3, 31),
        status=Action.Status.ON_TRACK,
        percent_complete=25,
        progress_note="Two posts filled",
    )
    make_milestone(action, "IDVA manager in post", due_on=dt.date(2009, 6, 30), is_done=True)
    make_risk(plan)
    make_funding_line(plan, action=action)
    return plan


def sheet_rows(content: bytes, sheet: str) -> list[tuple]:
    return list(load_workbook(BytesIO(content))[sheet].iter_rows(values_only=True))


def workbook_with(rows: list[list], headings: list[str] = HEADINGS) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def row(**values) -> list:
    defaults = {"title": "An action", "status": "Not started", "percent_complete": 0}
    values = {**defaults, **values}
    return [values.get(key, "") for key, _, _ in ACTION_COLUMNS]


def test_export_has_the_template_sheets_and_the_action_as_written(plan):
    content = plan_workbook(plan, today=TODAY)
    assert load_workbook(BytesIO(content)).sheetnames == ["Plan", "Actions", "Risks", "Funding"]
    actions = sheet_rows(content, "Actions")
    assert list(actions[0]) == HEADINGS
    exported = dict(zip(HEADINGS, actions[1], strict=True))
    assert exported["Ref"] == "1.2"
    assert exported["Lead"] == "Samantha Grant"
    assert exported["Targets (indicator codes)"] == "NI 134, NI 32"
    assert exported["Start date"] == dt.datetime(2009, 4, 1)
    assert exported["Status"] == "On track"
    assert exported["Milestones"] == "30/06/2009 IDVA manager in post (done)"
    assert exported["Rating (not imported)"] == "Green"  # 25% done, 25% expected
    plan_sheet = dict(sheet_rows(content, "Plan")[1:])
    assert plan_sheet["Partnership"] == "Safer Essex"
    assert plan_sheet["Equality impact assessed?"] == "Not answered yet"
    assert sheet_rows(content, "Risks")[1][4] == 12
    assert sheet_rows(content, "Funding")[1][2] == 157540


def test_the_exported_workbook_imports_back_unchanged(plan, world):
    content = plan_workbook(plan, today=TODAY)
    rows, errors = read_actions(BytesIO(content), plan=plan)
    assert errors == []
    (imported,) = rows
    action = plan.actions.get()
    assert (imported.ref, imported.title, imported.lead) == ("1.2", action.title, action.lead)
    assert set(imported.targets) == set(action.targets.all())
    assert imported.milestones == [(dt.date(2009, 6, 30), "IDVA manager in post", True)]
    assert (imported.status, imported.percent_complete) == ("on_track", 25)


def test_import_updates_by_ref_adds_new_rows_and_replaces_milestones(plan, world, as_user):
    upload = workbook_with(
        [
            row(ref="1.2", title="Fund the IDVA service", lead="sam@essex.example",
                targets="NI 32", status="at risk", percent_complete=40,
                milestones="31/08/2009 All posts filled"),
            row(ref="1.3", title="MARAC protocol signed by Health", lead="Alan Dawkes",
                contributors="Samantha Grant; Alan Dawkes", organisations="Essex Police",
                targets="NI 32, NI 134", starts_on=dt.datetime(2009, 5, 1),
                due_on="30/09/2009", status="On track", percent_complete="20%"),
        ]
    )  # fmt: skip
    client = as_user(world.lead)
    response = client.post(
        f"/plans/{plan.pk}/import/",
        {"workbook": SimpleUploadedFile("plan.xlsx", upload.getvalue())},
    )
    assert response.status_code == 302
    updated = plan.actions.get(ref="1.2")
    assert (updated.status, updated.percent_complete) == ("at_risk", 40)
    assert [m.title for m in updated.milestones.all()] == ["All posts filled"]
    added = plan.actions.get(ref="1.3")
    assert added.due_on == dt.date(2009, 9, 30) and added.percent_complete == 20
    assert {t.indicator.code for t in added.targets.all()} == {"NI 32", "NI 134"}
    assert added.contributors.count() == 2
    page = client.get(response["Location"]).text
    assert "Imported 2 actions: 1 added, 1 updated." in page


def test_every_error_is_listed_and_nothing_is_written(plan, world, as_user):
    upload = workbook_with(
        [
            row(ref="1.2", title="", lead="Alan Dawks", targets="NI 999",
                starts_on="2009-06-01", due_on="1 June", status="Finished",
                percent_complete=120, milestones="soon: recruit"),
            row(ref="1.2", title="Duplicate ref", organisations="Essex Constabulary",
                starts_on="30/06/2009", due_on="01/06/2009", percent_complete="half"),
        ]
    )  # fmt: skip
    before = list(Action.objects.values_list("title", "status", "percent_complete"))
    milestones = Milestone.objects.count()
    response = as_user(world.lead).post(
        f"/plans/{plan.pk}/import/",
        {"workbook": SimpleUploadedFile("plan.xlsx", upload.getvalue())},
    )
    assert response.status_code == 200
    text = response.text
    assert "Nothing was imported: the workbook has 11 problems" in text
    for expected in [
        "Actions sheet, row 2, column “Action”: every action needs a title.",
        "Actions sheet, row 2, column “Lead”: “Alan Dawks” is not a person in this agreement.",
        "Actions sheet, row 2, column “Targets (indicator codes)”: “NI 999” is not a target",
        "Actions sheet, row 2, column “Due date”: “1 June” is not a date: write it like",
        "Actions sheet, row 2, column “Status”: “Finished” is not a status",
        "Actions sheet, row 2, column “% complete”: “120” is not a whole number from 0 to 100.",
        "Actions sheet, row 2, column “Milestones”: milestone 1 “soon: recruit” should be a date",
        "Actions sheet, row 3, column “Ref”: 1.2 is also the Ref of row 2.",
        "Actions sheet, row 3, column “Contributing organisations”: “Essex Constabulary” is not",
        "Actions sheet, row 3, column “Due date”: the due date is before the start date.",
        "Actions sheet, row 3, column “% complete”: “half” is not a whole number",
    ]:
        assert expected.replace("“", "&ldquo;") in text or expected in text, expected
    assert list(Action.objects.values_list("title", "status", "percent_complete")) == before
    assert Milestone.objects.count() == milestones


def test_missing_columns_and_sheets_are_named(plan):
    _, errors = read_actions(workbook_with([row()], headings=HEADINGS[:3]), plan=plan)
    assert (
        str(errors[0])
        == "Actions sheet, row 1, column “Lead”: this column is missing from the sheet."
    )
    workbook = Workbook()
    workbook.active.title = "Sheet1"
    out = BytesIO()
    workbook.save(out)
    out.seek(0)
    _, errors = read_actions(out, plan=plan)
    assert [str(e) for e in errors] == [
        "Actions sheet, row 0: The workbook has no sheet called “Actions”."
    ]


def test_a_file_that_is_not_a_workbook_is_refused_plainly(plan, world, as_user):
    response = as_user(world.lead).post(
        f"/plans/{plan.pk}/import/",
        {"workbook": SimpleUploadedFile("plan.xlsx", b"not a spreadsheet")},
    )
    assert response.status_code == 200
    assert "not an Excel workbook (.xlsx) we can read" in response.text
    response = as_user(world.lead).post(
        f"/plans/{plan.pk}/import/", {"workbook": SimpleUploadedFile("plan.csv", b"a,b")}
    )
    assert "The file must be an Excel workbook (.xlsx)." in response.text


def test_people_who_cannot_edit_the_plan_cannot_import(plan, world, as_user):
    upload = workbook_with([row(ref="9", title="Hijack")])
    for persona in ("other_lead", "observer", "chair"):
        response = as_user(getattr(world, persona)).post(
            f"/plans/{plan.pk}/import/",
            {"workbook": SimpleUploadedFile("plan.xlsx", upload.getvalue())},
        )
        assert response.status_code == 403
    assert not Action.objects.filter(title="Hijack").exists()


def test_export_is_readable_by_everyone_in_the_agreement(plan, world, as_user):
    response = as_user(world.observer).get(f"/plans/{plan.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert as_user(world.outsider).get(f"/plans/{plan.pk}/export/").status_code == 404
