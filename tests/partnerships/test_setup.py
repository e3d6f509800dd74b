"""Setting up an agreement in the app's own pages (issue 16): a site administrator starts
it, its secretariat sets up the rest; everyone else is refused."""

import datetime as dt

import pytest
from django.core import mail

from partnerships.models import (
    Agreement,
    Area,
    Invitation,
    Membership,
    Organisation,
    Outcome,
    Partnership,
    Person,
    Theme,
)
from tests.factories import (
    make_agreement,
    make_organisation,
    make_outcome,
    make_partnership,
    make_person,
    make_theme,
    make_user,
    with_version,
)

pytestmark = pytest.mark.django_db

SETUP_PAGES = [
    "/agreement/setup/",
    "/agreement/setup/themes/",
    "/agreement/setup/themes/add/",
    "/agreement/setup/outcomes/add/",
    "/agreement/setup/partnerships/add/",
    "/agreement/setup/organisations/add/",
    "/agreement/setup/people/",
    "/agreement/setup/people/add/",
    "/agreement/setup/areas/",
]

START = "/agreement/start/"


def start_data(**changes: object) -> dict[str, object]:
    data = {
        "name": "Suffolk LAA 2008–11",
        "area": "",
        "area_name": "Suffolk",
        "area_code": "42",
        "area_kind": "county",
        "starts_on": "2008-04-01",
        "ends_on": "2011-03-31",
        "period_type": "quarterly",
        "governance_name": "Suffolk Public Sector Leaders",
        "governance_kind": "board",
        "secretariat_name": "Jo Bloggs",
        "secretariat_email": "Jo.Bloggs@Suffolk.example",
        "secretariat_organisation": "Suffolk County Council",
    }
    return {**data, **changes}


@pytest.fixture
def essex_area(world):
    world.essex.area = Area.objects.create(code="22", name="Essex", kind=Area.Kind.COUNTY)
    world.essex.save()
    return world.essex.area


def make_district(county: Area, name: str = "Basildon", code: str = "22UB") -> Area:
    return Area.objects.create(code=code, name=name, kind=Area.Kind.DISTRICT, parent=county)


# --- starting an agreement -------------------------------------------------------------


def test_a_site_administrator_starts_an_agreement_and_invites_its_secretariat(as_user, db):
    admin = make_user("admin@example.test", is_staff=True)

    response = as_user(admin).post(START, start_data())

    assert response.status_code == 302
    agreement = Agreement.objects.get(name="Suffolk LAA 2008–11")
    assert agreement.area.name == "Suffolk" and agreement.area.kind == Area.Kind.COUNTY
    assert agreement.period_type == Agreement.PeriodType.QUARTERLY
    assert (agreement.starts_on, agreement.ends_on) == (dt.date(2008, 4, 1), dt.date(2011, 3, 31))
    body = agreement.partnerships.get()
    assert (body.name, body.kind) == ("Suffolk Public Sector Leaders", Partnership.Kind.BOARD)
    person = agreement.people.get()
    assert (person.name, person.email) == ("Jo Bloggs", "jo.bloggs@suffolk.example")
    assert person.organisation.name == "Suffolk County Council"
    assert Membership.objects.current().get(person=person).role == Membership.Role.SECRETARIAT
    invitation = Invitation.objects.get()
    assert (invitation.person, invitation.created_by) == (person, admin)
    assert [m.to for m in mail.outbox] == [["jo.bloggs@suffolk.example"]]
    assert agreement.history.count() == 1


def test_starting_an_agreement_can_use_an_existing_area(as_user, db):
    admin = make_user("admin@example.test", is_staff=True)
    area = Area.objects.create(code="00HA", name="Bath", kind=Area.Kind.UNITARY)
    data = start_data(area=area.pk, area_name="", area_code="")
    assert as_user(admin).post(START, data).status_code == 302
    assert Agreement.objects.get().area == area


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the name of the agreement."),
        ({"ends_on": "2008-03-01"}, "The agreement must end after the day it starts."),
        ({"starts_on": "1 Aprill"}, "Enter the day the agreement starts as a date."),
        ({"area_name": ""}, "Choose the area, or enter the new area&#x27;s name."),
        ({"area_code": ""}, "Enter the new area&#x27;s ONS code."),
        ({"secretariat_email": "jo"}, "Enter an e-mail address in the right form"),
        ({"governance_kind": "thematic"}, "Select a valid choice."),
        (
            {"secretariat_organisation": ""},
            "Enter the first secretariat member&#x27;s organisation.",
        ),
    ],
)
def test_starting_an_agreement_with_bad_input_says_what_is_wrong(as_user, db, changes, message):
    admin = make_user("admin@example.test", is_staff=True)
    response = as_user(admin).post(START, start_data(**changes))
    assert response.status_code == 200
    assert message in response.text
    assert not Agreement.objects.exists() and not Area.objects.exists()


def test_an_agreement_name_already_taken_is_refused(as_user, world):
    admin = make_user("admin@example.test", is_staff=True)
    response = as_user(admin).post(START, start_data(name="essex laa"))
    assert "There is already an agreement called essex laa." in response.text


@pytest.mark.parametrize("persona", ["secretariat", "lead", "chair", "observer", "outsider"])
def test_only_a_site_administrator_starts_an_agreement(world, as_user, persona):
    client = as_user(getattr(world, persona))
    assert client.get(START).status_code == 403
    assert client.post(START, start_data()).status_code == 403
    assert not Agreement.objects.filter(name__startswith="Suffolk").exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_start_an_agreement(as_user, db):
    response = as_user(None).get(START)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- who may use the setup pages --------------------------------------------------------


@pytest.mark.parametrize("url", SETUP_PAGES)
def test_the_secretariat_opens_every_setup_page(world, as_user, essex_area, url):
    assert as_user(world.secretariat).get(url).status_code == 200


@pytest.mark.parametrize("url", SETUP_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(world, as_user, url):
    response = as_user(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", SETUP_PAGES)
@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer", "outsider"])
def test_anyone_but_the_secretariat_is_refused_the_setup_pages(world, as_user, url, persona):
    assert as_user(getattr(world, persona)).get(url).status_code == 403


def essex_edit_urls(world, county: Area) -> list[str]:
    theme = make_theme(world.essex)
    district = make_district(county)
    return [
        f"/agreement/setup/themes/{theme.pk}/edit/",
        f"/agreement/setup/outcomes/{make_outcome(theme).pk}/edit/",
        f"/agreement/setup/organisations/{make_organisation(world.essex).pk}/edit/",
        f"/agreement/setup/people/{make_person(world.essex).pk}/edit/",
        f"/agreement/setup/areas/{district.pk}/edit/",
    ]


def test_an_outsider_gets_404_for_another_agreements_records(world, as_user, essex_area):
    client = as_user(world.outsider)
    for url in essex_edit_urls(world, essex_area):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Mine", "version": 1}).status_code == 404, url


@pytest.mark.parametrize("persona", ["lead", "chair", "observer"])
def test_lead_chair_and_observer_may_not_change_setup_records(world, as_user, essex_area, persona):
    client = as_user(getattr(world, persona))
    for url in essex_edit_urls(world, essex_area):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "Mine", "title": "Mine", "version": 1}).status_code == 403
    assert not Theme.objects.filter(name="Mine").exists()
    assert not Organisation.objects.filter(name="Mine").exists()


def test_the_structure_page_links_the_setup_for_the_secretariat_only(world, as_user):
    assert "/agreement/setup/" in as_user(world.secretariat).get("/agreement/").text
    assert "/agreement/setup/" not in as_user(world.lead).get("/agreement/").text


# --- themes and outcomes ----------------------------------------------------------------


def test_the_secretariat_adds_a_theme_and_outcomes_with_owners(world, as_user):
    client = as_user(world.secretariat)
    owner = world.person(world.lead)
    response = client.post(
        "/agreement/setup/themes/add/",
        {"code": "SSC", "name": "Safer and stronger", "partnership": world.safer.pk, "order": 1},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(name="Safer and stronger")
    assert theme.agreement == world.essex and theme.partnership == world.safer

    outcome_data = {"theme": theme.pk, "title": "Fewer repeat victims", "priority": 1, "order": 0}
    client.post("/agreement/setup/outcomes/add/", {**outcome_data, "owner": owner.pk})
    outcome = Outcome.objects.get(title="Fewer repeat victims")
    assert (outcome.owner, outcome.priority) == (owner, Outcome.Priority.ONE)
    sub = {**outcome_data, "title": "More IDVAs", "parent": outcome.pk, "priority": 2}
    assert client.post("/agreement/setup/outcomes/add/", sub).status_code == 302
    assert Outcome.objects.get(title="More IDVAs").parent == outcome
    assert "More IDVAs" in client.get("/agreement/setup/themes/").text


def test_an_edit_keeps_history(world, as_user):
    theme = make_theme(world.essex)
    data = with_version(theme, {"name": "Safer places", "order": 0})
    assert (
        as_user(world.secretariat)
        .post(f"/agreement/setup/themes/{theme.pk}/edit/", data)
        .status_code
        == 302
    )
    assert [h.name for h in theme.history.all()] == ["Safer places", "Safer communities"]


def test_a_sub_outcome_must_be_under_the_same_theme(world, as_user):
    outcome = make_outcome(make_theme(world.essex, "Health"))
    other = make_theme(world.essex, "Economy")
    data = {"theme": other.pk, "parent": outcome.pk, "title": "X", "priority": 2, "order": 0}
    response = as_user(world.secretariat).post("/agreement/setup/outcomes/add/", data)
    assert "Fewer repeat victims is under another theme, Health." in response.text
    assert not Outcome.objects.filter(title="X").exists()


def test_an_outcome_may_not_use_another_agreements_theme_or_owner(world, as_user):
    theme = make_theme(world.hereford)
    outsider = world.person(world.outsider)
    data = {"theme": theme.pk, "owner": outsider.pk, "title": "X", "priority": 2, "order": 0}
    response = as_user(world.secretariat).post("/agreement/setup/outcomes/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Outcome.objects.filter(title="X").exists()


def test_the_theme_list_has_bounded_queries(world, as_user, django_assert_max_num_queries):
    for n in range(5):
        theme = make_theme(world.essex, f"Theme {n}")
        for m in range(4):
            parent = make_outcome(theme, f"Outcome {n}.{m}", owner=world.person(world.lead))
            make_outcome(theme, f"Sub {n}.{m}", parent=parent)
    client = as_user(world.secretariat)
    with django_assert_max_num_queries(12):
        assert client.get("/agreement/setup/themes/").status_code == 200


# --- partnerships and the "reports to" tree ---------------------------------------------


def test_the_secretariat_adds_a_partnership_of_any_kind(world, as_user):
    data = {"name": "Basildon CDRP", "kind": "cdrp", "reports_to": world.safer.pk}
    response = as_user(world.secretariat).post("/agreement/setup/partnerships/add/", data)
    assert response.status_code == 302
    cdrp = Partnership.objects.get(name="Basildon CDRP")
    assert (cdrp.agreement, cdrp.kind, cdrp.reports_to) == (world.essex, "cdrp", world.safer)
    assert cdrp.slug == "basildon-cdrp"


def test_a_partnership_name_already_used_is_refused(world, as_user):
    data = {"name": "safer essex", "kind": "thematic"}
    response = as_user(world.secretariat).post("/agreement/setup/partnerships/add/", data)
    assert "There is already a partnership called safer essex." in response.text


def test_the_secretariat_moves_a_partnership_in_the_tree(world, as_user):
    data = with_version(world.cwop, {"name": world.cwop.name, "kind": "thematic"})
    data["reports_to"] = world.safer.pk
    response = as_user(world.secretariat).post(f"/partnerships/{world.cwop.pk}/edit/", data)
    assert response.status_code == 302
    world.cwop.refresh_from_db()
    assert world.cwop.reports_to == world.safer


def test_a_reporting_cycle_is_refused_with_a_clear_message(world, as_user):
    district = make_partnership(world.essex, "Basildon CDRP", reports_to=world.safer)
    data = with_version(world.pmg, {"name": world.pmg.name, "kind": "management_group"})
    data["reports_to"] = district.pk

    response = as_user(world.secretariat).post(f"/partnerships/{world.pmg.pk}/edit/", data)

    assert response.status_code == 200
    assert (
        "LAA Performance Management Group cannot report to Basildon CDRP: Basildon CDRP "
        "reports to Safer Essex reports to LAA Performance Management Group"
    ) in response.text
    world.pmg.refresh_from_db()
    assert world.pmg.reports_to is None


def test_a_lead_edits_their_partnership_without_moving_it(world, as_user):
    page = as_user(world.lead).get(f"/partnerships/{world.safer.pk}/edit/").text
    assert 'name="reports_to"' not in page
    assert (
        'name="reports_to"'
        in as_user(world.secretariat).get(f"/partnerships/{world.safer.pk}/edit/").text
    )


def test_the_setup_page_has_bounded_queries(world, as_user, django_assert_max_num_queries):
    for n in range(10):
        make_partnership(world.essex, f"Partnership {n}", reports_to=world.safer)
        make_organisation(world.essex, f"Organisation {n}")
    client = as_user(world.secretariat)
    with django_assert_max_num_queries(10):
        assert client.get("/agreement/setup/").status_code == 200


def test_roles_are_given_on_the_existing_add_a_member_page(world, as_user):
    page = as_user(world.secretariat).get("/agreement/setup/").text
    assert f"/partnerships/{world.safer.pk}/members/add/" in page


# --- organisations and people -----------------------------------------------------------


def test_the_secretariat_adds_and_renames_an_organisation(world, as_user):
    client = as_user(world.secretariat)
    client.post("/agreement/setup/organisations/add/", {"name": "Essex Police", "kind": "police"})
    organisation = Organisation.objects.get(name="Essex Police", agreement=world.essex)
    url = f"/agreement/setup/organisations/{organisation.pk}/edit/"
    data = with_version(organisation, {"name": "Essex Police Authority", "kind": "police"})
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Essex Police Authority"


def test_an_organisation_name_already_used_is_refused(world, as_user):
    make_organisation(world.essex, "Essex Police")
    data = {"name": "essex police", "kind": "police"}
    response = as_user(world.secretariat).post("/agreement/setup/organisations/add/", data)
    assert "There is already an organisation called essex police." in response.text
    assert Organisation.objects.filter(agreement=world.essex).count() == 1


def test_the_secretariat_adds_a_person(world, as_user):
    police = make_organisation(world.essex, "Essex Police")
    data = {"name": "Sam Grant", "organisation": police.pk, "email": "sam@example.test"}
    response = as_user(world.secretariat).post("/agreement/setup/people/add/", data)
    assert response.status_code == 302
    person = Person.objects.get(name="Sam Grant")
    assert (person.agreement, person.organisation) == (world.essex, police)


def test_a_person_without_a_name_or_with_a_bad_email_is_refused(world, as_user):
    data = {"name": "", "email": "sam"}
    response = as_user(world.secretariat).post("/agreement/setup/people/add/", data)
    assert "Enter the person&#x27;s full name." in response.text
    assert "Enter an e-mail address in the right form." in response.text


def test_the_people_list_has_bounded_queries(world, as_user, django_assert_max_num_queries):
    police = make_organisation(world.essex, "Essex Police")
    for n in range(60):
        make_person(world.essex, f"Person {n}", organisation=police)
    client = as_user(world.secretariat)
    with django_assert_max_num_queries(10):
        assert client.get("/agreement/setup/people/").status_code == 200


# --- districts, wards and priority neighbourhoods ---------------------------------------


def test_the_secretariat_adds_districts_and_priority_wards(world, as_user, essex_area):
    client = as_user(world.secretariat)
    client.post("/agreement/setup/areas/add/?kind=district", {"name": "Basildon", "code": "22UB"})
    district = Area.objects.get(code="22UB")
    assert (district.kind, district.parent) == (Area.Kind.DISTRICT, essex_area)

    ward = {"name": "Vange", "code": "22UBHA", "parent": district.pk, "is_priority": "on"}
    assert client.post("/agreement/setup/areas/add/?kind=ward", ward).status_code == 302
    vange = Area.objects.get(code="22UBHA")
    assert (vange.kind, vange.parent, vange.is_priority) == (Area.Kind.WARD, district, True)
    page = client.get("/agreement/setup/areas/").text
    assert "Basildon" in page and "Vange" in page and "Priority" in page


def test_a_ward_needs_a_district_of_the_agreement_and_a_new_code(world, as_user, essex_area):
    elsewhere = make_district(
        Area.objects.create(code="E1", name="Herefordshire", kind=Area.Kind.UNITARY), "X", "X1"
    )
    make_district(essex_area)
    ward = {"name": "Vange", "code": "22UB", "parent": elsewhere.pk}
    response = as_user(world.secretariat).post("/agreement/setup/areas/add/?kind=ward", ward)
    assert "Select a valid choice" in response.text
    assert "Another area already has this ONS code." in response.text
    assert not Area.objects.filter(name="Vange").exists()


def test_the_area_list_has_bounded_queries(
    world, as_user, essex_area, django_assert_max_num_queries
):
    for d in range(5):
        district = make_district(essex_area, f"District {d}", f"D{d}")
        for w in range(6):
            Area.objects.create(
                code=f"D{d}W{w}", name=f"Ward {w}", kind=Area.Kind.WARD, parent=district
            )
    client = as_user(world.secretariat)
    with django_assert_max_num_queries(10):
        assert client.get("/agreement/setup/areas/").status_code == 200


@pytest.mark.parametrize("persona", ["lead", "chair", "observer"])
def test_adding_is_refused_to_anyone_but_the_secretariat(world, as_user, persona):
    client = as_user(getattr(world, persona))
    assert client.post("/agreement/setup/themes/add/", {"name": "Mine"}).status_code == 403
    data = {"name": "Mine", "kind": "thematic"}
    assert client.post("/agreement/setup/partnerships/add/", data).status_code == 403
    assert client.post("/agreement/setup/people/add/", {"name": "Mine"}).status_code == 403
    assert not Theme.objects.filter(name="Mine").exists()
    assert not Partnership.objects.filter(name="Mine").exists()
    assert not Person.objects.filter(name="Mine").exists()


def test_an_outcome_with_sub_outcomes_cannot_become_one(world, as_user):
    theme = make_theme(world.essex)
    top, other = make_outcome(theme, "Top"), make_outcome(theme, "Other")
    make_outcome(theme, "Sub", parent=top)
    data = with_version(top, {"theme": theme.pk, "parent": other.pk, "title": "Top"})
    data.update(priority=2, order=0)
    response = as_user(world.secretariat).post(f"/agreement/setup/outcomes/{top.pk}/edit/", data)
    assert "This outcome has sub-outcomes of its own, so it cannot be one." in response.text
    top.refresh_from_db()
    assert top.parent is None


def test_a_district_another_agreement_shares_is_not_changed_by_one_secretariat(
    world, as_user, essex_area
):
    """Agreements on the same county share its districts and wards: one secretariat may
    add new ones, but not rename or re-target the others' (found in review)."""
    basildon = make_district(essex_area)
    make_agreement("Essex LAA 2011-14", area=essex_area)
    client = as_user(world.secretariat)
    response = client.post(
        f"/agreement/setup/areas/{basildon.pk}/edit/", {"name": "Renamed", "code": "22UB"}
    )
    assert response.status_code == 403
    basildon.refresh_from_db()
    assert basildon.name == "Basildon"
    added = {"name": "Braintree", "code": "22UC"}
    assert client.post("/agreement/setup/areas/add/?kind=district", added).status_code == 302
