"""Pages that gather from every app: the home dashboard, and the static help pages."""

from importlib import import_module
from importlib.util import find_spec

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from config.typing import HtmxHttpRequest
from partnerships.dashboard import Panel
from partnerships.models import Membership
from partnerships.permissions import Standing, current_agreement, standing_in

# Each app may offer `<app>/panels.py` with `dashboard_panels(request, standing)`.
PANEL_APPS = ["config", "indicators", "partnerships", "meetings", "funding"]  # config: My work


def dashboard_panels(request: HtmxHttpRequest, standing: Standing) -> list[Panel]:
    panels: list[Panel] = []
    for app in PANEL_APPS:
        if find_spec(f"{app}.panels") is not None:
            panels += import_module(f"{app}.panels").dashboard_panels(request, standing)
    return sorted(panels, key=lambda panel: panel.order)


@login_required
@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    agreement = current_agreement(request)
    if agreement is None:
        return render(request, "home_no_agreement.html", {"nav_section": "home"})
    standing = standing_in(request, agreement)
    memberships = (
        Membership.objects.current()
        .filter(person=standing.person)
        .select_related("partnership__reports_to")
        .order_by("partnership__name")
    )
    return render(
        request,
        "home.html",
        {
            "standing": standing,
            "memberships": memberships,
            "panels": dashboard_panels(request, standing),
            "nav_section": "home",
        },
    )


@require_GET
def accessibility(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@require_GET
def help_page(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "help.html")
