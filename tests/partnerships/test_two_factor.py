"""Two-factor authentication: required for the secretariat and site administrators when
TWO_FACTOR_REQUIRED is on; an app's codes and recovery codes; resetting a lost device."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships import two_factor
from partnerships.models import SignedInSession, SignInEvent, Theme
from tests.conftest import client_for

THEME_ADD = "/agreement/setup/themes/add/"


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def set_up_app(client: Client, user) -> list[str]:
    """Sets up an authenticator app through the pages; returns the recovery codes shown."""
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post("/account/two-factor/set-up/", {"code": str(totp(device.bin_key))})
    assert page.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.text)


def password_sign_in(user, password: str = "pass-word-1") -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": password})
    assert response.status_code == 302
    return client


def test_a_secretariat_member_without_a_second_factor_is_sent_to_set_one_up(required, world):
    response = client_for(world.secretariat).get("/people/")
    assert response.status_code == 302
    assert response["Location"] == "/account/two-factor/set-up/?next=%2Fpeople%2F"


def test_and_cannot_change_data_until_they_have(required, world):
    client = client_for(world.secretariat)
    response = client.post(THEME_ADD, {"name": "Stronger communities"})
    assert response.status_code == 403
    assert "Set up two-factor authentication first" in response.text
    assert "Nothing was changed" in response.text
    assert not Theme.objects.exists()
    set_up_app(client, world.secretariat)
    assert client.get("/people/").status_code == 200
    assert client.post(THEME_ADD, {"name": "Stronger communities"}).status_code != 403


def test_a_site_administrator_must_set_one_up_too(required, world):
    world.lead.is_superuser = True
    world.lead.save()
    assert client_for(world.lead).post(THEME_ADD, {"name": "X"}).status_code == 403


def test_a_lead_is_not_made_to(required, world):
    assert client_for(world.lead).get("/people/").status_code == 200


def test_when_not_required_the_secretariat_works_without(world):
    assert client_for(world.secretariat).get("/people/").status_code == 200


def test_the_set_up_page_shows_the_qr_code_and_the_key_with_a_labelled_code_field(world):
    page = client_for(world.lead).get("/account/two-factor/set-up/").text
    device = TOTPDevice.objects.get(user=world.lead, confirmed=False)
    assert two_factor.secret_text(device) in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert 'alt="QR code for adding Golden Thread to an authenticator app"' in page
    assert '<label class="govuk-label govuk-label--s" for="id_code">Code from the app' in page
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page
    assert "<script>" not in page and "style=" not in page


def test_a_wrong_code_does_not_turn_it_on(world):
    client = client_for(world.lead)
    client.get("/account/two-factor/set-up/")
    page = client.post("/account/two-factor/set-up/", {"code": "000000"})
    assert "That code is not right" in page.text
    assert not TOTPDevice.objects.filter(user=world.lead, confirmed=True).exists()


def test_setting_up_shows_ten_recovery_codes_once(world):
    client = client_for(world.lead)
    codes = set_up_app(client, world.lead)
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=world.lead).count() == 10
    assert codes[0] not in client.get("/account/two-factor/").text


def next_code(user) -> str:
    """The app's code for the next 30 seconds: the current one was used to set it up, and a
    code is never accepted twice."""
    device = TOTPDevice.objects.get(user=user)
    return str(totp(device.bin_key, step=device.step, t0=device.t0 - device.step)).zfill(6)


def test_after_a_password_the_app_code_is_asked_for(world):
    set_up_app(client_for(world.lead), world.lead)
    client = password_sign_in(world.lead)
    response = client.get("/people/")
    assert response["Location"] == "/account/two-factor/verify/?next=%2Fpeople%2F"
    assert client.post("/people/").status_code == 302  # not through until verified
    ok = client.post(
        "/account/two-factor/verify/", {"code": next_code(world.lead), "next": "/people/"}
    )
    assert ok["Location"] == "/people/"
    assert client.get("/people/").status_code == 200


def test_a_wrong_code_is_refused_and_logged(world):
    set_up_app(client_for(world.lead), world.lead)
    client = password_sign_in(world.lead)
    wrong = client.post("/account/two-factor/verify/", {"code": "123456"})
    assert "That code is not right" in wrong.text
    assert client.get("/people/").status_code == 302
    event = SignInEvent.objects.get(is_success=False)
    assert (event.user, event.method) == (world.lead, "two_factor")


def test_a_recovery_code_works_once(world):
    codes = set_up_app(client_for(world.lead), world.lead)
    first = password_sign_in(world.lead)
    response = first.post("/account/two-factor/verify/", {"code": codes[0].upper()})
    assert response.status_code == 302
    assert first.get("/people/").status_code == 200
    again = password_sign_in(world.lead)
    refused = again.post("/account/two-factor/verify/", {"code": codes[0]})
    assert "That code is not right, or was used already" in refused.text
    assert again.get("/people/").status_code == 302
    assert StaticToken.objects.filter(device__user=world.lead).count() == 9


def test_the_verify_page_has_a_labelled_one_time_code_field(world):
    set_up_app(client_for(world.lead), world.lead)
    page = password_sign_in(world.lead).get("/account/two-factor/verify/").text
    assert 'for="id_code">Code' in page
    assert 'autocomplete="one-time-code"' in page


def test_new_recovery_codes_replace_the_old(world):
    client = client_for(world.lead)
    old = set_up_app(client, world.lead)
    page = client.post("/account/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.text)
    assert len(new) == 10 and not set(old) & set(new)


def test_reset_two_factor_removes_the_devices_and_signs_them_out(world, capsys):
    client = client_for(world.lead)
    set_up_app(client, world.lead)
    call_command("reset_two_factor", "LEAD@example.test")
    assert "2 device(s) removed" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=world.lead).exists()
    assert not SignedInSession.objects.filter(user=world.lead).exists()
    assert client.get("/people/")["Location"].startswith("/accounts/login/")


def test_reset_two_factor_of_an_unknown_address_says_so(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No sign-in"):
        call_command("reset_two_factor", "nobody@example.test")


def test_anonymous_visitors_are_sent_to_sign_in(db):
    for url in [
        "/account/two-factor/",
        "/account/two-factor/set-up/",
        "/account/two-factor/verify/",
    ]:
        assert Client().get(url)["Location"].startswith("/accounts/login/"), url
