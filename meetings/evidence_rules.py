"""The meetings' records that take evidence (evidence/hooks.py): an agenda item (its papers
and presentations), attached by whoever sets the meeting up."""

from __future__ import annotations

from evidence.hooks import Holder
from meetings.models import AgendaItem
from meetings.permissions import can_edit_meeting


def evidence_holders() -> list[Holder]:
    return [
        Holder(
            model=AgendaItem,
            queryset=lambda: AgendaItem.objects.select_related("meeting__partnership"),
            agreement_id=lambda item: item.meeting.partnership.agreement_id,
            can_read=lambda standing, item: (
                item.meeting.partnership.agreement_id == standing.agreement.pk
            ),
            can_edit=lambda standing, item: can_edit_meeting(standing, item.meeting),
            label=lambda item: f"agenda item {item.number} “{item.title}”",
            url=lambda item: item.get_absolute_url(),
        ),
    ]
