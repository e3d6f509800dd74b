"""Meetings' links on lower apps' pages: a partnership's meetings and forward plan
(partnerships.hooks), and the action points plan actions were made from (plans.hooks)."""

from collections.abc import Collection

from django.urls import reverse
from django.utils.dateformat import format as date_format

from meetings.models import ActionPoint
from partnerships.models import Partnership
from plans.hooks import Origin


def partnership_links(partnership: Partnership) -> list[tuple[str, str]]:
    return [
        (
            "Meetings, agendas and minutes",
            f"{reverse('meetings:meeting-list')}?partnership={partnership.pk}",
        ),
        ("forward plan", reverse("meetings:forward-plan", args=[partnership.pk])),
    ]


def action_origins(action_ids: Collection[int]) -> dict[int, list[Origin]]:
    """The action points each plan action was made from (meetings.actions.action_to_plan).
    One query."""
    found: dict[int, list[Origin]] = {}
    points = ActionPoint.objects.filter(plan_action__in=action_ids).select_related(
        "item__meeting__partnership"
    )
    for point in points.order_by("pk"):
        meeting = point.item.meeting
        label = f"an action point of {meeting.display_title}, {date_format(meeting.date, 'j F Y')}"
        found.setdefault(point.plan_action_id, []).append(Origin(label, point.get_absolute_url()))
    return found
