"""The API's tests: a client per persona, each with a token of its own."""

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from api.models import ApiToken
from indicators.models import Indicator
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values


def token_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, secret = ApiToken.issue(user=user, name="test")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def api():
    """api(world.lead).get("/api/v1/targets/"): a client sending a token of that person
    (None: no token at all)."""
    return token_client


@pytest.fixture(autouse=True)
def _fresh_throttle(settings, db):
    settings.API_RATE = "10000/hour"
    caches["reports"].clear()  # the shared cache the rate is counted in (api/throttling.py)
    yield
    caches["reports"].clear()


@pytest.fixture
def figures(world):
    """Safer Essex's NI 32, led by its lead, with a target and one actual; Hereford's
    NI 32 with one actual (another agreement)."""
    safer_target = make_target(world.safer, lead=world.person(world.lead))
    set_values(safer_target, **{"2009/10 Q1": "26", "2009/10": "25"})
    add_actual(safer_target, "2009/10 Q1", "27", commentary="Slightly behind.")
    cwop_indicator = make_indicator(world.essex, "NI 139", title="Older people supported",
                                    polarity=Indicator.Polarity.HIGHER)  # fmt: skip
    cwop_target = make_target(world.cwop, cwop_indicator)
    hereford_target = make_target(world.hereford_pmg)
    add_actual(hereford_target, "2009/10 Q1", "31")
    return safer_target, cwop_target, hereford_target
