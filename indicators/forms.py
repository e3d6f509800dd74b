from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q

from indicators.actions import NationalPick
from indicators.models import Actual, Indicator, NationalIndicator, Target
from indicators.periods import Period, periods_between
from partnerships.conflicts import VersionedModelForm
from partnerships.models import Agreement


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


class ToleranceField(forms.DecimalField):
    """A tolerance as people type it: "5" or, for a percentage, "5%" (the sign is read and
    dropped here; TargetForm.clean refuses it on an amount)."""

    default_error_messages = {
        "invalid": "Enter the tolerance as a number, such as 5, or a percentage, such as 5%.",
        "required": "Enter the tolerance, such as 5 or 5%, or 0 for none.",
    }

    def to_python(self, value: object) -> Decimal | None:
        if isinstance(value, str) and value.strip().endswith("%"):
            value = value.strip().removesuffix("%").strip()
            if not value:  # a sign with no number
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class TargetForm(VersionedModelForm):
    """A target's people and numbers; its contributors too, for the secretariat and the
    responsible partnership's lead or deputy (`contributors=True`)."""

    CONTRIBUTOR_FIELDS = ("contributing_partnerships", "contributing_organisations")

    tolerance = ToleranceField(
        max_digits=12,
        decimal_places=4,
        label="Tolerance",
        help_text="The band that separates amber from red: a percentage of the target "
        "(e.g. 5 or 5%) or an amount in the indicator's unit.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

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
            "illustrative",
            "status",
            "removed_on",
            "removed_reason",
            "contributing_partnerships",
            "contributing_organisations",
        ]
        widgets = {
            "illustrative": forms.Textarea(attrs={"rows": 2}),
            "removed_on": forms.DateInput(attrs={"type": "date"}),
            "contributing_partnerships": forms.CheckboxSelectMultiple,
            "contributing_organisations": forms.CheckboxSelectMultiple,
        }
        labels = {
            "contributing_partnerships": "Contributing partnerships",
            "contributing_organisations": "Contributing organisations",
        }

    def __init__(
        self,
        *args: object,
        contributors: bool = False,
        illustrative: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not illustrative:
            # Only the secretariat says which figures are not from the source documents:
            # left out for anyone else, so a post of it is ignored.
            del self.fields["illustrative"]
        agreement = self.instance.agreement
        people = agreement.people.all()
        self.fields["lead"].queryset = people  # type: ignore[attr-defined]
        self.fields["data_owner"].queryset = people  # type: ignore[attr-defined]
        if not contributors:
            # Not theirs to set (a target lead): the fields are left out, so a post of
            # them is ignored and the contributors stay as they are.
            for name in self.CONTRIBUTOR_FIELDS:
                del self.fields[name]
            return
        # Only the agreement's own: another agreement's pick is refused as not a choice.
        # Not the responsible partnership itself (unless the admin has made it one).
        chosen = self.instance.contributing_partnerships.all() if self.instance.pk else []
        self.fields["contributing_partnerships"].queryset = agreement.partnerships.filter(  # type: ignore[attr-defined]
            ~Q(pk=self.instance.partnership_id) | Q(pk__in=[p.pk for p in chosen])
        ).order_by("name")
        self.fields["contributing_organisations"].queryset = agreement.organisations.order_by(  # type: ignore[attr-defined]
            "name"
        )

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
        typed = str(self.data.get(self.add_prefix("tolerance"), ""))
        if (
            "tolerance" not in self.errors
            and typed.strip().endswith("%")
            and data.get("tolerance_kind") == Target.ToleranceKind.ABSOLUTE
        ):
            self.add_error(
                "tolerance",
                "A tolerance in the indicator's unit is an amount, not a percentage: "
                "enter it without %, or choose a percentage of the target.",
            )
        return data


class ProfileForm(forms.Form):
    """Split each year's annual target into a quarterly (or monthly) profile."""

    METHODS = [
        ("even", "Evenly: every period expects the annual target (snapshot measures)"),
        ("cumulative", "Cumulatively: each period expects its share of the year so far"),
        ("linear", "Stepped from the previous year's target (or baseline) to this year's"),
    ]
    method = forms.ChoiceField(choices=METHODS, widget=forms.RadioSelect, label="How to profile")


class NationalTitleForm(forms.Form):
    """A site administrator records the title of a national indicator no source gave.
    `was` is the title the page was opened on, so that two people recording at once are
    told rather than one silently replacing the other."""

    title = forms.CharField(
        max_length=300,
        label="Title",
        help_text="The short official title, as the Handbook of Definitions or another "
        "published source states it.",
    )
    was = forms.CharField(widget=forms.HiddenInput, required=False)


class NationalAddForm(forms.Form):
    """Tick national indicators to add to the agreement. Where the catalogue has no title
    or no polarity, the secretariat gives it here for each ticked code: nothing is
    guessed."""

    codes = forms.MultipleChoiceField(
        label="Indicators to add",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one indicator to add."},
    )

    POLARITIES = [("", "Choose…"), *Indicator.Polarity.choices]

    def __init__(self, *args: object, offered: list[NationalIndicator], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.offered = {n.code: n for n in offered}
        self.fields["codes"].choices = [(n.code, n.code) for n in offered]
        for national in offered:
            if not national.title:
                self.fields[f"title-{national.pk}"] = forms.CharField(
                    max_length=300, required=False, label=f"Title of {national.code}"
                )
            if not national.polarity:
                self.fields[f"polarity-{national.pk}"] = forms.ChoiceField(
                    choices=self.POLARITIES,
                    required=False,
                    label=f"Which is better for {national.code}",
                )

    def rows(self) -> list[tuple[NationalIndicator, object, object]]:
        """Each offered indicator with its title and polarity fields (None when the
        catalogue has the value)."""
        return [
            (
                national,
                self[f"title-{national.pk}"] if not national.title else None,
                self[f"polarity-{national.pk}"] if not national.polarity else None,
            )
            for national in self.offered.values()
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        picks = []
        for code in data.get("codes") or []:  # type: ignore[attr-defined]
            national = self.offered[code]
            title = national.title or (data.get(f"title-{national.pk}") or "").strip()  # type: ignore[union-attr]
            polarity = national.polarity or data.get(f"polarity-{national.pk}") or ""
            if not title:
                self.add_error(
                    f"title-{national.pk}",
                    f"Enter the title of {code}: the national set has none recorded.",
                )
            if not polarity:
                self.add_error(
                    f"polarity-{national.pk}",
                    f"Choose whether higher or lower is better for {code}",
                )
            picks.append(NationalPick(national=national, title=title, polarity=str(polarity)))
        data["picks"] = picks
        return data


class LocalIndicatorForm(forms.ModelForm):
    """A local indicator of the agreement (its own code, e.g. LI 7)."""

    class Meta:
        model = Indicator
        fields = [
            "code", "title", "polarity", "unit", "frequency", "accumulation",
            "decimal_places", "data_source", "definition", "illustrative",
        ]  # fmt: skip
        widgets = {
            "polarity": forms.RadioSelect,
            "definition": forms.Textarea(attrs={"rows": 4}),
            "illustrative": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, agreement: Agreement, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.agreement = agreement
        self.fields["code"].help_text = "The agreement's own code, e.g. LI 7 or LI 7.1."

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if Indicator.objects.filter(agreement=self.agreement, code__iexact=code).exists():
            raise forms.ValidationError(f"The agreement already has an indicator {code}.")
        return code


class IndicatorIllustrativeForm(forms.Form):
    """The secretariat marks an indicator's title or definition as illustrative (not from the
    source documents), or clears the mark. `was` is the note the page was opened on, so
    that two people changing it at once are told rather than one silently replacing the
    other (an indicator has no version field)."""

    illustrative = forms.CharField(
        max_length=500,
        required=False,
        label="Illustrative note",
        help_text=Indicator._meta.get_field("illustrative").help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    was = forms.CharField(widget=forms.HiddenInput, required=False)
