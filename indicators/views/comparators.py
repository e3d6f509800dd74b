"""Comparative performance pages: family groups, how we compare, comparator imports.

Everyone in an agreement reads them; only the secretariat defines custom family groups
and imports comparator files. The shared ONS groups are read-only for everybody.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from indicators import comparisons
from indicators.comparators import (
    CodeType,
    FileRejected,
    Mapping,
    comparators_import,
    guess_mapping,
    plan_check,
    table_read,
)
from indicators.models import ComparatorImport, ComparatorValue, FamilyGroup, Indicator, Target
from indicators.permissions import get_indicator_for_user
from partnerships.conflicts import EditConflict, VersionedModelForm, versioned_save
from partnerships.models import Area
from partnerships.permissions import (
    Standing,
    agreements_for,
    can_manage_agreement,
    get_standing,
    standing_in,
)
from partnerships.typing import HtmxHttpRequest
from partnerships.uploads import file_size_text, upload_check


def _secretariat(request: HttpRequest) -> Standing:
    standing = get_standing(request)
    if not can_manage_agreement(standing):
        raise PermissionDenied("Only the secretariat can do this.")
    return standing


def get_family_group_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> FamilyGroup:
    """Shared groups: anyone in an agreement reads them, nobody changes them. Custom
    groups: their agreement's members read them (404 for others), its secretariat changes
    them (403 for the rest)."""
    agreements = agreements_for(request)
    group = get_object_or_404(
        FamilyGroup.objects.filter(Q(agreement__isnull=True) | Q(agreement__in=agreements)),
        pk=pk,
    )
    if not agreements:
        raise Http404("Not found")
    if write:
        if group.agreement is None:
            raise PermissionDenied("The ONS groups come from the published classification.")
        if not can_manage_agreement(standing_in(request, group.agreement)):
            raise PermissionDenied("Only the secretariat can change family groups.")
    return group


def get_import_for_user(request: HttpRequest, pk: int) -> ComparatorImport:
    batch = get_object_or_404(
        ComparatorImport.objects.select_related("agreement", "indicator", "created_by"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    standing_in(request, batch.agreement)
    return batch


# --- family groups ----------------------------------------------------------------------


class FamilyGroupForm(VersionedModelForm):
    member_codes = forms.CharField(
        label="Members",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="One authority a line: its ONS code (22UB) or name (Basildon).",
    )

    class Meta:
        model = FamilyGroup
        fields = ["name", "description", "source"]
        help_texts = {"source": "Where the list comes from, e.g. CIPFA nearest neighbours 2008."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["member_codes"] = "\n".join(
                f"{a.code} {a.name}" for a in self.instance.members.order_by("name")
            )

    def clean_member_codes(self) -> list[Area]:
        lines = [line.strip() for line in self.cleaned_data["member_codes"].splitlines()]
        authorities = Area.objects.exclude(kind=Area.Kind.WARD)
        by_code = {a.code.upper(): a for a in authorities}
        by_name = {a.name.casefold(): a for a in by_code.values()}
        found, unknown = {}, []
        for line in filter(None, lines):
            first = line.split()[0].upper()
            area = by_code.get(first) or by_name.get(line.casefold())
            if area is None:
                unknown.append(line)
            else:
                found[area.pk] = area
        if unknown:
            raise forms.ValidationError(
                "Not an authority we hold: "
                + "; ".join(unknown[:10])
                + ("…" if len(unknown) > 10 else "")
            )
        if len(found) < 2:
            raise forms.ValidationError("A family group needs at least two authorities.")
        return list(found.values())


@login_required
@require_GET
def family_group_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    groups = (
        FamilyGroup.objects.visible_in(standing.agreement.pk)
        .annotate(size=Count("members"))
        .order_by("-agreement_id", "kind", "name")
    )
    area_id = standing.agreement.area_id
    ours = set(
        FamilyGroup.members.through.objects.filter(area_id=area_id).values_list(
            "familygroup_id", flat=True
        )
    ) | set(
        FamilyGroup.members.through.objects.filter(area__parent_id=area_id).values_list(
            "familygroup_id", flat=True
        )
    )
    return render(
        request,
        "indicators/comparator_group_list.html",
        {
            "groups": groups,
            "ours": ours,
            "can_manage": can_manage_agreement(standing),
            "nav_section": "indicators",
        },
    )


@login_required
@require_GET
def family_group_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    group = get_family_group_for_user(request, pk)
    standing = get_standing(request)
    may_edit = group.agreement_id == standing.agreement.pk and can_manage_agreement(standing)
    return render(
        request,
        "indicators/comparator_group_detail.html",
        {
            "group": group,
            "members": group.members.select_related("parent").order_by("name"),
            "can_edit": may_edit,
            "nav_section": "indicators",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_group_create(request: HtmxHttpRequest) -> HttpResponse:
    standing = _secretariat(request)
    form = FamilyGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            group = form.save(commit=False)
            group.agreement = standing.agreement
            group.kind = FamilyGroup.Kind.CUSTOM
            group.save()
            group.members.set(form.cleaned_data["member_codes"])
        messages.success(request, f"Family group “{group.name}” created.")
        return redirect(group)
    return render(
        request,
        "indicators/comparator_group_form.html",
        {"form": form, "group": None, "nav_section": "indicators"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_group_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    group = get_family_group_for_user(request, pk, write=True)
    form = FamilyGroupForm(request.POST or None, instance=group)
    conflict = None
    if request.method == "POST" and form.is_valid():

        def save() -> None:
            form.save()
            group.members.set(form.cleaned_data["member_codes"])

        try:
            versioned_save(form, save)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, f"Family group “{group.name}” saved.")
            return redirect(group)
    return render(
        request,
        "indicators/comparator_group_form.html",
        {"form": form, "group": group, "conflict": conflict, "nav_section": "indicators"},
    )


# --- how we compare ---------------------------------------------------------------------


@login_required
@require_GET
def comparison(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request, pk)
    agreement = indicator.agreement
    periods = list(
        ComparatorValue.objects.filter(indicator=indicator)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()
    )
    period = request.GET.get("period") if request.GET.get("period") in periods else None
    period = period or (periods[0] if periods else "")
    groups = comparisons.groups_for(agreement)
    chosen = next((g for g in groups if str(g.pk) == request.GET.get("group")), None)
    group = chosen or comparisons.default_group(agreement, groups)
    values = comparisons.period_values(indicator.pk, period) if period else {}
    target = Target.objects.active().filter(agreement=agreement, indicator=indicator).first()
    area = agreement.area
    standing = None
    if group is not None and area is not None and period:
        standing = comparisons.standing_in_group(
            polarity=indicator.polarity,
            group=group,
            area=area,
            values=values,
            own_actual=comparisons.own_actual(target, period),
        )
    districts = _district_standings(agreement.area_id, groups, indicator.polarity, values)
    return render(
        request,
        "indicators/comparator_compare.html",
        {
            "indicator": indicator,
            "target": target,
            "area": area,
            "periods": periods,
            "period": period,
            "groups": groups,
            "group": group,
            "standing": standing,
            "chart": comparisons.ranked_bars(standing, places=indicator.decimal_places)
            if standing and standing.comparison.count
            else None,
            "districts": districts,
            "sources": comparisons.sources_for(indicator.pk, period) if period else [],
            "nav_section": "indicators",
        },
    )


def _district_standings(
    area_id: int | None, groups: list[FamilyGroup], polarity: str, values: dict[int, Any]
) -> list[comparisons.Standing]:
    """Each of our districts in its ONS group (groups come with members prefetched)."""
    found = []
    for group in groups:
        if group.kind != FamilyGroup.Kind.ONS_OAC:
            continue
        for member in group.members.all():
            if member.parent_id is not None and member.parent_id == area_id:
                standing = comparisons.standing_in_group(
                    polarity=polarity, group=group, area=member, values=values
                )
                if standing is not None:
                    found.append(standing)
    return sorted(found, key=lambda s: s.area.name)


# --- importing comparator files ---------------------------------------------------------


class UploadForm(forms.ModelForm):
    file = forms.FileField(validators=[upload_check])

    class Meta:
        model = ComparatorImport
        fields = ["source", "source_url", "licence"]
        labels = {"source_url": "Source web address"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "CSV or Excel (.xlsx), first row naming the columns, up to "
            f"{file_size_text(settings.MAX_UPLOAD_BYTES)}."
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Choose a .csv or .xlsx file.")
        try:
            self.table = table_read(upload.read(), upload.name)
        except FileRejected as error:
            raise forms.ValidationError(str(error)) from error
        upload.seek(0)
        return upload


class MappingForm(forms.Form):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.none())
    area_column = forms.ChoiceField(label="Column naming the area")
    code_type = forms.ChoiceField(
        label="What the area column holds", choices=CodeType.choices, widget=forms.RadioSelect
    )
    period_column = forms.ChoiceField(label="Column giving the period")
    calendar_year = forms.BooleanField(
        label="The period is a calendar year: read 2008 as the financial year 2008/09",
        required=False,
    )
    value_column = forms.ChoiceField(label="Column giving the value")

    def __init__(self, *args: Any, columns: list[str], indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        for name in ("area_column", "period_column", "value_column"):
            self.fields[name].choices = [("", "Choose a column"), *((c, c) for c in columns)]

    def mapping(self) -> Mapping:
        data = self.cleaned_data
        return Mapping(
            data["area_column"],
            CodeType(data["code_type"]),
            data["period_column"],
            data["value_column"],
            data["calendar_year"],
        )


@login_required
@require_GET
def comparator_import_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    return render(
        request,
        "indicators/comparator_import_list.html",
        {
            "batches": ComparatorImport.objects.filter(agreement=standing.agreement)
            .select_related("indicator", "created_by")
            .defer("content"),
            "can_manage": can_manage_agreement(standing),
            "nav_section": "indicators",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def comparator_import_upload(request: HtmxHttpRequest) -> HttpResponse:
    standing = _secretariat(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = form.save(commit=False)
        upload = form.cleaned_data["file"]
        batch.agreement = standing.agreement
        batch.filename = upload.name[:200]
        batch.content = upload.read()
        batch.created_by = request.user
        batch.save()
        return redirect(batch)
    return render(
        request,
        "indicators/comparator_import_upload.html",
        {"form": form, "nav_section": "indicators"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def comparator_import_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A pending file: map its columns, check, import. An imported one: what it holds."""
    batch = get_import_for_user(request, pk)
    standing = standing_in(request, batch.agreement)
    pending = batch.status == ComparatorImport.Status.PENDING
    if request.method == "POST" and not (pending and can_manage_agreement(standing)):
        raise PermissionDenied("Only the secretariat can import comparator data.")
    context: dict[str, Any] = {"batch": batch, "nav_section": "indicators"}
    if not pending or not can_manage_agreement(standing):
        return render(request, "indicators/comparator_import_detail.html", context)
    table = table_read(bytes(batch.content), batch.filename)
    form = MappingForm(
        request.POST or None,
        initial=batch.mapping or guess_mapping(table),
        columns=table.columns,
        indicators=Indicator.objects.filter(agreement=batch.agreement),
    )
    plan = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm"):
            plan = comparators_import(
                batch=batch,
                indicator=form.cleaned_data["indicator"],
                mapping=form.mapping(),
                by=request.user,
            )
            if plan.is_valid:
                messages.success(request, f"{len(plan.values):,} comparator values imported.")
                return redirect(batch)
        else:
            plan = plan_check(table, form.mapping())
    context.update(form=form, plan=plan, table=table, sample=table.rows[:5])
    return render(request, "indicators/comparator_import_detail.html", context)
