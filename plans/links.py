"""Links from a partnership's page to its delivery plans (partnerships.hooks)."""

from django.urls import reverse

from partnerships.models import Partnership


def partnership_links(partnership: Partnership) -> list[tuple[str, str]]:
    return [("Delivery plans", f"{reverse('plans:plan-list')}?partnership={partnership.pk}")]
