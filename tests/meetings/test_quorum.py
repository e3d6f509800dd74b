"""Quorum from the terms of reference (issue 21, part 4): by count and by fraction, the
chair rule, substitutes allowed or not, the meeting page, and the seeded meetings counted
by hand."""

import datetime as dt

import pytest

from demo.meetings import agreement_meetings_load
from demo.partnerships import agreement_load
from demo.terms import terms_load
from demo.timeline import DEMO_AS_AT
from meetings.models import Attendance, Meeting, TermsOfReference
from meetings.quorum import Roles, Terms, meeting_quorum, partnership_attendance, quorum_at
from partnerships.models import Agreement, Partnership
from tests.factories import make_person
from tests.meetings.factories import make_attendance, make_meeting

P, S, IA, AP = "present", "substitute", "in_attendance", "apologies"


def rows(*statuses: str) -> list[Attendance]:
    return [Attendance(person_id=n, status=s) for n, s in enumerate(statuses, start=1)]


def test_quorate_by_count_says_how_many_of_how_many():
    check = quorum_at(rows(P, P, P, AP), Roles(), Terms(count=3))
    assert check.quorate is True
    assert check.label == "Quorate: 3 of 3 needed"


def test_not_quorate_by_count():
    check = quorum_at(rows(P, AP, AP, IA, IA), Roles(), Terms(count=3))
    assert check.quorate is False
    assert check.label == "Not quorate: 1 of 3 needed"


def test_a_fraction_of_the_expected_members_rounds_up():
    terms = Terms(fraction=(1, 3), expected_seats=10)  # a third of 10: 4 needed
    assert terms.needed == 4
    assert quorum_at(rows(P, P, P), Roles(), terms).label == "Not quorate: 3 of 4 needed"
    assert quorum_at(rows(P, P, P, P), Roles(), terms).quorate is True


def test_a_fraction_without_expected_members_sets_no_quorum():
    check = quorum_at(rows(P, P), Roles(), Terms(fraction=(1, 2)))
    assert check.quorate is None
    assert check.label == "No quorum is set. Members present: 2."


def test_the_chair_or_vice_chair_must_be_there_when_the_terms_say_so():
    terms = Terms(count=2, chair_required=True)
    absent = quorum_at(rows(P, P, P), Roles(chairs=frozenset({9})), terms)
    assert absent.quorate is False
    assert absent.label == "Not quorate: 3 of 2 needed, chair absent"
    vice_there = quorum_at(rows(P, P, P), Roles(chairs=frozenset({3, 9})), terms)
    assert vice_there.label == "Quorate: 3 of 2 needed"
    # A chair who sent apologies is not there.
    assert quorum_at(rows(P, P, AP), Roles(chairs=frozenset({3})), terms).quorate is False


def test_substitutes_count_only_when_allowed():
    attended = rows(P, S)
    assert quorum_at(attended, Roles(), Terms(count=2)).quorate is True
    refused = quorum_at(attended, Roles(), Terms(count=2, substitutes_allowed=False))
    assert refused.label == "Not quorate: 1 of 2 needed"


def test_officers_and_the_secretariat_do_not_make_the_quorum():
    attended = rows(P, P, IA, P)  # 3: secretariat, present
    roles = Roles(officers=frozenset({3, 4}))
    assert quorum_at(attended, roles, Terms(count=3)).label == "Not quorate: 2 of 3 needed"


def test_the_meeting_page_reads_the_terms(world, as_user):
    TermsOfReference.objects.create(partnership=world.safer, quorum_count=2)
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2))
    gwyn, jan = make_person(world.essex, "Gwyn Owen"), make_person(world.essex, "Jan Plummer")
    make_attendance(meeting, world.person(world.lead))
    make_attendance(meeting, jan, "substitute", substitute_for=gwyn)
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    assert "Quorate: 2 of 2 needed" in page
    TermsOfReference.objects.filter(partnership=world.safer).update(substitutes_allowed=False)
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    assert "Not quorate: 1 of 2 needed" in page


def test_without_terms_the_partnerships_quorum_is_the_count(world):
    world.safer.quorum = 1
    world.safer.save()
    meeting = make_meeting(world.safer)
    make_attendance(meeting, world.person(world.lead))
    assert meeting_quorum(meeting).label == "Quorate: 1 of 1 needed"


def load_demo(slug: str) -> Agreement:
    agreement = Agreement.objects.create(
        slug=slug, name=slug, starts_on=dt.date(2008, 4, 1), ends_on=dt.date(2011, 3, 31)
    )
    agreement_load(agreement)
    agreement_meetings_load(agreement=agreement)
    terms_load(agreements={slug: agreement})
    return agreement


@pytest.mark.parametrize(
    ("slug", "partnership", "day", "label"),
    [
        # Ewen Wilson, Alan Dawkes, Miriam Stead, Marina Sherriff, Loretta Sollars and Jan
        # Plummer for Gwyn Owen; not GO East (observer), the secretariat or the officers.
        ("essex-laa-2008-11", "essex-pmg", dt.date(2009, 3, 27), "Quorate: 6 of 5 needed"),
        # The 30 listed present, chair and vice-chair among them (no terms: the quorum of 8).
        ("essex-laa-2008-11", "safer-essex", dt.date(2008, 10, 2), "Quorate: 30 of 8 needed"),
        # Roger Phillips, Chris Bull, Paul Baker, Mark Turner, Richard Quallington, Natalia
        # Silver and Richard Lawrence for Lucy Phillips; not the three in attendance.
        (
            "herefordshire-laa-2008-11",
            "herefordshire-pmg",
            dt.date(2009, 5, 6),
            "Quorate: 7 of 5 needed",
        ),
    ],
)
@pytest.mark.django_db
def test_the_seeded_meetings_match_a_hand_count(slug, partnership, day, label):
    load_demo(slug)
    meeting = Meeting.objects.get(partnership__slug=partnership, date=day)
    assert meeting_quorum(meeting).label == label


@pytest.mark.django_db
def test_the_demo_terms_load_twice_and_say_what_is_illustrative():
    agreement = load_demo("herefordshire-laa-2008-11")
    terms = TermsOfReference.objects.get(partnership__slug="herefordshire-pmg")
    assert "Illustrative: not in the source documents" in terms.note
    assert sum(e.seats for e in terms.expected_members.all()) == 12
    before = list(terms.history.all())
    terms_load(agreements={agreement.slug: agreement})
    assert list(terms.history.all()) == before


@pytest.mark.django_db
def test_the_herefordshire_rates_match_a_hand_count(settings):
    settings.GOLDEN_THREAD_TODAY = DEMO_AS_AT
    load_demo("herefordshire-laa-2008-11")
    pmg = Partnership.objects.get(slug="herefordshire-pmg")
    rates = partnership_attendance(pmg, DEMO_AS_AT)
    # 6 May 2009 only: 23 March 2009 has no attendance recorded.
    assert rates.meetings == 1
    organisations = {r.name: r.label for r in rates.organisations}
    assert organisations == {
        "Herefordshire Council": "1 of 1 (100%)",
        "Fire and Rescue Service": "1 of 1 (100%)",  # Richard Lawrence for Lucy Phillips
        "West Mercia Constabulary": "1 of 1 (100%)",
        "Voluntary Sector Assembly": "1 of 1 (100%)",
        "Herefordshire Association of Local Councils": "0 of 1 (0%)",
        "Learning and Skills Council": "0 of 1 (0%)",
        "Advantage West Midlands": "0 of 1 (0%)",
    }
    people = {r.name: r.label for r in rates.people}
    assert people["Roger Phillips"] == "1 of 1 (100%)"
    assert people["Lucy Phillips"] == "0 of 1 (0%)"
    assert len(people) == 12  # the members; not GO West Midlands or the support team
    assert "Kevin Lloyd" not in people and "Tony Southall" not in people


@pytest.mark.django_db
def test_the_minutes_print_the_quorum_under_the_attendance(seeded_files):
    from tests.meetings.test_documents import pdf_text, squash

    text = squash(pdf_text(seeded_files["pmg_minutes_pdf"]))
    # No terms in this fixture: the PMG's typed-in quorum of 5 is the count.
    assert "Quorate: 6 of 5 needed." in text
    assert text.index("Apologies") < text.index("Quorate: 6 of 5 needed.")
