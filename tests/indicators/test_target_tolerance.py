"""A tolerance typed as people write it (issue 16): "5%" for a percentage of the target,
and a clear message for anything else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import with_version
from tests.indicators.factories import make_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(world):
    return make_target(world.safer, tolerance=Decimal("10"))


def _post(as_user, world, target, tolerance: str, kind: str = "percent"):  # type: ignore[no-untyped-def]
    data = {
        "designation": "improvement", "priority": 2, "baseline": "28",
        "tolerance_kind": kind, "tolerance": tolerance, "status": "active",
    }  # fmt: skip
    return as_user(world.lead).post(
        f"/indicators/targets/{target.pk}/edit/", with_version(target, data)
    )


@pytest.mark.parametrize("typed", ["5%", " 5 % ", "5", "5.0%"])
def test_a_percentage_may_be_typed_with_its_sign(world, as_user, target, typed):
    assert _post(as_user, world, target, typed).status_code == 302
    target.refresh_from_db()
    assert target.tolerance == Decimal("5")
    assert target.tolerance_kind == "percent"


def test_an_amount_with_a_percent_sign_is_refused(world, as_user, target):
    response = _post(as_user, world, target, "5%", kind="absolute")
    assert response.status_code == 200
    assert "is an amount, not a percentage: enter it without %" in response.text
    target.refresh_from_db()
    assert target.tolerance == Decimal("10") and target.tolerance_kind == "percent"
    assert _post(as_user, world, target, "5", kind="absolute").status_code == 302


@pytest.mark.parametrize("typed", ["five", "5%%", "%", "-5%"])
def test_anything_else_gets_a_clear_message(world, as_user, target, typed):
    response = _post(as_user, world, target, typed)
    assert response.status_code == 200
    assert (
        "Enter the tolerance as a number, such as 5, or a percentage, such as 5%." in response.text
        or "A tolerance cannot be negative." in response.text
    )
    target.refresh_from_db()
    assert target.tolerance == Decimal("10")


def test_the_field_is_a_text_input_so_the_sign_can_be_typed(world, as_user, target):
    page = as_user(world.lead).get(f"/indicators/targets/{target.pk}/edit/").text
    assert 'name="tolerance" value="10.0000"' in page or 'name="tolerance" value="10' in page
    assert 'type="number" name="tolerance"' not in page
