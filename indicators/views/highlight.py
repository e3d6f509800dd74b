"""The agreement's highlight report as a Government Office writes it: one page where the
secretariat sets the overall rating and direction of travel (each with a reason), each
block's risks, impact and missing information, and the other key issues for government.

The agreement's row and its blocks' rows are saved together under the agreement row's
version (partnerships/conflicts.py): a second person's stale save is refused whole.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from indicators.forms_highlight import AgreementHighlightForm, BlockHighlightForm
from indicators.models import AgreementHighlight, BlockHighlight
from indicators.periods import Period
from indicators.reports import report_periods
from indicators.reports.highlight import AgreementSummary, ThemeHighlight, build_highlight
from partnerships import clock
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.models import Agreement
from partnerships.permissions import agreements_for, can_manage_agreement, standing_in
from partnerships.typing import HtmxHttpRequest


def get_agreement_for_secretariat(request: HtmxHttpRequest, pk: int) -> Agreement:
    """One of the reader's agreements (404 otherwise) whose highlight report only its
    secretariat may write (403 for anyone else)."""
    agreement = get_object_or_404(Agreement, pk=pk, pk__in=[a.pk for a in agreements_for(request)])
    if not can_manage_agreement(standing_in(request, agreement)):
        raise PermissionDenied("Only the secretariat writes the highlight report.")
    return agreement


@login_required
@require_http_methods(["GET", "POST"])
def highlight_agreement_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_secretariat(request, pk)
    label = request.POST.get("period") or request.GET.get("period", "")
    if label not in {p.label for p in report_periods(agreement)}:
        raise Http404("No such period in this agreement.")
    period = Period.parse(label)
    report = build_highlight(agreement=agreement, period=period, today=clock.today())
    summary = report.overall
    assert summary is not None  # the whole agreement was asked for
    record = summary.record or AgreementHighlight(agreement=agreement, period=period.label)
    data = request.POST or None
    form = AgreementHighlightForm(
        data,
        instance=record,
        overall=summary.overall_suggestion,
        direction=summary.direction_suggestion,
    )
    blocks = [
        (
            theme,
            BlockHighlightForm(
                data,
                instance=theme.block or BlockHighlight(theme_id=theme.theme_id),
                prefix=f"block-{theme.theme_id}",
            ),
        )
        for theme in report.themes
        if theme.theme_id is not None
    ]
    conflict = None
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _, f in blocks):
        try:
            _highlight_save(form, [f for _, f in blocks], by=request.user)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, f"Highlight report for {period.label} saved.")
            url = reverse("indicators:highlight-report")
            return redirect(f"{url}?{urlencode({'period': period.label})}#overall")
    return render(
        request,
        "indicators/report_highlight_agreement_form.html",
        _context(agreement, period, form, blocks, conflict, summary),
    )


def _context(
    agreement: Agreement,
    period: Period,
    form: AgreementHighlightForm,
    blocks: list[tuple[ThemeHighlight, BlockHighlightForm]],
    conflict: EditConflict | None,
    summary: AgreementSummary,
) -> dict[str, object]:
    report_url = f"{reverse('indicators:highlight-report')}?{urlencode({'period': period.label})}"
    record = summary.record
    return {
        "agreement": agreement,
        "period": period,
        "form": form,
        "blocks": blocks,
        "conflict": conflict,
        "summary": summary,
        "history": record.history.select_related("history_user")[:20] if record else [],
        "crumbs": [
            ("Home", "/"),
            ("Indicators", "/indicators/"),
            ("Highlight report", report_url),
            ("The agreement's sections", None),
        ],
        "nav_section": "indicators",
    }


def _highlight_save(
    form: AgreementHighlightForm, block_forms: list[BlockHighlightForm], *, by: object
) -> None:
    """Save the agreement's sections and every block's, all or nothing: an existing row
    claims the version the form was opened on; a first one made at the same moment as
    someone else's is refused as a conflict, theirs standing."""
    record: AgreementHighlight = form.save(commit=False)
    record.updated_by = by  # type: ignore[assignment]

    def save_all() -> None:
        record.save()
        for block_form in block_forms:
            block = block_form.save(commit=False)
            block.highlight = record
            if block.pk or not block.is_empty:
                block.save()

    if record.pk:
        versioned_save(form, save_all)
        return
    try:
        with transaction.atomic():
            save_all()
    except IntegrityError:
        theirs = AgreementHighlight.objects.filter(
            agreement=record.agreement_id, period=record.period
        ).first()
        if theirs is None:
            raise
        raise EditConflict(theirs) from None
