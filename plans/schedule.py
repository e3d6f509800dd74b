"""Delivery-plan rules: an action's rating from its schedule, risk levels, update deadlines.

Pure Python with no Django, so every boundary is tested without a database
(``tests/partnerships/test_schedule.py``). The rules are written out for users in
``docs/plans.md``; change that file and ``RULE_VERSION`` together with the code.

Action rating, in order:

1. complete → green; dropped → not rated;
2. no due date → not rated;
3. past its due date (today after the due date) and not complete → red;
4. otherwise progress against the time elapsed between start and due: expected % =
   days elapsed / days planned × 100 (0 before the start, 100 on the due date);
   % complete at or above 90% of expected → green, at or below 70% → red, amber between
   (nothing expected yet → green); no start date → no schedule to compare with;
5. the lead's own word can only make it worse: "at risk" is at best amber, "slipped" red.

Arithmetic is exact (``Fraction``), so 63 % complete against 70 % expected is exactly
90 % of expected and green, never a rounding error away from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "GREEN_AT",
    "RED_AT",
    "RULE_VERSION",
    "UPDATE_DAYS_BEFORE_MEETING",
    "ActionRating",
    "ActionRatingResult",
    "ActionRule",
    "ActionStatus",
    "RiskLevel",
    "UpdateCheck",
    "UpdateState",
    "check_update",
    "expected_progress",
    "is_overdue",
    "rate_action",
    "risk_level",
    "risk_score",
    "update_due_on",
]

RULE_VERSION = "1"

GREEN_AT = Fraction(9, 10)  # at or above 90% of the expected progress
RED_AT = Fraction(7, 10)  # at or below 70% of the expected progress
# The defaults of the settings PLAN_UPDATE_DAYS_BEFORE_MEETING and PLAN_UPDATE_CYCLE_DAYS
# (plans/due.py passes the settings in): updates are due 7 days before the meeting, and
# when the previous meeting is not known, an update counts for the next meeting if it was
# made in the four weeks before the update was due.
UPDATE_DAYS_BEFORE_MEETING = 7
DEFAULT_CYCLE_DAYS = 28

_HUNDRED = Fraction(100)


class ActionStatus(StrEnum):
    """The lead's own word on an action (the model's ``Action.Status`` has the same values)."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    SLIPPED = "slipped"
    COMPLETE = "complete"
    DROPPED = "dropped"


class ActionRating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_RATED = "not_rated"

    @property
    def label(self) -> str:
        return "Not rated" if self is ActionRating.NOT_RATED else self.value.capitalize()


_SEVERITY = {
    ActionRating.NOT_RATED: 0,
    ActionRating.GREEN: 1,
    ActionRating.AMBER: 2,
    ActionRating.RED: 3,
}


class ActionRule(StrEnum):
    """Which step of the rule decided the rating."""

    COMPLETE = "complete"
    DROPPED = "dropped"
    NO_DUE_DATE = "no due date"
    OVERDUE = "overdue"
    NO_START_DATE = "no start date"
    NOTHING_EXPECTED = "nothing expected yet"
    AHEAD = "progress >= 90% of expected"
    BEHIND = "70% < progress < 90% of expected"
    FAR_BEHIND = "progress <= 70% of expected"
    SAID_AT_RISK = "lead says at risk"
    SAID_SLIPPED = "lead says slipped"


@dataclass(frozen=True, slots=True)
class ActionRatingResult:
    rating: ActionRating
    rule: ActionRule
    percent_complete: int
    expected: Fraction | None = None
    due_on: date | None = None

    @property
    def expected_percent(self) -> int | None:
        """The expected % complete, rounded down to a whole number for display."""
        return None if self.expected is None else int(self.expected)

    @property
    def explanation(self) -> str:
        done = f"{self.percent_complete}% complete"
        expected = f"{self.expected_percent}% expected by now"
        match self.rule:
            case ActionRule.COMPLETE:
                return "Green: the action is complete."
            case ActionRule.DROPPED:
                return "Not rated: the action was dropped."
            case ActionRule.NO_DUE_DATE:
                return "Not rated: the action has no due date."
            case ActionRule.OVERDUE:
                due = self.due_on.strftime("%-d %B %Y") if self.due_on else "its due date"
                return f"Red: the action was due on {due} and is not complete."
            case ActionRule.NO_START_DATE:
                return "Not rated: without a start date there is no schedule to compare with."
            case ActionRule.NOTHING_EXPECTED:
                return f"Green: nothing is expected yet ({done})."
            case ActionRule.AHEAD:
                return f"Green: {done}, at least 90% of the {expected}."
            case ActionRule.BEHIND:
                return f"Amber: {done}, below 90% of the {expected}."
            case ActionRule.FAR_BEHIND:
                return f"Red: {done}, 70% or less of the {expected}."
            case ActionRule.SAID_AT_RISK:
                return f"Amber: the lead says the action is at risk ({done})."
            case ActionRule.SAID_SLIPPED:
                return f"Red: the lead says the action has slipped ({done})."
        raise AssertionError(self.rule)  # pragma: no cover


def expected_progress(starts_on: date, due_on: date, today: date) -> Fraction:
    """The % complete the schedule expects by ``today``: a straight line from 0 on the
    start date to 100 on the due date, flat outside it."""
    if due_on < starts_on:
        raise ValueError("An action cannot be due before it starts.")
    if today >= due_on:
        return _HUNDRED
    if today <= starts_on:
        return Fraction(0)
    return _HUNDRED * (today - starts_on).days / (due_on - starts_on).days


def is_overdue(*, status: ActionStatus | str, due_on: date | None, today: date) -> bool:
    """Past its due date and neither complete nor dropped."""
    if due_on is None or status in (ActionStatus.COMPLETE, ActionStatus.DROPPED):
        return False
    return today > due_on


def rate_action(
    *,
    status: ActionStatus | str,
    percent_complete: int,
    starts_on: date | None,
    due_on: date | None,
    today: date,
) -> ActionRatingResult:
    """Rate one action on ``today`` (see the module docstring for the rule)."""
    if not 0 <= percent_complete <= 100:
        raise ValueError(f"{percent_complete}% is not a percentage from 0 to 100.")
    status = ActionStatus(status)
    if status is ActionStatus.COMPLETE:
        return ActionRatingResult(ActionRating.GREEN, ActionRule.COMPLETE, percent_complete)
    if status is ActionStatus.DROPPED:
        return ActionRatingResult(ActionRating.NOT_RATED, ActionRule.DROPPED, percent_complete)
    if due_on is None:
        return ActionRatingResult(ActionRating.NOT_RATED, ActionRule.NO_DUE_DATE, percent_complete)
    if today > due_on:
        return ActionRatingResult(
            ActionRating.RED, ActionRule.OVERDUE, percent_complete, _HUNDRED, due_on
        )

    expected: Fraction | None = None
    if starts_on is None:
        schedule = ActionRatingResult(
            ActionRating.NOT_RATED, ActionRule.NO_START_DATE, percent_complete, None, due_on
        )
    else:
        expected = expected_progress(starts_on, due_on, today)
        if expected == 0:
            rating, rule = ActionRating.GREEN, ActionRule.NOTHING_EXPECTED
        elif percent_complete >= GREEN_AT * expected:
            rating, rule = ActionRating.GREEN, ActionRule.AHEAD
        elif percent_complete <= RED_AT * expected:
            rating, rule = ActionRating.RED, ActionRule.FAR_BEHIND
        else:
            rating, rule = ActionRating.AMBER, ActionRule.BEHIND
        schedule = ActionRatingResult(rating, rule, percent_complete, expected, due_on)

    said = {
        ActionStatus.AT_RISK: (ActionRating.AMBER, ActionRule.SAID_AT_RISK),
        ActionStatus.SLIPPED: (ActionRating.RED, ActionRule.SAID_SLIPPED),
    }.get(status)
    if said and _SEVERITY[said[0]] > _SEVERITY[schedule.rating]:
        return ActionRatingResult(said[0], said[1], percent_complete, expected, due_on)
    return schedule


# Risks ----------------------------------------------------------------------------------


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rag(self) -> str:
        """The rating colour the level is shown in."""
        return {RiskLevel.LOW: "green", RiskLevel.MEDIUM: "amber", RiskLevel.HIGH: "red"}[self]


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood × impact, each from 1 to 5."""
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= value <= 5:
            raise ValueError(f"The {name} must be from 1 to 5, not {value}.")
    return likelihood * impact


def risk_level(score: int) -> RiskLevel:
    """1–4 low, 5–12 medium, 15–25 high (the products a 5×5 matrix can give)."""
    if not 1 <= score <= 25:
        raise ValueError(f"A risk score runs from 1 to 25, not {score}.")
    if score <= 4:
        return RiskLevel.LOW
    if score <= 12:
        return RiskLevel.MEDIUM
    return RiskLevel.HIGH


# Workplan updates -----------------------------------------------------------------------


class UpdateState(StrEnum):
    IN_TIME = "in_time"
    DUE = "due"
    LATE = "late"
    OVERDUE = "overdue"
    NO_MEETING = "no_meeting"

    @property
    def label(self) -> str:
        return _UPDATE_LABELS[self]

    @property
    def needs_update(self) -> bool:
        return self in (UpdateState.DUE, UpdateState.OVERDUE)


_UPDATE_LABELS = {
    UpdateState.IN_TIME: "Updated in time",
    UpdateState.DUE: "Update due",
    UpdateState.LATE: "Updated late",
    UpdateState.OVERDUE: "Update overdue",
    UpdateState.NO_MEETING: "No meeting date",
}


@dataclass(frozen=True, slots=True)
class UpdateCheck:
    state: UpdateState
    last_update: date | None
    meeting_on: date | None = None
    due_on: date | None = None
    cycle_start: date | None = None

    @property
    def rag(self) -> str:
        return {
            UpdateState.IN_TIME: "green",
            UpdateState.DUE: "not_rated",
            UpdateState.LATE: "amber",
            UpdateState.OVERDUE: "red",
            UpdateState.NO_MEETING: "not_rated",
        }[self.state]


def update_due_on(meeting_on: date, days_before: int = UPDATE_DAYS_BEFORE_MEETING) -> date:
    """Workplans are due at least ``days_before`` (7) calendar days before the meeting."""
    return meeting_on - timedelta(days=days_before)


def check_update(
    *,
    last_update: date | None,
    next_meeting_on: date | None,
    last_meeting_on: date | None,
    today: date,
    days_before: int = UPDATE_DAYS_BEFORE_MEETING,
    cycle_days: int = DEFAULT_CYCLE_DAYS,
) -> UpdateCheck:
    """Is the plan's latest update in time for the partnership's next meeting?

    The update is due ``days_before`` (7) days before the meeting. It counts for the next
    meeting when it was made after the last meeting (or, with no last meeting known, in the
    ``cycle_days`` (28) days before the due date). Counted and on or before the due date: in
    time; counted but after it: late. Not counted: due until the due date, overdue after
    it. No upcoming meeting: nothing to check against.
    """
    if next_meeting_on is None or next_meeting_on < today:
        return UpdateCheck(UpdateState.NO_MEETING, last_update)
    due = update_due_on(next_meeting_on, days_before)
    if last_meeting_on is not None and last_meeting_on < next_meeting_on:
        cycle_start = last_meeting_on
    else:
        cycle_start = due - timedelta(days=cycle_days)
    counted = last_update is not None and last_update > cycle_start
    if counted:
        state = UpdateState.IN_TIME if last_update <= due else UpdateState.LATE  # type: ignore[operator]
    else:
        state = UpdateState.DUE if today <= due else UpdateState.OVERDUE
    return UpdateCheck(state, last_update, next_meeting_on, due, cycle_start)
