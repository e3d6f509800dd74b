"""The forms of the agreement's setup pages (issue 16): a site administrator starts an
agreement; its secretariat sets up themes, outcomes, partnerships, organisations, people
and areas. Every form of a record two people can edit is a VersionedModelForm."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerships.conflicts import VersionedModelForm
from partnerships.models import (
    Agreement,
    Area,
    Organisation,
    Outcome,
    Partnership,
    Person,
    Theme,
)

GOVERNANCE_KINDS = [
    (Partnership.Kind.MANAGEMENT_GROUP.value, Partnership.Kind.MANAGEMENT_GROUP.label),
    (Partnership.Kind.BOARD.value, Partnership.Kind.BOARD.label),
]


def _required(label: str) -> dict[str, str]:
    return {"required": f"Enter {label}."}


class AgreementStartForm(forms.Form):
    """Everything a new agreement needs before its secretariat can take over."""

    name = forms.CharField(
        label="Name of the agreement",
        max_length=200,
        help_text="For example, Essex Local Area Agreement 2008–11",
        error_messages=_required("the name of the agreement"),
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.filter(kind__in=[Area.Kind.COUNTY, Area.Kind.UNITARY]),
        required=False,
        empty_label="A new area (enter it below)",
        help_text="The county or unitary authority the agreement covers.",
    )
    area_name = forms.CharField(label="New area's name", max_length=120, required=False)
    area_code = forms.CharField(
        label="New area's ONS code", max_length=12, required=False, help_text="For example, 22"
    )
    area_kind = forms.ChoiceField(
        label="New area is a",
        choices=[(k.value, k.label) for k in (Area.Kind.COUNTY, Area.Kind.UNITARY)],
        widget=forms.RadioSelect,
        initial=Area.Kind.COUNTY,
        required=False,
    )
    starts_on = forms.DateField(
        label="Starts on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Usually 1 April, the start of a financial year.",
        error_messages={
            "required": "Enter the day the agreement starts.",
            "invalid": "Enter the day the agreement starts as a date.",
        },
    )
    ends_on = forms.DateField(
        label="Ends on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Usually 31 March, after three years; any number of years is allowed.",
        error_messages={
            "required": "Enter the day the agreement ends.",
            "invalid": "Enter the day the agreement ends as a date.",
        },
    )
    period_type = forms.ChoiceField(
        label="Performance is reported",
        choices=Agreement.PeriodType.choices,
        initial=Agreement.PeriodType.QUARTERLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often performance is reported."},
    )
    governance_name = forms.CharField(
        label="Name of the governance body",
        max_length=200,
        help_text="The group the agreement reports to, e.g. LAA Performance Management Group",
        error_messages=_required("the name of the governance body"),
    )
    governance_kind = forms.ChoiceField(
        label="The governance body is a",
        choices=GOVERNANCE_KINDS,
        initial=Partnership.Kind.MANAGEMENT_GROUP,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of body the governance body is."},
    )
    secretariat_name = forms.CharField(
        label="First secretariat member's full name",
        max_length=120,
        error_messages=_required("the first secretariat member's name"),
    )
    secretariat_email = forms.EmailField(
        label="Their e-mail address",
        help_text="They are sent an invitation to it, with a link to set their password "
        "(or to join with the account they already have).",
        error_messages={
            "required": "Enter the first secretariat member's e-mail address.",
            "invalid": "Enter an e-mail address in the right form, like name@example.gov.uk.",
        },
    )
    secretariat_organisation = forms.CharField(
        label="Their organisation",
        max_length=200,
        help_text="For example, Essex County Council",
        error_messages=_required("the first secretariat member's organisation"),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Agreement.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(f"There is already an agreement called {name}.")
        return name

    def clean_secretariat_email(self) -> str:
        return self.cleaned_data["secretariat_email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The agreement must end after the day it starts.")
        if data.get("area") is None:
            self._clean_new_area(data)
        elif data.get("area_name") or data.get("area_code"):
            self.add_error("area_name", "Choose an area or enter a new one, not both.")
        return data

    def _clean_new_area(self, data: dict[str, Any]) -> None:
        name, code = data.get("area_name", "").strip(), data.get("area_code", "").strip()
        if not name:
            self.add_error("area_name", "Choose the area, or enter the new area's name.")
        if not code:
            self.add_error("area_code", "Enter the new area's ONS code.")
        elif Area.objects.filter(code__iexact=code).exists():
            self.add_error("area_code", f"An area with the code {code} exists: choose it above.")
        if not data.get("area_kind"):
            self.add_error("area_kind", "Choose whether the new area is a county or unitary.")


class ThemeForm(VersionedModelForm):
    class Meta:
        model = Theme
        fields = ["code", "name", "partnership", "order"]
        labels = {"name": "Name of the theme or block", "partnership": "Responsible partnership"}
        help_texts = {
            "code": "For example, SSC",
            "order": "Themes are listed in this order, lowest first.",
        }
        error_messages = {"name": _required("the name of the theme")}

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = agreement.partnerships.all()  # type: ignore[attr-defined]


class OutcomeForm(VersionedModelForm):
    class Meta:
        model = Outcome
        fields = ["theme", "parent", "code", "title", "owner", "priority", "order"]
        labels = {"parent": "Sub-outcome of", "title": "Outcome", "owner": "Owner"}
        help_texts = {
            "parent": "Leave empty for an outcome of the theme itself.",
            "owner": "The person answerable for the outcome.",
        }
        widgets = {"priority": forms.RadioSelect}
        error_messages = {
            "title": _required("the outcome"),
            "theme": {"required": "Choose the theme the outcome belongs to."},
        }

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = agreement.themes.all()  # type: ignore[attr-defined]
        parents = Outcome.objects.filter(theme__agreement=agreement, parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.select_related("theme")  # type: ignore[attr-defined]
        self.fields["owner"].queryset = agreement.people.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parent, theme = data.get("parent"), data.get("theme")
        if parent and theme and parent.theme_id != theme.pk:
            self.add_error("parent", f"{parent} is under another theme, {parent.theme}.")
        if parent and self.instance.pk and self.instance.sub_outcomes.exists():
            self.add_error(
                "parent", "This outcome has sub-outcomes of its own, so it cannot be one."
            )
        return data


def reporting_cycle(partnership: Partnership, reports_to: Partnership | None) -> list[str]:
    """The names round the loop if ``partnership`` reported to ``reports_to`` (empty if
    there is none): it would report to itself through them."""
    chain: list[str] = []
    seen: set[int] = set()
    current = reports_to
    while current is not None and current.pk not in seen:
        chain.append(current.label)
        if current.pk == partnership.pk:
            return chain
        seen.add(current.pk)
        current = current.reports_to
    return []


class PartnershipSetupForm(VersionedModelForm):
    """A partnership as the secretariat sets it up: its kind and where it reports too."""

    class Meta:
        model = Partnership
        fields = ["name", "short_name", "kind", "reports_to", "district", "description", "quorum"]
        labels = {"reports_to": "Reports to", "district": "District"}
        help_texts = {
            "reports_to": "Leave empty for the agreement's governance body.",
            "district": "For a district partnership (a CDRP, say).",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": _required("the partnership's name"),
            "kind": {"required": "Choose what kind of partnership it is."},
        }

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        others = agreement.partnerships.select_related("reports_to")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["reports_to"].queryset = others  # type: ignore[attr-defined]
        self.fields["district"].queryset = Area.objects.filter(  # type: ignore[attr-defined]
            kind=Area.Kind.DISTRICT, parent_id=agreement.area_id
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        same = self.agreement.partnerships.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(f"There is already a partnership called {name}.")
        return name

    def clean_reports_to(self) -> Partnership | None:
        reports_to = self.cleaned_data.get("reports_to")
        if reports_to is not None and self.instance.pk:
            loop = reporting_cycle(self.instance, reports_to)
            if loop:
                raise forms.ValidationError(
                    f"{self.instance.label} cannot report to {reports_to.label}: "
                    f"{' reports to '.join(loop)}, so the partnerships would report "
                    "to each other in a circle."
                )
        return reports_to


class OrganisationForm(VersionedModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]
        labels = {"name": "Name of the organisation"}
        error_messages = {"name": _required("the organisation's name")}

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement = agreement

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        same = self.agreement.organisations.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(f"There is already an organisation called {name}.")
        return name


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["title", "name", "organisation", "job_title", "email"]
        labels = {"name": "Full name", "email": "E-mail address"}
        help_texts = {"email": "Reminders go here; they sign in with it too."}
        error_messages = {
            "name": _required("the person's full name"),
            "email": {"invalid": "Enter an e-mail address in the right form."},
        }

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = agreement.organisations.all()  # type: ignore[attr-defined]


class AreaForm(VersionedModelForm):
    """A district of the agreement's area, or a ward of one of its districts."""

    class Meta:
        model = Area
        fields = ["name", "code", "parent", "is_priority"]
        labels = {"parent": "District", "is_priority": "A priority neighbourhood"}
        error_messages = {
            "name": _required("the name"),
            "code": {
                "required": "Enter the ONS code.",
                "unique": "Another area already has this ONS code.",
            },
        }

    def __init__(self, *args: Any, agreement: Agreement, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == Area.Kind.WARD:
            parent = self.fields["parent"]
            parent.queryset = Area.objects.filter(  # type: ignore[attr-defined]
                kind=Area.Kind.DISTRICT, parent_id=agreement.area_id
            )
            parent.required = True
            parent.error_messages["required"] = "Choose the district the ward is in."
        else:
            del self.fields["parent"]
            del self.fields["is_priority"]
