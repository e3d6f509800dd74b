"""The delivery-plan world shared by the plan view tests (see plan_world.py)."""

import pytest

from tests.partnerships.plan_world import PlanWorld, make_plan_world


@pytest.fixture
def pw(world) -> PlanWorld:
    return make_plan_world(world)
