"""Small presentation helpers for meeting templates."""

from django import template

register = template.Library()

# GOV.UK tag colours by status. The words always show; colour only adds to them.
TAG_COLOURS = {
    "planned": "grey",
    "agenda_published": "blue",
    "held": "light-blue",
    "minutes_draft": "yellow",
    "minutes_approved": "green",
    "open": "blue",
    "done": "green",
    "on_agenda": "turquoise",
    "dropped": "grey",
    "present": "green",
    "substitute": "turquoise",
    "in_attendance": "light-blue",
    "apologies": "grey",
}


@register.filter
def tag_colour(status: str) -> str:
    return f"govuk-tag--{TAG_COLOURS.get(str(status), 'grey')}"
