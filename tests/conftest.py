"""Fixed personas, the same in every test module.

Essex (the agreement under test):
  secretariat – Essex Partnership Secretariat, changes everything in the agreement
  lead        – Safer Essex lead, owns Safer Essex's records
  other_lead  – CWOP lead: another partnership's lead, must not change Safer Essex's
  chair       – chair of the PMG
  observer    – GO East representative: reads everything, changes nothing
Herefordshire:
  outsider    – a member of another agreement: sees nothing of Essex (404)
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from partnerships.models import Agreement, Membership, Partnership, Person, User
from tests.factories import make_agreement, make_member_with_login, make_partnership

Role = Membership.Role

# Shared CI machines are slow and busy: judge properties by their examples, not by time.
hypothesis_settings.register_profile(
    "golden-thread", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("golden-thread")


def pytest_report_header(config: pytest.Config) -> str:
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"Golden Thread test database: {engine} ({settings.DATABASES['default']['NAME']})"


@dataclass
class World:
    essex: Agreement
    hereford: Agreement
    pmg: Partnership
    safer: Partnership
    cwop: Partnership
    hereford_pmg: Partnership
    secretariat: User
    lead: User
    other_lead: User
    chair: User
    observer: User
    outsider: User

    def person(self, user: User) -> Person:
        return user.people.get()


@pytest.fixture
def world(db: None) -> World:
    essex = make_agreement("Essex LAA")
    hereford = make_agreement("Herefordshire LAA", government_office="GO West Midlands")
    pmg = make_partnership(
        essex, "LAA Performance Management Group", Partnership.Kind.MANAGEMENT_GROUP
    )
    safer = make_partnership(essex, "Safer Essex", reports_to=pmg, short_name="Safer Essex")
    cwop = make_partnership(essex, "Community Wellbeing and Older People", reports_to=pmg)
    hereford_pmg = make_partnership(
        hereford, "Herefordshire Partnership Management Group", Partnership.Kind.MANAGEMENT_GROUP
    )
    secretariat, _ = make_member_with_login(pmg, Role.SECRETARIAT, "secretariat@example.test")
    lead, _ = make_member_with_login(safer, Role.LEAD, "lead@example.test", "Alan Dawkes")
    other_lead, _ = make_member_with_login(cwop, Role.LEAD, "cwop@example.test")
    chair, _ = make_member_with_login(pmg, Role.CHAIR, "chair@example.test", "Ewen Wilson")
    observer, _ = make_member_with_login(pmg, Role.OBSERVER, "observer@example.test")
    outsider, _ = make_member_with_login(hereford_pmg, Role.MEMBER, "hereford@example.test")
    return World(
        essex, hereford, pmg, safer, cwop, hereford_pmg,
        secretariat, lead, other_lead, chair, observer, outsider,
    )  # fmt: skip


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_user():
    """as_user(world.lead).get(url): a client signed in as that persona (None: anonymous)."""
    return client_for
