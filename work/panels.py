"""The "My work" panel: one person's to-do list gathered from every app, each item one
click from the page where it is done. Funding is read through the app registry, so the
panel works with or without the funding app installed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from indicators.models import DataReturn
from meetings import due as meetings_due
from meetings.models import ActionPoint, Meeting
from partnerships import clock
from partnerships.dashboard import Panel
from partnerships.due import DueItem
from partnerships.permissions import Standing
from partnerships.typing import HtmxHttpRequest
from plans import due as plans_due
from plans.models import Action, DeliveryPlan
from work import chair
from work.updates import returns_owed, update_list

SHOWN = 8


@dataclass(frozen=True, slots=True)
class Todo:
    text: str
    url: str
    note: str = ""
    is_urgent: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    title: str
    items: list[Todo]
    more_url: str = ""

    @property
    def shown(self) -> list[Todo]:
        return self.items[:SHOWN]

    @property
    def hidden(self) -> int:
        return max(0, len(self.items) - SHOWN)


def dashboard_panels(request: HtmxHttpRequest, standing: Standing) -> list[Panel]:
    if standing.is_observer:
        return []
    today = clock.today()
    return [
        *_chair_panels(standing, today),
        *_update_list_panels(standing, today),
        _my_work_panel(standing, today),
    ]


def _chair_panels(standing: Standing, today: dt.date) -> list[Panel]:
    """For a chair: the agreement's (the PMG chair) or their partnership's performance."""
    return [
        Panel(
            f"Performance: {view.title}",
            "work/panel_chair.html",
            {"view": view},
            order=1,
        )
        for view in (chair.chair_view(standing, p, today) for p in chair.chaired(standing))
    ]


def _update_list_panels(standing: Standing, today: dt.date) -> list[Panel]:
    """For a lead (or anyone with actions or figures to update): the one page to do it."""
    updates = update_list(standing, today)
    if not updates and not standing.leads:
        return []
    return [
        Panel(
            "Updates before your next meeting",
            "work/panel_update_list.html",
            {"updates": updates},
            order=3,
        )
    ]


def _my_work_panel(standing: Standing, today: dt.date) -> Panel:
    groups = [
        _returns_to_submit(standing, today),
        _returns_to_approve(standing),
        _actions_due(standing, today),
        _plans_to_update(standing, today),
        _minutes_to_approve(standing),
        _bids_waiting(standing),
    ]
    groups = [g for g in groups if g.items]
    return Panel(
        "My work",
        "reminders/panel_my_work.html",
        {"groups": groups, "total": sum(len(g.items) for g in groups)},
        order=5,
    )


def _returns_to_submit(standing: Standing, today: dt.date) -> Group:
    """The returns the person owes (work/updates.py returns_owed), the late ones first."""
    items = [
        Todo(
            f"{owed.code} {owed.period.label}",
            reverse("indicators:return-detail", args=[owed.target_id, owed.period.label]),
            f"{owed.status.label}, due {owed.due_on:%-d %b %Y}",
            owed.is_urgent,
        )
        for owed in returns_owed(standing, today)
    ]
    items.sort(key=lambda t: (not t.is_urgent, t.text))
    return Group("Returns to submit", items, reverse("indicators:return-list") + "?mine=1")


def _returns_to_approve(standing: Standing) -> Group:
    waiting = DataReturn.objects.filter(
        status=DataReturn.Status.SUBMITTED, target__agreement=standing.agreement
    ).select_related("target__indicator")
    if not standing.is_secretariat:
        waiting = waiting.filter(target__lead=standing.person)
    items = [
        Todo(
            f"{r.target.indicator.code} {r.period}",
            r.get_absolute_url(),
            f"Submitted {timezone.localdate(r.submitted_at):%-d %b %Y}" if r.submitted_at else "",
        )
        for r in waiting.order_by("period_end", "pk")[: SHOWN + 20]
    ]
    return Group("Returns to approve", items)


def _todo(item: DueItem) -> Todo:
    return Todo(
        item.text[:90],
        item.url,
        f"{item.kind}, {item.when} {item.due_on:%-d %b %Y}",
        item.is_overdue,
    )


def _actions_due(standing: Standing, today: dt.date) -> Group:
    """The person's action points and plan actions due within DUE_SOON_DAYS, or overdue."""
    soon = today + dt.timedelta(days=settings.DUE_SOON_DAYS)
    points = ActionPoint.objects.due_by(soon).filter(owners=standing.person)
    actions = Action.objects.due_by(soon).in_agreement(standing.agreement)
    items = [
        *meetings_due.action_point_items(points, today),
        *plans_due.action_items(actions.filter(lead=standing.person), today),
    ]
    todos = sorted(map(_todo, items), key=lambda t: (not t.is_urgent, t.note))
    return Group("Actions due", todos)


def _plans_to_update(standing: Standing, today: dt.date) -> Group:
    """Plans of the partnerships the person leads whose update is due before the next
    meeting (the rule is plans.schedule.check_update)."""
    if not standing.leads:
        return Group("Plans to update", [])
    plans = DeliveryPlan.objects.filter(partnership__in=standing.leads)
    items = [
        Todo(item.text, item.url, f"Update {item.when}, by {item.due_on:%-d %b %Y}",
             item.is_overdue)
        for item in plans_due.update_items(plans, today)
    ]  # fmt: skip
    return Group("Plans to update", items)


def _minutes_to_approve(standing: Standing) -> Group:
    """Draft minutes of the partnerships the person chairs (all of them, for the
    secretariat): approved at the next meeting, so they should be read before it."""
    drafts = Meeting.objects.for_agreement(standing.agreement.pk).filter(
        status=Meeting.Status.MINUTES_DRAFT
    )
    if not standing.is_secretariat:
        if not standing.chairs:
            return Group("Minutes to approve", [])
        drafts = drafts.filter(partnership__in=standing.chairs)
    items = [
        Todo(str(m), m.get_absolute_url(), "Minutes in draft")
        for m in drafts.select_related("partnership").order_by("date")[: SHOWN + 20]
    ]
    return Group("Minutes to approve", items)


def _bids_waiting(standing: Standing) -> Group:
    """Bids to decide, endorse, submit or update (funding app, if installed)."""
    if not apps.is_installed("funding"):
        return Group("Bids", [])
    from funding.todo import bids_waiting

    items = [
        Todo(
            f"{bid.title} ({bid.partnership.label}, {bid.fund.name})", bid.get_absolute_url(), todo
        )
        for bid, todo in bids_waiting(standing)
    ]
    return Group("Bids", items, more_url="/funding/bids/")
