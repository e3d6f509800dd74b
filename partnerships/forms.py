from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q

from partnerships.conflicts import VersionedModelForm
from partnerships.models import Agreement, Membership, Organisation, Partnership, Person


class PartnershipForm(VersionedModelForm):
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

    def __init__(
        self,
        *args: object,
        partnership: Partnership,
        roles: frozenset[str] = frozenset(Membership.Role),
        granter: Person | None = None,
        **kwargs: object,
    ) -> None:
        """``roles``: the roles the person filling it in may grant; ``granter``: someone
        who may not grant a role to themselves (a lead), left out of the people offered."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.partnership = partnership
        people = Person.objects.filter(agreement=partnership.agreement)
        if granter is not None:
            people = people.exclude(pk=granter.pk)
        self.fields["person"].queryset = people.select_related("organisation")  # type: ignore[attr-defined]
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Membership.Role.choices if value in roles
        ]

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
        label="Last day in the role",
        widget=forms.DateInput({"type": "date"}),
        error_messages={
            "required": "Enter the last day in the role as a date.",
            "invalid": "Enter the last day in the role as a date.",
        },
    )
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args: object, membership: Membership, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.membership = membership

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        ends_on = data.get("ends_on")
        membership = self.membership
        if ends_on is None:
            return data
        if membership.starts_on and ends_on < membership.starts_on:
            raise forms.ValidationError("The last day cannot be before the role started.")
        if membership.role == Membership.Role.SECRETARIAT:
            others = (
                Membership.objects.current()
                .filter(
                    partnership__agreement_id=membership.partnership.agreement_id,
                    role=Membership.Role.SECRETARIAT,
                )
                .exclude(pk=membership.pk)
                .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=ends_on))
            )
            if not others.exists():
                raise forms.ValidationError(
                    f"{membership.person} is the agreement's last secretariat member: add "
                    "another secretariat member before ending this role."
                )
        return data


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with an e-mail address, whatever its capitals."""

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class InvitationForm(forms.Form):
    """Invite someone by e-mail to a partnership in a role. The partnerships and roles
    offered are those the inviter may grant (``role_refusal``); the view refuses others."""

    name = forms.CharField(max_length=120, error_messages={"required": "Enter their name."})
    email = forms.EmailField(
        label="E-mail address",
        error_messages={
            "required": "Enter their e-mail address.",
            "invalid": "Enter an e-mail address like name@example.org.",
        },
    )
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        error_messages={"required": "Choose the partnership they join."},
    )
    role = forms.ChoiceField(choices=(), error_messages={"required": "Choose their role."})

    def __init__(
        self,
        *args: object,
        agreement: Agreement,
        partnerships: list[Partnership],
        roles: frozenset[str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.agreement = agreement
        self.fields["organisation"].queryset = Organisation.objects.filter(agreement=agreement)  # type: ignore[attr-defined]
        self.fields["partnership"].queryset = Partnership.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in partnerships]
        )
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Membership.Role.choices if value in roles
        ]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        email, partnership, role = data.get("email"), data.get("partnership"), data.get("role")
        if email and partnership and role:
            already = Membership.objects.current().filter(
                Q(person__email__iexact=email) | Q(person__user__email__iexact=email),
                partnership=partnership,
                role=role,
            )
            if already.exists():
                raise forms.ValidationError(
                    f"{email} is already {Membership.Role(role).label.lower()} of {partnership}."
                )
        return data
