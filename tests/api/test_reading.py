"""Every read endpoint: token required (401), the person's agreements only (404 for another
agreement's record), observers refused any write (403), rate limited (429), bounded queries."""

import pytest
from django.core.cache import caches

from indicators.models import Actual
from tests.api.conftest import token_client
from tests.indicators.factories import add_actual, make_indicator, make_target

LISTS = [
    "agreements", "partnerships", "indicators", "targets", "actuals", "data-returns",
    "plans", "plan-actions", "meetings", "action-points", "funds", "allocations", "bids",
    "ratings",
]  # fmt: skip


@pytest.mark.parametrize("name", LISTS)
def test_without_a_token_every_endpoint_answers_401(world, figures, name):
    response = token_client(None).get(f"/api/v1/{name}/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_or_made_up_token_answers_401(world, figures):
    client = token_client(world.lead)
    world.lead.api_tokens.update(revoked_at="2009-11-20T12:00:00Z")
    assert client.get("/api/v1/targets/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Bearer gt_made-up")
    assert client.get("/api/v1/targets/").json()["detail"].startswith("The token is not known")


@pytest.mark.parametrize("name", LISTS)
def test_another_agreements_filter_answers_404(world, figures, name):
    response = token_client(world.lead).get(f"/api/v1/{name}/?agreement={world.hereford.slug}")
    assert response.status_code == 404


@pytest.mark.parametrize("name", [n for n in LISTS if n != "ratings"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_an_observer_writing_is_refused_403(world, figures, name, method):
    response = getattr(token_client(world.observer), method)(f"/api/v1/{name}/", {}, format="json")
    assert response.status_code == 403
    assert Actual.objects.count() == 2


@pytest.mark.parametrize("name", LISTS)
def test_every_endpoint_is_rate_limited_per_token(world, figures, settings, name):
    settings.API_RATE = "2/hour"
    client = token_client(world.lead)
    assert client.get(f"/api/v1/{name}/").status_code == 200
    assert client.get(f"/api/v1/{name}/").status_code == 200
    refused = client.get(f"/api/v1/{name}/")
    assert refused.status_code == 429
    assert "Too many requests for this token: the limit is 2/hour" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    # Another token (another person) has its own allowance.
    assert token_client(world.secretariat).get(f"/api/v1/{name}/").status_code == 200


def test_the_rate_is_counted_once_for_every_server(world, figures, settings):
    """Each server process has its own default cache; the count is in the shared one, so a
    token's allowance is not multiplied by the number of servers."""
    settings.API_RATE = "2/hour"
    client = token_client(world.lead)
    assert client.get("/api/v1/targets/").status_code == 200
    assert client.get("/api/v1/targets/").status_code == 200
    caches["default"].clear()  # what another server's process would start with
    assert client.get("/api/v1/targets/").status_code == 429


def test_lists_hold_only_the_persons_agreements(world, figures):
    safer_target, _cwop, hereford_target = figures
    codes = [
        (row["id"], row["indicator_code"])
        for row in token_client(world.lead).get("/api/v1/targets/").json()["results"]
    ]
    assert (safer_target.pk, "NI 32") in codes and hereford_target.pk not in dict(codes)
    outsider = token_client(world.outsider).get("/api/v1/actuals/").json()["results"]
    assert [row["target"] for row in outsider] == [hereford_target.pk]


@pytest.mark.parametrize("name", ["targets", "actuals", "indicators", "partnerships", "agreements"])
def test_another_agreements_record_answers_404(world, figures, name):
    safer_target = figures[0]
    ids = {
        "targets": safer_target.pk,
        "actuals": safer_target.actuals.get().pk,
        "indicators": safer_target.indicator_id,
        "partnerships": world.safer.pk,
        "agreements": world.essex.pk,
    }
    assert token_client(world.lead).get(f"/api/v1/{name}/{ids[name]}/").status_code == 200
    assert token_client(world.outsider).get(f"/api/v1/{name}/{ids[name]}/").status_code == 404


def test_targets_carry_their_profile_and_tolerance(world, figures):
    row = token_client(world.lead).get(f"/api/v1/targets/{figures[0].pk}/").json()
    assert {v["period"]: v["value"] for v in row["values"]} == {
        "2009/10 Q1": "26.0000", "2009/10": "25.0000",
    }  # fmt: skip
    assert {"tolerance_kind", "tolerance", "baseline", "range_low"} <= row.keys()


def test_actuals_filter_by_period_partnership_and_district(world, figures):
    safer_target, cwop_target, _ = figures
    add_actual(cwop_target, "2009/10 Q2", "40")
    client = token_client(world.lead)
    by_period = client.get("/api/v1/actuals/?period=2009/10 Q2").json()["results"]
    assert [r["target"] for r in by_period] == [cwop_target.pk]
    by_partnership = client.get(f"/api/v1/actuals/?partnership={world.safer.pk}").json()
    assert [r["target"] for r in by_partnership["results"]] == [safer_target.pk]
    area_wide = client.get("/api/v1/actuals/?district=").json()["count"]
    assert area_wide == 2


def test_ratings_give_each_rating_its_explanation_and_filter_by_rating(world, figures):
    client = token_client(world.lead)
    rows = client.get("/api/v1/ratings/?period=2009/10 Q1").json()["results"]
    ni32 = next(r for r in rows if r["code"] == "NI 32")
    assert ni32["rating"] in {"amber", "red"} and ni32["explanation"]
    only = client.get(f"/api/v1/ratings/?period=2009/10 Q1&rating={ni32['rating']}").json()
    assert {r["code"] for r in only["results"]} == {"NI 32"}
    bad = client.get("/api/v1/ratings/?rating=purple")
    assert bad.status_code == 400 and "rating" in bad.json()


def _targets(world, start, count):
    for n in range(start, start + count):
        target = make_target(world.safer, make_indicator(world.essex, f"LI {n}"))
        add_actual(target, "2009/10 Q1", str(n))


@pytest.mark.parametrize("name", ["targets", "actuals", "ratings", "plans", "plan-actions"])
def test_lists_take_a_bounded_number_of_queries(world, django_assert_max_num_queries, name):
    client = token_client(world.lead)
    for start, count in ((0, 3), (3, 30)):
        _targets(world, start, count)
        # The same at 3 and 33 targets; 3 of them count the request in the shared cache
        # (api/throttling.py: the database cache here, Redis where configured).
        with django_assert_max_num_queries(19):
            assert client.get(f"/api/v1/{name}/?page_size=500").status_code == 200
