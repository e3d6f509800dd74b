"""Forms for funds, allocations, rounds, bids (with one amount field per year), decisions,
spend and carry-forward. Querysets are always narrowed to the person's agreement."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q

from funding.models import (
    WHOLE_PERIOD,
    YEAR_HELP,
    Allocation,
    Award,
    Bid,
    CarryForward,
    CommissioningRound,
    Fund,
    FundYear,
    RewardRule,
    Spend,
)
from indicators.models import Target
from meetings.models import AgendaItem, Meeting
from partnerships import clock
from partnerships.conflicts import VersionedModelForm
from partnerships.models import Agreement, Partnership, Person
from plans.models import Action, FundingLine

DATE = forms.DateInput(attrs={"type": "date"})


def year_choices(agreement: Agreement) -> list[tuple[str, str]]:
    return [(y, y) for y in agreement.financial_years] + [("", WHOLE_PERIOD)]


def _field_name(year: str) -> str:
    return "amount_" + (year.replace("/", "_") or "whole")


class YearField(forms.ChoiceField):
    def __init__(self, agreement: Agreement, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Financial year")
        super().__init__(choices=year_choices(agreement), required=False, **kwargs)


class FundForm(VersionedModelForm):
    class Meta:
        model = Fund
        fields = [
            "name", "kind", "spend_type", "deciding_body", "guaranteed_share", "top_slice",
            "rules",
        ]  # fmt: skip
        widgets = {"rules": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        self.fields["deciding_body"].queryset = Partnership.objects.filter(agreement=agreement)


class FundYearForm(forms.ModelForm):
    class Meta:
        model = FundYear
        fields = ["year", "available", "note"]

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.fund = fund
        self.fields["year"] = YearField(fund.agreement, help_text=YEAR_HELP)


class AllocationForm(VersionedModelForm):
    class Meta:
        model = Allocation
        fields = ["partnership", "year", "amount", "note"]

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.fund = fund
        self.fields["partnership"].queryset = Partnership.objects.filter(agreement=fund.agreement)
        self.fields["year"] = YearField(fund.agreement, help_text=YEAR_HELP)


class RoundForm(VersionedModelForm):
    class Meta:
        model = CommissioningRound
        fields = [
            "title", "year", "opens_on", "closes_on", "decision_meeting", "decision_due",
            "criteria", "is_capital_allowed",
        ]  # fmt: skip
        widgets = {"opens_on": DATE, "closes_on": DATE, "criteria": forms.Textarea({"rows": 4})}

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.fund = fund
        self.fields["year"] = YearField(fund.agreement, help_text=YEAR_HELP)
        self.fields["decision_meeting"].queryset = Meeting.objects.for_agreement(
            fund.agreement_id
        ).select_related("partnership")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "Applications must be due back after the forms go out.")
        return data


class BidForm(VersionedModelForm):
    """The scheme, then one amount field per financial year (and one for 'not split')."""

    class Meta:
        model = Bid
        fields = [
            "partnership", "fund", "round", "title", "scheme_lead", "spend_type", "targets",
            "actions", "funding_lines", "rationale", "impact", "risk_of_not_funding",
            "value_for_money", "note",
        ]  # fmt: skip
        widgets = {
            "targets": forms.CheckboxSelectMultiple,
            "actions": forms.CheckboxSelectMultiple,
            "funding_lines": forms.CheckboxSelectMultiple,
            "spend_type": forms.RadioSelect,
            **{f: forms.Textarea(attrs={"rows": 3}) for f in (
                "rationale", "impact", "risk_of_not_funding", "value_for_money", "note"
            )},
        }  # fmt: skip

    def __init__(self, *args: Any, agreement: Agreement, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["partnership"].queryset = partnerships
        self.fields["fund"].queryset = Fund.objects.filter(agreement=agreement)
        self.fields["round"].queryset = CommissioningRound.objects.filter(fund__agreement=agreement)
        self.fields["scheme_lead"].queryset = Person.objects.filter(agreement=agreement)
        self.fields["targets"].queryset = (
            Target.objects.active().filter(agreement=agreement).select_related("indicator")
        )
        # The plans of the partnerships this person may bid for (and whatever the bid
        # already links to), so a lead chooses among their own plan's lines.
        plans = Q(plan__partnership__in=partnerships)
        if self.instance.pk:
            plans |= Q(bids=self.instance)
        self.fields["actions"].queryset = (
            Action.objects.filter(plans, plan__partnership__agreement=agreement)
            .select_related("plan__partnership")
            .order_by("plan__partnership__name", "plan__title", "order", "pk")
            .distinct()
        )
        self.fields["actions"].label_from_instance = lambda action: (
            f"{action} ({action.plan.partnership.label})"
        )
        self.fields["actions"].help_text = "Delivery-plan actions the money pays for."
        self.fields["funding_lines"].queryset = (
            FundingLine.objects.filter(plans, plan__partnership__agreement=agreement)
            .select_related("plan__partnership", "action")
            .order_by("plan__partnership__name", "plan__title", "year", "source", "pk")
            .distinct()
        )
        self.fields["funding_lines"].label_from_instance = _funding_line_label
        self.fields[
            "funding_lines"
        ].help_text = "The lines of the delivery plan's funding this bid would pay for."
        existing = (
            {a.year: a.amount for a in self.instance.amounts.all()} if self.instance.pk else {}
        )
        for year, label in year_choices(agreement):
            self.fields[_field_name(year)] = forms.DecimalField(
                label=f"{label} (£)",
                max_digits=14,
                decimal_places=2,
                min_value=Decimal(0),
                required=False,
                initial=existing.get(year),
            )

    @property
    def amount_fields(self) -> list[forms.BoundField]:
        return [self[_field_name(year)] for year, _ in year_choices(self.agreement)]

    @property
    def amounts(self) -> dict[str, Decimal]:
        return {
            year: self.cleaned_data[_field_name(year)]
            for year, _ in year_choices(self.agreement)
            if self.cleaned_data.get(_field_name(year)) is not None
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        fund, round_, partnership = data.get("fund"), data.get("round"), data.get("partnership")
        if fund and round_ and round_.fund_id != fund.pk:
            self.add_error("round", f"{round_} is a round of {round_.fund}, not {fund}.")
        if partnership:
            for name, noun in (("actions", "action"), ("funding_lines", "funding line")):
                for item in data.get(name) or ():
                    if item.plan.partnership_id != partnership.pk:
                        self.add_error(
                            name,
                            f"The {noun} “{item}” is in {item.plan.partnership.name}'s plan, "
                            f"not {partnership.name}'s.",
                        )
        if not self.errors and not self.amounts:
            raise forms.ValidationError("Enter the amount asked for in at least one year.")
        return data


def _funding_line_label(line: FundingLine) -> str:
    what = line.description or (str(line.action) if line.action else "")
    return (
        f"{line.short_source} {line.year} £{line.amount:,.2f}"
        + (f" – {what}" if what else "")
        + f" ({line.plan.partnership.label})"
    )


def _item_label(item: AgendaItem) -> str:
    return f"{item.meeting.date:%-d %b %Y} {item.meeting.display_title}: {item}"


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(widget=forms.RadioSelect)
    decided_on = forms.DateField(label="Date of the decision", widget=DATE)
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), required=False)
    agenda_item = forms.ModelChoiceField(
        label="Minutes item", queryset=AgendaItem.objects.none(), required=False
    )
    note = forms.CharField(
        label="What was agreed", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, bid: Bid, outcomes: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"decided_on": clock.today()})
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, Bid.Status(o).label) for o in outcomes]
        meetings = Meeting.objects.for_agreement(bid.partnership.agreement_id)
        self.fields["meeting"].queryset = meetings.select_related("partnership")
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(
            meeting__in=meetings
        ).select_related("meeting__partnership")
        self.fields["agenda_item"].label_from_instance = _item_label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        meeting, item = data.get("meeting"), data.get("agenda_item")
        if meeting and item and item.meeting_id != meeting.pk:
            self.add_error("agenda_item", "Choose one of the chosen meeting's items.")
        return data


class SpendForm(forms.ModelForm):
    amount = forms.DecimalField(
        label="Spent (£)",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        error_messages={
            "required": "Enter the amount spent in the quarter.",
            "invalid": "Enter the amount spent in pounds and pence, like 39385.00.",
            "min_value": "Spend cannot be negative.",
        },
    )

    class Meta:
        model = Spend
        fields = ["quarter", "amount", "note"]
        error_messages = {"quarter": {"required": "Choose the quarter."}}


class AwardForm(VersionedModelForm):
    class Meta:
        model = Award
        fields = ["amount"]
        labels = {"amount": "Amount awarded (£)"}


class CarryForwardForm(forms.ModelForm):
    class Meta:
        model = CarryForward
        fields = [
            "fund", "partnership", "from_year", "to_year", "amount", "percent_of_budget",
            "rule", "agreed_by", "agreed_on", "meeting", "agenda_item",
        ]  # fmt: skip
        widgets = {"agreed_on": DATE, "rule": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnerships = Partnership.objects.filter(agreement=agreement)
        self.fields["fund"].queryset = Fund.objects.filter(agreement=agreement)
        self.fields["partnership"].queryset = partnerships
        self.fields["agreed_by"].queryset = partnerships
        meetings = Meeting.objects.for_agreement(agreement.pk)
        self.fields["meeting"].queryset = meetings.select_related("partnership")
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(
            meeting__in=meetings
        ).select_related("meeting__partnership")
        self.fields["agenda_item"].label_from_instance = _item_label
        years = [(y, y) for y in agreement.financial_years]
        self.fields["from_year"] = forms.ChoiceField(label="Underspend in", choices=years)
        self.fields["to_year"] = forms.ChoiceField(label="Carried into", choices=years)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        meeting, item = data.get("meeting"), data.get("agenda_item")
        if meeting and item and item.meeting_id != meeting.pk:
            self.add_error("agenda_item", "Choose one of the chosen meeting's items.")
        unknown = data.get("amount") is None and data.get("percent_of_budget") is None
        if unknown and "amount" not in self.errors:
            self.add_error("amount", "Enter the amount, or the underspend as a % of budget.")
        return data


class ModellingForm(forms.Form):
    fund = forms.ModelChoiceField(queryset=Fund.objects.none(), empty_label=None)
    year = forms.ChoiceField(label="Financial year", required=False)
    top_slice = forms.DecimalField(
        label="Top slice (%)", min_value=Decimal(0), max_value=Decimal(100), decimal_places=2
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = Fund.objects.filter(agreement=agreement)
        self.fields["year"].choices = year_choices(agreement)
        self.fields["fund"].widget.attrs["class"] = "govuk-select"
        self.fields["year"].widget.attrs["class"] = "govuk-select"
        self.fields["top_slice"].widget.attrs["class"] = "govuk-input govuk-input--width-4"


class RewardRuleForm(VersionedModelForm):
    class Meta:
        model = RewardRule
        fields = ["threshold", "is_pro_rata", "source"]
