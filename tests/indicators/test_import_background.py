"""Large workbooks are checked and imported by the background worker (issue 19, item 1):
the upload and the confirm only queue an ImportRun and send the uploader to its page, which
says how it is going and then shows the same preview, problems or summary as a small
workbook's pages.

The tests' task backend runs a task as it is queued (settings.TASKS); the tests of waiting
use the dummy backend, which keeps tasks without running them, and one test runs the real
database worker (`manage.py db_worker`). IMPORT_BACKGROUND_BYTES is set to 0 so that every
workbook counts as large."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import default_task_backend
from django.test import Client, override_settings

from indicators.models import Actual, ImportRun
from indicators.views import workbook
from indicators.views.workbook import run_import
from partnerships import clock
from partnerships.models import Membership
from tests.conftest import DATABASE_TASKS, DUMMY_TASKS
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_target, set_values

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["indicator code", "period", "value"]


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "uploads")
    settings.IMPORT_BACKGROUND_BYTES = 0  # every workbook is "large"
    return tmp_path / "uploads"


@pytest.fixture
def essex(world):
    target = make_target(world.safer)
    set_values(target, **{"2009/10 Q1": "26", "2009/10 Q2": "25.5"})
    add_actual(target, "2009/10 Q1", "27.5")
    world.target = target
    return world


@pytest.fixture
def dummy_tasks():
    with override_settings(TASKS=DUMMY_TASKS):
        default_task_backend.clear()
        yield default_task_backend


def xlsx(*rows: list[object], name: str = "actuals.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.title = "Actuals"
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def two_rows() -> SimpleUploadedFile:
    return xlsx(HEADER, ["NI 32", "2009/10 Q2", 25], ["NI 32", "2009/10 Q1", 27])


def upload(client: Client, file: SimpleUploadedFile):
    return client.post("/indicators/import/", {"workbook": file})


def token(client: Client) -> str:
    return client.session["workbook_import"]["token"]


def run_url(run: ImportRun) -> str:
    return f"/indicators/import/runs/{run.pk}/"


# --- the whole way through ---------------------------------------------------------------


def test_a_large_workbook_is_checked_then_imported_by_the_worker(
    essex, as_user, upload_dir, dummy_tasks
):
    client = as_user(essex.secretariat)

    uploaded = upload(client, two_rows())

    check = ImportRun.objects.get()
    assert uploaded.status_code == 302 and uploaded["Location"] == run_url(check)
    assert check.kind == ImportRun.Kind.CHECK and check.status == ImportRun.Status.QUEUED
    waiting = client.get(run_url(check))
    assert waiting.status_code == 202
    assert "Waiting to be checked" in waiting.text
    assert 'role="status"' in waiting.text and 'aria-live="polite"' in waiting.text
    assert f'hx-get="{run_url(check)}"' in waiting.text and 'hx-trigger="every 1s"' in waiting.text
    assert f'<a class="govuk-link" href="{run_url(check)}">Check again</a>' in waiting.text
    assert len(dummy_tasks.results) == 1
    polled = client.get(run_url(check), headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "Waiting to be checked" in polled.text
    assert "<html" not in polled.text  # only the part that changes

    assert run_import.call(check.pk) == "done"  # what the worker does

    refreshed = client.get(run_url(check), headers={"HX-Request": "true"})
    assert refreshed["HX-Refresh"] == "true"  # htmx shows the finished page whole
    preview = client.get(run_url(check))
    assert preview.status_code == 200
    assert "Check the changes before importing" in preview.text
    assert "Actuals: 1 new, 1 changed, 0 unchanged" in preview.text
    assert "Actuals row 3: NI 32 2009/10 Q1 — value 27.5 → 27" in preview.text
    assert "Import these changes" in preview.text
    assert not Actual.objects.filter(period="2009/10 Q2").exists()  # nothing yet

    confirmed = client.post("/indicators/import/confirm/", {"token": token(client)})

    imports = ImportRun.objects.filter(kind=ImportRun.Kind.IMPORT)
    assert confirmed.status_code == 302 and confirmed["Location"] == run_url(imports.get())
    importing = client.get(confirmed["Location"])
    assert importing.status_code == 202 and "Waiting to be imported" in importing.text
    assert not Actual.objects.filter(period="2009/10 Q2").exists()
    assert client.get(run_url(check))["Location"] == run_url(imports.get())  # follows on

    run_import.call(imports.get().pk)

    done = client.get(confirmed["Location"])
    assert done.status_code == 200
    assert "Imported actuals.xlsx. Actuals: 1 new, 1 changed, 0 unchanged." in done.text
    assert "hx-get" not in done.text
    assert Actual.objects.get(period="2009/10 Q2").entered_by == essex.secretariat
    assert Actual.objects.get(period="2009/10 Q1").value == 27
    assert list(upload_dir.glob("*.xlsx")) == []  # the kept file is gone


def test_the_page_says_when_the_worker_is_on_it(essex, as_user, dummy_tasks):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    check = ImportRun.objects.get()
    ImportRun.objects.update(status=ImportRun.Status.RUNNING, started_at=clock.now())
    assert "Being checked: started" in client.get(run_url(check)).text
    ImportRun.objects.update(kind=ImportRun.Kind.IMPORT)
    page = client.get(run_url(check))
    assert page.status_code == 202 and "Being imported: started" in page.text


def test_a_small_workbook_is_still_checked_in_the_request(essex, as_user, settings):
    settings.IMPORT_BACKGROUND_BYTES = 10 * 1024 * 1024
    client = as_user(essex.secretariat)
    response = upload(client, two_rows())
    assert response["Location"] == "/indicators/import/preview/"
    done = client.post("/indicators/import/confirm/", {"token": token(client)}, follow=True)
    assert "Imported actuals.xlsx" in done.text
    assert not ImportRun.objects.exists()


def test_the_preview_address_leads_to_the_run_of_a_large_workbook(essex, as_user):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    response = client.get("/indicators/import/preview/")
    assert response["Location"] == run_url(ImportRun.objects.get())


# --- two clicks, stale, problems ---------------------------------------------------------


def test_two_clicks_on_confirm_import_once(essex, as_user, dummy_tasks):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    run_import.call(ImportRun.objects.get().pk)

    first = client.post("/indicators/import/confirm/", {"token": token(client)})
    second = client.post("/indicators/import/confirm/", {"token": token(client)})

    assert first["Location"] == second["Location"]
    imports = ImportRun.objects.filter(kind=ImportRun.Kind.IMPORT)
    assert imports.count() == 1 and len(dummy_tasks.results) == 2  # the check and one import
    run_import.call(imports.get().pk)
    third = client.post("/indicators/import/confirm/", {"token": token(client)}, follow=True)
    assert "Imported actuals.xlsx" in third.text  # the same import's page, not a second one
    assert imports.count() == 1
    assert Actual.objects.filter(period="2009/10 Q2").count() == 1


def test_a_run_taken_by_one_worker_is_not_run_by_another(essex, as_user, dummy_tasks):
    upload(as_user(essex.secretariat), two_rows())
    check = ImportRun.objects.get()
    assert run_import.call(check.pk) == "done"
    assert run_import.call(check.pk) == "taken"


def test_figures_changed_meanwhile_show_the_new_preview_to_confirm(essex, as_user):
    client = as_user(essex.secretariat)
    upload(client, xlsx(HEADER, ["NI 32", "2009/10 Q2", 25]))
    add_actual(essex.target, "2009/10 Q2", "24")  # someone entered it in the meantime

    response = client.post("/indicators/import/confirm/", {"token": token(client)}, follow=True)

    assert "changed after you checked this workbook" in response.text
    assert "Actuals: 0 new, 1 changed, 0 unchanged" in response.text
    assert "Import these changes" in response.text
    assert Actual.objects.get(period="2009/10 Q2").value == 24
    confirmed = client.post("/indicators/import/confirm/", {"token": token(client)}, follow=True)
    assert "Imported actuals.xlsx" in confirmed.text
    assert Actual.objects.get(period="2009/10 Q2").value == 25
    assert ImportRun.objects.filter(kind=ImportRun.Kind.IMPORT).count() == 2


def test_a_workbook_with_problems_lists_them_and_cannot_be_confirmed(essex, as_user, upload_dir):
    client = as_user(essex.secretariat)
    rows = [["NI 32", "2009/10 Q2", 25]] + [["NI 32", "2009/10 Q3", "n/a"]] * 520

    response = client.post("/indicators/import/", {"workbook": xlsx(HEADER, *rows)}, follow=True)

    assert "The workbook cannot be imported" in response.text
    assert "Actuals row 3, column value: &#x27;n/a&#x27; is not a number: type" in response.text
    found = ImportRun.objects.get().result
    assert found["problem_count"] > 520 and len(found["problems"]) == 500
    more = found["problem_count"] - 500
    assert f"And {more} more problems: the list stops at 500." in response.text
    assert "Import these changes" not in response.text
    assert list(upload_dir.glob("*.xlsx")) == []
    refused = client.post("/indicators/import/confirm/", {"token": token(client)}, follow=True)
    assert "That preview has expired" in refused.text
    assert not ImportRun.objects.filter(kind=ImportRun.Kind.IMPORT).exists()
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_a_workbook_that_changes_nothing_says_so(essex, as_user):
    response = as_user(essex.secretariat).post(
        "/indicators/import/",
        {"workbook": xlsx(HEADER, ["NI 32", "2009/10 Q1", 27.5])},
        follow=True,
    )
    assert "Nothing to import" in response.text and "Import these changes" not in response.text


# --- failures ----------------------------------------------------------------------------


def test_a_failed_import_says_so_writes_nothing_and_shows_no_internals(essex, as_user, monkeypatch):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    real = workbook.workbook_import

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        if not kwargs["dry_run"]:
            raise RuntimeError("disk on fire at /srv/secret")
        return real(**kwargs)

    monkeypatch.setattr(workbook, "workbook_import", broken)

    page = client.post("/indicators/import/confirm/", {"token": token(client)}, follow=True)

    assert page.status_code == 200
    assert "The workbook could not be imported" in page.text
    assert "Nothing has been imported" in page.text
    assert "disk on fire" not in page.text and "RuntimeError" not in page.text
    assert "hx-get" not in page.text  # no more polling
    failed = ImportRun.objects.get(kind=ImportRun.Kind.IMPORT)
    assert failed.status == ImportRun.Status.FAILED and "disk on fire" in failed.error
    assert Actual.objects.get(period="2009/10 Q1").value == 27.5
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_a_check_whose_upload_is_gone_fails_clearly(essex, as_user, upload_dir, dummy_tasks):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    for kept in upload_dir.glob("*.xlsx"):
        kept.unlink()
    run_import.call(ImportRun.objects.get().pk)
    page = client.get(run_url(ImportRun.objects.get()))
    assert "The workbook could not be checked" in page.text
    assert "Upload the workbook again" in page.text
    polled = client.get(run_url(ImportRun.objects.get()), headers={"HX-Request": "true"})
    assert "could not be checked" in polled.text and "hx-get" not in polled.text


def test_a_run_lost_with_its_worker_says_it_stopped(essex, as_user, dummy_tasks):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    long_ago = clock.now() - dt.timedelta(hours=1)
    ImportRun.objects.update(status=ImportRun.Status.RUNNING, started_at=long_ago)
    page = client.get(run_url(ImportRun.objects.get()))
    assert "stopped part way" in page.text and "Nothing has been imported" in page.text


def test_a_long_wait_says_the_worker_may_be_down(essex, as_user, dummy_tasks):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    run = ImportRun.objects.get()
    assert "may not be running" not in client.get(run_url(run)).text
    ImportRun.objects.update(created_at=clock.now() - dt.timedelta(minutes=5))
    assert "may not be running" in client.get(run_url(run)).text


# --- who may follow a run ----------------------------------------------------------------


@pytest.fixture
def queued(essex, as_user, dummy_tasks) -> ImportRun:
    upload(as_user(essex.secretariat), two_rows())
    return ImportRun.objects.get()


def test_following_a_run_needs_a_login(queued, as_user):
    response = as_user(None).get(run_url(queued))
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_agreements_secretariat_gets_not_found(essex, queued, as_user):
    hereford_secretariat, _ = make_member_with_login(
        essex.hereford_pmg, Membership.Role.SECRETARIAT, "hereford.sec@example.test"
    )
    for user in (hereford_secretariat, essex.outsider):
        assert as_user(user).get(run_url(queued)).status_code == 404
        polled = as_user(user).get(run_url(queued), headers={"HX-Request": "true"})
        assert polled.status_code == 404


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_the_rest_of_the_agreement_is_refused(essex, queued, as_user, persona):
    client = as_user(getattr(essex, persona))
    assert client.get(run_url(queued)).status_code == 403
    assert client.get(run_url(queued), headers={"HX-Request": "true"}).status_code == 403


def test_the_rest_of_the_secretariat_sees_the_preview_but_cannot_confirm_it(essex, queued, as_user):
    colleague, _ = make_member_with_login(
        essex.pmg, Membership.Role.SECRETARIAT, "second.sec@example.test"
    )
    client = as_user(colleague)
    assert client.get(run_url(queued)).status_code == 202
    run_import.call(queued.pk)
    preview = client.get(run_url(queued))
    assert "Actuals: 1 new, 1 changed, 0 unchanged" in preview.text
    assert "Import these changes" not in preview.text
    assert "Only the person who uploaded this workbook can import it." in preview.text
    attempt = client.post("/indicators/import/confirm/", {"token": queued.token}, follow=True)
    assert "That preview has expired" in attempt.text
    assert not ImportRun.objects.filter(kind=ImportRun.Kind.IMPORT).exists()


def test_cancel_after_a_background_check_discards_the_upload(essex, as_user, upload_dir):
    client = as_user(essex.secretariat)
    upload(client, two_rows())
    response = client.post("/indicators/import/cancel/", follow=True)
    assert "Import cancelled: nothing was changed." in response.text
    assert list(upload_dir.glob("*.xlsx")) == []
    refused = client.post("/indicators/import/confirm/", {"token": "x"}, follow=True)
    assert "That preview has expired" in refused.text
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


# --- the real worker ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_worker_checks_and_imports_what_the_pages_queued(essex, as_user):
    client = as_user(essex.secretariat)

    def work() -> None:
        call_command(
            "db_worker", batch=True, queue_name="*", startup_delay=False, reload=False,
            verbosity=0,
        )  # fmt: skip

    check_url = upload(client, two_rows())["Location"]
    assert client.get(check_url).status_code == 202
    work()
    assert "Actuals: 1 new, 1 changed, 0 unchanged" in client.get(check_url).text
    import_url = client.post("/indicators/import/confirm/", {"token": token(client)})["Location"]
    assert client.get(import_url).status_code == 202
    work()
    assert "Imported actuals.xlsx" in client.get(import_url).text
    assert Actual.objects.get(period="2009/10 Q2").value == 25
