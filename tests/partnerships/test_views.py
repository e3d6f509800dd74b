"""Partnership pages: who sees what, who changes what."""

import re

import pytest

from partnerships.models import Membership
from tests.factories import make_outcome, make_person, make_theme, with_version

pytestmark = pytest.mark.django_db

READ_URLS = [
    "/partnerships/",
    "/people/",
    "/organisations/",
    "/agreement/",
]


@pytest.mark.parametrize("url", [*READ_URLS, "/"])
def test_anonymous_is_sent_to_sign_in(world, as_user, url):
    response = as_user(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", READ_URLS)
@pytest.mark.parametrize("persona", ["secretariat", "lead", "other_lead", "chair", "observer"])
def test_everyone_in_the_agreement_reads_its_pages(world, as_user, url, persona):
    response = as_user(getattr(world, persona)).get(url)
    assert response.status_code == 200
    assert "Essex" in response.text or url != "/agreement/"


def test_partnership_list_shows_only_the_users_agreement(world, as_user):
    essex_page = as_user(world.lead).get("/partnerships/").text
    hereford_page = as_user(world.outsider).get("/partnerships/").text
    assert "Safer Essex" in essex_page
    assert "Herefordshire Partnership Management Group" not in essex_page
    assert "Safer Essex" not in hereford_page


def test_partnership_detail_shows_members_by_role_and_governance(world, as_user):
    response = as_user(world.observer).get(f"/partnerships/{world.safer.pk}/")
    assert response.status_code == 200
    assert "Alan Dawkes" in response.text
    assert "LAA Performance Management Group" in response.text  # reports to


def test_outsider_gets_404_for_another_agreements_records(world, as_user):
    client = as_user(world.outsider)
    person = world.person(world.lead)
    assert client.get(f"/partnerships/{world.safer.pk}/").status_code == 404
    assert client.get(f"/partnerships/{world.safer.pk}/edit/").status_code == 404
    assert client.get(f"/people/{person.pk}/").status_code == 404
    assert client.get(f"/organisations/{world.essex.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("secretariat", 200), ("lead", 200), ("other_lead", 403), ("chair", 403), ("observer", 403)],
)
def test_only_lead_or_secretariat_may_edit_a_partnership(world, as_user, persona, status):
    response = as_user(getattr(world, persona)).get(f"/partnerships/{world.safer.pk}/edit/")
    assert response.status_code == status


@pytest.mark.parametrize("persona", ["other_lead", "observer", "chair"])
def test_refused_edit_posts_change_nothing(world, as_user, persona):
    response = as_user(getattr(world, persona)).post(
        f"/partnerships/{world.safer.pk}/edit/", {"name": "Hijacked", "quorum": 3}
    )
    assert response.status_code == 403
    world.safer.refresh_from_db()
    assert world.safer.name == "Safer Essex"


def test_lead_edits_their_partnership_and_history_records_it(world, as_user):
    response = as_user(world.lead).post(
        f"/partnerships/{world.safer.pk}/edit/",
        with_version(
            world.safer,
            {"name": "Safer Essex", "short_name": "SE", "description": "Crime and safety",
             "quorum": 6},
        ),
    )  # fmt: skip
    assert response.status_code == 302
    world.safer.refresh_from_db()
    assert world.safer.quorum == 6
    latest = world.safer.history.first()
    assert latest.history_user == world.lead
    assert latest.quorum == 6


def test_invalid_edit_shows_a_specific_error_and_saves_nothing(world, as_user):
    response = as_user(world.lead).post(
        f"/partnerships/{world.safer.pk}/edit/", {"name": "", "quorum": -2}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    world.safer.refresh_from_db()
    assert world.safer.name == "Safer Essex"


def test_confirming_a_deputy_lead_is_one_dated_change(world, as_user):
    sam = make_person(world.essex, "Sam Grant")
    response = as_user(world.lead).post(
        f"/partnerships/{world.safer.pk}/members/add/",
        {
            "person": sam.pk,
            "role": "deputy_lead",
            "starts_on": "2009-03-27",
            "note": "Confirmed at PMG",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=sam)
    assert membership.role == Membership.Role.DEPUTY_LEAD
    assert str(membership.starts_on) == "2009-03-27"
    page = as_user(world.observer).get(f"/partnerships/{world.safer.pk}/").text
    assert "Sam Grant" in page and "Deputy lead" in page


def test_adding_someone_already_in_that_role_is_refused_clearly(world, as_user):
    alan = world.person(world.lead)
    response = as_user(world.secretariat).post(
        f"/partnerships/{world.safer.pk}/members/add/",
        {"person": alan.pk, "role": "lead", "starts_on": "2009-01-01"},
    )
    assert response.status_code == 200
    assert "Alan Dawkes is already lead of Safer Essex" in response.text
    assert Membership.objects.filter(person=alan).count() == 1


def test_cannot_add_a_person_from_another_agreement(world, as_user):
    stranger = world.person(world.outsider)
    response = as_user(world.secretariat).post(
        f"/partnerships/{world.safer.pk}/members/add/",
        {"person": stranger.pk, "role": "member", "starts_on": "2009-01-01"},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(person=stranger, partnership=world.safer).exists()


def test_ending_a_role_keeps_it_as_a_former_membership(world, as_user):
    sam = make_person(world.essex, "Sam Grant")
    membership = Membership.objects.create(person=sam, partnership=world.safer, role="member")
    response = as_user(world.lead).post(
        f"/memberships/{membership.pk}/end/", {"ends_on": "2009-06-30"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert str(membership.ends_on) == "2009-06-30"
    assert "Former members" in as_user(world.lead).get(f"/partnerships/{world.safer.pk}/").text


@pytest.mark.parametrize(
    ("persona", "status"), [("observer", 403), ("other_lead", 403), ("outsider", 404)]
)
def test_ending_a_role_is_refused_to_the_wrong_people(world, as_user, persona, status):
    membership = Membership.objects.get(partnership=world.safer, role="lead")
    response = as_user(getattr(world, persona)).post(
        f"/memberships/{membership.pk}/end/", {"ends_on": "2009-06-30"}
    )
    assert response.status_code == status
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_people_search_filters_by_name(world, as_user):
    response = as_user(world.lead).get("/people/", {"q": "dawkes"})
    assert "Alan Dawkes" in response.text
    assert "Ewen Wilson" not in response.text


@pytest.mark.parametrize("url", READ_URLS)
def test_list_pages_run_a_bounded_number_of_queries(
    world, as_user, url, django_assert_max_num_queries
):
    for n in range(30):
        person = make_person(world.essex, f"Extra {n}")
        Membership.objects.create(person=person, partnership=world.safer, role="member")
    client = as_user(world.lead)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_home_shows_the_persons_partnerships_and_role(world, as_user):
    response = as_user(world.lead).get("/")
    assert response.status_code == 200
    assert "Safer Essex" in response.text
    assert "Lead" in response.text


def test_user_in_no_agreement_is_told_so(db, as_user):
    from tests.factories import make_user

    response = as_user(make_user("nobody@example.test")).get("/")
    assert "You are not in an agreement yet" in response.text
    assert as_user(make_user("nobody2@example.test")).get("/partnerships/").status_code == 404


def test_a_partnerships_outcomes_are_listed_in_order_with_their_sub_outcomes(world, as_user):
    theme = make_theme(world.essex, "Safer communities", partnership=world.safer)
    se1 = make_outcome(theme, "Fewer repeat victims", code="SE1", order=1)
    se2 = make_outcome(theme, "Less re-offending", code="SE2", order=2)
    make_outcome(theme, "MARAC in every district", code="SE1.1", order=1, parent=se1)
    make_outcome(theme, "Prolific offenders", code="SE2.1", order=1, parent=se2)
    page = as_user(world.observer).get(world.safer.get_absolute_url()).content.decode()
    listed = re.findall(r"<li>(SE[\d.]+) ", page)
    assert listed == ["SE1", "SE1.1", "SE2", "SE2.1"]


def test_the_agreement_caption_names_its_years_once(world, as_user):
    world.essex.name = "Essex Local Area Agreement 2008–2011"
    world.essex.save()
    page = as_user(world.lead).get("/agreement/").content.decode()
    assert "Essex Local Area Agreement 2008–2011</span>" in page
