"""A plan's change log from its history records: who changed what, old → new.

Reads every history record of the plan, its actions (deleted ones too), milestones, risks
and funding lines in one query per model, and compares each record with the one before
it in Python, so a long history costs no more queries than a short one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from partnerships.models import Person
from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk

TRACKED: dict[type[models.Model], list[str]] = {
    DeliveryPlan: [
        "title", "owner", "starts_on", "ends_on", "resources_summary", "equality_impact",
        "equality_assessed_on", "equality_reference", "status", "version", "returned_note",
    ],
    Action: [
        "ref", "title", "description", "lead", "starts_on", "due_on", "status",
        "percent_complete", "progress_note",
    ],
    Milestone: ["title", "due_on", "is_done"],
    Risk: ["description", "likelihood", "impact", "mitigation", "owner", "status"],
    FundingLine: ["source", "year", "amount", "action", "description"],
}  # fmt: skip
KIND = {"+": "Added", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    who: str
    kind: str
    section: str
    what: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class Version:
    version: int
    status: str
    when: dt.datetime
    who: str


def plan_change_log(plan: DeliveryPlan, *, since: dt.date | None) -> list[Change]:
    """Changes to the plan and everything in it, newest first (from ``since`` if given)."""
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min)) if since else None
    histories: dict[type[models.Model], list[Any]] = {
        DeliveryPlan: _records(DeliveryPlan.history.filter(id=plan.pk)),
        Action: _records(Action.history.filter(plan_id=plan.pk)),
        Risk: _records(Risk.history.filter(plan_id=plan.pk)),
        FundingLine: _records(FundingLine.history.filter(plan_id=plan.pk)),
    }
    action_ids = {record.id for record in histories[Action]}
    histories[Milestone] = _records(Milestone.history.filter(action_id__in=action_ids))
    action_names = {r.id: f"{r.ref} {r.title}".strip() for r in histories[Action]}
    person_ids = {
        getattr(record, name)
        for model, records in histories.items()
        for record in records
        for name in ("owner_id", "lead_id")
        if getattr(record, name, None)
    }
    names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name"))
    show = _Shower(names, action_names)
    who = _Who(plan, [r for records in histories.values() for r in records])

    changes: list[Change] = []
    for model, records in histories.items():
        by_object: dict[int, list[Any]] = defaultdict(list)
        for record in records:
            by_object[record.id].append(record)
        for versions in by_object.values():
            previous = None
            for record in versions:
                if start is None or record.history_date >= start:
                    change = _change(model, record, previous, show, who, action_names)
                    if change:
                        changes.append(change)
                previous = record
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes


def plan_versions(plan: DeliveryPlan) -> list[Version]:
    """Each time the plan's status or version changed, newest first."""
    versions: list[Version] = []
    last: tuple[str, int] | None = None
    records = _records(DeliveryPlan.history.filter(id=plan.pk))
    who = _Who(plan, records)
    for record in records:
        key = (record.status, record.version)
        if key != last:
            status = DeliveryPlan.Status(record.status).label
            versions.append(Version(record.version, status, record.history_date, who(record)))
        last = key
    return versions[::-1]


def _records(history: models.QuerySet[Any]) -> list[Any]:
    return list(history.select_related("history_user").order_by("history_date", "history_id"))


class _Who:
    """Who made a change: their name as a person in the plan's agreement (one query)."""

    def __init__(self, plan: DeliveryPlan, records: list[Any]) -> None:
        user_ids = {r.history_user_id for r in records if r.history_user_id}
        self.names = dict(
            Person.objects.filter(
                agreement_id=plan.partnership.agreement_id, user_id__in=user_ids
            ).values_list("user_id", "name")
        )

    def __call__(self, record: Any) -> str:
        user = record.history_user
        if user is None:
            return "The system"
        return self.names.get(user.pk) or user.get_full_name() or user.email


def _describe(model: type[models.Model], record: Any, action_names: dict[int, str]) -> str:
    if model is DeliveryPlan:
        return f"Plan “{record.title}”"
    if model is Action:
        return f"Action {record.ref} “{record.title}”".replace("  ", " ")
    if model is Milestone:
        return f"Milestone “{record.title}” of {action_names.get(record.action_id, 'an action')}"
    if model is Risk:
        return f"Risk “{_short(record.description)}”"
    return f"Funding line {record.get_source_display()} {record.year}"


_SECTIONS = {
    DeliveryPlan: "Plan",
    Action: "Action",
    Milestone: "Milestone",
    Risk: "Risk",
    FundingLine: "Funding",
}


def _change(
    model: type[models.Model],
    record: Any,
    previous: Any,
    show: _Shower,
    who: _Who,
    action_names: dict[int, str],
) -> Change | None:
    kind = KIND.get(record.history_type, "Changed")
    fields: list[FieldChange] = []
    if record.history_type == "~" and previous is not None:
        for name in TRACKED[model]:
            model_field = model._meta.get_field(name)
            attname = model_field.attname  # type: ignore[union-attr]
            old, new = getattr(previous, attname), getattr(record, attname)
            if old != new:
                fields.append(
                    FieldChange(
                        str(model_field.verbose_name).capitalize(),  # type: ignore[union-attr]
                        show(model_field, old),
                        show(model_field, new),
                    )
                )
        if not fields:
            return None
    return Change(
        record.history_date,
        who(record),
        kind,
        _SECTIONS[model],
        _describe(model, record, action_names),
        fields,
    )


class _Shower:
    """A stored value as words: choice labels, names, dates, money."""

    def __init__(self, people: dict[int, str], actions: dict[int, str]) -> None:
        self.people, self.actions = people, actions

    def __call__(self, model_field: Any, value: Any) -> str:
        if value is None or value == "":
            return "–"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.is_relation:
            lookup = self.actions if model_field.related_model is Action else self.people
            return lookup.get(value, "someone no longer listed")
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dt.date):
            return date_format(value, "j M Y")
        if isinstance(value, Decimal):
            return f"£{value:,.2f}"
        return str(value)


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
