"""The forms of the highlight report: a theme's override (HighlightOverrideForm), and the
agreement's own sections (indicators/models/highlight.py): its overall rating and direction
of travel, each with a reason, each block's sections and the other key issues for
government."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape

from indicators.models import AgreementHighlight, BlockHighlight, Colour, HighlightOverride
from indicators.reports.highlight import Suggestion
from partnerships.conflicts import VersionedModelForm

# (rating field, reason field, what the rating is called in a message)
RATED = (
    ("overall_rating", "overall_reason", "overall progress"),
    ("direction_rating", "direction_reason", "direction of travel"),
)


class AgreementHighlightForm(VersionedModelForm):
    # Opened before the agreement had a highlight for the period: version 0, so that a
    # save after someone else's first one is refused as a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = AgreementHighlight
        fields = [
            "overall_rating",
            "overall_reason",
            "direction_rating",
            "direction_reason",
            "impact",
            "missing_information",
            "key_issues",
        ]
        widgets = {
            "overall_rating": forms.RadioSelect,
            "direction_rating": forms.RadioSelect,
            "overall_reason": forms.Textarea(attrs={"rows": 8}),
            "direction_reason": forms.Textarea(attrs={"rows": 4}),
            "impact": forms.Textarea(attrs={"rows": 8}),
            "missing_information": forms.Textarea(attrs={"rows": 4}),
            "key_issues": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(
        self, *args: Any, overall: Suggestion, direction: Suggestion, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("version", 0)
        for name, suggestion in (("overall_rating", overall), ("direction_rating", direction)):
            self.fields[name].choices = [("", "Not set yet"), *Colour.choices]  # type: ignore[attr-defined]
            # Shown unescaped by includes/field.html; the reason names indicator codes.
            self.fields[name].help_text = escape(
                f"The targets' ratings suggest {suggestion.label}. {suggestion.reason}"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for rating, reason, what in RATED:
            if data.get(rating) and not (data.get(reason) or "").strip():
                self.add_error(reason, f"Give the reason for the {what} rating")
            elif (data.get(reason) or "").strip() and not data.get(rating):
                self.add_error(rating, f"Choose the {what} rating that the reason is for")
        return data


class BlockHighlightForm(forms.ModelForm):  # type: ignore[type-arg]
    """One block's sections; saved with the agreement's form, under its version."""

    class Meta:
        model = BlockHighlight
        fields = ["mandatory_risks", "other_risks", "impact", "missing_information"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
        help_texts = {
            "mandatory_risks": "One paragraph per outcome, starting with its name.",
        }


class HighlightOverrideForm(VersionedModelForm):
    # Opened before the theme had the secretariat's word for the period: version 0, so
    # that a save after someone else's first word is refused as a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = HighlightOverride
        fields = ["rating", "direction", "reason", "key_issues"]
        widgets = {
            "rating": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 3}),
            "key_issues": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "reason": "Needed when you set the rating or direction: why it differs from the rule.",
            "key_issues": "What the board should know about this theme this period.",
        }

    def __init__(self, *args: object, rule_rating: str, rule_direction: str, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        if not self.instance.pk:
            self.initial.setdefault("version", 0)
        self.fields["rating"].choices = [  # type: ignore[attr-defined]
            ("", f"Use the rule: {rule_rating}"),
            *HighlightOverride.Rating.choices,
        ]
        self.fields["direction"].choices = [  # type: ignore[attr-defined]
            ("", f"Use the rule: {rule_direction}"),
            *HighlightOverride.Direction.choices,
        ]
