"""The agreement's partial reward rule (issue 21): the secretariat sets it; its history is
kept and shown. Used by the reward-at-risk page's expected reward (funding/position.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from funding import permissions
from funding.forms import RewardRuleForm
from funding.models import RewardRule
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.models import Agreement
from partnerships.permissions import agreements_for, standing_in
from partnerships.typing import HtmxHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def reward_rule_edit(request: HtmxHttpRequest, agreement_pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=agreement_pk, pk__in=[
        a.pk for a in agreements_for(request)
    ])  # fmt: skip
    if not permissions.can_manage_funds(standing_in(request, agreement)):
        raise PermissionDenied("Only the secretariat sets the partial reward rule.")
    rule = RewardRule.objects.filter(agreement=agreement).first() or RewardRule(agreement=agreement)
    form = RewardRuleForm(request.POST or None, instance=rule)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if rule.pk:
                versioned_save(form, form.save)
            else:
                form.save()
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, "Partial reward rule saved. The earlier rule is kept below.")
            return redirect("funding:reward")
    history = rule.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "funding/reward_rule.html",
        {
            "form": form,
            "rule": rule,
            "history": history if rule.pk else [],
            "conflict": conflict,
            "agreement": agreement,
            "nav_section": "funding",
        },
    )
