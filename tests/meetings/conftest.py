"""Fixtures for the meetings tests: the seeded Essex meetings, loaded from the demo."""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client

from demo.meetings import agreement_meetings_load
from demo.partnerships import agreement_load
from meetings.models import Meeting
from partnerships.models import Agreement


def load_essex() -> Agreement:
    agreement = Agreement.objects.create(
        slug="essex-laa-2008-11",
        name="Essex Local Area Agreement",
        starts_on=dt.date(2008, 4, 1),
        ends_on=dt.date(2011, 3, 31),
    )
    agreement_load(agreement)
    agreement_meetings_load(agreement=agreement)
    return agreement


@pytest.fixture
def essex_demo(db: None) -> Agreement:
    """The Essex agreement with its people and partnerships (no wards), and its meetings."""
    return load_essex()


# The files the seeded meetings make, fetched once per test run through their public
# URLs (WeasyPrint is the slow part), inside a transaction that is rolled back.
SEEDED_FILES = {
    "pmg_minutes_pdf": ("essex-pmg", dt.date(2009, 3, 27), "minutes.pdf"),
    "pmg_minutes_annex_pdf": ("essex-pmg", dt.date(2009, 3, 27), "minutes.pdf?annex=forward-plan"),
    "pmg_minutes_docx": ("essex-pmg", dt.date(2009, 3, 27), "minutes.docx"),
    "safer_minutes_pdf": ("safer-essex", dt.date(2008, 10, 2), "minutes.pdf"),
    "april_pack_pdf": ("essex-pmg", dt.date(2009, 4, 20), "pack.pdf"),
}


@pytest.fixture(scope="session")
def seeded_files(django_db_setup: None, django_db_blocker) -> Iterator[dict[str, bytes]]:
    from partnerships.models import Person, User

    files: dict[str, bytes] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        agreement = load_essex()
        user = User.objects.create_user("files@example.test", "pw-12345678")
        Person.objects.filter(agreement=agreement, name="Gill Butterworth").update(user=user)
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for key, (slug, date, tail) in SEEDED_FILES.items():
            meeting = Meeting.objects.get(partnership__slug=slug, date=date)
            response = client.get(f"/meetings/{meeting.pk}/{tail}")
            assert response.status_code == 200, (key, response.status_code)
            files[key] = response.content
            files[f"{key}:type"] = response["Content-Type"].encode()
        transaction.set_rollback(True)
    yield files


@pytest.fixture
def pmg_meeting(essex_demo: Agreement) -> Meeting:
    """The LAA Performance Management Group, 27 March 2009 (seed 000)."""
    return Meeting.objects.get(partnership__slug="essex-pmg", date=dt.date(2009, 3, 27))


@pytest.fixture
def safer_meeting(essex_demo: Agreement) -> Meeting:
    """Safer Essex, 2 October 2008 (seed 002), with action points 1–12."""
    return Meeting.objects.get(partnership__slug="safer-essex", date=dt.date(2008, 10, 2))
