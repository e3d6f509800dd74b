"""The delivery-plan rules without a database: action ratings at their boundaries, risk
levels and the workplan update deadline."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from plans.models import Action
from plans.schedule import (
    ActionRating,
    ActionRule,
    ActionStatus,
    RiskLevel,
    UpdateState,
    check_update,
    expected_progress,
    is_overdue,
    rate_action,
    risk_level,
    risk_score,
    update_due_on,
)

START = dt.date(2009, 4, 1)
DUE = dt.date(2009, 4, 11)  # ten days: each day is 10% of the schedule

days = st.integers(min_value=0, max_value=2000)
percents = st.integers(min_value=0, max_value=100)
open_statuses = st.sampled_from(
    [ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK, ActionStatus.AT_RISK, ActionStatus.SLIPPED]
)
statuses = st.sampled_from(list(ActionStatus))
# Pure arithmetic, but the machine running the suite may be busy: no per-example deadline.
relaxed = settings(deadline=None)


def rate(percent: int, today: dt.date, status: str = ActionStatus.ON_TRACK, **dates):
    return rate_action(
        status=status,
        percent_complete=percent,
        starts_on=dates.get("starts_on", START),
        due_on=dates.get("due_on", DUE),
        today=today,
    )


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def test_the_pure_statuses_match_the_models():
    assert {s.value for s in ActionStatus} == set(Action.Status.values)


# The schedule -----------------------------------------------------------------------------


def test_expected_progress_is_a_straight_line_from_start_to_due():
    assert expected_progress(START, DUE, day(-5)) == 0
    assert expected_progress(START, DUE, START) == 0
    assert expected_progress(START, DUE, day(3)) == 30
    assert expected_progress(START, DUE, DUE) == 100
    assert expected_progress(START, DUE, day(30)) == 100


def test_an_action_due_the_day_it_starts_expects_everything_on_that_day():
    assert expected_progress(START, START, day(-1)) == 0
    assert expected_progress(START, START, START) == 100


def test_an_action_cannot_be_due_before_it_starts():
    with pytest.raises(ValueError, match="due before it starts"):
        expected_progress(DUE, START, START)


@pytest.mark.parametrize(
    ("percent", "rating", "rule"),
    [
        (63, ActionRating.GREEN, ActionRule.AHEAD),  # exactly 90% of 70% expected
        (62, ActionRating.AMBER, ActionRule.BEHIND),
        (50, ActionRating.AMBER, ActionRule.BEHIND),
        (49, ActionRating.RED, ActionRule.FAR_BEHIND),  # exactly 70% of 70% is 49
        (0, ActionRating.RED, ActionRule.FAR_BEHIND),
        (100, ActionRating.GREEN, ActionRule.AHEAD),
    ],
)
def test_progress_is_rated_against_the_time_elapsed(percent, rating, rule):
    result = rate(percent, day(7))  # 70% of the time gone
    assert (result.rating, result.rule) == (rating, rule)
    assert result.expected == 70


def test_ninety_percent_of_expected_is_green_and_seventy_is_red_exactly():
    # 3 of 7 days gone: 300/7 % expected. 90% of it is 270/7 = 38.57…, 70% is 30.
    today = START + dt.timedelta(days=3)
    due = START + dt.timedelta(days=7)
    assert rate(39, today, due_on=due).rating is ActionRating.GREEN
    assert rate(38, today, due_on=due).rating is ActionRating.AMBER
    assert rate(31, today, due_on=due).rating is ActionRating.AMBER
    assert rate(30, today, due_on=due).rating is ActionRating.RED


def test_nothing_expected_before_the_start_is_green():
    result = rate(0, day(-3), status=ActionStatus.NOT_STARTED)
    assert (result.rating, result.rule) == (ActionRating.GREEN, ActionRule.NOTHING_EXPECTED)


def test_on_the_due_date_everything_is_expected_and_the_day_after_it_is_overdue():
    assert rate(95, DUE).rating is ActionRating.GREEN  # 95 >= 90
    assert rate(89, DUE).rating is ActionRating.AMBER
    overdue = rate(99, DUE + dt.timedelta(days=1))
    assert (overdue.rating, overdue.rule) == (ActionRating.RED, ActionRule.OVERDUE)
    assert "was due on 11 April 2009" in overdue.explanation


def test_complete_is_green_even_when_late():
    result = rate(100, day(400), status=ActionStatus.COMPLETE)
    assert (result.rating, result.rule) == (ActionRating.GREEN, ActionRule.COMPLETE)


def test_dropped_and_undated_actions_are_not_rated():
    assert rate(10, day(400), status=ActionStatus.DROPPED).rating is ActionRating.NOT_RATED
    assert rate(10, day(4), due_on=None).rule is ActionRule.NO_DUE_DATE
    no_start = rate(10, day(4), starts_on=None)
    assert (no_start.rating, no_start.rule) == (ActionRating.NOT_RATED, ActionRule.NO_START_DATE)


def test_the_leads_word_can_only_make_a_rating_worse():
    ahead = day(1)  # 10% expected
    assert rate(50, ahead, status=ActionStatus.AT_RISK).rating is ActionRating.AMBER
    assert rate(50, ahead, status=ActionStatus.SLIPPED).rating is ActionRating.RED
    assert rate(0, day(5), status=ActionStatus.AT_RISK).rule is ActionRule.FAR_BEHIND
    assert rate(50, day(4), starts_on=None, status=ActionStatus.SLIPPED).rating == "red"


def test_a_percentage_outside_0_to_100_is_refused():
    with pytest.raises(ValueError, match="101%"):
        rate(101, day(1))


def test_explanations_say_what_was_expected():
    assert rate(50, day(7)).explanation == (
        "Amber: 50% complete, below 90% of the 70% expected by now."
    )
    assert rate(63, day(7)).explanation.startswith("Green: 63% complete, at least 90%")


@relaxed
@given(start=days, length=days, elapsed=days, percent=percents, status=open_statuses)
def test_more_progress_never_rates_worse(start, length, elapsed, percent, status):
    starts = dt.date(2008, 1, 1) + dt.timedelta(days=start)
    due = starts + dt.timedelta(days=length)
    today = starts + dt.timedelta(days=elapsed)
    assume(percent < 100)
    severity = {"not_rated": 0, "green": 1, "amber": 2, "red": 3}
    less = rate_action(
        status=status, percent_complete=percent, starts_on=starts, due_on=due, today=today
    )
    more = rate_action(
        status=status, percent_complete=percent + 1, starts_on=starts, due_on=due, today=today
    )
    assert severity[more.rating] <= severity[less.rating]


@relaxed
@given(start=days, length=days, elapsed=days, percent=percents)
def test_the_rating_follows_the_rule_as_written(start, length, elapsed, percent):
    starts = dt.date(2008, 1, 1) + dt.timedelta(days=start)
    due = starts + dt.timedelta(days=length)
    today = starts + dt.timedelta(days=elapsed - 100)
    result = rate_action(
        status=ActionStatus.ON_TRACK,
        percent_complete=percent,
        starts_on=starts,
        due_on=due,
        today=today,
    )
    if today > due:
        assert result.rating is ActionRating.RED
        return
    if today >= due:
        expected = Fraction(100)
    elif today <= starts:
        expected = Fraction(0)
    else:
        expected = Fraction(100 * (today - starts).days, (due - starts).days)
    assert result.expected == expected
    if expected == 0 or Fraction(percent) / expected >= Fraction(9, 10):
        assert result.rating is ActionRating.GREEN
    elif Fraction(percent) / expected <= Fraction(7, 10):
        assert result.rating is ActionRating.RED
    else:
        assert result.rating is ActionRating.AMBER


@relaxed
@given(status=statuses, percent=percents, late=st.integers(min_value=1, max_value=999))
def test_overdue_is_red_unless_complete_or_dropped(status, percent, late):
    today = DUE + dt.timedelta(days=late)
    result = rate(percent, today, status=status)
    overdue = is_overdue(status=status, due_on=DUE, today=today)
    if status is ActionStatus.COMPLETE:
        assert result.rating is ActionRating.GREEN and not overdue
    elif status is ActionStatus.DROPPED:
        assert result.rating is ActionRating.NOT_RATED and not overdue
    else:
        assert result.rating is ActionRating.RED and overdue


def test_not_overdue_on_the_due_date_or_without_one():
    assert not is_overdue(status=ActionStatus.ON_TRACK, due_on=DUE, today=DUE)
    assert not is_overdue(status=ActionStatus.ON_TRACK, due_on=None, today=DUE)


# Risks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [(1, 1, "low"), (2, 2, "low"), (1, 5, "medium"), (3, 4, "medium"), (3, 5, "high"),
     (5, 5, "high")],
)  # fmt: skip
def test_risk_levels_at_their_edges(likelihood, impact, level):
    assert risk_level(risk_score(likelihood, impact)) == level


@relaxed
@given(st.integers(1, 5), st.integers(1, 5))
def test_every_cell_of_the_matrix_has_a_level(likelihood, impact):
    score = risk_score(likelihood, impact)
    assert 1 <= score <= 25
    assert risk_level(score) in set(RiskLevel)


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (3, 6)])
def test_scales_run_from_1_to_5(likelihood, impact):
    with pytest.raises(ValueError):
        risk_score(likelihood, impact)


# Workplan updates -------------------------------------------------------------------------

MEETING = dt.date(2009, 7, 2)  # updates due 25 June
LAST = dt.date(2009, 3, 27)


def check(last_update, today, *, meeting=MEETING, last=LAST):
    return check_update(
        last_update=last_update, next_meeting_on=meeting, last_meeting_on=last, today=today
    )


def test_updates_are_due_seven_calendar_days_before_the_meeting():
    assert update_due_on(MEETING) == dt.date(2009, 6, 25)


@pytest.mark.parametrize(
    ("last_update", "today", "state"),
    [
        (dt.date(2009, 6, 25), dt.date(2009, 6, 26), UpdateState.IN_TIME),  # on the due date
        (dt.date(2009, 3, 28), dt.date(2009, 6, 1), UpdateState.IN_TIME),  # day after meeting
        (dt.date(2009, 6, 26), dt.date(2009, 6, 27), UpdateState.LATE),
        (dt.date(2009, 3, 27), dt.date(2009, 6, 25), UpdateState.DUE),  # at the last meeting
        (None, dt.date(2009, 6, 25), UpdateState.DUE),
        (dt.date(2009, 3, 1), dt.date(2009, 6, 26), UpdateState.OVERDUE),
    ],
)
def test_an_update_counts_when_made_after_the_last_meeting(last_update, today, state):
    result = check(last_update, today)
    assert result.state is state
    assert result.due_on == dt.date(2009, 6, 25)
    assert result.state.needs_update == (state in (UpdateState.DUE, UpdateState.OVERDUE))


def test_without_a_last_meeting_the_update_counts_in_the_four_weeks_before_it_is_due():
    assert check(dt.date(2009, 5, 29), dt.date(2009, 6, 1), last=None).state == "in_time"
    assert check(dt.date(2009, 5, 28), dt.date(2009, 6, 1), last=None).state == "due"


def test_no_upcoming_meeting_means_nothing_to_check():
    assert check(None, MEETING, meeting=None).state is UpdateState.NO_MEETING
    assert check(None, dt.date(2009, 7, 3)).state is UpdateState.NO_MEETING
    assert check(None, MEETING).state is UpdateState.OVERDUE  # the meeting day itself
