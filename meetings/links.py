"""Links from a partnership's page to its meetings and forward plan (partnerships.hooks)."""

from django.urls import reverse

from partnerships.models import Partnership


def partnership_links(partnership: Partnership) -> list[tuple[str, str]]:
    return [
        (
            "Meetings, agendas and minutes",
            f"{reverse('meetings:meeting-list')}?partnership={partnership.pk}",
        ),
        ("forward plan", reverse("meetings:forward-plan", args=[partnership.pk])),
    ]
