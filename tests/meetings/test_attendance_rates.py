"""Attendance rates over the last 12 months and the terms of reference page (issue 21,
part 4): by person and by organisation, the 12-month window, apologies, officers,
substitutes; the partnership page in a bounded number of queries; who may edit."""

import datetime as dt
import importlib
from html import unescape

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Meeting, TermsOfReference
from meetings.quorum import partnership_attendance
from partnerships.models import Membership, Partnership
from tests.factories import (
    make_membership,
    make_organisation,
    make_partnership,
    make_person,
    version_in,
)
from tests.meetings.factories import make_attendance, make_meeting

pytestmark = pytest.mark.django_db
TODAY = dt.date(2009, 11, 20)
HELD = Meeting.Status.HELD


@pytest.fixture
def board(world, settings):
    """A board of four members from three organisations, with a secretary and an officer:
    met a year ago to the day (outside the 12 months), in January and June 2009."""
    settings.GOLDEN_THREAD_TODAY = TODAY
    police, council, fire = (
        make_organisation(world.essex, n) for n in ("Essex Police", "Essex County Council", "Fire")
    )
    board = make_partnership(world.essex, "Test board")
    ann, dee = (
        make_person(world.essex, "Ann", organisation=police),
        make_person(world.essex, "Dee", organisation=police),
    )
    bob = make_person(world.essex, "Bob", organisation=fire)
    cat = make_person(world.essex, "Cat", organisation=council)
    sub = make_person(world.essex, "Sub", organisation=fire)
    officer = make_person(world.essex, "Officer", organisation=council)
    sec = make_person(world.essex, "Sec", organisation=council)
    for person in (ann, bob, cat, dee):
        make_membership(person, board)
    make_membership(sec, board, Membership.Role.SECRETARIAT)
    old = make_meeting(board, dt.date(2008, 11, 20), status=HELD)
    make_attendance(old, ann)
    january = make_meeting(board, dt.date(2009, 1, 10), status=HELD)
    for person, status in ((ann, "present"), (bob, "apologies"), (cat, "present")):
        make_attendance(january, person, status)
    make_attendance(january, officer, "in_attendance")
    make_attendance(january, sec, "present")
    june = make_meeting(board, dt.date(2009, 6, 10), status=HELD)
    make_attendance(june, ann, "apologies")
    make_attendance(june, sub, "substitute", substitute_for=bob)
    make_attendance(june, cat, "present")
    make_meeting(board, dt.date(2009, 9, 1), status=HELD)  # nothing recorded: left out
    return board


def labels(rates):
    return {r.name: r.label for r in rates}


def test_rates_by_person_over_the_last_12_months(board):
    rates = partnership_attendance(board, TODAY)
    assert (rates.since, rates.until, rates.meetings) == (dt.date(2008, 11, 21), TODAY, 2)
    # Ann's meeting of 20 November 2008 is outside; her apologies in June are an absence.
    # Bob was substituted, which is not attending; the officer and secretary are not members.
    assert labels(rates.people) == {
        "Ann": "1 of 2 (50%)",
        "Bob": "0 of 2 (0%)",
        "Cat": "2 of 2 (100%)",
        "Dee": "0 of 2 (0%)",
    }


def test_rates_by_organisation_count_substitutes_only_when_allowed(board):
    allowed = partnership_attendance(board, TODAY)
    assert labels(allowed.organisations) == {
        "Essex County Council": "2 of 2 (100%)",
        "Essex Police": "1 of 2 (50%)",
        "Fire": "1 of 2 (50%)",
    }
    TermsOfReference.objects.create(partnership=board, quorum_count=2, substitutes_allowed=False)
    refused = partnership_attendance(board, TODAY)
    assert labels(refused.organisations)["Fire"] == "0 of 2 (0%)"


def test_the_partnership_page_shows_the_rates(world, board, as_user):
    page = unescape(as_user(world.observer).get(f"/partnerships/{board.pk}/").text)
    assert "Attendance and quorum" in page
    assert "held from 21 November 2008 to 20 November 2009" in page
    assert "Essex Police" in page and "1 of 2 (50%)" in page
    assert "Set the terms of reference" not in page  # observers change nothing


def grow(board: Partnership, world, meetings: int, people: int) -> None:
    org = make_organisation(world.essex, f"Org {meetings}")
    crowd = [make_person(world.essex, organisation=org) for _ in range(people)]
    for person in crowd:
        make_membership(person, board)
    for n in range(meetings):
        meeting = make_meeting(board, dt.date(2009, 7, 1) + dt.timedelta(days=n), status=HELD)
        for i, person in enumerate(crowd):
            make_attendance(meeting, person, "present" if i % 3 else "apologies")


def test_the_partnership_page_takes_the_same_queries_at_two_sizes(world, board, as_user):
    client = as_user(world.secretariat)
    url = f"/partnerships/{board.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(board, world, meetings=8, people=20)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).text
    assert "Meetings attended" in page
    assert len(large) <= len(small)


def test_the_attendance_page_is_bounded(world, board, as_user, django_assert_max_num_queries):
    grow(board, world, meetings=6, people=12)
    client = as_user(world.observer)
    client.get(f"/meetings/partnership/{board.pk}/attendance/")
    with django_assert_max_num_queries(20):
        assert client.get(f"/meetings/partnership/{board.pk}/attendance/").status_code == 200


# The terms of reference page: the secretariat's.

TERMS_URL = "/meetings/partnership/{}/terms/edit/"


def test_anonymous_visitors_are_sent_to_sign_in(world, as_user):
    response = as_user(None).get(TERMS_URL.format(world.safer.pk))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("who", ["lead", "other_lead", "observer", "chair"])
def test_only_the_secretariat_may_change_the_terms(world, as_user, who):
    response = as_user(getattr(world, who)).get(TERMS_URL.format(world.safer.pk))
    assert response.status_code == 403
    response = as_user(getattr(world, who)).post(
        TERMS_URL.format(world.safer.pk), {"quorum_rule": "count", "quorum_count": "1"}
    )
    assert response.status_code == 403
    assert not TermsOfReference.objects.exists()


def test_another_agreements_user_gets_404(world, as_user):
    assert as_user(world.outsider).get(TERMS_URL.format(world.safer.pk)).status_code == 404
    url = f"/meetings/partnership/{world.safer.pk}/attendance/"
    assert as_user(world.outsider).get(url).status_code == 404


def form(**fields: str) -> dict[str, str]:
    return {"quorum_rule": "count", "substitutes_allowed": "on", "expected": "", **fields}


def test_the_secretariat_sets_the_terms_and_the_quorum_follows(world, as_user):
    police = make_organisation(world.essex, "Essex Police")
    client = as_user(world.secretariat)
    page = client.get(TERMS_URL.format(world.safer.pk)).text
    assert 'name="expected"' in page and "Expected members" in page
    response = client.post(
        TERMS_URL.format(world.safer.pk),
        form(quorum_count="4", expected="Essex Police: 2\nAlan Dawkes", chair_required="on"),
    )
    assert response.status_code == 302
    terms = TermsOfReference.objects.get(partnership=world.safer)
    assert (terms.quorum_count, terms.chair_required) == (4, True)
    assert [(e.organisation, e.person, e.seats) for e in terms.expected_members.all()] == [
        (police, None, 2),
        (None, world.person(world.lead), 1),
    ]
    world.safer.refresh_from_db()
    assert world.safer.quorum == 4
    page = unescape(client.get(response.url).text)
    assert "quorum 4 members, including the chair or vice-chair" in page
    assert "Essex Police (2 seats); Alan Dawkes" in page


def test_an_unknown_name_is_said_by_line_and_nothing_is_written(world, as_user):
    client = as_user(world.secretariat)
    response = client.post(
        TERMS_URL.format(world.safer.pk), form(quorum_count="4", expected="Alan Dawkes\nNobody")
    )
    assert response.status_code == 200
    assert "Line 2: no organisation or person is called “Nobody”." in unescape(response.text)
    assert not TermsOfReference.objects.exists()


def test_a_fraction_needs_its_parts_and_the_expected_members(world, as_user):
    client = as_user(world.secretariat)
    url = TERMS_URL.format(world.safer.pk)
    page = unescape(client.post(url, form(quorum_rule="fraction")).text)
    assert "Enter the fraction, e.g. 1 and 3 for a third." in page
    page = unescape(
        client.post(
            url, form(quorum_rule="fraction", quorum_numerator="1", quorum_denominator="3")
        ).text
    )
    assert "List the expected members: the quorum is a fraction of them." in page
    assert not TermsOfReference.objects.exists()
    response = client.post(
        url,
        form(
            quorum_rule="fraction",
            quorum_numerator="1",
            quorum_denominator="3",
            expected="Alan Dawkes: 3",
        ),
    )
    assert response.status_code == 302
    world.safer.refresh_from_db()
    assert world.safer.quorum is None  # a fraction has no fixed count


def test_a_stale_save_is_refused_with_the_conflict_and_writes_nothing(world, as_user):
    terms = TermsOfReference.objects.create(partnership=world.safer, quorum_count=4)
    url = TERMS_URL.format(world.safer.pk)
    client = as_user(world.secretariat)
    version = version_in(client.get(url).text)
    assert client.post(url, form(quorum_count="5", version=version)).status_code == 302
    response = client.post(url, form(quorum_count="6", version=version))
    assert response.status_code == 200
    assert "saved a change to this terms of reference" in unescape(response.text)
    terms.refresh_from_db()
    assert terms.quorum_count == 5
    assert terms.history.count() == 2


def test_the_migration_makes_each_typed_quorum_the_count(world):
    world.safer.quorum = 7
    world.safer.save()
    migration = importlib.import_module("meetings.migrations.0009_terms_of_reference")
    migration.quorum_into_terms(apps, None)
    terms = TermsOfReference.objects.get()
    assert (terms.partnership, terms.quorum_rule, terms.quorum_count) == (world.safer, "count", 7)
