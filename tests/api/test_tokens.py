"""A person's own API tokens: shown once, kept hashed, last use shown, revoked at once."""

import hashlib
import re

from api.models import ApiToken
from tests.api.conftest import token_client


def _create(client, name="Police data feed"):
    response = client.post("/account/api-tokens/", {"name": name})
    assert response.status_code == 200
    return re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())[1]


def test_a_new_token_is_shown_once_and_kept_only_as_a_hash(world, as_user):
    client = as_user(world.lead)
    secret = _create(client)
    token = ApiToken.objects.get(user=world.lead)
    assert token.name == "Police data feed"
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(ApiToken.objects.values()))
    page = client.get("/account/api-tokens/").content.decode()
    assert "Police data feed" in page and secret not in page and "Never" in page


def test_the_token_works_as_its_person_and_its_last_use_is_shown(world, as_user, figures):
    client = as_user(world.lead)
    secret = _create(client)
    api = token_client(None)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/targets/").json()["count"] == 2
    assert ApiToken.objects.get().last_used_at is not None
    assert "Never" not in client.get("/account/api-tokens/").content.decode()


def test_a_revoked_token_stops_working_at_once(world, as_user, figures):
    client = as_user(world.lead)
    secret = _create(client)
    api = token_client(None)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    token = ApiToken.objects.get()
    response = client.post(f"/account/api-tokens/{token.pk}/revoke/", follow=True)
    assert "revoked: it no longer works" in response.content.decode()
    assert api.get("/api/v1/targets/").status_code == 401


def test_no_one_else_revokes_or_sees_your_tokens(world, as_user):
    _create(as_user(world.lead), "Crime feed")
    token = ApiToken.objects.get()
    for other in (world.secretariat, world.outsider):
        assert as_user(other).post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
        assert "Crime feed" not in as_user(other).get("/account/api-tokens/").content.decode()
    assert ApiToken.objects.get().revoked_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/account/api-tokens/").url.startswith("/accounts/login/")
    assert client.post("/account/api-tokens/1/revoke/").url.startswith("/accounts/login/")


def test_a_token_needs_a_name(world, as_user):
    response = as_user(world.lead).post("/account/api-tokens/", {"name": ""})
    assert "This field is required" in response.content.decode()
    assert not ApiToken.objects.exists()
