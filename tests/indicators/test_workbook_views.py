"""Workbook import (upload → preview → confirm) and export in the browser, per persona."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from indicators.models import Actual
from tests.factories import make_user
from tests.indicators.factories import add_actual, make_target, set_values

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["indicator code", "period", "value"]


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def essex(world):
    target = make_target(world.safer)
    set_values(target, **{"2009/10 Q1": "26", "2009/10 Q2": "25.5"})
    add_actual(target, "2009/10 Q1", "27.5")
    world.target = target
    return world


def xlsx(*rows: list[object], sheet: str = "Actuals", name: str = "actuals.xlsx"):
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def upload(client: Client, file) -> object:
    return client.post("/indicators/import/", {"workbook": file}, follow=True)


# --- export and template ----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat", "lead", "other_lead", "chair", "observer"])
def test_everyone_in_the_agreement_may_export_its_workbook(essex, as_user, persona):
    response = as_user(getattr(essex, persona)).get("/indicators/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="agreement-' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook["Actuals"]["A2"].value == "NI 32"


def test_a_member_of_another_agreement_exports_only_their_own(essex, as_user):
    client = as_user(essex.outsider)
    session = client.session
    session["agreement_id"] = essex.essex.pk  # trying to pick Essex does not work
    session.save()
    response = client.get("/indicators/export.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook["Indicators"].max_row == 1 and workbook["Actuals"].max_row == 1


def test_someone_in_no_agreement_gets_not_found(essex, as_user):
    lost = as_user(make_user("lost@example.test"))
    assert lost.get("/indicators/export.xlsx").status_code == 404
    assert lost.get("/indicators/import/").status_code == 404
    assert lost.get("/indicators/import/template.xlsx").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(essex, as_user):
    for url in (
        "/indicators/export.xlsx",
        "/indicators/import/",
        "/indicators/import/template.xlsx",
    ):
        response = as_user(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_template_downloads_with_column_names_only(essex, as_user):
    response = as_user(essex.secretariat).get("/indicators/import/template.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook["Actuals"][1]][:3] == [*HEADER[:2], "district"]
    assert workbook["Actuals"].max_row == 1


# --- who may import ---------------------------------------------------------------------


def test_the_secretariat_sees_the_upload_page(essex, as_user):
    response = as_user(essex.secretariat).get("/indicators/import/")
    assert response.status_code == 200
    assert "Import a workbook" in response.text
    assert 'href="/indicators/import/template.xlsx"' in response.text


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer", "outsider"])
def test_only_the_secretariat_may_import(essex, as_user, persona, tmp_path):
    client = as_user(getattr(essex, persona))
    assert client.get("/indicators/import/").status_code == 403
    assert upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25])).status_code == 403
    assert client.post("/indicators/import/confirm/", {"token": "x"}).status_code == 403
    assert client.post("/indicators/import/cancel/").status_code == 403
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


# --- upload, preview, confirm -------------------------------------------------------------


def test_upload_previews_then_confirm_imports(essex, as_user, upload_dir):
    client = as_user(essex.secretariat)

    preview = upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25], ["NI 32", "2009/10 Q1", 27]))

    assert preview.status_code == 200
    assert "Check the changes before importing" in preview.text
    assert "Actuals: 1 new, 1 changed, 0 unchanged" in preview.text
    assert "Actuals row 3: NI 32 2009/10 Q1 — value 27.5 → 27" in preview.text
    assert not Actual.objects.filter(period="2009/10 Q2").exists()  # nothing yet
    assert len(list(upload_dir.glob("*.xlsx"))) == 1
    token = client.session["workbook_import"]["token"]

    done = client.post("/indicators/import/confirm/", {"token": token}, follow=True)

    assert "Imported actuals.xlsx. Actuals: 1 new, 1 changed, 0 unchanged." in done.text
    assert Actual.objects.get(period="2009/10 Q2").entered_by == essex.secretariat
    assert Actual.objects.get(period="2009/10 Q1").value == 27
    assert list(upload_dir.glob("*.xlsx")) == []  # the kept file is gone
    again = client.post("/indicators/import/confirm/", {"token": token}, follow=True)
    assert "That preview has expired: upload the workbook again." in again.text


def test_a_workbook_with_problems_lists_them_and_cannot_be_confirmed(essex, as_user, upload_dir):
    client = as_user(essex.secretariat)
    response = upload(
        client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25], ["NI 32", "2009/10 Q3", "n/a"])
    )
    assert response.status_code == 200
    assert "The workbook cannot be imported" in response.text
    assert "Actuals row 3, column value: &#x27;n/a&#x27; is not a number: type" in response.text
    assert "Import these changes" not in response.text
    assert list(upload_dir.glob("*.xlsx")) == []
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(essex, as_user):
    response = upload(as_user(essex.secretariat), SimpleUploadedFile("a.xlsx", b"hello"))
    assert "The file is not an Excel workbook" in response.text


def test_an_empty_upload_gets_a_clear_message(essex, as_user):
    response = upload(as_user(essex.secretariat), SimpleUploadedFile("a.xlsx", b""))
    assert "The selected file is empty" in response.text


def test_no_file_gets_a_clear_message(essex, as_user):
    response = as_user(essex.secretariat).post("/indicators/import/", {})
    assert "Select a workbook to import" in response.text


def test_a_decompression_bomb_is_refused_and_not_kept(essex, as_user, upload_dir):
    packed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx(HEADER).read())) as source,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # 30 MB of nothing in 30 KB
                data = data.replace(b"</sheetData>", b"<row/>" * 5_000_000 + b"</sheetData>")
            bomb.writestr(info.filename, data)
    upload_file = SimpleUploadedFile("bomb.xlsx", packed.getvalue(), content_type=XLSX)

    response = upload(as_user(essex.secretariat), upload_file)

    assert response.status_code == 200
    assert "This file is too large once unzipped: one part of " in response.text
    assert "unzips to 28.6 MB. The limit is 100 times a part&#x27;s zipped size." in response.text
    assert list(upload_dir.glob("*.xlsx")) == []


def test_a_50_mb_upload_is_refused_at_once(essex, as_user, monkeypatch):
    big = SimpleUploadedFile("big.xlsx", b"\0" * (50 * 1024 * 1024), content_type=XLSX)
    client = as_user(essex.secretariat)

    def never(**kwargs):
        raise AssertionError("an upload over the limit was read")

    monkeypatch.setattr("indicators.views.workbook.workbook_import", never)
    response = upload(client, big)
    assert response.status_code == 413
    assert "The selected file must be smaller than 10 MB" in response.text


def test_an_upload_just_over_the_limit_is_stopped_while_it_arrives(essex, as_user, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.xlsx", b"\0" * (1024 * 1024 + 10), content_type=XLSX)
    response = upload(as_user(essex.secretariat), big)
    assert response.status_code == 413
    assert "The selected file must be smaller than 1 MB" in response.text


def test_the_upload_checks_the_csrf_token(essex):
    client = Client(enforce_csrf_checks=True)
    client.force_login(essex.secretariat, backend="django.contrib.auth.backends.ModelBackend")
    response = upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25]))
    assert response.status_code == 403
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_confirm_needs_the_token_of_this_sessions_preview(essex, as_user):
    client = as_user(essex.secretariat)
    upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25]))
    response = client.post("/indicators/import/confirm/", {"token": "guessed"}, follow=True)
    assert "That preview has expired" in response.text
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_confirm_refuses_a_kept_file_that_was_altered(essex, as_user, upload_dir):
    client = as_user(essex.secretariat)
    upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25]))
    kept = next(upload_dir.glob("*.xlsx"))
    kept.write_bytes(xlsx(HEADER, ["NI 32", "2009/10 Q2", 99]).read())
    token = client.session["workbook_import"]["token"]
    response = client.post("/indicators/import/confirm/", {"token": token}, follow=True)
    assert "That preview has expired" in response.text
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_confirm_checks_again_and_stops_if_the_figures_changed_meanwhile(essex, as_user):
    client = as_user(essex.secretariat)
    upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25]))
    add_actual(essex.target, "2009/10 Q2", "24")  # someone entered it in the meantime
    token = client.session["workbook_import"]["token"]

    response = client.post("/indicators/import/confirm/", {"token": token})

    assert "changed after you checked this workbook" in response.text
    assert "Actuals: 0 new, 1 changed, 0 unchanged" in response.text
    assert Actual.objects.get(period="2009/10 Q2").value == 24
    confirmed = client.post("/indicators/import/confirm/", {"token": token}, follow=True)
    assert "Imported actuals.xlsx" in confirmed.text
    assert Actual.objects.get(period="2009/10 Q2").value == 25


def test_cancel_discards_the_kept_file(essex, as_user, upload_dir):
    client = as_user(essex.secretariat)
    upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25]))
    response = client.post("/indicators/import/cancel/", follow=True)
    assert "Import cancelled: nothing was changed." in response.text
    assert list(upload_dir.glob("*.xlsx")) == []
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_uploading_what_is_already_there_says_nothing_would_change(essex, as_user):
    response = upload(as_user(essex.secretariat), xlsx(HEADER, ["NI 32", "2009/10 Q1", 27.5]))
    assert "Nothing to import" in response.text
    assert "Import these changes" not in response.text


def test_the_exported_workbook_uploads_without_changes(essex, as_user):
    client = as_user(essex.secretariat)
    exported = client.get("/indicators/export.xlsx").content
    response = upload(client, SimpleUploadedFile("export.xlsx", exported, content_type=XLSX))
    assert "Nothing to import" in response.text
