"""Reward grant at risk in pounds (issue 21): the expected grant under the agreement's
partial reward rule, its range, its totals, and who may set the rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from funding.models import RewardRule
from funding.position import reward_at_risk
from funding.reward import (
    WHOLE_WHEN_MET,
    Z80,
    PartialRule,
    Stretch,
    expected_shares,
    share_paid,
)
from indicators.forecast import probability_of_meeting
from tests.factories import with_version
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

LPSA2 = PartialRule(60.0, pro_rata=True)
AS_AT = dt.date(2009, 11, 20)


def test_below_the_threshold_earns_nothing_and_from_it_pro_rata() -> None:
    assert share_paid(59.9, LPSA2) == 0.0
    assert share_paid(60.0, LPSA2) == pytest.approx(0.6)
    assert share_paid(75.0, LPSA2) == pytest.approx(0.75)
    assert share_paid(100.0, LPSA2) == 1.0
    assert share_paid(130.0, LPSA2) == 1.0
    assert share_paid(60.0, PartialRule(60.0, pro_rata=False)) == 1.0
    assert share_paid(99.0, WHOLE_WHEN_MET) == 0.0


def test_without_a_rule_the_expected_share_is_the_chance_of_meeting() -> None:
    stretch = Stretch(start=20.0, goal=30.0, polarity="higher")
    mean, sd = 28.0, 2.0
    expected, worst, best = expected_shares(mean, mean - Z80 * sd, mean + Z80 * sd, stretch,
                                            WHOLE_WHEN_MET)  # fmt: skip
    assert expected == pytest.approx(probability_of_meeting(mean, sd, 30.0, "higher"))
    assert worst <= expected <= best


def test_a_partial_rule_pays_for_part_of_the_stretch_lower_is_better_too() -> None:
    # Baseline 30, stretch target 20 (lower is better); a certain 24 is 60% of the stretch.
    stretch = Stretch(start=30.0, goal=20.0, polarity="lower")
    assert expected_shares(24.0, 24.0, 24.0, stretch, LPSA2) == pytest.approx((0.6,) * 3)
    assert expected_shares(24.0, 24.0, 24.0, stretch, WHOLE_WHEN_MET) == (0.0, 0.0, 0.0)
    assert expected_shares(25.0, 25.0, 25.0, stretch, LPSA2) == (0.0, 0.0, 0.0)  # 50%
    expected, worst, best = expected_shares(24.0, 22.0, 26.0, stretch, LPSA2)
    assert worst == 0.0  # 26 is 40% of the stretch
    assert best == pytest.approx(0.8)  # 22 is 80%
    assert worst < expected < best


@pytest.fixture
def rewards(world, settings):
    settings.GOLDEN_THREAD_TODAY = AS_AT
    found = []
    for partnership, code, grant, figures in [
        (world.safer, "NI 32", "315000", ["30", "29", "28.5", "28", "27.5", "27"]),
        (world.cwop, "NI 135", "250000", ["25", "26", "24", "27", "26", "28"]),
    ]:
        target = make_target(
            partnership,
            make_indicator(world.essex, code, polarity="lower" if code == "NI 32" else "higher"),
            reward_grant=Decimal(grant),
            designation="reward",
            baseline=Decimal(figures[0]),
        )
        set_values(target, **{"2009/10": "26" if code == "NI 32" else "30"})
        quarters = ["2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4", "2009/10 Q1",
                    "2009/10 Q2"]  # fmt: skip
        for period, value in zip(quarters, figures, strict=True):
            add_actual(target, period, value)
        found.append(target)
    return found


def test_the_total_expected_is_the_sum_of_its_parts(world, rewards):
    report = reward_at_risk(world.essex, AS_AT)
    rows = [row for _, _, rows in report.by_partnership for row in rows]
    assert len(rows) == 2 and all(row.reward.expected is not None for row in rows)
    assert report.total.expected == sum(row.reward.expected for row in rows)
    assert report.total.expected == sum(totals.expected for _, totals, _ in report.by_partnership)
    assert report.total.expected_low == sum(row.reward.range_low for row in rows)
    assert report.total.expected_high == sum(row.reward.range_high for row in rows)
    assert report.total.expected_low <= report.total.expected <= report.total.expected_high
    assert report.total.claimable == Decimal("565000.00")
    for row in rows:  # without a rule: grant × the chance of meeting, to the penny
        share = Decimal(str(round(row.score.chance.probability, 6)))
        assert abs(row.reward.expected - row.reward.grant * share) <= Decimal("0.01")


def test_the_partial_rule_raises_the_expected_grant(world, rewards):
    before = reward_at_risk(world.essex, AS_AT).total.expected
    RewardRule.objects.create(agreement=world.essex, threshold=Decimal(60), is_pro_rata=True)
    after = reward_at_risk(world.essex, AS_AT).total.expected
    assert after > before


def test_the_reward_page_and_the_chairs_home_show_the_expected_grant(world, as_user, rewards):
    total = reward_at_risk(world.essex, AS_AT).total
    page = as_user(world.observer).get("/funding/reward/").content.decode()
    assert "Expected to be earned" in page and f"£{total.expected:,}" in page
    assert "none recorded, so a grant counts only when its target is met" in page
    assert "Change the partial reward rule" not in page  # the observer cannot
    home = as_user(world.chair).get("/").content.decode()
    assert "Reward grant expected to be earned" in home and f"£{total.expected:,}" in home


# The rule page: the secretariat only -----------------------------------------------------


def _url(world) -> str:
    return f"/funding/agreements/{world.essex.pk}/reward-rule/"


def test_anonymous_is_sent_to_sign_in(world, as_user):
    response = as_user(None).get(_url(world))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["lead", "observer", "chair"])
def test_leads_observers_and_chairs_are_refused(world, as_user, persona):
    client = as_user(getattr(world, persona))
    assert client.get(_url(world)).status_code == 403
    response = client.post(_url(world), {"threshold": "60", "is_pro_rata": "on"})
    assert response.status_code == 403
    assert not RewardRule.objects.exists()


def test_another_agreements_user_gets_404(world, as_user):
    client = as_user(world.outsider)
    assert client.get(_url(world)).status_code == 404
    assert client.post(_url(world), {"threshold": "60"}).status_code == 404
    assert not RewardRule.objects.exists()


def test_the_secretariat_sets_the_rule_and_its_history_is_kept(world, as_user):
    client = as_user(world.secretariat)
    page = client.get(_url(world)).content.decode()
    assert "No rule is recorded yet" in page
    response = client.post(
        _url(world), {"threshold": "60", "is_pro_rata": "on", "source": "LPSA2 schedule 2"}
    )
    assert response.status_code == 302 and response["Location"] == "/funding/reward/"
    rule = RewardRule.objects.get(agreement=world.essex)
    assert (rule.threshold, rule.is_pro_rata) == (Decimal(60), True)
    client.post(_url(world), with_version(rule, {"threshold": "50", "source": "Refreshed"}))
    rule.refresh_from_db()
    assert (rule.threshold, rule.is_pro_rata) == (Decimal(50), False)
    page = client.get(_url(world)).content.decode()
    assert "From 60% of the stretch: pro rata" in page
    assert "From 50% of the stretch: the whole grant" in page
    reward_page = client.get("/funding/reward/").content.decode()
    assert "From 50% of the stretch: the whole grant" in reward_page


def test_a_threshold_over_100_is_refused_and_nothing_saved(world, as_user):
    response = as_user(world.secretariat).post(_url(world), {"threshold": "150"})
    assert response.status_code == 200
    assert "less than or equal to 100" in response.content.decode()
    assert not RewardRule.objects.exists()
