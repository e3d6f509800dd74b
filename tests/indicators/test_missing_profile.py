"""A cumulative target with only an annual target and no profile (issue 16): each period
is "not rated", and the target page and the rating's explanation say why and what to do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import QuerySet

from indicators.models import Target
from indicators.periods import Period
from indicators.rating import Rating
from indicators.scoring import TargetData
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

TODAY = dt.date(2010, 1, 15)
REASON = "No profile for 2009/10: set one"


@pytest.fixture
def target(world):
    indicator = make_indicator(
        world.essex, "NI 154", polarity="higher", unit="homes", accumulation="cumulative"
    )
    target = make_target(world.safer, indicator)
    set_values(target, **{"2009/10": "100"})
    add_actual(target, "2009/10 Q1", "30")
    return target


def _only(target: Target) -> QuerySet[Target]:
    return Target.objects.filter(pk=target.pk)


def test_the_rating_explanation_says_there_is_no_profile(target):
    data = TargetData(_only(target))
    score = data.score(data.infos[target.pk], Period.parse("2009/10 Q1"), TODAY)
    assert score.rating is Rating.NOT_RATED
    assert REASON in score.result.explanation
    assert "30" in score.result.explanation


def test_a_profiled_or_snapshot_target_is_not_told_to_set_one(world, target):
    set_values(target, **{"2009/10 Q1": "25"})
    data = TargetData(_only(target))
    score = data.score(data.infos[target.pk], Period.parse("2009/10 Q1"), TODAY)
    assert score.rating is Rating.GREEN
    snapshot = make_target(world.cwop, make_indicator(world.essex, "NI 32"))
    set_values(snapshot, **{"2009/10": "10"})
    add_actual(snapshot, "2009/10 Q1", "12")
    data = TargetData(_only(snapshot))
    score = data.score(data.infos[snapshot.pk], Period.parse("2009/10 Q1"), TODAY)
    assert "profile" not in score.result.explanation


def test_no_target_at_all_keeps_the_plain_reason(world):
    indicator = make_indicator(world.essex, "NI 155", accumulation="cumulative")
    bare = make_target(world.safer, indicator)
    add_actual(bare, "2009/10 Q1", "30")
    data = TargetData(_only(bare))
    score = data.score(data.infos[bare.pk], Period.parse("2009/10 Q1"), TODAY)
    assert "there is no target for this period" in score.result.explanation


def test_the_target_page_says_so_and_links_to_the_profile(world, as_user, target):
    profile_url = f"/indicators/targets/{target.pk}/profile/"
    page = as_user(world.lead).get(f"/indicators/targets/{target.pk}/").text
    assert "No profile for 2009/10" in page
    assert f'href="{profile_url}">set one</a>' in page
    assert REASON in page  # the "why not rated?" explanation of the latest actual
    # An observer is told too, without a link to a page they may not use.
    page = as_user(world.observer).get(f"/indicators/targets/{target.pk}/").text
    assert "No profile for 2009/10" in page and f'href="{profile_url}"' not in page
    # Once the profile is generated, the warning goes.
    assert as_user(world.lead).post(profile_url, {"method": "cumulative"}).status_code == 302
    page = as_user(world.lead).get(f"/indicators/targets/{target.pk}/").text
    assert "No profile for" not in page
