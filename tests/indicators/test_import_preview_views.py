"""The two-step web import with a real KPI table: the preview shows warnings and defaults,
writes nothing, survives a reload and expires (issue 16, item 8)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Actual
from tests.indicators.factories import add_actual, make_indicator, make_target

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def kpis(world):
    indicator = make_indicator(world.essex, "CS01", unit="%", polarity="higher")
    world.target = make_target(world.safer, indicator)
    add_actual(world.target, "2009/10 Q1", "90")
    return world


def upload(client, *rows):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Actuals"
    for row in [["indicator code", "period", "value"], *rows]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("kpis.xlsx", buffer.getvalue(), content_type=XLSX)
    return client.post("/indicators/import/", {"workbook": file})


def test_the_upload_redirects_to_a_preview_that_writes_nothing(kpis, as_user):
    client = as_user(kpis.secretariat)
    response = upload(client, ["CS01", "Jul-Sep 2009", "0%"])
    assert response.status_code == 302 and response["Location"] == "/indicators/import/preview/"

    preview = client.get("/indicators/import/preview/")

    assert "Check this figure" in preview.text
    assert "was zero used for" in preview.text
    assert "Accept the warnings and import" in preview.text
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_the_preview_survives_a_reload_and_confirming_accepts_the_warnings(kpis, as_user):
    client = as_user(kpis.secretariat)
    upload(client, ["CS01", "Q2 2009/10", "0"])
    first = client.get("/indicators/import/preview/")
    again = client.get("/indicators/import/preview/")
    assert first.text.count("Actuals: 1 new") == again.text.count("Actuals: 1 new") == 1
    token = client.session["workbook_import"]["token"]

    done = client.post("/indicators/import/confirm/", {"token": token}, follow=True)

    assert "Imported kpis.xlsx" in done.text
    assert Actual.objects.get(period="2009/10 Q2").value == 0


def test_the_preview_expires(kpis, as_user, settings, upload_dir):
    settings.IMPORT_PREVIEW_SECONDS = -1
    client = as_user(kpis.secretariat)
    upload(client, ["CS01", "2009/10 Q2", 91])

    response = client.get("/indicators/import/preview/", follow=True)

    assert "That preview has expired: upload the workbook again." in response.text
    assert list(upload_dir.glob("*.xlsx")) == []
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_the_preview_lists_the_defaults_applied(kpis, as_user):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Indicators"
    workbook.active.append(["code", "title"])
    workbook.active.append(["CS09", "Missed bins"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = as_user(kpis.secretariat)
    client.post(
        "/indicators/import/",
        {"workbook": SimpleUploadedFile("ind.xlsx", buffer.getvalue(), content_type=XLSX)},
    )
    preview = client.get("/indicators/import/preview/")
    assert "Defaults applied" in preview.text
    assert "CS09 — polarity Higher is better (no column)" in preview.text


def test_only_the_secretariat_sees_a_preview(kpis, as_user):
    assert as_user(kpis.lead).get("/indicators/import/preview/").status_code == 403
    assert as_user(kpis.outsider).get("/indicators/import/preview/").status_code in (403, 404)


def test_without_an_upload_there_is_no_preview(kpis, as_user):
    response = as_user(kpis.secretariat).get("/indicators/import/preview/", follow=True)
    assert "That preview has expired" in response.text
