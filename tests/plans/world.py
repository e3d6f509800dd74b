"""A Safer Essex delivery plan with an action led by a member who edits nothing else,
and the URLs and snapshot the plan permission tests share."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from partnerships.models import Person
from plans.models import Action, DeliveryPlan, FundingLine, Risk
from tests.factories import make_member_with_login, with_version
from tests.plans.factories import (
    make_action,
    make_funding_line,
    make_plan,
    make_risk,
    make_target,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class PlanWorld:
    plan: DeliveryPlan
    action: Action
    other: Action
    risk: Risk
    line: FundingLine
    action_lead: object  # a User who leads `action` and holds no editing role
    samantha: Person


def make_plan_world(world) -> "PlanWorld":
    target = make_target(world.essex, world.safer, "NI 32")
    make_target(world.essex, world.cwop, "NI 134")
    plan = make_plan(world.safer, owner=world.person(world.lead))
    action_lead, samantha = make_member_with_login(
        world.safer, "member", "samantha@example.test", "Samantha Grant"
    )
    today = timezone.localdate()
    action = make_action(
        plan,
        "Fund the IDVA service",
        lead=samantha,
        targets=(target,),
        starts_on=today - dt.timedelta(days=50),
        due_on=today + dt.timedelta(days=50),
        status=Action.Status.ON_TRACK,
        percent_complete=50,
        ref="1.2",
    )
    other = make_action(
        plan,
        "Form the domestic abuse forum",
        lead=world.person(world.lead),
        due_on=today - dt.timedelta(days=3),
        status=Action.Status.SLIPPED,
        ref="1.1",
    )
    return PlanWorld(
        plan, action, other, make_risk(plan), make_funding_line(plan), action_lead, samantha
    )


def read_urls(pw):
    p = pw.plan.pk
    return [
        f"/plans/{p}/",
        f"/plans/{p}/changes/",
        f"/plans/{p}/history/",
        f"/plans/{p}/export/",
    ]


def write_urls(pw):
    """(method, url, data) for everything only the partnership's editors may do."""
    p = pw.plan.pk
    return [
        ("get", f"/plans/{p}/edit/", {}),
        ("post", f"/plans/{p}/edit/", {"title": "Hijacked", "starts_on": "2009-04-01",
                                        "ends_on": "2010-03-31"}),
        ("get", f"/plans/{p}/actions/new/", {}),
        ("post", f"/plans/{p}/actions/new/", {"title": "Hijacked", "status": "on_track",
                                               "percent_complete": 0}),
        ("get", f"/plans/actions/{pw.action.pk}/edit/", {}),
        ("post", f"/plans/actions/{pw.action.pk}/delete/", {}),
        ("get", f"/plans/{p}/risks/new/", {}),
        ("post", f"/plans/risks/{pw.risk.pk}/edit/", {"description": "Hijacked",
                                                       "likelihood": 1, "impact": 1,
                                                       "status": "open"}),
        ("post", f"/plans/risks/{pw.risk.pk}/delete/", {}),
        ("get", f"/plans/{p}/funding/new/", {}),
        ("post", f"/plans/funding/{pw.line.pk}/edit/", {"source": "abg", "year": "2009/10",
                                                         "amount": "1"}),
        ("post", f"/plans/funding/{pw.line.pk}/delete/", {}),
        ("get", f"/plans/{p}/import/", {}),
        ("post", f"/plans/{p}/submit/", {}),
        ("post", f"/partnerships/{pw.plan.partnership_id}/next-meeting/",
         {"next_meeting_on": "2009-07-02"}),
    ]  # fmt: skip


def progress_calls(pw):
    url = f"/plans/actions/{pw.action.pk}/progress/"
    data = with_version(
        pw.action, {"status": "at_risk", "percent_complete": 60, "progress_note": "Hijacked"}
    )
    return [
        ("get", url, {}, HTMX),
        ("post", url, data, {}),
        ("post", url, data, HTMX),
    ]


def snapshot(pw):
    """Everything a refused request must leave alone."""
    plan = DeliveryPlan.objects.get(pk=pw.plan.pk)
    return (
        plan.title,
        plan.status,
        list(Action.objects.filter(plan=pw.plan).values_list("title", "status", "progress_note")),
        list(Risk.objects.filter(plan=pw.plan).values_list("description", "impact")),
        list(FundingLine.objects.filter(plan=pw.plan).values_list("source", "amount")),
        DeliveryPlan.objects.filter(partnership=pw.plan.partnership).count(),
        plan.partnership.next_meeting_override,
    )
