"""Delivery-plan workflows: changes that touch several records, or move a plan through
submission and approval. Each runs in one transaction and keeps the plan's "last updated"
date, which decides whether its workplan update is in time for the next meeting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max, Model
from django.forms import BaseInlineFormSet, ModelForm

from partnerships import clock
from partnerships.conflicts import version_claim
from partnerships.models import User
from plans.models import Action, DeliveryPlan, Milestone

if TYPE_CHECKING:
    from plans.workbook import ActionRow


class PlanError(Exception):
    """A workflow was refused; the message says why, in words for the person."""


def plan_touch(*, plan: DeliveryPlan) -> None:
    """Mark the plan as updated now. An UPDATE of one column, so a progress note does not
    add a version of the whole plan to its history."""
    plan.updated_at = clock.now()
    DeliveryPlan.objects.filter(pk=plan.pk).update(updated_at=plan.updated_at)


@transaction.atomic
def plan_save(*, form: ModelForm, by: User) -> DeliveryPlan:
    """Save a plan's details. Changing a submitted or approved plan reopens it as a new
    draft version, which needs approving again."""
    plan: DeliveryPlan = form.save(commit=False)
    if plan.pk and plan.status != DeliveryPlan.Status.DRAFT:
        plan.status = DeliveryPlan.Status.DRAFT
        plan.version += 1
    plan.updated_at = clock.now()
    plan.save()
    form.save_m2m()
    return plan


@transaction.atomic
def plan_submit(*, plan: DeliveryPlan, by: User) -> None:
    if plan.status != DeliveryPlan.Status.DRAFT:
        raise PlanError(f"The plan is already {plan.get_status_display().lower()}.")
    if problem := plan.equality_problem:
        raise PlanError(f"The plan cannot be submitted yet. {problem}")
    plan.status = DeliveryPlan.Status.SUBMITTED
    plan.submitted_at, plan.submitted_by = clock.now(), by
    plan.returned_note = ""
    plan.save(update_fields=["status", "submitted_at", "submitted_by", "returned_note"])


@transaction.atomic
def plan_approve(*, plan: DeliveryPlan, by: User) -> None:
    if plan.status != DeliveryPlan.Status.SUBMITTED:
        raise PlanError("Only a submitted plan can be approved.")
    plan.status = DeliveryPlan.Status.APPROVED
    plan.approved_at, plan.approved_by = clock.now(), by
    plan.save(update_fields=["status", "approved_at", "approved_by"])


@transaction.atomic
def plan_return(*, plan: DeliveryPlan, by: User, note: str) -> None:
    """Send a submitted plan back to its partnership as a draft, saying what to change."""
    if plan.status != DeliveryPlan.Status.SUBMITTED:
        raise PlanError("Only a submitted plan can be returned.")
    plan.status = DeliveryPlan.Status.DRAFT
    plan.returned_note = note
    plan.save(update_fields=["status", "returned_note"])


@transaction.atomic
def action_save(
    *,
    form: ModelForm,
    milestones: BaseInlineFormSet,
    plan: DeliveryPlan,
    by: User,
    expected_version: int | None = None,
) -> Action:
    """Save an action with its target links, contributors and milestones. Changing an
    action someone else has saved since `expected_version` raises EditConflict."""
    action: Action = form.save(commit=False)
    if action.pk is None:
        action.plan = plan
        action.order = (plan.actions.aggregate(last=Max("order"))["last"] or 0) + 1
    else:
        action.version = version_claim(Action, action.pk, expected_version)
    action.save()
    form.save_m2m()
    milestones.instance = action
    milestones.save()
    plan_touch(plan=plan)
    return action


@transaction.atomic
def action_progress_update(
    *,
    action: Action,
    by: User,
    status: str,
    percent_complete: int,
    progress_note: str,
    expected_version: int | None = None,
) -> Action:
    """The monthly update: status, % complete and the latest progress note. Raises
    EditConflict if someone else has saved the action since `expected_version`."""
    action.version = version_claim(Action, action.pk, expected_version)
    action.status = status
    action.percent_complete = 100 if status == Action.Status.COMPLETE else percent_complete
    action.progress_note = progress_note
    action.progress_updated_at, action.progress_updated_by = clock.now(), by
    action.save(
        update_fields=[
            "status",
            "percent_complete",
            "progress_note",
            "progress_updated_at",
            "progress_updated_by",
            "version",
        ]
    )
    plan_touch(plan=action.plan)
    return action


@transaction.atomic
def plan_part_save(*, form: ModelForm, plan: DeliveryPlan) -> Model:
    """Save a risk or funding line of the plan (with its links)."""
    part = form.save(commit=False)
    part.plan = plan
    part.save()
    form.save_m2m()
    plan_touch(plan=plan)
    return part


@transaction.atomic
def plan_part_delete(*, part: Action | Model, plan: DeliveryPlan) -> None:
    """Delete an action, risk or funding line. The row is locked first, so a save of it
    under way (its version claim holds the same lock) finishes before the delete collects
    the links hanging off it; deleting straight away could miss links that save was adding
    and fail on them at commit (found by scripts/security-scan, issue 14)."""
    locked = type(part)._default_manager.select_for_update().filter(pk=part.pk).first()
    if locked is not None:  # else someone else removed it first
        locked.delete()
    plan_touch(plan=plan)


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


@transaction.atomic
def actions_import(*, plan: DeliveryPlan, rows: list[ActionRow], by: User) -> ImportResult:
    """Write actions read (and fully validated) from a plan workbook: a row whose Ref
    matches an action of the plan updates it, any other row adds one. Milestones in the
    sheet replace the action's milestones. Actions not in the sheet are left alone."""
    # Locked until the import commits: a form saved meanwhile waits, then finds the
    # version moved on and is shown the conflict, rather than being overwritten.
    existing = {a.ref: a for a in plan.actions.select_for_update(no_key=True).exclude(ref="")}
    order = plan.actions.aggregate(last=Max("order"))["last"] or 0
    added = updated = 0
    now = clock.now()
    for row in rows:
        action = existing.get(row.ref) if row.ref else None
        if action is None:
            order += 1
            action = Action(plan=plan, order=order)
            added += 1
        else:
            updated += 1
            action.version += 1  # a form opened before the import is out of date
        action.ref = row.ref
        action.title = row.title
        action.description = row.description
        action.lead = row.lead
        action.starts_on, action.due_on = row.starts_on, row.due_on
        if (action.status, action.percent_complete, action.progress_note) != (
            row.status,
            row.percent_complete,
            row.progress_note,
        ):
            action.progress_updated_at, action.progress_updated_by = now, by
        action.status = row.status
        action.percent_complete = row.percent_complete
        action.progress_note = row.progress_note
        action.save()
        action.contributors.set(row.contributors)
        action.contributing_organisations.set(row.organisations)
        action.targets.set(row.targets)
        action.milestones.all().delete()
        for due_on, title, is_done in row.milestones:
            Milestone.objects.create(action=action, title=title, due_on=due_on, is_done=is_done)
    plan_touch(plan=plan)
    return ImportResult(added=added, updated=updated)
