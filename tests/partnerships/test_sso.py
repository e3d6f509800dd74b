"""Single sign-on through OpenID Connect against a fake provider: its token and userinfo
endpoints are stood in for by patching `requests` where mozilla-django-oidc calls them."""

from __future__ import annotations

from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.test import Client

from partnerships.invitations import invitation_send
from partnerships.models import Invitation, Membership, SignInEvent, User

SECRET = "fake-provider-client-secret-of-enough-length-for-hs256"
PROVIDER = {
    "label": "Essex County Council",
    "client_id": "golden-thread",
    "client_secret": SECRET,
    "authorization_endpoint": "https://idp.example.test/authorize",
    "token_endpoint": "https://idp.example.test/token",
    "userinfo_endpoint": "https://idp.example.test/userinfo",
    "sign_algo": "HS256",
    "domains": ["essex.gov.uk", "example.test"],
}


@pytest.fixture
def provider(settings):
    settings.OIDC_PROVIDERS = {"essex": PROVIDER}
    return PROVIDER


def _response(payload: dict[str, Any]) -> mock.Mock:
    response = mock.Mock(status_code=200, headers={"content-type": "application/json"})
    response.json.return_value = payload
    return response


def start(client: Client) -> dict[str, str]:
    response = client.get("/accounts/sso/essex/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc == "idp.example.test"
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def finish(
    client: Client,
    params: dict[str, str],
    *,
    email: str,
    verified: bool = True,
    nonce: str | None = None,
    state: str | None = None,
) -> tuple[Any, mock.Mock]:
    """The provider sends the browser back with a code; the app swaps it for tokens."""
    id_token = jwt.encode(
        {"sub": "abc", "nonce": nonce or params["nonce"], "email": email}, SECRET, "HS256"
    )
    userinfo = {"sub": "abc", "email": email, "email_verified": verified}
    with mock.patch("mozilla_django_oidc.auth.requests") as requests:
        requests.post.return_value = _response({"id_token": id_token, "access_token": "at"})
        requests.get.return_value = _response(userinfo)
        response = client.get(
            "/accounts/sso/callback/", {"code": "the-code", "state": state or params["state"]}
        )
    return response, requests


def signed_in_as(client: Client) -> str | None:
    response = client.get("/account/sessions/")
    if response.status_code != 200:
        return None
    return response.wsgi_request.user.email


def test_the_sign_in_page_offers_configured_providers_only(db, settings):
    settings.OIDC_PROVIDERS = {}
    assert "Sign in with" not in Client().get("/accounts/login/").text
    settings.OIDC_PROVIDERS = {"essex": PROVIDER}
    page = Client().get("/accounts/login/").text
    assert "Sign in with Essex County Council" in page
    assert 'href="/accounts/sso/essex/"' in page


def test_the_request_to_the_provider_carries_state_nonce_and_pkce(provider, db):
    params = start(Client())
    assert params["client_id"] == "golden-thread"
    assert params["redirect_uri"] == "http://testserver/accounts/sso/callback/"
    assert params["state"] and params["nonce"] and params["code_challenge"]


def test_an_unknown_provider_is_not_found(provider, db):
    assert Client().get("/accounts/sso/nowhere/").status_code == 404


def test_someone_with_a_role_signs_in_by_their_verified_email(provider, world):
    client = Client()
    response, requests = finish(client, start(client), email="Lead@Example.test")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_as(client) == "lead@example.test"
    token_call = requests.post.call_args
    assert token_call.args[0] == "https://idp.example.test/token"
    assert token_call.kwargs["data"]["code"] == "the-code"
    event = SignInEvent.objects.get(is_success=True, method="sso")
    assert (event.user, event.provider) == (world.lead, "essex")


def test_an_invited_person_signs_in_and_the_invitation_is_taken_up(provider, world, mailoutbox):
    invitation = invitation_send(
        partnership=world.safer,
        role=Membership.Role.MEMBER,
        name="Jo Bloggs",
        email="jo.bloggs@essex.gov.uk",
        organisation=None,
        by=world.secretariat,
    )
    client = Client()
    response, _ = finish(client, start(client), email="jo.bloggs@essex.gov.uk")
    assert response.status_code == 302
    user = User.objects.get(email="jo.bloggs@essex.gov.uk")
    assert not user.has_usable_password()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.person.user == user
    assert client.get(f"/partnerships/{world.safer.pk}/").status_code == 200


def test_an_uninvited_email_is_refused_and_no_user_is_made(provider, world):
    client = Client()
    response, _ = finish(client, start(client), email="stranger@essex.gov.uk")
    assert response.status_code == 403
    assert "You could not be signed in" in response.text
    assert "stranger@essex.gov.uk has no role or invitation here" in response.text
    assert not User.objects.filter(email="stranger@essex.gov.uk").exists()
    assert signed_in_as(client) is None
    event = SignInEvent.objects.get()
    assert (event.is_success, event.email, event.method) == (False, "stranger@essex.gov.uk", "sso")


def test_someone_whose_role_ended_is_refused(provider, world):
    Membership.objects.filter(person__user=world.lead).update(ends_on="2000-01-01")
    client = Client()
    response, _ = finish(client, start(client), email="lead@example.test")
    assert response.status_code == 403
    assert signed_in_as(client) is None


def test_a_domain_the_provider_may_not_vouch_for_is_refused(provider, world, mailoutbox):
    invitation_send(
        partnership=world.safer,
        role=Membership.Role.MEMBER,
        name="Pat",
        email="pat@elsewhere.org",
        organisation=None,
        by=world.secretariat,
    )
    client = Client()
    response, _ = finish(client, start(client), email="pat@elsewhere.org")
    assert response.status_code == 403
    assert "its domain is not allowed" in response.text
    assert not User.objects.filter(email="pat@elsewhere.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_unverified_email_is_refused(provider, world):
    client = Client()
    response, _ = finish(client, start(client), email="lead@example.test", verified=False)
    assert response.status_code == 403
    assert "has not verified the e-mail address" in response.text
    assert signed_in_as(client) is None


def test_a_callback_with_a_state_this_browser_did_not_start_is_refused(provider, world):
    client = Client()
    params = start(client)
    response, requests = finish(client, params, email="lead@example.test", state="forged")
    assert response.status_code == 403
    assert "was not started here" in response.text
    requests.post.assert_not_called()
    assert signed_in_as(client) is None


def test_a_state_works_once(provider, world):
    client = Client()
    params = start(client)
    finish(client, params, email="lead@example.test")
    client.post("/accounts/logout/")
    response, requests = finish(client, params, email="lead@example.test")
    assert response.status_code == 403
    requests.post.assert_not_called()


def test_an_id_token_with_another_nonce_is_refused(provider, world):
    client = Client()
    response, _ = finish(client, start(client), email="lead@example.test", nonce="replayed")
    assert response.status_code == 403
    assert signed_in_as(client) is None


def test_a_provider_without_allowed_domains_is_a_configuration_error(settings, db):
    from django.core.exceptions import ImproperlyConfigured

    settings.OIDC_PROVIDERS = {"essex": {**PROVIDER, "domains": []}}
    with pytest.raises(ImproperlyConfigured, match="domains"):
        Client().get("/accounts/sso/essex/")
