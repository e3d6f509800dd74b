"""The public scorecard: off by default, the secretariat's choice, names no one, and its
JSON, CSV and the API's ratings all say what the scorecard CSV says."""

import csv
import io

import pytest

from api.models import Publication
from indicators.exports import report_csv
from indicators.reports import build_scorecard
from tests.api.conftest import token_client

PUBLIC = ["/open/{}/scorecard/", "/open/{}/scorecard.csv", "/open/{}/scorecard.json"]


def _publish(world):
    Publication.objects.create(agreement=world.essex, is_published=True)


def _csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def _as_csv(value):
    """A JSON value as the CSV writes it."""
    if value is None or value is False:
        return ""
    return "yes" if value is True else str(value)


@pytest.mark.parametrize("url", PUBLIC)
def test_an_unpublished_scorecard_is_not_found(world, figures, client, as_user, url):
    assert client.get(url.format(world.essex.slug)).status_code == 404
    assert as_user(world.secretariat).get(url.format(world.essex.slug)).status_code == 404
    Publication.objects.create(agreement=world.essex, is_published=False)
    assert client.get(url.format(world.essex.slug)).status_code == 404


@pytest.mark.parametrize("url", PUBLIC)
def test_a_published_scorecard_needs_no_sign_in_and_names_no_one(world, figures, client, url):
    _publish(world)
    response = client.get(url.format(world.essex.slug))
    assert response.status_code == 200
    text = response.content.decode()
    assert "NI 32" in text and "Slightly behind." in text
    for person in world.essex.people.all():
        assert person.name not in text
    assert "Alan Dawkes" not in text and "lead" not in text.lower().replace("leads", "")


@pytest.mark.parametrize("url", PUBLIC)
def test_another_agreements_scorecard_stays_unpublished(world, figures, client, url):
    _publish(world)
    assert client.get(url.format(world.hereford.slug)).status_code == 404


def test_the_open_json_equals_the_open_csv_and_the_scorecard_csv(world, figures, client):
    _publish(world)
    data = client.get(f"/open/{world.essex.slug}/scorecard.json").json()
    open_csv = _csv(client.get(f"/open/{world.essex.slug}/scorecard.csv").content.decode())
    assert [{k: _as_csv(v) for k, v in row.items()} for row in data["rows"]] == open_csv
    scorecard = _csv(report_csv(build_scorecard(agreement=world.essex)))
    assert [{k: v for k, v in row.items() if k != "lead"} for row in scorecard] == open_csv
    assert {row["code"] for row in open_csv} == {"NI 32", "NI 139"}


def test_the_apis_ratings_equal_the_scorecard_csv(world, figures):
    rows = token_client(world.lead).get("/api/v1/ratings/").json()["results"]
    scorecard = _csv(report_csv(build_scorecard(agreement=world.essex)))
    shown = [
        {k: _as_csv(v) for k, v in row.items() if k not in ("target_id", "explanation")}
        for row in rows
    ]
    assert shown == scorecard
    assert [r["actual"] for r in rows if r["code"] == "NI 32"] == ["27.0"]


def test_the_secretariat_publishes_after_confirming_and_withdraws_at_once(
    world, figures, as_user, client
):
    secretariat = as_user(world.secretariat)
    page = secretariat.get("/agreement/open-data/")
    assert "The scorecard is not published." in page.content.decode()
    asked = secretariat.post("/agreement/open-data/", {"is_published": "yes", "version": "1"})
    assert "Publish the public scorecard?" in asked.content.decode()
    assert client.get(f"/open/{world.essex.slug}/scorecard/").status_code == 404
    secretariat.post(
        "/agreement/open-data/", {"is_published": "yes", "confirm": "1", "version": "1"}
    )
    publication = Publication.objects.get(agreement=world.essex)
    assert publication.is_published and publication.published_at is not None
    assert publication.history.first().history_user == world.secretariat
    assert client.get(f"/open/{world.essex.slug}/scorecard/").status_code == 200
    secretariat.post(
        "/agreement/open-data/", {"is_published": "no", "confirm": "1", "version": "2"}
    )
    assert client.get(f"/open/{world.essex.slug}/scorecard/").status_code == 404


@pytest.mark.parametrize("who", ["lead", "chair", "observer", "outsider"])
def test_only_the_secretariat_may_publish(world, as_user, who):
    client = as_user(getattr(world, who))
    assert client.get("/agreement/open-data/").status_code == 403
    assert (
        client.post("/agreement/open-data/", {"is_published": "yes", "confirm": "1"}).status_code
        == 403
    )
    assert not Publication.objects.filter(is_published=True).exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_publish(client):
    assert client.get("/agreement/open-data/").url.startswith("/accounts/login/")


def test_the_public_page_takes_a_bounded_number_of_queries(
    world, client, django_assert_max_num_queries
):
    from tests.indicators.factories import add_actual, make_indicator, make_target

    _publish(world)
    for start, count in ((0, 3), (3, 30)):
        for n in range(start, start + count):
            add_actual(
                make_target(world.safer, make_indicator(world.essex, f"LI {n}")), "2009/10 Q1", "5"
            )
        with django_assert_max_num_queries(14):
            assert client.get(f"/open/{world.essex.slug}/scorecard/").status_code == 200


def test_a_choice_made_on_a_page_opened_before_anothers_is_refused(world, figures, as_user, client):
    from partnerships.models import Membership
    from tests.factories import make_member_with_login

    second, _ = make_member_with_login(world.pmg, Membership.Role.SECRETARIAT, "s2@example.test")
    as_user(world.secretariat).get("/agreement/open-data/")  # opened at version 1
    as_user(second).post(
        "/agreement/open-data/", {"is_published": "yes", "confirm": "1", "version": "1"}
    )
    stale = as_user(world.secretariat).post(
        "/agreement/open-data/", {"is_published": "no", "confirm": "1", "version": "1"}
    )
    assert "while you were editing it" in stale.content.decode()
    assert client.get(f"/open/{world.essex.slug}/scorecard/").status_code == 200
    unversioned = as_user(world.secretariat).post(
        "/agreement/open-data/", {"is_published": "no", "confirm": "1"}
    )
    assert "reload the page" in unversioned.content.decode()
    assert Publication.objects.get().is_published
