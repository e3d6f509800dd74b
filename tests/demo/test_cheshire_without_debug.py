"""Without DEBUG the Cheshire load makes no sign-in (in its own module: tests/demo/
test_cheshire.py keeps one loaded with its sign-in for all its tests)."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.cheshire import cheshire_load
from partnerships.models import Membership

pytestmark = pytest.mark.django_db


def test_without_debug_no_cheshire_sign_in_is_made(settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=StringIO())
    cheshire_load(with_logins=False)
    assert not Membership.objects.filter(person__user__email="cheshire@demo.test").exists()
