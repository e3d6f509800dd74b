"""A partnership's forward plan: dates ahead with proposed items, standing items, and
items still to be scheduled."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from meetings.forms import ForwardPlanItemForm
from meetings.minutes import forward_plan
from partnerships.permissions import can_edit_partnership, get_partnership_for_user, standing_in
from partnerships.typing import HtmxHttpRequest


@login_required
@require_GET
def forward_plan_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    standing = standing_in(request, partnership.agreement)
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "partnership": partnership,
            "plan": forward_plan(partnership),
            "can_edit": can_edit_partnership(standing, partnership),
            "nav_section": "meetings",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def forward_plan_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk, write=True)
    form = ForwardPlanItemForm(
        request.POST or None,
        partnership=partnership,
        initial={"meeting": request.GET.get("meeting")},
    )
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.partnership = partnership
        item.save()
        form.save_m2m()
        messages.success(request, f"“{item.title}” added to the forward plan.")
        return redirect(reverse("meetings:forward-plan", args=[partnership.pk]))
    return render(
        request,
        "meetings/forward_plan_form.html",
        {"form": form, "partnership": partnership, "nav_section": "meetings"},
    )
