from __future__ import annotations

from decimal import Decimal

from django import forms

from indicators.models import Actual, Target
from indicators.periods import Period, periods_between
from partnerships.conflicts import VersionedModelForm


class ActualForm(forms.Form):
    """Enter or correct one period's actual for a target (area-wide or one district)."""

    period = forms.ChoiceField(label="Period")
    value = forms.DecimalField(
        max_digits=14, decimal_places=4, required=False, label="Value",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )  # fmt: skip
    missing_reason = forms.CharField(
        max_length=300, required=False, label="Reason there is no value",
        help_text="Only if you have no value for the period.",
    )  # fmt: skip
    status = forms.ChoiceField(choices=Actual.Status.choices, initial=Actual.Status.PROVISIONAL)
    quality = forms.ChoiceField(
        choices=Actual.Quality.choices, required=False, label="Data quality"
    )
    commentary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, target: Target, today: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.target = target
        agreement = target.agreement
        periods = [
            p
            for p in periods_between(
                agreement.starts_on, agreement.ends_on, target.indicator.frequency
            )
            if p.start <= today  # type: ignore[operator]
        ]
        self.fields["period"].choices = [(p.label, p.label) for p in reversed(periods)]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        value: Decimal | None = data.get("value")  # type: ignore[assignment]
        reason = (data.get("missing_reason") or "").strip()  # type: ignore[union-attr]
        if value is None and not reason:
            self.add_error("value", "Enter a value, or say why there is none.")
        if value is not None and reason:
            self.add_error("missing_reason", "Leave the reason empty when you enter a value.")
        if data.get("period"):
            data["period_obj"] = Period.parse(str(data["period"]))
        return data


class TargetForm(VersionedModelForm):
    class Meta:
        model = Target
        fields = [
            "lead",
            "data_owner",
            "designation",
            "priority",
            "baseline",
            "baseline_period",
            "baseline_awaited_reason",
            "tolerance_kind",
            "tolerance",
            "range_low",
            "range_high",
            "reward_grant",
            "status",
            "removed_on",
            "removed_reason",
        ]
        widgets = {"removed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        people = self.instance.agreement.people.all()
        self.fields["lead"].queryset = people  # type: ignore[attr-defined]
        self.fields["data_owner"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("baseline") is None and not data.get("baseline_awaited_reason"):
            self.add_error(
                "baseline_awaited_reason", "Give the baseline, or say why it is awaited."
            )
        if data.get("status") == Target.Status.REMOVED:
            if not data.get("removed_reason"):
                self.add_error("removed_reason", "Say why the target was removed at refresh.")
            if not data.get("removed_on"):
                self.add_error("removed_on", "Give the date the target was removed.")
        tolerance = data.get("tolerance")
        if tolerance is not None and tolerance < 0:  # type: ignore[operator]
            self.add_error("tolerance", "A tolerance cannot be negative.")
        return data


class ProfileForm(forms.Form):
    """Split each year's annual target into a quarterly (or monthly) profile."""

    METHODS = [
        ("even", "Evenly: every period expects the annual target (snapshot measures)"),
        ("cumulative", "Cumulatively: each period expects its share of the year so far"),
        ("linear", "Stepped from the previous year's target (or baseline) to this year's"),
    ]
    method = forms.ChoiceField(choices=METHODS, widget=forms.RadioSelect, label="How to profile")
