"""The reports run a fixed number of queries, whatever the number of targets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.make_large_agreement import populate

pytestmark = pytest.mark.django_db

URLS = [
    "/indicators/scorecard/",
    "/indicators/scorecard/?format=csv",
    "/indicators/scorecard/?format=xlsx",
    "/indicators/scorecard/?rating=red&priority=2",
    "/indicators/exceptions/",
    "/indicators/exceptions/?format=csv",
    "/indicators/highlight/",
]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_same_query_count_at_10_and_500_targets(world, as_user):
    client = as_user(world.chair)
    populate(world.essex, targets=10, quarters=4, districts=2)
    small = {url: queries(client, url) for url in URLS}
    populate(world.essex, targets=490, quarters=4, districts=2, seed=2)
    large = {url: queries(client, url) for url in URLS}
    assert large == small
    assert max(small.values()) <= 20


def test_district_filter_has_a_fixed_query_count_too(world, as_user):
    from partnerships.models import Area

    client = as_user(world.secretariat)
    populate(world.essex, targets=10, quarters=4, districts=2)
    district = Area.objects.filter(code__startswith="B").first()
    url = f"/indicators/scorecard/?district={district.pk}"
    small = queries(client, url)
    populate(world.essex, targets=490, quarters=4, districts=2, seed=2)
    assert queries(client, url) == small


def test_scorecard_of_500_targets_shows_them_all(world, as_user):
    populate(world.essex, targets=500, quarters=4, districts=0)
    response = as_user(world.observer).get("/indicators/scorecard/")
    assert response.text.count("data-code=") == 500
    assert "500 targets:" in response.text
