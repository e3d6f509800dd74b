"""Who may see and change meetings.

Everyone in the agreement reads every meeting. The secretariat, and the lead or deputy
lead of the partnership that meets, set meetings up, record attendance and write the
minutes (`can_edit_partnership`). The partnership's chair or vice-chair (and the
secretariat) approve minutes and record decisions (`can_chair`). The owner of an action
point may report progress on it. Observers change nothing. Other agreements' meetings
answer 404; read-only people trying to change something get 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from meetings.models import ActionPoint, AgendaItem, Meeting
from partnerships.models import Partnership
from partnerships.permissions import (
    Standing,
    agreements_for,
    can_chair,
    can_edit_partnership,
    standing_in,
)

# What a view needs: change the meeting, record decisions, or approve minutes.
EDIT, DECIDE, APPROVE = "edit", "decide", "approve"


def can_edit_meeting(standing: Standing, meeting: Meeting) -> bool:
    return can_edit_partnership(standing, meeting.partnership)


def can_approve_minutes(standing: Standing, meeting: Meeting) -> bool:
    return can_chair(standing, meeting.partnership)


def can_record_decisions(standing: Standing, meeting: Meeting) -> bool:
    return can_edit_meeting(standing, meeting) or can_approve_minutes(standing, meeting)


def can_update_action(standing: Standing, action: ActionPoint, owner_ids: set[int]) -> bool:
    """The meeting's editors, and the action's own owners (not observers)."""
    if can_edit_meeting(standing, action.item.meeting):
        return True
    return not standing.is_observer and standing.person.pk in owner_ids


def _check(standing: Standing, meeting: Meeting, need: str | None) -> None:
    if need == EDIT and not can_edit_meeting(standing, meeting):
        raise PermissionDenied("Only the secretariat or the partnership's lead can change this.")
    if need == DECIDE and not can_record_decisions(standing, meeting):
        raise PermissionDenied("Only the chair, the lead or the secretariat can do this.")
    if need == APPROVE and not can_approve_minutes(standing, meeting):
        raise PermissionDenied("Only the chair or the secretariat can approve minutes.")


def get_meeting_for_user(
    request: HttpRequest, pk: int, *, need: str | None = None
) -> tuple[Meeting, Standing]:
    """The meeting and the user's standing; 404 outside the agreement, 403 when `need`
    (EDIT, DECIDE or APPROVE) is not met."""
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "partnership__agreement", "chair__organisation", "minute_taker", "previous"
        ),
        pk=pk,
        partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, meeting.partnership.agreement)
    _check(standing, meeting, need)
    return meeting, standing


def get_item_for_user(
    request: HttpRequest, pk: int, *, need: str | None = None
) -> tuple[AgendaItem, Standing]:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__partnership__agreement"),
        pk=pk,
        meeting__partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, item.meeting.partnership.agreement)
    _check(standing, item.meeting, need)
    return item, standing


def get_action_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> tuple[ActionPoint, Standing]:
    """write=True lets the meeting's editors and the action's owners through."""
    action = get_object_or_404(
        ActionPoint.objects.select_related(
            "item__meeting__partnership__agreement", "due_meeting"
        ).prefetch_related("owners"),
        pk=pk,
        item__meeting__partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, action.item.meeting.partnership.agreement)
    owner_ids = {p.pk for p in action.owners.all()}
    if write and not can_update_action(standing, action, owner_ids):
        raise PermissionDenied("Only the action's owners, the lead or the secretariat can.")
    return action, standing


def editable_partnerships(standing: Standing) -> list[Partnership]:
    """Partnerships whose meetings this person may set up."""
    if standing.is_observer:
        return []
    partnerships = Partnership.objects.filter(agreement=standing.agreement)
    if not standing.is_secretariat:
        partnerships = partnerships.filter(pk__in=standing.leads)
    return list(partnerships.order_by("name"))
