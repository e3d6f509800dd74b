"""manage.py start_agreement: the command-line twin of /agreement/start/."""

import pytest
from django.core.management import CommandError, call_command

from partnerships.models import Agreement, Area, Membership

pytestmark = pytest.mark.django_db

ARGS = [
    "--name=Suffolk LAA 2008–11",
    "--area-name=Suffolk",
    "--area-code=42",
    "--starts-on=2008-04-01",
    "--ends-on=2011-03-31",
    "--governance-name=Suffolk Public Sector Leaders",
    "--secretariat-name=Jo Bloggs",
    "--secretariat-email=jo@example.test",
    "--secretariat-organisation=Suffolk County Council",
]


def test_the_command_starts_an_agreement_with_its_secretariat():
    call_command("start_agreement", *ARGS)
    agreement = Agreement.objects.get()
    assert agreement.area.code == "42"
    membership = Membership.objects.get()
    assert membership.role == Membership.Role.SECRETARIAT
    assert membership.person.invitations.get().email == "jo@example.test"


def test_the_command_uses_an_existing_area_named_by_its_code():
    area = Area.objects.create(code="42", name="Suffolk", kind=Area.Kind.COUNTY)
    call_command("start_agreement", *ARGS)
    assert Agreement.objects.get().area == area
    assert Area.objects.count() == 1


def test_the_command_refuses_bad_input_saying_why():
    with pytest.raises(CommandError, match="ends-on: The agreement must end after"):
        call_command("start_agreement", *ARGS, "--ends-on=2008-01-01")
    assert not Agreement.objects.exists() and not Area.objects.exists()
