"""The permission predicates, without views."""

import datetime as dt

import pytest

from partnerships.models import Membership
from partnerships.permissions import (
    can_chair,
    can_edit_partnership,
    can_manage_agreement,
    standing_from_memberships,
)
from tests.factories import make_membership, make_person

pytestmark = pytest.mark.django_db


def standing_of(world, user):
    person = world.person(user)
    return standing_from_memberships(
        world.essex, person, list(Membership.objects.current().filter(person=person))
    )


def test_secretariat_edits_every_partnership_and_manages_the_agreement(world):
    standing = standing_of(world, world.secretariat)
    assert can_manage_agreement(standing)
    assert all(can_edit_partnership(standing, p) for p in (world.pmg, world.safer, world.cwop))


def test_lead_edits_only_their_own_partnership(world):
    standing = standing_of(world, world.lead)
    assert can_edit_partnership(standing, world.safer)
    assert not can_edit_partnership(standing, world.cwop)
    assert not can_manage_agreement(standing)


def test_deputy_lead_edits_like_the_lead(world):
    deputy = make_person(world.essex, "Sam Grant")
    make_membership(deputy, world.safer, Membership.Role.DEPUTY_LEAD)
    standing = standing_from_memberships(world.essex, deputy, list(deputy.memberships.all()))
    assert can_edit_partnership(standing, world.safer)


def test_observer_changes_nothing(world):
    standing = standing_of(world, world.observer)
    assert standing.is_observer
    assert not can_manage_agreement(standing)
    assert not any(can_edit_partnership(standing, p) for p in (world.pmg, world.safer))
    assert not can_chair(standing, world.pmg)


def test_chair_chairs_their_partnership_only(world):
    standing = standing_of(world, world.chair)
    assert can_chair(standing, world.pmg)
    assert not can_chair(standing, world.safer)
    assert not can_edit_partnership(standing, world.safer)


def test_nobody_edits_a_partnership_of_another_agreement(world):
    standing = standing_of(world, world.secretariat)
    assert not can_edit_partnership(standing, world.hereford_pmg)


def test_a_role_that_has_ended_gives_no_rights(world):
    former = make_person(world.essex, "Former Lead")
    make_membership(
        former, world.cwop, Membership.Role.LEAD,
        starts_on=dt.date(2008, 4, 1), ends_on=dt.date(2009, 3, 31),
    )  # fmt: skip
    current = list(Membership.objects.current(dt.date(2009, 6, 1)).filter(person=former))
    standing = standing_from_memberships(world.essex, former, current)
    assert not can_edit_partnership(standing, world.cwop)


def test_a_role_that_has_not_started_gives_no_rights_yet(world):
    future = make_person(world.essex, "Incoming Lead")
    make_membership(future, world.cwop, Membership.Role.LEAD, starts_on=dt.date(2099, 1, 1))
    current = list(Membership.objects.current().filter(person=future))
    assert current == []
