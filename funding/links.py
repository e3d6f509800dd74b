"""Links from a partnership's page to its bids for funding (partnerships.hooks)."""

from django.urls import reverse

from partnerships.models import Partnership


def partnership_links(partnership: Partnership) -> list[tuple[str, str]]:
    return [("Bids for funding", f"{reverse('funding:bid-list')}?partnership={partnership.pk}")]
