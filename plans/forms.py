"""Forms for delivery plans, their actions, milestones, risks and funding lines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Case, QuerySet, Value, When

from indicators.models import Target
from partnerships.conflicts import VersionedModelForm
from partnerships.models import Agreement, Organisation, Outcome, Partnership, Person
from partnerships.uploads import upload_check
from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def agreement_targets(agreement: Agreement, first: Partnership | None = None) -> QuerySet[Any]:
    """The agreement's active targets (``first``'s own first)."""
    targets = Target.objects.filter(
        agreement=agreement, status=Target.Status.ACTIVE
    ).select_related("indicator", "partnership")
    if first is None:
        return targets.order_by("indicator__code")
    return targets.annotate(
        is_other=Case(When(partnership=first, then=Value(0)), default=Value(1))
    ).order_by("is_other", "indicator__code")


def _label_targets(field: forms.Field) -> None:
    """Say whose each target is, so cross-cutting choices are made knowingly."""
    field.label_from_instance = lambda t: (  # type: ignore[attr-defined]
        f"{t.indicator.code} {t.indicator.title} ({t.partnership.label})"
    )


def _people(agreement: Agreement) -> QuerySet[Person]:
    return Person.objects.filter(agreement=agreement).select_related("organisation")


class DeliveryPlanForm(VersionedModelForm):
    class Meta:
        model = DeliveryPlan
        fields = [
            "partnership",
            "title",
            "owner",
            "starts_on",
            "ends_on",
            "targets",
            "outcomes",
            "resources_summary",
            "equality_impact",
            "equality_assessed_on",
            "equality_reference",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "equality_assessed_on": DATE,
            "targets": forms.CheckboxSelectMultiple,
            "outcomes": forms.CheckboxSelectMultiple,
            "equality_impact": forms.RadioSelect,
            "resources_summary": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"owner": "Plan owner"}

    def __init__(
        self, *args: Any, agreement: Agreement, partnerships: QuerySet[Partnership], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        if self.instance.pk:
            del fields["partnership"]
        else:
            fields["partnership"].queryset = partnerships  # type: ignore[attr-defined]
        fields["owner"].queryset = _people(agreement)  # type: ignore[attr-defined]
        own = self.instance.partnership if self.instance.pk else None
        fields["targets"].queryset = agreement_targets(agreement, own)  # type: ignore[attr-defined]
        _label_targets(fields["targets"])
        outcomes = Outcome.objects.filter(theme__agreement=agreement)
        if own is not None:
            outcomes = outcomes.annotate(
                is_other=Case(When(theme__partnership=own, then=Value(0)), default=Value(1))
            ).order_by("is_other", "theme__order", "order", "code")
        else:
            outcomes = outcomes.order_by("theme__order", "order", "code")
        fields["outcomes"].queryset = outcomes  # type: ignore[attr-defined]
        equality = fields["equality_impact"]
        equality.choices = [c for c in DeliveryPlan.Equality.choices if c[0]]  # type: ignore[attr-defined]
        equality.help_text = "The plan can only be submitted once this is answered."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The plan must end after it starts.")
        return data


class ActionForm(VersionedModelForm):
    class Meta:
        model = Action
        fields = [
            "ref",
            "title",
            "description",
            "lead",
            "targets",
            "contributors",
            "contributing_organisations",
            "starts_on",
            "due_on",
            "status",
            "percent_complete",
            "progress_note",
        ]
        widgets = {
            "starts_on": DATE,
            "due_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
            "targets": forms.CheckboxSelectMultiple,
            "contributing_organisations": forms.SelectMultiple(attrs={"size": 6}),
            "contributors": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "targets": "Tick every target the action helps, including other partnerships'.",
            "contributors": "Hold Ctrl (or Cmd) to choose more than one.",
            "contributing_organisations": "Hold Ctrl (or Cmd) to choose more than one.",
        }

    def __init__(self, *args: Any, plan: DeliveryPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        agreement = plan.partnership.agreement
        self.fields["lead"].queryset = _people(agreement)  # type: ignore[attr-defined]
        self.fields["contributors"].queryset = _people(agreement)  # type: ignore[attr-defined]
        self.fields["contributing_organisations"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            agreement=agreement
        )
        self.fields["targets"].queryset = agreement_targets(agreement, plan.partnership)  # type: ignore[attr-defined]
        _label_targets(self.fields["targets"])

    def clean_ref(self) -> str:
        ref = self.cleaned_data["ref"].strip()
        clash = self.plan.actions.filter(ref=ref).exclude(pk=self.instance.pk)
        if ref and clash.exists():
            raise forms.ValidationError(f"Another action of this plan is already {ref}.")
        return ref

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", "The due date must be on or after the start date.")
        return data


MilestoneFormSet = forms.inlineformset_factory(
    Action,
    Milestone,
    fields=["title", "due_on", "is_done"],
    widgets={"due_on": DATE},
    extra=2,
    can_delete=True,
)


class ActionProgressForm(VersionedModelForm):
    """The inline update on the plan page: status, % complete, latest progress."""

    class Meta:
        model = Action
        fields = ["status", "percent_complete", "progress_note"]
        widgets = {
            "percent_complete": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
            "progress_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Several rows' forms can be on one page: keep their ids apart.
        self.auto_id = f"progress-{self.instance.pk}-%s"
        # Opening the form (in place, or on the page without JavaScript) moves focus to it.
        self.fields["status"].widget.attrs["autofocus"] = True


class RiskForm(VersionedModelForm):
    class Meta:
        model = Risk
        fields = [
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "owner",
            "status",
            "actions",
            "targets",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
            "likelihood": forms.RadioSelect,
            "impact": forms.RadioSelect,
            "actions": forms.CheckboxSelectMultiple,
            "targets": forms.CheckboxSelectMultiple,
        }
        labels = {"actions": "Actions it affects", "targets": "Targets it puts at risk"}

    def __init__(self, *args: Any, plan: DeliveryPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(plan.partnership.agreement)  # type: ignore[attr-defined]
        self.fields["actions"].queryset = plan.actions.all()  # type: ignore[attr-defined]
        self.fields["targets"].queryset = agreement_targets(  # type: ignore[attr-defined]
            plan.partnership.agreement, plan.partnership
        )
        _label_targets(self.fields["targets"])
        for name in ("likelihood", "impact"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]  # type: ignore[attr-defined]


class FundingLineForm(VersionedModelForm):
    class Meta:
        model = FundingLine
        fields = ["source", "year", "amount", "action", "description"]
        widgets = {"source": forms.RadioSelect}
        labels = {"action": "For action"}

    def __init__(self, *args: Any, plan: DeliveryPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = plan.partnership.agreement.financial_years
        if self.instance.year and self.instance.year not in years:
            years = [self.instance.year, *years]
        self.fields["year"] = forms.ChoiceField(
            label="Financial year", choices=[(y, y) for y in years]
        )
        self.fields["action"].queryset = plan.actions.all()  # type: ignore[attr-defined]
        self.fields["action"].empty_label = "The plan as a whole"  # type: ignore[attr-defined]
        self.fields["source"].choices = FundingLine.Source.choices  # type: ignore[attr-defined]
        self.fields["amount"].widget.attrs.update(inputmode="decimal")


class NextMeetingForm(forms.Form):
    next_meeting_on = forms.DateField(
        required=False,
        error_messages={"invalid": "Enter the date of the next meeting, like 2009-07-02."},
    )


class PlanReturnForm(forms.Form):
    note = forms.CharField(
        label="What needs to change",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what needs to change before the plan is approved."},
    )


class ActionFilterForm(forms.Form):
    """Filters above the plan's actions (a GET form, so filtered views can be shared)."""

    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *Action.Status.choices])
    target = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    lead = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(required=False, label="Overdue only")

    def __init__(self, *args: Any, actions: list[Action], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = {t.pk: t for a in actions for t in a.targets.all()}
        leads = {a.lead.pk: a.lead for a in actions if a.lead}
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            ("", "Any target"),
            *sorted(((pk, t.indicator.code) for pk, t in targets.items()), key=lambda c: c[1]),
        ]
        self.fields["lead"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            *sorted(((pk, p.name) for pk, p in leads.items()), key=lambda c: c[1]),
        ]

    @property
    def is_filtering(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Upload the plan workbook",
        help_text="An Excel file (.xlsx) in the layout of the plan's export.",
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
        validators=[upload_check],
    )

    def clean_workbook(self) -> Any:
        upload = self.cleaned_data["workbook"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The file must be an Excel workbook (.xlsx).")
        return upload
