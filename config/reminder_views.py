"""Reminder pages: each person's preferences, and the secretariat's log of what was sent."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from config.typing import HtmxHttpRequest
from partnerships.models import ReminderKind, ReminderPreference, SentReminder
from partnerships.permissions import get_standing

SENT_PER_PAGE = 50


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want your reminders?",
        choices=ReminderPreference.Delivery.choices,
        widget=forms.RadioSelect,
    )
    wanted = forms.MultipleChoiceField(
        label="Which reminders do you want?",
        choices=ReminderKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Untick a kind to stop it. Every e-mail says why you got it.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    preference = ReminderPreference.objects.filter(person=standing.person).first()
    initial = {
        "delivery": preference.delivery if preference else ReminderPreference.Delivery.IMMEDIATE,
        "wanted": [k for k in ReminderKind.values if preference is None or preference.wants(k)],
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["wanted"])
        ReminderPreference.objects.update_or_create(
            person=standing.person,
            defaults={
                "delivery": form.cleaned_data["delivery"],
                "opted_out": [k for k in ReminderKind.values if k not in wanted],
            },
        )
        messages.success(request, "Your reminder choices are saved.")
        return redirect("reminders:preferences")
    return render(
        request,
        "reminders/preferences.html",
        {"form": form, "standing": standing, "nav_section": "home"},
    )


@login_required
@require_GET
def sent_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    if not standing.is_secretariat or standing.is_observer:
        raise PermissionDenied("Only the secretariat sees the reminders sent to others.")
    rows = SentReminder.objects.filter(person__agreement=standing.agreement).select_related(
        "person"
    )
    kind = request.GET.get("kind", "")
    if kind in ReminderKind.values:
        rows = rows.filter(kind=kind)
    page = Paginator(rows, SENT_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/sent_list.html",
        {"page": page, "kind": kind, "kinds": ReminderKind.choices, "nav_section": "home"},
    )
