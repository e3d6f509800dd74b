"""Every download (PDF, Word, Excel, CSV, calendar) tells browsers and proxies not to keep
it: `Cache-Control: no-store` (partnerships/middleware.py).

The downloads are found by walking the URL configuration: an address ending in a file
type, or a view that builds a file (sets Content-Disposition or calls one of the
document helpers). Each is fetched once, from the demo, as the secretariat.
"""

import datetime as dt
import inspect
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.models import Publication
from funding.models import Scenario
from meetings.models import CalendarFeed, Meeting
from partnerships.middleware import is_download
from partnerships.models import Partnership, Person, User
from plans.models import DeliveryPlan

FILE_SUFFIXES = (".pdf", ".xlsx", ".docx", ".csv", ".ics")
# What a view's source says when it answers with a file.
FILE_MARKERS = (
    "Content-Disposition",
    'GET.get("format"',
    "pdf_response",
    "document_response",
    "_document(",
    "_report_response",
    "_ics_response",
)

# name → the query strings it is fetched with (one download each); "" for the address alone.
DOWNLOADS = {
    "indicators:scorecard": ["format=pdf", "format=csv", "format=xlsx"],
    "indicators:exception-report": ["format=pdf", "format=csv", "format=xlsx"],
    "indicators:highlight-report": ["format=pdf", "format=docx"],
    "indicators:import-template": [""],
    "indicators:workbook-export": [""],
    "plans:impact-map": ["format=csv", "format=xlsx"],
    "plans:plan-export": [""],
    "meetings:minutes-pdf": [""],
    "meetings:minutes-docx": [""],
    "meetings:pack-pdf": [""],
    "meetings:calendar-person": [""],
    "meetings:calendar-partnership": [""],
    "funding:statement-pdf": [""],
    "funding:ledger": [""],
    "funding:scenario-export": [""],
    "api:open-scorecard-csv": [""],
}


def url_patterns() -> Iterator[tuple[str, str, object]]:
    """(namespaced name, route, view) of every named pattern but the admin's."""

    def walk(patterns, prefix, namespace):  # type: ignore[no-untyped-def]
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    yield from walk(
                        pattern.url_patterns,
                        prefix + str(pattern.pattern),
                        pattern.namespace or namespace,
                    )
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, prefix + str(pattern.pattern), pattern.callback

    yield from walk(get_resolver().url_patterns, "", None)


def makes_a_file(route: str, view: object) -> bool:
    if route.endswith(FILE_SUFFIXES):
        return True
    source = inspect.getsource(inspect.unwrap(view))  # type: ignore[arg-type]
    return any(marker in source for marker in FILE_MARKERS)


def test_every_view_that_makes_a_file_is_fetched_here():
    found = {name for name, route, view in url_patterns() if makes_a_file(route, view)}
    assert found, "the walk found no downloads"
    assert found == set(DOWNLOADS)


@pytest.fixture(scope="module")
def downloads(django_db_setup: None, django_db_blocker) -> Iterator[dict[str, HttpResponse]]:
    """Every download, fetched once from the demo as the secretariat, in a transaction
    that is rolled back."""
    fetched: dict[str, HttpResponse] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        gill = Person.objects.get(name="Gill Butterworth")  # the Essex secretariat
        gill.user = User.objects.create_user("downloads@example.test", "pw-12345678")
        gill.save()
        pmg = Partnership.objects.get(agreement=gill.agreement, slug="essex-pmg")
        meeting = Meeting.objects.get(partnership=pmg, date=dt.date(2009, 3, 27))
        token = CalendarFeed.objects.create(person=gill).token
        args = {
            "plans:plan-export": [
                DeliveryPlan.objects.filter(partnership__agreement=gill.agreement).first().pk
            ],
            "meetings:minutes-pdf": [meeting.pk],
            "meetings:minutes-docx": [meeting.pk],
            "meetings:pack-pdf": [meeting.pk],
            "meetings:calendar-person": [token],
            "meetings:calendar-partnership": [token, pmg.pk],
            "funding:scenario-export": [
                (
                    Scenario.objects.filter(agreement=gill.agreement).first()
                    or Scenario.objects.create(agreement=gill.agreement, name="Downloads")
                ).pk
            ],
        }
        Publication.objects.create(agreement=gill.agreement, is_published=True)
        args["api:open-scorecard-csv"] = [gill.agreement.slug]
        client = Client()
        client.force_login(gill.user, backend="django.contrib.auth.backends.ModelBackend")
        for name, queries in DOWNLOADS.items():
            for query in queries:
                url = reverse(name, args=args.get(name, [])) + (f"?{query}" if query else "")
                fetched[url] = client.get(url)
        transaction.set_rollback(True)
    yield fetched


def test_every_download_is_a_file(downloads):
    assert len(downloads) == sum(len(queries) for queries in DOWNLOADS.values())
    for url, response in downloads.items():
        assert response.status_code == 200, url
        assert is_download(response), f"{url}: {response['Content-Type']}"


def test_no_download_may_be_kept_by_a_browser_or_proxy(downloads):
    kept = {url: r.get("Cache-Control") for url, r in downloads.items()}
    assert kept == dict.fromkeys(downloads, "no-store")


@pytest.mark.django_db
def test_pages_are_not_marked_no_store(client, world):
    client.force_login(world.secretariat)
    response = client.get("/partnerships/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("content_type", "disposition", "expected"),
    [
        ("application/pdf", 'inline; filename="a.pdf"', True),
        ("text/calendar; charset=utf-8", "", True),
        ("application/zip", 'attachment; filename="a.zip"', True),
        ("text/html; charset=utf-8", "", False),
        ("application/json", "", False),
    ],
)
def test_a_download_is_an_attachment_or_a_document_type(content_type, disposition, expected):
    response = HttpResponse(b"x", content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    assert is_download(response) is expected
