"""The Cheshire agreement from the 2006 progress report (seed 003), loaded after the rest of
the demo: its partnerships, the 24 targeted wards in their districts, the report as a paper
with its recommendations, and a sign-in that sees Cheshire and nothing of Essex."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client, override_settings

from demo.cheshire import cheshire_data, cheshire_load, cheshire_wards_mark
from demo.partnerships import ESSEX
from demo.timeline import DEMO_AS_AT
from meetings.models import AgendaItem
from partnerships.models import Agreement, Area, Membership, Partnership, User
from tests.conftest import client_for, kept_for_module

pytestmark = pytest.mark.django_db

EMAIL = "cheshire@demo.test"


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker) -> Iterator[int]:
    """The demo and Cheshire with its sign-in, loaded once for the module."""
    with kept_for_module(django_db_blocker), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())
        yield cheshire_load(with_logins=True).pk


@pytest.fixture
def cheshire(loaded: int, settings) -> Agreement:
    settings.GOLDEN_THREAD_TODAY = DEMO_AS_AT
    return Agreement.objects.get(pk=loaded)


def signed_in() -> Client:
    user = User.objects.get(email=EMAIL)
    assert user.check_password("demo")
    return client_for(user)


def test_the_partnerships_are_those_the_report_names(cheshire):
    partnerships = {p.name: p for p in Partnership.objects.filter(agreement=cheshire)}
    assert {
        "Communities of Cheshire Partnership",
        "Sub-group of the Communities of Cheshire Partnership",
        "LAA Group",
        "Cheshire Performance Practitioners Group",
        "Governance Board to the Cheshire Partnerships Framework",
        "Safer and Stronger Communities",
    } == set(partnerships)
    cocp = partnerships["Communities of Cheshire Partnership"]
    assert partnerships["Safer and Stronger Communities"].reports_to == cocp
    assert cheshire.area.name == "Cheshire"
    assert "GONW" in cheshire.government_office
    assert "54 sub-outcomes" in cheshire.description
    outcome = cheshire.themes.get().outcomes.get()
    assert outcome.code == "KO1" and outcome.owner is None  # owners not yet identified


def test_the_24_wards_are_priority_neighbourhoods_in_their_districts(cheshire):
    wards = cheshire_data().wards
    assert len(wards) == 24
    assert cheshire_wards_mark(wards) == []  # every ward the report names is in the lookup
    marked = Area.objects.filter(
        kind=Area.Kind.WARD, is_priority=True, parent__parent=cheshire.area
    ).values_list("name", "parent__name")
    assert {(w.name, w.district) for w in wards} == set(marked)
    assert ("Congleton North", "Congleton") in set(marked)
    assert ("Stanlow & Wolverham", "Ellesmere Port & Neston") in set(marked)
    districts = Area.objects.filter(kind=Area.Kind.DISTRICT, parent=cheshire.area)
    assert districts.count() == 6


def test_the_report_is_a_paper_with_its_recommendations_at_the_partnership(cheshire):
    item = AgendaItem.objects.get(
        meeting__partnership__name="Communities of Cheshire Partnership",
        title__startswith="Draft Cheshire Local Area Agreement",
    )
    assert item.paper_list[0].title.startswith("Draft Cheshire Local Area Agreement")
    assert len(item.purpose_lines) == 6  # the lead-in and recommendations (i) to (v)
    assert item.purpose_lines[3].startswith("(iii) agree to the proposal in relation to geog")
    assert not item.decisions.exists()  # what was decided is not in the report
    assert "Illustrative date" in item.meeting.note

    response = signed_in().get(f"/meetings/{item.meeting.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Appendix B: Performance management update" in page
    assert "(v) agree to the reformation and extension of the sub-group" in page


def test_the_cheshire_sign_in_is_its_secretariat_and_sees_its_wards(cheshire):
    membership = Membership.objects.get(person__user__email=EMAIL)
    assert membership.role == Membership.Role.SECRETARIAT
    assert membership.partnership.agreement == cheshire
    client = signed_in()
    assert client.get("/").status_code == 200
    response = client.get("/agreement/setup/areas/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Winsford Wharton" in page and "Priority" in page


def test_the_cheshire_sign_in_gets_404_on_an_essex_page(cheshire):
    essex = Partnership.objects.filter(agreement__slug=ESSEX).first()
    client = signed_in()
    assert client.get(f"/partnerships/{essex.pk}/").status_code == 404
    own = Partnership.objects.get(agreement=cheshire, slug="communities-of-cheshire")
    assert client.get(f"/partnerships/{own.pk}/").status_code == 200


def test_a_second_load_changes_no_row_counts(cheshire):
    def counts() -> dict[str, int]:
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    before = counts()
    cheshire_load(with_logins=True)
    assert counts() == before
