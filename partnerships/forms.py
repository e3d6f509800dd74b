from django import forms

from partnerships.models import Membership, Partnership, Person


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "short_name", "description", "quorum"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MembershipForm(forms.ModelForm):
    """Add someone to a partnership in a role from a date ("Sam Grant confirmed as deputy
    lead" is one change, with its date)."""

    class Meta:
        model = Membership
        fields = ["person", "role", "starts_on", "note"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}
        labels = {"starts_on": "From"}

    def __init__(self, *args: object, partnership: Partnership, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.partnership = partnership
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            agreement=partnership.agreement
        ).select_related("organisation")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        person, role = data.get("person"), data.get("role")
        if person and role:
            already = Membership.objects.current().filter(
                partnership=self.partnership, person=person, role=role
            )
            if already.exists():
                raise forms.ValidationError(
                    f"{person} is already {Membership.Role(role).label.lower()} of "
                    f"{self.partnership}."
                )
        return data


class MembershipEndForm(forms.Form):
    ends_on = forms.DateField(
        label="Last day in the role", widget=forms.DateInput({"type": "date"})
    )
