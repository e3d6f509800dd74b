"""The secretariat marks an indicator's title or definition as illustrative: made up for
the demo (or a draft), not from the source documents. A target's figures are marked on
its own edit page (TargetForm); docs/illustrative.md."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from indicators.forms import IndicatorIllustrativeForm
from indicators.models import Indicator
from indicators.permissions import get_indicator_for_user
from partnerships.permissions import can_manage_agreement, standing_in
from partnerships.typing import HtmxHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def indicator_illustrative(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request, pk)
    if not can_manage_agreement(standing_in(request, indicator.agreement)):
        raise PermissionDenied("Only the secretariat marks what is illustrative.")
    form = IndicatorIllustrativeForm(
        request.POST if request.method == "POST" else None,
        initial={"illustrative": indicator.illustrative, "was": indicator.illustrative},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            indicator = Indicator.objects.select_for_update().get(pk=pk)
            now = indicator.illustrative
            if now != form.cleaned_data["was"]:
                form.add_error(
                    "illustrative",
                    "Someone else changed this note while you had it open. It now reads: "
                    f"“{now or 'blank (not illustrative)'}”. Save again to replace it "
                    "with yours.",
                )
                # Their text stays in the box; saving again, having seen the other, replaces it.
                data = request.POST.copy()
                data["was"] = now
                form.data = data
            else:
                indicator.illustrative = form.cleaned_data["illustrative"]
                indicator._change_reason = "Illustrative note"  # type: ignore[attr-defined]
                indicator.save(update_fields=["illustrative"])
                done = "marked illustrative" if indicator.illustrative else "no longer marked"
                messages.success(request, f"{indicator.code} {done}.")
                return redirect(indicator)
    return render(
        request,
        "indicators/indicator_illustrative.html",
        {
            "form": form,
            "indicator": indicator,
            "history": _note_changes(indicator),
            "nav_section": "indicators",
        },
    )


def _note_changes(indicator: Indicator) -> list[object]:
    """The indicator's history records in which the note changed, newest first."""
    records = list(indicator.history.select_related("history_user")[:50])
    return [
        record
        for record, older in zip(records, [*records[1:], None], strict=True)
        if record.illustrative != (older.illustrative if older else "")
    ][:10]
