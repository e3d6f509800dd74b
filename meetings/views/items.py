"""Agenda items and what is recorded under them: minutes text, decisions, action points."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from meetings import actions
from meetings.forms import ActionPointForm, AgendaItemForm, DecisionForm
from meetings.models import AgendaItem, Decision
from meetings.permissions import (
    DECIDE,
    EDIT,
    can_edit_meeting,
    get_item_for_user,
    get_meeting_for_user,
)
from partnerships.conflicts import EditConflict, RecordGone
from partnerships.permissions import agreements_for
from partnerships.typing import HtmxHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk, need=EDIT)
    initial = {"number": actions.next_item_number(meeting), "kind": AgendaItem.Kind.PROPOSED}
    form = AgendaItemForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item.meeting = meeting
            item.save()
            form.save_m2m()
            actions.items_renumber(meeting=meeting)
        messages.success(request, f"Item {item.number} added to the agenda.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "meetings/item_form.html",
        {"form": form, "meeting": meeting, "item": None, "nav_section": "meetings"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item, _ = get_item_for_user(request, pk, need=EDIT)
    meeting = item.meeting
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    conflict = gone = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.item_save(form=form, expected_version=form.cleaned_data["version"])
        except EditConflict as error:
            conflict = error.compare(form)
        except RecordGone as error:
            gone = error
        else:
            messages.success(request, f"Item {item.number} saved.")
            return redirect(item.get_absolute_url())
    return render(
        request,
        "meetings/item_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "conflict": conflict,
            "gone": gone,
            "nav_section": "meetings",
        },
    )


@login_required
@require_POST
def item_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item, _ = get_item_for_user(request, pk, need=EDIT)
    meeting = item.meeting
    try:
        actions.item_delete(item=item)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(item.get_absolute_url())
    messages.success(request, f"Item {item.number} removed from the agenda.")
    return redirect(f"{meeting.get_absolute_url()}#agenda")


@login_required
@require_POST
def decision_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item, _ = get_item_for_user(request, pk, need=DECIDE)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["text"][0])
        actions.decision_add(item=item, text=form.cleaned_data["text"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Decision recorded under item {item.number}.")
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def decision_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("item"),
        pk=pk,
        item__meeting__partnership__agreement__in=agreements_for(request),
    )
    item, standing = get_item_for_user(request, decision.item_id, need=DECIDE)
    decision.delete()
    messages.success(request, f"Decision removed from item {item.number}.")
    if can_edit_meeting(standing, item.meeting):
        return redirect("meetings:item-edit", item.pk)
    return redirect(item.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item, _ = get_item_for_user(request, pk, need=EDIT)
    meeting = item.meeting
    form = ActionPointForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.action_create(
                item=item,
                text=data["text"],
                owners=list(data["owners"]),
                owner_groups=data["owner_groups"],
                due_on=data["due_on"],
                due_meeting=data["due_meeting"],
                due_text=data["due_text"],
                number=data["number"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Action point added under item {item.number}.")
            return redirect(item.get_absolute_url())
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "meeting": meeting, "item": item, "action": None, "nav_section": "meetings"},
    )
