from __future__ import annotations

from django import forms
from django.conf import settings

from evidence.files import ACCEPTED, Kind, check_evidence_file
from partnerships.uploads import file_size_text


class EvidenceForm(forms.Form):
    """A title and exactly one of a file or an https link."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title, saying what the evidence shows."},
        help_text="What it shows, e.g. “Police recorded crime, Q2 extract”.",
    )
    file = forms.FileField(
        label="File",
        required=False,
        allow_empty_file=True,  # refused by check_evidence_file, with its own words
        help_text="",  # set in __init__: the limit is a setting
    )
    url = forms.URLField(
        label="Or a link",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="An address starting https://, e.g. a page of published statistics.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.kind: Kind | None = None
        limit = file_size_text(settings.EVIDENCE_MAX_BYTES)
        self.fields["file"].help_text = f"{ACCEPTED}, up to {limit}."

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if upload:
            self.kind = check_evidence_file(upload)
        return upload

    def clean_url(self) -> str:
        url: str = self.cleaned_data.get("url") or ""
        if url and not url.lower().startswith("https://"):
            raise forms.ValidationError("Give a link starting https://, so it opens securely.")
        return url

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("file") and data.get("url"):
            raise forms.ValidationError("Attach a file or give a link, not both.")
        if not data.get("file") and not data.get("url"):
            self.add_error("file", "Choose a file, or give a link.")
        return data
