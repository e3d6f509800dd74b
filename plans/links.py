"""Plans' parts of lower apps' pages: a partnership's delivery plans (partnerships.hooks)
and the plan actions serving a target (indicators.hooks)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from indicators.models import Target
from partnerships.models import Partnership


def partnership_links(partnership: Partnership) -> list[tuple[str, str]]:
    return [("Delivery plans", f"{reverse('plans:plan-list')}?partnership={partnership.pk}")]


def target_actions_section(request: HttpRequest, target: Target) -> str:
    return render_to_string("plans/_target_actions.html", {"target": target}, request=request)
