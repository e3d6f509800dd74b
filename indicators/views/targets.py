"""Indicator catalogue, indicator and target pages, and entering actuals in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from simple_history.models import ModelChange

from indicators import comparisons, hooks, rating
from indicators.actions import ActualConflict, actual_record, target_profile_generate
from indicators.charts import ChartPoint, trend_chart
from indicators.forms import ActualForm, ProfileForm, TargetForm
from indicators.models import Actual, Indicator, Target, code_order
from indicators.periods import Period
from indicators.permissions import (
    can_edit_target,
    can_enter_actuals,
    can_set_contributors,
    get_indicator_for_user,
    get_target_for_user,
)
from indicators.return_actions import ActualLocked
from indicators.scoring import TargetData, latest_scores
from partnerships import clock
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.models import Organisation, Partnership
from partnerships.permissions import can_manage_agreement, get_standing, standing_in
from partnerships.typing import HtmxHttpRequest


@login_required
@require_GET
def indicator_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    agreement = standing.agreement
    indicators = Indicator.objects.filter(agreement=agreement).select_related("proxy_for")
    query = request.GET.get("q", "").strip()
    if query:
        indicators = indicators.filter(Q(code__icontains=query) | Q(title__icontains=query))
    filters = {
        key: request.GET.get(key, "") for key in ("kind", "frequency", "polarity", "partnership")
    }
    for key in ("kind", "frequency", "polarity"):
        if filters[key]:
            indicators = indicators.filter(**{key: filters[key]})
    if filters["partnership"].isdigit():
        indicators = indicators.filter(targets__partnership_id=int(filters["partnership"]))
    targets = Target.objects.active().filter(agreement=agreement, indicator__in=indicators)
    scores = latest_scores(targets, today=clock.today())
    by_indicator = {score.target.indicator_id: score for score in scores.values()}
    # Which targets' figures are illustrative (docs/illustrative.md): one query.
    notes = dict(targets.exclude(illustrative="").values_list("pk", "illustrative"))
    rows = [
        (indicator, score, notes.get(score.target.pk, "") if score else "")
        for indicator in indicators.distinct()
        for score in [by_indicator.get(indicator.pk)]
    ]
    rows.sort(key=lambda row: (row[0].kind, code_order(row[0].code)))
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "rows": rows,
            "query": query,
            "filters": filters,
            "kinds": Indicator.Kind.choices,
            "frequencies": Indicator.Frequency.choices,
            "polarities": Indicator.Polarity.choices,
            "agreement": agreement,
            "can_add": can_manage_agreement(standing),
            "partnerships": Partnership.objects.filter(agreement=agreement, targets__isnull=False)
            .distinct()
            .order_by("name"),
            "nav_section": "indicators",
        },
    )


@login_required
@require_GET
def indicator_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request, pk)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "targets": indicator.targets.select_related("partnership", "lead"),
            "proxies": indicator.proxies.all(),
            "can_mark": can_manage_agreement(standing_in(request, indicator.agreement)),
            "nav_section": "indicators",
        },
    )


def _district_breakdown(target: Target) -> tuple[list[str], list[tuple[str, list[Any]]]]:
    """The target's two latest periods with district figures, and each district's row."""
    district_periods = list(
        Actual.objects.filter(target=target, district__isnull=False)
        .order_by("-period_start")
        .values_list("period", flat=True)
        .distinct()[:2]
    )[::-1]
    breakdown: dict[str, dict[str, object]] = {}
    for actual in Actual.objects.filter(
        target=target, district__isnull=False, period__in=district_periods
    ).select_related("district"):
        breakdown.setdefault(actual.district.name, {})[actual.period] = actual.value
    rows = [
        (name, [_q(values.get(period), target) for period in district_periods])  # type: ignore[arg-type]
        for name, values in sorted(breakdown.items())
    ]
    return district_periods, rows


def _target_context(request: HtmxHttpRequest, target: Target, standing, form=None, conflict=None):  # type: ignore[no-untyped-def]
    today = clock.today()
    agreement = target.agreement
    data = TargetData(Target.objects.filter(pk=target.pk))
    series = data.series(target.pk, agreement.starts_on, agreement.ends_on, today=today)
    shown = [s for s in series if s.period.start <= today]
    latest = next((s for s in reversed(shown) if s.actual_value is not None), None)
    chart = trend_chart(
        [ChartPoint(s.period.label, s.target_value, s.actual_value, s.rating.value) for s in shown]
    )
    district_periods, district_rows = _district_breakdown(target)
    band = _chance_band(latest, data.values.get(target.pk, {})) if latest else None
    may_enter = can_enter_actuals(standing, target)
    if form is None and may_enter:
        form = _actual_form_for(target, request.GET.get("period"), today)
    annual_values = target.values.filter(is_annual=True)
    missing_profiles = _missing_profiles(target, data.values.get(target.pk, {}))
    profile_values = target.values.filter(is_annual=False)
    return {
        # What higher apps show on a target's page (indicators/hooks.py): plan actions…
        "sections": [section(request, target) for section in hooks.target_page_sections],
        "target": target,
        "indicator": target.indicator,
        "series": shown,
        "latest": latest,
        "chart": chart,
        "chance_band": band,
        "district_periods": district_periods,
        "district_rows": district_rows,
        "annual_values": annual_values,
        "profile_values": profile_values,
        "missing_profiles": missing_profiles,
        "contributors": [
            *target.contributing_partnerships.all(),
            *target.contributing_organisations.all(),
        ],
        "commentary": [s for s in reversed(shown) if s.actual and s.actual.commentary],
        "history": _history(target),
        "form": form,
        "conflict": conflict,
        "can_enter": may_enter,
        "can_edit": can_edit_target(standing, target),
        # Comparative performance (issue 10): districts driving a red or amber rating.
        "hotspots": comparisons.hotspots(
            target, latest.period.label, latest.target_value, latest.rating.value
        )
        if latest
        else [],
        "nav_section": "indicators",
    }


def _chance_band(latest: Any, values: Mapping[str, Decimal | None]) -> dict[str, Any] | None:
    """A small SVG band for the year end's 80% interval, the expected figure and the
    annual target, on one scale (docs/rating.md, "Chance of meeting the target")."""
    chance = latest.chance
    if chance is None or chance.low is None or chance.high is None:
        return None
    annual = values.get(latest.period.financial_year.label)
    marks = [chance.low, chance.high, chance.expected]
    marks += [float(v) for v in (annual, latest.target.low, latest.target.high) if v is not None]
    low, high = min(marks), max(marks)
    pad = (high - low) / 10 or 1.0
    low, high = low - pad, high + pad
    left, width = 16.0, 448.0

    def x(value: float) -> float:
        return round(left + (value - low) / (high - low) * width, 1)

    places = latest.target.decimal_places
    return {
        "band_x": x(chance.low),
        "band_w": max(x(chance.high) - x(chance.low), 2.0),
        "expected_x": x(chance.expected),
        "target_x": x(float(annual)) if annual is not None else None,
        "year": latest.period.financial_year.label,
        "range": chance.interval_text(places),
        "target": f"{annual:,f}" if annual is not None else "",
    }


def _missing_profiles(target: Target, values: Mapping[str, object]) -> list[str]:
    """The years ("2014/15") in which a cumulative monthly or quarterly target has an annual
    target but no profile: each of its periods is "not rated" until one is set."""
    indicator = target.indicator
    if indicator.accumulation != Indicator.Accumulation.CUMULATIVE or indicator.frequency not in (
        Indicator.Frequency.MONTHLY,
        Indicator.Frequency.QUARTERLY,
    ):
        return []
    periods = [Period.parse(label) for label, value in values.items() if value is not None]
    profiled = {p.financial_year.label for p in periods if p.quarter is not None}
    return sorted(p.label for p in periods if p.quarter is None and p.label not in profiled)


def _actual_form_for(target: Target, period: str | None, today: dt.date) -> ActualForm:
    actual = None
    if period:
        actual = Actual.objects.filter(target=target, period=period, district=None).first()
    initial = {"period": period} if period else {}
    if actual is not None:
        initial.update(
            value=actual.value,
            missing_reason=actual.missing_reason,
            status=actual.status,
            quality=actual.quality,
            commentary=actual.commentary,
            version=actual.version,
        )
    return ActualForm(target=target, today=today, initial=initial)


def _history(target: Target) -> list[dict[str, object]]:
    """Recent changes to the target and its actuals: who, when, what changed."""
    entries: list[dict[str, object]] = []
    records = list(target.history.select_related("history_user")[:20])
    changes = [
        (newer, change)
        for newer, older in pairwise(records)
        for change in newer.diff_against(older).changes
    ]
    names = _contributor_names(change for _, change in changes)
    for newer, change in changes:
        field = Target._meta.get_field(change.field)
        old, new = change.old, change.new
        if field.many_to_many:  # contributors: the names, not the rows' ids
            key = field.related_model._meta.model_name  # type: ignore[union-attr]
            old, new = (
                ", ".join(sorted(names[key].get(row[key], "?") for row in rows)) or "–"
                for rows in (old, new)
            )
        entries.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "what": field.verbose_name,
                "old": old,
                "new": new,
                "subject": "target",
            }
        )
    actual_history = (
        Actual.history.filter(target_id=target.pk)
        .select_related("history_user", "district")
        .order_by("-history_date")[:30]
    )
    for record in actual_history:
        label = {"+": "entered", "~": "changed", "-": "deleted"}[record.history_type]
        if record.district_id:
            label += f" for {record.district.name}"
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": f"{record.period} actual {label}",
                "old": "",
                "new": _q(record.value, target)
                if record.value is not None
                else record.missing_reason,
                "subject": "actual",
            }
        )
    entries.sort(key=lambda e: e["when"], reverse=True)  # type: ignore[arg-type, return-value]
    return entries[:30]


def _contributor_names(changes: Iterable[ModelChange]) -> dict[str, dict[int, str]]:
    """{"partnership"/"organisation": {pk: name}} for the contributors named in `changes`:
    one query a kind, and none when no contributor changed."""
    wanted: dict[str, set[int]] = {"partnership": set(), "organisation": set()}
    for change in changes:
        field = Target._meta.get_field(change.field)
        if field.many_to_many:
            key = field.related_model._meta.model_name  # type: ignore[union-attr]
            wanted[key].update(row[key] for row in (*change.old, *change.new))
    models = {"partnership": Partnership, "organisation": Organisation}
    return {
        key: dict(models[key].objects.filter(pk__in=pks).values_list("pk", "name")) if pks else {}
        for key, pks in wanted.items()
    }


def _q(value: Decimal | None, target: Target) -> Decimal | None:
    """A stored value shown to the indicator's decimal places."""
    if value is None:
        return None
    return rating.as_published(value, target.indicator.decimal_places)


@login_required
@require_GET
def target_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    target, standing = get_target_for_user(request, pk)
    context = _target_context(request, target, standing)
    template = "indicators/target_detail.html"
    if request.htmx and request.GET.get("period"):
        template += "#actual-form"
    return render(request, template, context)


@login_required
@require_POST
def actual_save(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    target, standing = get_target_for_user(request, pk, actuals=True)
    today = clock.today()
    form = ActualForm(request.POST, target=target, today=today)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            actual = actual_record(
                target=target,
                period=data["period_obj"],
                value=data["value"],
                missing_reason=data["missing_reason"],
                status=data["status"],
                quality=data["quality"],
                commentary=data["commentary"],
                by=request.user,  # type: ignore[arg-type]
                expected_version=data["version"],
            )
        except ActualConflict as error:
            conflict = error
            # Their input stays; saving again, having seen the other change, replaces it.
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form = ActualForm(data, target=target, today=today)
            form.is_valid()
        except ActualLocked as error:  # data cycle (issue 9): an approved period
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{actual.period} actual saved.")
            if not request.htmx:
                return redirect(target)
            form = None
    context = _target_context(request, target, standing, form=form, conflict=conflict)
    if request.htmx:
        return render(request, "indicators/target_detail.html#target-data", context)
    return render(request, "indicators/target_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    target, standing = get_target_for_user(request, pk, write=True)
    form = TargetForm(
        request.POST or None,
        instance=target,
        contributors=can_set_contributors(standing, target),
        illustrative=can_manage_agreement(standing),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(form, form.save)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, f"{target.indicator.code} target updated.")
            return redirect(target)
    return render(
        request,
        "indicators/target_form.html",
        {"form": form, "target": target, "conflict": conflict, "nav_section": "indicators"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_profile(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    target, _ = get_target_for_user(request, pk, write=True)
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        changed = target_profile_generate(
            target=target,
            method=form.cleaned_data["method"],
            years=target.agreement.financial_years,
        )
        messages.success(request, f"Profile generated: {changed} period values changed.")
        return redirect(target)
    return render(
        request,
        "indicators/target_profile.html",
        {"form": form, "target": target, "nav_section": "indicators"},
    )
