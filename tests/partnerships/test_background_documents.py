"""Documents built off the request (partnerships/background.py): a download queues one build
(shared by whoever asks meanwhile), the page follows it, the file is kept for its data
version and built again only when the data change.

The tests' task backend runs a task as it is queued (settings.TASKS); the tests of waiting
use the dummy backend, which keeps tasks without running them, and one test runs the real
database worker (`manage.py db_worker`)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.tasks import default_task_backend
from django.test import override_settings
from django.urls import reverse

from meetings.models import Meeting
from meetings.views import outputs
from partnerships import clock
from partnerships.background import build_document
from partnerships.models import Document
from tests.conftest import DATABASE_TASKS, DUMMY_TASKS
from tests.meetings.factories import make_meeting

# They commit: on PostgreSQL an agreement's data version moves on at commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meeting(world) -> Meeting:
    return make_meeting(world.pmg, dt.date(2009, 3, 27), venue="County Hall")


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """The minutes PDFs actually built (one entry each)."""
    made: list[int] = []
    real = outputs.minutes_pdf

    def counted(doc):  # type: ignore[no-untyped-def]
        made.append(1)
        return real(doc)

    monkeypatch.setattr(outputs, "minutes_pdf", counted)
    return made


def minutes_url(meeting: Meeting) -> str:
    return reverse("meetings:minutes-pdf", args=[meeting.pk])


def test_a_second_download_of_unchanged_data_is_the_kept_file(world, as_user, meeting, builds):
    first = as_user(world.secretariat).get(minutes_url(meeting))
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF")
    second = as_user(world.lead).get(minutes_url(meeting))  # someone else, same question
    assert second.content == first.content
    assert len(builds) == 1
    document = Document.objects.get()
    assert document.status == Document.Status.READY and document.size == len(first.content)
    assert "attachment" not in second["Content-Disposition"]  # a PDF opens in the browser


def test_a_change_to_the_data_builds_it_again_and_drops_the_old_file(
    world, as_user, meeting, builds
):
    client = as_user(world.secretariat)
    client.get(minutes_url(meeting))
    old = Document.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(venue="Chelmsford Civic Centre")
    fresh = client.get(minutes_url(meeting))
    assert b"%PDF" in fresh.content[:5]
    assert len(builds) == 2
    assert list(Document.objects.values_list("pk", flat=True)) != [old.pk]
    assert Document.objects.count() == 1  # the old version's file is gone, not kept forever
    assert not storages["documents"].exists(old.file.name)


def test_a_change_in_another_agreement_keeps_the_file(world, as_user, meeting, builds):
    client = as_user(world.secretariat)
    client.get(minutes_url(meeting))
    world.hereford_pmg.name = "Herefordshire Partnership Board"
    world.hereford_pmg.save()
    client.get(minutes_url(meeting))
    assert len(builds) == 1


@override_settings(TASKS=DUMMY_TASKS)
def test_while_it_is_built_the_page_says_so_and_two_people_share_one_build(
    world, as_user, meeting, builds
):
    default_task_backend.clear()
    waiting = as_user(world.secretariat).get(minutes_url(meeting))
    also = as_user(world.chair).get(minutes_url(meeting))
    assert waiting.status_code == 202 and also.status_code == 202
    page = waiting.content.decode()
    assert "Waiting to be built" in page
    assert f'href="{minutes_url(meeting)}?"' in page  # "Check again": works without JS
    assert f'hx-get="{minutes_url(meeting)}?"' in page and 'hx-trigger="every 1s"' in page
    assert Document.objects.count() == 1 and len(default_task_backend.results) == 1
    assert builds == []

    build_document.call(Document.objects.get().pk)  # what the worker does

    polled = as_user(world.chair).get(minutes_url(meeting), headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "Your file is ready" in polled.content.decode()
    assert "hx-trigger" not in polled.content.decode()  # polling stops
    assert "Download" in polled.content.decode()
    file = as_user(world.chair).get(minutes_url(meeting))
    assert file.content.startswith(b"%PDF") and len(builds) == 1


@override_settings(TASKS=DUMMY_TASKS)
def test_a_wait_longer_than_a_worker_takes_says_the_worker_may_be_down(world, as_user, meeting):
    client = as_user(world.secretariat)
    client.get(minutes_url(meeting))
    assert "may not be running" not in client.get(minutes_url(meeting)).content.decode()
    Document.objects.update(requested_at=clock.now() - dt.timedelta(minutes=5))
    assert "may not be running" in client.get(minutes_url(meeting)).content.decode()


def test_a_failed_build_says_so_and_can_be_tried_again(world, as_user, meeting, monkeypatch):
    def broken(doc):  # type: ignore[no-untyped-def]
        raise RuntimeError("font missing")

    monkeypatch.setattr(outputs, "minutes_pdf", broken)
    client = as_user(world.secretariat)
    page = client.get(minutes_url(meeting))
    assert page.status_code == 202
    text = page.content.decode()
    assert "The file could not be built" in text and "font missing" not in text  # no internals
    assert f"{minutes_url(meeting)}?retry=1" in text
    assert Document.objects.get().status == Document.Status.FAILED
    assert "font missing" in Document.objects.get().error  # kept for whoever looks

    monkeypatch.undo()
    again = client.get(minutes_url(meeting) + "?retry=1")
    assert again.content.startswith(b"%PDF")
    assert Document.objects.get().status == Document.Status.READY


@override_settings(TASKS=DUMMY_TASKS)
def test_a_build_lost_with_its_worker_can_be_started_again(world, as_user, meeting):
    client = as_user(world.secretariat)
    client.get(minutes_url(meeting))
    long_ago = clock.now() - dt.timedelta(seconds=settings.DOCUMENT_BUILD_TIMEOUT + 60)
    Document.objects.update(status=Document.Status.BUILDING, started_at=long_ago)
    assert "stopped part way" in client.get(minutes_url(meeting)).content.decode()
    default_task_backend.clear()
    client.get(minutes_url(meeting) + "?retry=1")
    assert Document.objects.get().status == Document.Status.QUEUED
    assert len(default_task_backend.results) == 1


def test_only_marked_build_functions_are_ever_run(world):
    document = Document.objects.create(
        agreement=world.essex,
        builder="os.getcwd",
        params={},
        key="x" * 64,
        data_version="1",
        title="Not a document",
        filename="x.pdf",
        content_type="application/pdf",
        requested_at=clock.now(),
    )
    assert build_document.call(document.pk) == "failed"
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert "does not build documents" in document.error


@override_settings(TASKS=DUMMY_TASKS)
def test_the_kept_file_and_its_progress_are_only_for_those_who_may_see_the_meeting(
    world, as_user, meeting
):
    as_user(world.secretariat).get(minutes_url(meeting))
    build_document.call(Document.objects.get().pk)
    assert as_user(world.outsider).get(minutes_url(meeting)).status_code == 404
    assert as_user(None).get(minutes_url(meeting)).status_code == 302
    polled = as_user(world.outsider).get(minutes_url(meeting), headers={"HX-Request": "true"})
    assert polled.status_code == 404


def test_report_pdfs_go_through_the_same_kept_builds(world, as_user):
    client = as_user(world.secretariat)
    url = reverse("indicators:scorecard") + "?format=pdf"
    first = client.get(url)
    assert first.content.startswith(b"%PDF")
    assert first["Content-Disposition"].startswith('inline; filename="scorecard-')
    assert client.get(url).content == first.content
    assert Document.objects.count() == 1
    client.get(reverse("indicators:exception-report") + "?format=pdf")
    assert Document.objects.count() == 2  # another question, another document


@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_worker_builds_what_the_page_queued(world, as_user, meeting):
    client = as_user(world.secretariat)
    assert client.get(minutes_url(meeting)).status_code == 202
    call_command(
        "db_worker", batch=True, queue_name="*", startup_delay=False, reload=False, verbosity=0
    )
    assert client.get(minutes_url(meeting)).content.startswith(b"%PDF")


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a worker process needs a database it can share"
)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_process_builds_what_the_page_queued(world, as_user, meeting):
    client = as_user(world.secretariat)
    assert client.get(minutes_url(meeting)).status_code == 202
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DOCUMENTS_ROOT": storages["documents"].location,
        "DEBUG": "1",
        "TESTING": "",
    }
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--queue-name", "*",
         "--no-startup-delay", "--no-reload"],
        cwd=root, env=env, check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    assert client.get(minutes_url(meeting)).content.startswith(b"%PDF")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once")
def test_two_people_asking_at_the_same_moment_start_one_build(world, meeting, monkeypatch):
    import threading
    import types

    from django.db import connections

    from partnerships import background
    from partnerships.background import document_for

    queued: list[int] = []  # each thread has its own backend: count the builds queued here
    monkeypatch.setattr(background, "build_document", types.SimpleNamespace(enqueue=queued.append))
    ready = threading.Barrier(2)
    found: list[int] = []

    def ask() -> None:
        try:
            ready.wait()
            document = document_for(
                outputs.minutes_file,
                {"meeting": meeting.pk, "format": "pdf", "annex": False},
                agreement=world.essex,
                title="Minutes",
                filename="minutes.pdf",
                content_type="application/pdf",
            )
            found.append(document.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 2 and found[0] == found[1]
    assert Document.objects.count() == 1 and queued == [found[0]]


def test_documents_nobody_asked_for_lately_are_pruned_with_their_files(world, as_user, meeting):
    from io import StringIO

    as_user(world.secretariat).get(minutes_url(meeting))
    document = Document.objects.get()
    call_command("prune_documents", "--days", "30", stdout=StringIO())
    assert Document.objects.count() == 1  # asked for today: kept
    month_ago = clock.now() - dt.timedelta(days=31)
    Document.objects.update(requested_at=month_ago, finished_at=month_ago)
    out = StringIO()
    call_command("prune_documents", "--days", "30", stdout=out)
    assert out.getvalue().strip() == "1 document deleted."
    assert not Document.objects.exists()
    assert not storages["documents"].exists(document.file.name)
