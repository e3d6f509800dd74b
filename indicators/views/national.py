"""The National Indicator Set: the shared catalogue, a site administrator recording a title
no source gave, and the secretariat adding national and local indicators to its agreement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from indicators.actions import AlreadyAdded, national_indicators_add
from indicators.forms import LocalIndicatorForm, NationalAddForm, NationalTitleForm
from indicators.models import Indicator, NationalIndicator, code_order
from indicators.permissions import check_site_administrator, get_agreement_for_user
from partnerships.permissions import can_manage_agreement, current_agreement, standing_in
from partnerships.typing import HtmxHttpRequest


@login_required
@require_GET
def national_list(request: HtmxHttpRequest) -> HttpResponse:
    """The whole set, for anyone signed in: it is public reference material."""
    indicators = sorted(NationalIndicator.objects.all(), key=lambda n: code_order(n.code))
    agreement = current_agreement(request)
    can_add = agreement is not None and can_manage_agreement(standing_in(request, agreement))
    return render(
        request,
        "indicators/national_list.html",
        {
            "indicators": indicators,
            "missing_titles": sum(1 for n in indicators if not n.title and not n.is_withdrawn),
            "agreement": agreement,
            "can_add": can_add,
            "nav_section": "indicators",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def national_title(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    check_site_administrator(request)
    national = get_object_or_404(NationalIndicator, pk=pk)
    form = NationalTitleForm(
        request.POST if request.method == "POST" else None, initial={"was": national.title}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            national = NationalIndicator.objects.select_for_update().get(pk=pk)
            if national.title != form.cleaned_data["was"]:
                form.add_error(
                    "title",
                    f"Someone else recorded the title “{national.title}” while you were "
                    "editing: check it, then save again.",
                )
                form.data = form.data.copy()
                form.data["was"] = national.title
            else:
                national.title = form.cleaned_data["title"].strip()
                national.is_title_recorded_in_app = True
                national.save(update_fields=["title", "is_title_recorded_in_app"])
                messages.success(request, f"Title of {national.code} recorded.")
                return redirect(national.get_absolute_url())
    return render(
        request,
        "indicators/national_title.html",
        {
            "form": form,
            "national": national,
            "history": national.history.select_related("history_user")[:10],
            "nav_section": "indicators",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def national_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(request, pk, write=True)
    query = request.GET.get("q", "").strip()
    theme = request.GET.get("theme", "")
    catalogue = NationalIndicator.objects.offered()
    themes = sorted({t for t in catalogue.values_list("theme", flat=True) if t})
    if query:
        catalogue = catalogue.filter(Q(code__icontains=query) | Q(title__icontains=query))
    if theme:
        catalogue = catalogue.filter(theme=theme)
    have = set(Indicator.objects.filter(agreement=agreement).values_list("code", flat=True))
    listed = sorted(catalogue, key=lambda n: code_order(n.code))
    form = NationalAddForm(
        request.POST if request.method == "POST" else None,
        offered=[n for n in listed if n.code not in have],
    )
    if request.method == "POST" and form.is_valid():
        try:
            added = national_indicators_add(
                agreement=agreement, picks=form.cleaned_data["picks"], by=request.user
            )
        except AlreadyAdded as error:
            form.add_error("codes", str(error))
        else:
            codes = ", ".join(i.code for i in added)
            messages.success(request, f"Added {codes} to the agreement's indicators.")
            return redirect("indicators:indicator-list")
    return render(
        request,
        "indicators/national_add.html",
        {
            "agreement": agreement,
            "form": form,
            "already": [n for n in listed if n.code in have],
            "query": query,
            "theme": theme,
            "themes": themes,
            "nav_section": "indicators",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_indicator_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(request, pk, write=True)
    form = LocalIndicatorForm(
        request.POST if request.method == "POST" else None, agreement=agreement
    )
    if request.method == "POST" and form.is_valid():
        indicator = form.save(commit=False)
        indicator.agreement = agreement
        indicator.kind = Indicator.Kind.LOCAL
        indicator.save()
        messages.success(request, f"Local indicator {indicator.code} added.")
        return redirect(indicator)
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "agreement": agreement, "nav_section": "indicators"},
    )
