"""/healthz/: what a proxy asks each server before sending it requests (docs/deploy.md)."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_anyone_is_told_ok_and_nothing_is_kept(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


def test_a_database_that_does_not_answer_is_named(client):
    with mock.patch("partnerships.views.pages.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.content == b"unavailable: database\n"


def test_a_shared_cache_that_does_not_answer_is_named(client):
    broken = mock.Mock(get=mock.Mock(side_effect=ConnectionError("redis is down")))
    with mock.patch("partnerships.views.pages.caches", {"reports": broken}):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.content == b"unavailable: shared cache\n"
    assert "redis" not in response.content.decode()  # the log has the details, not the page


def test_only_get_is_answered(client):
    assert client.post("/healthz/").status_code == 405
