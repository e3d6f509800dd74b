"""`manage.py seed_demo`, the command `make run` uses: what the demo holds, who can sign in."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from partnerships.models import Membership, Partnership, Person, User

pytestmark = pytest.mark.django_db

DEMO_SIGN_INS = {
    # e-mail: (name, a partnership shown on their home page)
    "secretariat@demo.test": ("Gill Butterworth", "Performance Management Group"),
    "lead@demo.test": ("Alan Dawkes", "Safer Essex"),
    "lead2@demo.test": ("Loretta Sollars", "Community Wellbeing and Older People"),
    "chair@demo.test": ("Ewen Wilson", "Performance Management Group"),
    "observer@demo.test": ("Nathalie Collomb", "Performance Management Group"),
    "leicestershire@demo.test": ("Leicestershire Secretariat", "Leicestershire Together"),
    "cheshire@demo.test": ("Gerry Budd", "Communities of Cheshire Partnership"),
    "hereford@demo.test": (None, "Herefordshire Partnership Management Group"),
}


def seed(settings, *, debug: bool) -> str:
    settings.DEBUG = debug
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def role(person_name: str, partnership_name: str) -> str:
    membership = Membership.objects.current().get(
        person__name=person_name, partnership__name__contains=partnership_name
    )
    return membership.role


def test_a_second_run_changes_nothing_in_any_table(settings):
    seed(settings, debug=True)
    before = row_counts()
    seed(settings, debug=True)
    assert row_counts() == before


def test_without_debug_no_demo_sign_ins_are_made(settings):
    output = seed(settings, debug=False)
    assert not User.objects.filter(email__endswith="@demo.test").exists()
    assert "no demo sign-ins" in output
    assert Person.objects.filter(name="Alan Dawkes").exists()  # the demo itself is there


def test_the_essex_structure_and_people_are_as_the_seeds_name_them(settings):
    seed(settings, debug=True)
    ewen = Person.objects.get(name="Ewen Wilson")
    assert ewen.organisation.name == "Essex Police"
    assert role("Ewen Wilson", "Performance Management Group") == Membership.Role.CHAIR
    assert role("Alan Dawkes", "Safer Essex") == Membership.Role.LEAD
    assert role("Samantha Grant", "Safer Essex") == Membership.Role.DEPUTY_LEAD
    names = set(Partnership.objects.values_list("name", flat=True))
    assert {
        "Harlow LSP",
        "Rochford LSP",
        "Essex Management Board",
        "Essex Partnership Forum",
    } <= names
    assert Partnership.objects.filter(kind=Partnership.Kind.CDRP).count() >= 5
    safer = Partnership.objects.get(name="Safer Essex")
    assert "Performance Management Group" in safer.reports_to.name
    # Herefordshire: its management group and its policy and delivery groups.
    pmg = Partnership.objects.get(name="Herefordshire Partnership Management Group")
    groups = Partnership.objects.filter(
        agreement=pmg.agreement, kind=Partnership.Kind.POLICY_DELIVERY_GROUP
    )
    assert groups.count() >= 3


def test_each_demo_account_signs_in_with_the_form_and_sees_its_dashboard(settings):
    seed(settings, debug=True)  # once: loading the demo takes seconds
    for email, (name, partnership) in DEMO_SIGN_INS.items():
        response = Client().post(
            "/accounts/login/", {"username": email, "password": "demo"}, follow=True
        )
        assert response.redirect_chain[-1][0] == "/", email
        page = response.content.decode()
        assert partnership in page, email
        assert name is None or name in page, email
    assert "Essex" not in page.replace("Herefordshire", "")  # the last: Herefordshire's member
