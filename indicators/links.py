"""Links from a partnership's page to its indicator reports (partnerships.hooks)."""

from django.urls import reverse

from indicators.models import Target
from partnerships.models import Partnership


def partnership_links(partnership: Partnership) -> list[tuple[str, str]]:
    # The reports filter on partnerships responsible for an active target only.
    if not Target.objects.filter(partnership=partnership).active().exists():
        return []
    query = f"?partnership={partnership.pk}"
    return [
        ("Scorecard of the targets it is responsible for", reverse("indicators:scorecard") + query),
        ("exception report", reverse("indicators:exception-report") + query),
    ]
