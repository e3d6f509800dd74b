"""{% quorum_check meeting as check %}: the meeting's quorum from its partnership's terms of
reference and its attendance (meetings/quorum.py), for the meeting page and the minutes."""

from django import template

from meetings.models import Meeting
from meetings.quorum import QuorumCheck, meeting_quorum

register = template.Library()


@register.simple_tag
def quorum_check(meeting: Meeting) -> QuorumCheck:
    return meeting_quorum(meeting)
