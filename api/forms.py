from django import forms

from api.models import Publication
from partnerships.conflicts import VersionedModelForm


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Token name",
        help_text="What it is for, so you can tell your tokens apart: e.g. 'Police data feed'.",
    )


class PublicationForm(VersionedModelForm):
    """Publish or withdraw: the state wanted (not a toggle), from the version seen."""

    is_published = forms.TypedChoiceField(
        label="Publish the scorecard?",
        choices=[("yes", "Yes, publish it"), ("no", "No, keep it private")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Publication
        fields = ["is_published"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.initial["is_published"] = "yes" if self.instance.is_published else "no"
