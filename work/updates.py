"""The lead's update list (/my-updates/): every plan action and figure a person has to
update before their partnership's next meeting, on one page, saved together.

What is listed follows the rules "My work" uses (work/panels.py): plan actions the person
leads that are due soon or overdue (plans/due.py), the open actions of the plans of the
partnerships they lead not updated since the last meeting (the workplan cycle of
plans/schedule.py check_update), and the data returns they owe (indicators/returns.py).
Each row is edited with the form of its own page (plans ActionProgressForm, indicators
ActualForm) and saved by the same action (plans action_progress_update, indicators
actual_record), so validation, permissions and edit conflicts are theirs. All rows are
saved in one transaction: if one is invalid or was changed by someone else meanwhile,
nothing is saved and that row says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from indicators import returns
from indicators.actions import ActualConflict, actual_record
from indicators.forms import ActualForm
from indicators.models import Actual, DataReturn, Target
from indicators.periods import Frequency, Period, period_for
from indicators.permissions import can_enter_actuals
from indicators.return_actions import ActualLocked
from partnerships.conflicts import EditConflict, RecordGone
from partnerships.models import User
from partnerships.permissions import Standing
from plans import due as plans_due
from plans import schedule
from plans.actions import action_progress_update
from plans.forms import ActionProgressForm
from plans.models import Action
from plans.permissions import can_update_action


@dataclass(frozen=True, slots=True)
class Owed:
    """A data return the person owes: the target's latest ended period, not submitted."""

    target_id: int
    code: str
    period: Period
    status: returns.ReturnStatus
    due_on: dt.date

    @property
    def is_urgent(self) -> bool:
        return self.status in (returns.ReturnStatus.LATE, returns.ReturnStatus.RETURNED)


def _latest_ended(frequency: str, today: dt.date) -> Period:
    period = period_for(today, Frequency(frequency))
    return period if period.has_ended(today) else period.previous()


def returns_owed(standing: Standing, today: dt.date, *, also: Collection[int] = ()) -> list[Owed]:
    """The latest ended period of each target the person owns the data for (or leads,
    with no data owner) that is not yet submitted, or came back for revision; of the
    targets ``also``, whatever their return's status. Two queries."""
    person = standing.person
    rows = list(
        Target.objects.active()
        .filter(agreement=standing.agreement)
        .filter(Q(data_owner=person) | Q(data_owner__isnull=True, lead=person))
        .values_list("pk", "indicator__code", "indicator__frequency")
    )
    recorded = {
        (t, p): s
        for t, p, s in DataReturn.objects.filter(target_id__in=[r[0] for r in rows]).values_list(
            "target_id", "period", "status"
        )
    }
    grace = settings.RETURNS_GRACE_DAYS
    owed = []
    for pk, code, frequency in rows:
        period = _latest_ended(frequency, today)
        if period.end < standing.agreement.starts_on:
            continue
        status = returns.status_on(recorded.get((pk, period.label)), period, today, grace)
        if pk in also or status in (returns.ReturnStatus.DUE, returns.ReturnStatus.LATE,
                                    returns.ReturnStatus.RETURNED):  # fmt: skip
            owed.append(Owed(pk, code, period, status, returns.due_on(period, grace)))
    return owed


# Rows ---------------------------------------------------------------------------------------


def _touched(form: forms.BaseForm) -> bool:
    """Whether the person changed any visible field. Browsers post a textarea's line
    breaks as CRLF, so those are read as LF first: an untouched note is not a change."""
    for name, bound in form.fields.items():
        if bound.widget.is_hidden:
            continue
        data = form[name].data
        if isinstance(data, str):
            data = data.replace("\r\n", "\n")
        if bound.has_changed(form.get_initial_for_field(bound, name), data):
            return True
    return False


@dataclass(slots=True)
class ActionRow:
    """One plan action with its progress form (the plan page's)."""

    action: Action
    reason: str
    is_urgent: bool
    form: ActionProgressForm = field(init=False)
    conflict: EditConflict | None = None
    problem: str = ""  # the action was deleted meanwhile
    saved: bool = False
    kind = "action"

    @property
    def key(self) -> str:
        return f"action-{self.action.pk}"

    @property
    def title(self) -> str:
        return str(self.action)

    @property
    def urgent_label(self) -> str:
        return "Overdue"

    def bind(self, data: QueryDict | None) -> None:
        self.form = ActionProgressForm(data, instance=self.action, prefix=self.key)
        # The plan page opens one row at a time; here every row is open.
        self.form.fields["status"].widget.attrs.pop("autofocus", None)

    def is_touched(self) -> bool:
        return _touched(self.form)

    def save(self, *, by: User, today: dt.date) -> bool:
        data = self.form.cleaned_data
        try:
            action_progress_update(
                action=self.action,
                by=by,
                status=data["status"],
                percent_complete=data["percent_complete"],
                progress_note=data["progress_note"],
                expected_version=data["version"],
            )
        except EditConflict as error:
            self.conflict = error.compare(self.form)
            return False
        except RecordGone as error:
            self.problem = str(error)
            return False
        return True

    def errors(self) -> list[str]:
        found = [self.problem] if self.problem else []
        if self.conflict is not None:
            found.append(str(self.conflict))
        return found + [e for errors in self.form.errors.values() for e in errors]


@dataclass(slots=True)
class FigureRow:
    """One target's figure for the period its return is owed, with the target page's form."""

    target: Target
    owed: Owed
    actual: Actual | None
    form: ActualForm = field(init=False)
    conflict: ActualConflict | None = None
    saved: bool = False
    kind = "figure"

    @property
    def key(self) -> str:
        return f"figure-{self.target.pk}"

    @property
    def title(self) -> str:
        return f"{self.owed.code} {self.owed.period.label}"

    @property
    def reason(self) -> str:
        return f"Return {self.owed.status.label.lower()}, due {self.owed.due_on:%-d %b %Y}"

    @property
    def is_urgent(self) -> bool:
        return self.owed.is_urgent

    @property
    def urgent_label(self) -> str:
        return self.owed.status.label

    @property
    def return_url(self) -> str:
        return reverse("indicators:return-detail", args=[self.target.pk, self.owed.period.label])

    def bind(self, data: QueryDict | None, today: dt.date) -> None:
        self.form = ActualForm(
            data, target=self.target, today=today, prefix=self.key, initial=self._initial()
        )
        # One period per row: the one owed.
        self.form.fields["period"].choices = [(self.owed.period.label,) * 2]
        self.form.fields["period"].widget = forms.HiddenInput()

    def _initial(self) -> dict[str, Any]:
        actual = self.actual
        initial: dict[str, Any] = {"period": self.owed.period.label}
        if actual is None:
            return initial
        value = actual.value
        if value is not None:  # shown at the indicator's places, not the column's four
            value = value.quantize(Decimal(1).scaleb(-self.target.indicator.decimal_places))
        return initial | {
            "value": value,
            "missing_reason": actual.missing_reason,
            "status": actual.status,
            "quality": actual.quality,
            "commentary": actual.commentary,
            "version": actual.version,
        }

    def is_touched(self) -> bool:
        return _touched(self.form)

    def save(self, *, by: User, today: dt.date) -> bool:
        data = self.form.cleaned_data
        try:
            actual_record(
                target=self.target,
                period=data["period_obj"],
                value=data["value"],
                missing_reason=data["missing_reason"],
                status=data["status"],
                quality=data["quality"],
                commentary=data["commentary"],
                by=by,
                expected_version=data["version"],
            )
        except ActualConflict as error:
            # Their input stays; saving again, having seen the other change, replaces it.
            self.conflict = error
            posted = self.form.data.copy()
            posted[self.form.add_prefix("version")] = str(error.current.version)
            self.bind(posted, today)
            self.form.is_valid()
            return False
        except ActualLocked as error:
            self.form.add_error(None, str(error))
            return False
        return True

    def errors(self) -> list[str]:
        found = [str(self.conflict)] if self.conflict is not None else []
        return found + [e for errors in self.form.errors.values() for e in errors]


Row = ActionRow | FigureRow


@dataclass(slots=True)
class UpdateList:
    actions: list[ActionRow]
    figures: list[FigureRow]
    today: dt.date

    @property
    def rows(self) -> list[Row]:
        return [*self.actions, *self.figures]

    def __len__(self) -> int:
        return len(self.actions) + len(self.figures)

    def bind(self, data: QueryDict | None) -> None:
        for row in self.actions:
            row.bind(data)
        for figure in self.figures:
            figure.bind(data, self.today)

    def find(self, key: str) -> Row | None:
        return next((row for row in self.rows if row.key == key), None)

    def mark_saved(self, row: Row) -> None:
        """Show a row just saved on its own with a fresh form, at its new version."""
        row.saved = True
        if isinstance(row, ActionRow):
            row.bind(None)  # the action was updated in place by the save
            return
        row.actual = Actual.objects.filter(
            target=row.target, period=row.owed.period.label, district=None
        ).first()
        row.bind(None, self.today)


def update_list(standing: Standing, today: dt.date, posted: QueryDict | None = None) -> UpdateList:
    """What the person must update before their partnership's next meeting. Seven queries,
    whatever the numbers: the actions, the plans' meeting dates (two), the returns' two,
    the targets and their actuals.

    ``posted``: the rows of a page being saved stay on it even if they are no longer due
    (someone else updated the action, or submitted the return, since it was opened), so
    that what the person typed meets the edit conflict instead of being dropped."""
    if standing.is_observer:
        return UpdateList([], [], today)
    keys = _posted_keys(posted)
    return UpdateList(
        _action_rows(standing, today, keys["action"]),
        _figure_rows(standing, today, keys["figure"]),
        today,
    )


def _posted_keys(posted: QueryDict | None) -> dict[str, set[int]]:
    """{"action": ids, "figure": target ids} of the rows a post carries (by their version,
    which every row posts)."""
    found: dict[str, set[int]] = {"action": set(), "figure": set()}
    for name in posted or {}:
        kind, _, rest = name.partition("-")
        pk, _, field_name = rest.partition("-")
        if kind in found and pk.isdigit() and field_name == "version":
            found[kind].add(int(pk))
    return found


def _action_rows(standing: Standing, today: dt.date, posted: set[int]) -> list[ActionRow]:
    person = standing.person
    candidates = list(
        Action.objects.in_agreement(standing.agreement)
        .filter(Q(lead=person) | Q(plan__partnership__in=standing.leads))
        .exclude(Q(status__in=Action.CLOSED) & ~Q(pk__in=posted))
        .select_related("plan__partnership__agreement", "lead")
        .order_by(F("due_on").asc(nulls_last=True), "plan__partnership__name", "order", "pk")
    )
    checks = plans_due.update_checks(list({a.plan_id: a.plan for a in candidates}.values()), today)
    rows = []
    for action in candidates:
        if not can_update_action(standing, action):
            continue
        why = _why_due(action, person.pk, checks[action.plan_id], today)
        if why is None and action.pk in posted:
            why = ("Up to date now: someone may have updated it since you opened the page", False)
        if why is not None:
            rows.append(ActionRow(action, *why))
    return rows


def _why_due(
    action: Action, person_id: int, check: schedule.UpdateCheck, today: dt.date
) -> tuple[str, bool] | None:
    """Why the action is to update (and whether urgently), or None if it is not: the
    person's own due soon or overdue ("My work"), or not updated since the last meeting
    with the next one ahead (the workplan cycle)."""
    soon = today + dt.timedelta(days=settings.DUE_SOON_DAYS)
    if action.status in Action.CLOSED:
        return None
    if action.lead_id == person_id and action.due_on is not None and action.due_on <= soon:
        item = plans_due.action_item(action, today, due_on=action.due_on)
        return f"{item.when.capitalize()} {item.due_on:%-d %b %Y}", item.is_overdue
    if check.due_on is None or check.cycle_start is None or check.meeting_on is None:
        return None  # no meeting ahead: nothing to update for
    updated = action.progress_updated_at
    if updated is not None and timezone.localdate(updated) > check.cycle_start:
        return None
    return (
        f"Not updated since the last meeting: the plan's update is due by "
        f"{check.due_on:%-d %b %Y}, for the meeting on {check.meeting_on:%-d %b %Y}",
        today > check.due_on,
    )


def _figure_rows(standing: Standing, today: dt.date, posted: set[int]) -> list[FigureRow]:
    owed = returns_owed(standing, today, also=posted)
    if not owed:
        return []
    ids = [o.target_id for o in owed]
    targets = Target.objects.select_related("indicator", "agreement", "partnership").in_bulk(ids)
    actuals = {
        (a.target_id, a.period): a
        for a in Actual.objects.filter(
            target_id__in=ids, period__in={o.period.label for o in owed}, district=None
        )
    }
    rows = [
        FigureRow(targets[o.target_id], o, actuals.get((o.target_id, o.period.label)))
        for o in owed
        if can_enter_actuals(standing, targets[o.target_id])
    ]
    rows.sort(key=lambda r: (not r.is_urgent, r.owed.due_on, r.title))
    return rows


# Saving -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    saved: list[Row] = field(default_factory=list)
    failed: list[Row] = field(default_factory=list)

    @property
    def is_nothing(self) -> bool:
        return not self.saved and not self.failed


def updates_save(*, updates: UpdateList, by: User, only: str = "") -> Outcome:
    """Validate the chosen rows (``only`` one row, by its key; else every row the person
    changed), then save them in one transaction. One invalid or stale row: nothing saved,
    each such row in ``failed`` with its errors on it."""
    if only:
        found = updates.find(only)
        chosen = [found] if found is not None else []
    else:
        chosen = [row for row in updates.rows if row.is_touched()]
    invalid = [row for row in chosen if not row.form.is_valid()]
    if invalid:
        return Outcome(failed=invalid)
    failed: list[Row] = []
    with transaction.atomic():
        for row in chosen:
            if not row.save(by=by, today=updates.today):
                failed.append(row)
        if failed:
            transaction.set_rollback(True)
    if failed:
        return Outcome(failed=failed)
    return Outcome(saved=chosen)
