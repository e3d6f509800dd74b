"""Who may grant, change or end which role (issue 14: a lead could make anyone secretariat).

One rule: the secretariat grants and ends any role in its agreement; a lead (or deputy)
manages the members and deputy leads of their own partnership, never the secretariat,
chair, vice-chair, lead or observer roles and never their own; nobody else manages roles.
A change of role is an end and an add, each dated and each held by the same rule, so the
matrix below walks granter × granted role × own/other partnership × add/end.
"""

import pytest

from partnerships.models import Membership
from tests.factories import make_member_with_login, make_membership, make_person

Role = Membership.Role
ALL_ROLES = [role.value for role in Role]
LEAD_MAY = {Role.MEMBER, Role.DEPUTY_LEAD}


def _granter(world, name):
    if name == "deputy_lead":
        user, _ = make_member_with_login(world.safer, Role.DEPUTY_LEAD, "deputy@example.test")
        return user
    if name == "member":
        user, _ = make_member_with_login(world.safer, Role.MEMBER, "member@example.test")
        return user
    return getattr(world, name)


def _expected(granter: str, role: str, own: bool) -> int:
    if granter == "outsider":
        return 404
    if granter == "secretariat":
        return 302
    if granter in ("lead", "deputy_lead") and own and role in LEAD_MAY:
        return 302
    return 403


GRANTERS = ["secretariat", "lead", "deputy_lead", "chair", "member", "observer", "outsider"]


@pytest.mark.parametrize("own", [True, False], ids=["own-partnership", "other-partnership"])
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("granter", GRANTERS)
def test_adding_a_role_follows_the_one_rule(world, as_user, granter, role, own):
    user = _granter(world, granter)
    partnership = world.safer if own else world.cwop
    newcomer = make_person(world.essex, "Newcomer")
    response = as_user(user).post(
        f"/partnerships/{partnership.pk}/members/add/",
        {"person": newcomer.pk, "role": role, "starts_on": "2009-04-01"},
    )
    expected = _expected(granter, role, own)
    assert response.status_code == expected
    written = Membership.objects.filter(person=newcomer, role=role).exists()
    assert written == (expected == 302)


@pytest.mark.parametrize("own", [True, False], ids=["own-partnership", "other-partnership"])
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("granter", GRANTERS)
def test_ending_a_role_follows_the_one_rule(world, as_user, granter, role, own):
    user = _granter(world, granter)
    partnership = world.safer if own else world.cwop
    someone = make_person(world.essex, "Someone")
    membership = make_membership(someone, partnership, role)
    response = as_user(user).post(f"/memberships/{membership.pk}/end/", {"ends_on": "2009-06-30"})
    expected = _expected(granter, role, own)
    assert response.status_code == expected
    membership.refresh_from_db()
    assert (membership.ends_on is not None) == (expected == 302)


def test_anonymous_cannot_add_or_end_a_role(world, as_user):
    newcomer = make_person(world.essex, "Newcomer")
    response = as_user(None).post(
        f"/partnerships/{world.safer.pk}/members/add/",
        {"person": newcomer.pk, "role": "secretariat", "starts_on": "2009-04-01"},
    )
    assert response.status_code == 302 and "/accounts/login/" in response.url
    lead = Membership.objects.get(partnership=world.safer, role=Role.LEAD)
    response = as_user(None).post(f"/memberships/{lead.pk}/end/", {"ends_on": "2009-06-30"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Membership.objects.filter(person=newcomer).exists()
    lead.refresh_from_db()
    assert lead.ends_on is None


def test_a_lead_cannot_make_themselves_or_the_observer_secretariat(world, as_user):
    """The outside test's escalation: CWOP's lead added themselves as secretariat."""
    client = as_user(world.other_lead)
    for person in (world.person(world.other_lead), world.person(world.observer)):
        response = client.post(
            f"/partnerships/{world.cwop.pk}/members/add/",
            {"person": person.pk, "role": "secretariat", "starts_on": "2009-04-01"},
        )
        assert response.status_code == 403
    assert (
        not Membership.objects.filter(role=Role.SECRETARIAT)
        .exclude(person=world.person(world.secretariat))
        .exists()
    )
    assert client.get(f"/partnerships/{world.safer.pk}/edit/").status_code == 403


def test_a_lead_cannot_grant_or_end_their_own_role(world, as_user):
    alan = world.person(world.lead)
    client = as_user(world.lead)
    response = client.post(
        f"/partnerships/{world.safer.pk}/members/add/",
        {"person": alan.pk, "role": "deputy_lead", "starts_on": "2009-04-01"},
    )
    assert response.status_code == 403
    own = Membership.objects.get(person=alan)
    response = client.post(f"/memberships/{own.pk}/end/", {"ends_on": "2009-06-30"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.ends_on is None
    assert Membership.objects.filter(person=alan).count() == 1


def test_the_form_offers_a_lead_only_what_they_may_grant(world, as_user):
    page = as_user(world.lead).get(f"/partnerships/{world.safer.pk}/members/add/").text
    assert 'value="member"' in page and 'value="deputy_lead"' in page
    for role in ("secretariat", "chair", "vice_chair", "observer", '"lead"'):
        assert f'value="{role.strip(chr(34))}"' not in page
    assert "Alan Dawkes" not in page  # not offered to themselves


def test_the_form_offers_the_secretariat_every_role(world, as_user):
    page = as_user(world.secretariat).get(f"/partnerships/{world.safer.pk}/members/add/").text
    for role in ALL_ROLES:
        assert f'value="{role}"' in page


def test_the_partnership_page_offers_a_lead_to_end_only_what_they_may(world, as_user):
    sam = make_person(world.essex, "Sam Grant")
    member = make_membership(sam, world.safer, Role.MEMBER)
    alan_lead = Membership.objects.get(partnership=world.safer, role=Role.LEAD)
    page = as_user(world.lead).get(f"/partnerships/{world.safer.pk}/").text
    assert f"/memberships/{member.pk}/end/" in page
    assert f"/memberships/{alan_lead.pk}/end/" not in page


def test_ending_ones_own_secretariat_role_asks_to_confirm(world, as_user):
    make_member_with_login(world.pmg, Role.SECRETARIAT, "second@example.test")
    own = Membership.objects.get(person=world.person(world.secretariat))
    client = as_user(world.secretariat)
    response = client.post(f"/memberships/{own.pk}/end/", {"ends_on": "2009-06-30"})
    assert response.status_code == 200
    assert "End your own role as secretariat?" in response.text
    own.refresh_from_db()
    assert own.ends_on is None
    response = client.post(f"/memberships/{own.pk}/end/", {"ends_on": "2009-06-30", "confirm": "1"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert str(own.ends_on) == "2009-06-30"


def test_the_last_secretariat_member_cannot_be_removed(world, as_user):
    own = Membership.objects.get(person=world.person(world.secretariat))
    response = as_user(world.secretariat).post(
        f"/memberships/{own.pk}/end/", {"ends_on": "2009-06-30", "confirm": "1"}, follow=True
    )
    assert "the agreement&#x27;s last secretariat member" in response.text
    own.refresh_from_db()
    assert own.ends_on is None


def test_a_secretariat_member_ending_before_the_only_other_cannot_leave_none(world, as_user):
    """Another secretariat member who leaves first does not count as cover."""
    other = make_person(world.essex, "Leaving soon")
    make_membership(other, world.pmg, Role.SECRETARIAT, ends_on="2009-05-31")
    own = Membership.objects.get(person=world.person(world.secretariat))
    as_user(world.secretariat).post(
        f"/memberships/{own.pk}/end/", {"ends_on": "2009-06-30", "confirm": "1"}
    )
    own.refresh_from_db()
    assert own.ends_on is None


def test_a_bad_last_day_is_refused_with_a_message(world, as_user):
    sam = make_person(world.essex, "Sam Grant")
    member = make_membership(sam, world.safer, Role.MEMBER, starts_on="2009-04-01")
    response = as_user(world.lead).post(
        f"/memberships/{member.pk}/end/", {"ends_on": "2009-03-01"}, follow=True
    )
    assert "The last day cannot be before the role started." in response.text
    response = as_user(world.lead).post(
        f"/memberships/{member.pk}/end/", {"ends_on": "soon"}, follow=True
    )
    assert "Enter the last day in the role as a date." in response.text
    member.refresh_from_db()
    assert member.ends_on is None
