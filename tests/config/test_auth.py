"""Signing in and out, password reset, and throttled sign-in attempts."""

import pytest
from django.core import mail

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_whatever_its_capitals(world, client):
    make_user("gill@example.test", "a-long-password")
    response = client.post(
        "/accounts/login/", {"username": "Gill@Example.TEST", "password": "a-long-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_says_so_and_does_not_sign_in(world, client):
    make_user("gill@example.test", "a-long-password")
    response = client.post(
        "/accounts/login/", {"username": "gill@example.test", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "correct email address and password" in response.text
    assert client.get("/").status_code == 302


def test_sign_in_is_locked_after_repeated_failures(world, client):
    make_user("gill@example.test", "a-long-password")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "gill@example.test", "password": "nope"})
    response = client.post(
        "/accounts/login/", {"username": "gill@example.test", "password": "a-long-password"}
    )
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.text
    assert client.get("/").status_code == 302


def test_sign_out_is_a_post_and_ends_the_session(world, as_user):
    client = as_user(world.lead)
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_password_reset_sends_a_link_by_email(world, client):
    response = client.post("/accounts/password_reset/", {"email": "lead@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
