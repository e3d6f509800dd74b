"""Forms of the what-if scenarios (funding/scenarios.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from funding.models import Scenario
from funding.scenarios import LineKey, Move, PlanLine

CUT = "cut"


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "notes"]


class MoveForm(forms.Form):
    source = forms.ChoiceField(
        label="Move money from", widget=forms.Select(attrs={"class": "govuk-select"})
    )
    destination = forms.ChoiceField(
        label="To",
        help_text="Another line of the same kind and fund, or cut it (back to the fund).",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    amount = forms.DecimalField(
        label="Amount (£)",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}
        ),
    )
    note = forms.CharField(
        label="Why (optional)",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )

    def __init__(
        self, *args: Any, lines: dict[LineKey, PlanLine], names: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (key.token, f"{names.get(line.partnership, '')}: {line.label}")
            for key, line in sorted(
                lines.items(), key=lambda item: (names.get(item[1].partnership, ""), item[1].label)
            )
        ]
        self.fields["source"].choices = [("", "Choose a line"), *choices]
        self.fields["destination"].choices = [
            ("", "Choose a line"),
            (CUT, "Cut it: back to the fund"),
            *choices,
        ]

    def move(self) -> Move:
        data = self.cleaned_data
        source = LineKey.parse(data["source"])
        assert source is not None  # one of the choices
        destination = None if data["destination"] == CUT else LineKey.parse(data["destination"])
        return Move(source, destination, data["amount"])
