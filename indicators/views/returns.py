"""Data returns: every target's return for a period, one return with its sign-off, and
the workflow posts (submit, approve, return for revision, revise after approval)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators import returns
from indicators.actions import ActualConflict, actual_record
from indicators.models import Actual, DataReturn, Target
from indicators.periods import Frequency, Period, period_for
from indicators.permissions import get_target_for_user
from indicators.reports import report_period, report_periods
from indicators.return_actions import (
    ActualLocked,
    data_return_approve,
    data_return_send_back,
    data_return_submit,
    rating_comparison,
)
from indicators.return_permissions import (
    can_approve_return,
    can_revise_locked,
    can_submit_return,
)
from indicators.scoring import TargetData
from indicators.views.reports import agreement_districts
from partnerships import clock
from partnerships.models import Agreement, Area
from partnerships.permissions import get_standing
from partnerships.typing import HtmxHttpRequest


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="What needs revising?", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReviseForm(forms.Form):
    district = forms.TypedChoiceField(
        label="Figure", required=False, coerce=int, empty_value=None,
        help_text="The whole area's figure, or one district's.",
    )  # fmt: skip
    value = forms.DecimalField(label="Revised value", required=False, max_digits=14,
                               decimal_places=4)  # fmt: skip
    missing_reason = forms.CharField(label="Or why there is no value", required=False)
    reason = forms.CharField(
        label="Reason for the revision",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown with the figure wherever its history is.",
    )

    def __init__(self, *args: object, target: Target, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        area = target.agreement.area
        self.fields["district"].choices = [
            ("", f"{area.name if area else 'The area'} as a whole"),
            *agreement_districts(target.agreement),
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("value") is None and not data.get("missing_reason"):
            raise forms.ValidationError("Give the revised value, or say why there is none.")
        return data


def _period(label: str, target: Target) -> Period:
    try:
        return Period.parse(label, Frequency(target.indicator.frequency))
    except ValueError as error:
        raise Http404(str(error)) from error


def _latest_ended_quarter(today: dt.date) -> Period:
    period = period_for(today, Frequency.QUARTERLY)
    return period if period.has_ended(today) else period.previous()


@login_required
@require_GET
def return_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    today = clock.today()
    mine = request.GET.get("mine") == "1"
    targets = Target.objects.active().filter(agreement=standing.agreement)
    if mine:
        person = standing.person
        targets = targets.filter(lead=person) | targets.filter(data_owner=person)
    data = TargetData(targets)
    recorded = {
        (t, p): s
        for t, p, s in DataReturn.objects.filter(target_id__in=list(data.infos)).values_list(
            "target_id", "period", "status"
        )
    }
    quarters = _agreement_quarters(standing.agreement, today)
    try:
        period = Period.parse(request.GET.get("period", ""))
    except ValueError:
        period = _quarter_in_hand(quarters, recorded, data, today)
    grace = settings.RETURNS_GRACE_DAYS
    rows = []
    for info in data.infos.values():
        own = data.reporting_period(info, period)
        status = returns.status_on(recorded.get((info.pk, own.label)), own, today, grace)
        actual = data.actuals.get(info.pk, {}).get(own.label)
        rows.append((info, own, status, returns.due_on(own, grace), actual))
    counts: dict[str, int] = {}
    for _, _, status, _, _ in rows:
        counts[status.label] = counts.get(status.label, 0) + 1
    return render(
        request,
        "indicators/return_list.html",
        {
            "rows": rows,
            "period": period,
            "periods": quarters,
            "mine": mine,
            "counts": sorted(counts.items()),
            "nav_section": "indicators",
        },
    )


def _agreement_quarters(agreement: Agreement, today: dt.date) -> list[Period]:
    """The agreement's quarters that have begun by today, the latest first."""
    return [
        p for p in reversed(report_periods(agreement))
        if p.kind is Frequency.QUARTERLY and p.start <= today
    ]  # fmt: skip


def _quarter_in_hand(
    quarters: list[Period], recorded: dict, data: TargetData, today: dt.date
) -> Period:
    """The page opens on the latest of the agreement's quarters with a return or a figure
    in it (the cycle in hand); failing that, its latest quarter; outside any agreement's
    time, the last quarter to have ended."""
    with_data = {period for _, period in recorded}
    for points in data.actuals.values():
        for point in points.values():
            if point.value is not None and point.period.kind is not Frequency.ANNUAL:
                with_data.add(report_period(point.period, today).label)
    for quarter in quarters:
        if quarter.label in with_data:
            return quarter
    return quarters[0] if quarters else _latest_ended_quarter(today)


def _detail_context(request: HtmxHttpRequest, target: Target, period: Period, standing):  # type: ignore[no-untyped-def]
    today = clock.today()
    data_return = (
        DataReturn.objects.filter(target=target, period=period.label)
        .select_related("submitted_by", "approved_by", "returned_by", "frozen_rating")
        .first()
    )
    status = returns.status_on(
        data_return.status if data_return else None, period, today, settings.RETURNS_GRACE_DAYS
    )
    comparison = rating_comparison(Target.objects.filter(pk=target.pk), period, today)[0]
    actual = Actual.objects.filter(target=target, period=period.label, district=None).first()
    submit_from = returns._FROM[returns.Event.SUBMIT]
    return {
        "target": target,
        "indicator": target.indicator,
        "period": period,
        "data_return": data_return,
        "status": status,
        "due_on": returns.due_on(period, settings.RETURNS_GRACE_DAYS),
        "actual": actual,
        "comparison": comparison,
        "revisions": data_return.revisions.select_related("by", "district") if data_return else [],
        "may_submit": can_submit_return(standing, target) and status in submit_from,
        "may_decide": can_approve_return(standing, target)
        and status == returns.ReturnStatus.SUBMITTED,
        "may_revise": can_revise_locked(standing, target)
        and status == returns.ReturnStatus.APPROVED,
        "send_back_form": SendBackForm(),
        "revise_form": ReviseForm(
            target=target,
            initial={
                "value": actual.value if actual else None,
                "missing_reason": actual.missing_reason if actual else "",
            },
        ),
        "nav_section": "indicators",
    }


@login_required
@require_GET
def return_detail(request: HtmxHttpRequest, pk: int, period: str) -> HttpResponse:
    target, standing = get_target_for_user(request, pk)
    context = _detail_context(request, target, _period(period, target), standing)
    return render(request, "indicators/return_detail.html", context)


def _act(request: HtmxHttpRequest, pk: int, period: str, allowed, act) -> HttpResponse:  # type: ignore[no-untyped-def]
    """Shared by the three workflow posts: check, act, and say what happened."""
    target, standing = get_target_for_user(request, pk)
    if not allowed(standing, target):
        raise PermissionDenied("You cannot do that to this return.")
    parsed = _period(period, target)
    try:
        done = act(target=target, period=parsed, by=request.user)
    except returns.TransitionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"{target.indicator.code} {parsed.label} return: {done.get_status_display()}."
        )
    return redirect("indicators:return-detail", pk=target.pk, period=parsed.label)


@login_required
@require_POST
def return_submit(request: HtmxHttpRequest, pk: int, period: str) -> HttpResponse:
    return _act(request, pk, period, can_submit_return, data_return_submit)


@login_required
@require_POST
def return_approve(request: HtmxHttpRequest, pk: int, period: str) -> HttpResponse:
    return _act(request, pk, period, can_approve_return, data_return_approve)


@login_required
@require_POST
def return_send_back(request: HtmxHttpRequest, pk: int, period: str) -> HttpResponse:
    form = SendBackForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""

    def send_back(**kwargs):  # type: ignore[no-untyped-def]
        return data_return_send_back(reason=reason, **kwargs)

    return _act(request, pk, period, can_approve_return, send_back)


@login_required
@require_http_methods(["POST"])
def return_revise(request: HtmxHttpRequest, pk: int, period: str) -> HttpResponse:
    target, standing = get_target_for_user(request, pk)
    if not can_revise_locked(standing, target):
        raise PermissionDenied("Only the secretariat revises approved figures.")
    parsed = _period(period, target)
    form = ReviseForm(request.POST, target=target)
    if form.is_valid():
        district = Area.objects.filter(pk=form.cleaned_data["district"]).first()
        existing = Actual.objects.filter(
            target=target, period=parsed.label, district=district
        ).first()
        value: Decimal | None = form.cleaned_data["value"]
        try:
            actual_record(
                target=target, period=parsed, value=value, by=request.user,  # type: ignore[arg-type]
                district=district,
                expected_version=existing.version if existing else None,
                missing_reason=form.cleaned_data["missing_reason"],
                status=existing.status if existing else Actual.Status.FINAL,
                quality=Actual.Quality.REVISED,
                commentary=existing.commentary if existing else "",
                revision_reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except (ActualLocked, ActualConflict) as error:
            form.add_error(None, str(error))
        else:
            where = f" for {district.name}" if district else ""
            messages.success(
                request, f"{parsed.label} figure{where} revised; the reason is recorded."
            )
            return redirect("indicators:return-detail", pk=target.pk, period=parsed.label)
    context = _detail_context(request, target, parsed, standing)
    context["revise_form"] = form
    return render(request, "indicators/return_detail.html", context)
