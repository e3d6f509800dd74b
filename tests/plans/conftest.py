"""The delivery-plan world shared by the plan view tests (see world.py)."""

import pytest

from tests.plans.world import PlanWorld, make_plan_world


@pytest.fixture
def pw(world) -> PlanWorld:
    return make_plan_world(world)
