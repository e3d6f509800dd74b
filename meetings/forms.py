"""Forms for meetings. Each refuses bad input with a message that says what to do."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Declaration,
    ForwardPlanItem,
    Meeting,
    TermsOfReference,
)
from partnerships.conflicts import VersionedModelForm, version_check
from partnerships.models import Membership, Organisation, Partnership, Person
from plans.models import DeliveryPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
ITEM_NUMBER = re.compile(r"^\d{1,3}(\.[0-9a-z]{1,3}){0,2}$")


def people_for(meeting: Meeting, *, also: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The people worth offering for a meeting: its partnership's members on the day and
    whoever attended. The full agreement list is hundreds long."""
    members = Membership.objects.current(meeting.date).filter(partnership=meeting.partnership_id)
    people = Person.objects.filter(
        Q(pk__in=members.values("person")) | Q(attendances__meeting=meeting)
    )
    if also is not None:
        people = people | also
    return people.distinct().select_related("organisation").order_by("name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:  # type: ignore[override]
        return f"{obj.name}, {obj.organisation}" if obj.organisation_id else obj.name


class PeopleField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Person) -> str:  # type: ignore[override]
        return obj.name


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = [
            "partnership",
            "title",
            "date",
            "starts_at",
            "ends_at",
            "venue",
            "chair",
            "minute_taker",
            "declarations_note",
            "future_meetings",
        ]
        widgets = {
            "date": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "future_meetings": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "date": {
                "required": "Enter the date of the meeting.",
                "invalid": "Enter the date of the meeting as a real date, like 27/3/2009.",
            },
            "starts_at": {"invalid": "Enter the start time like 10:00."},
            "ends_at": {"invalid": "Enter the end time like 12:00."},
            "partnership": {"required": "Choose the partnership that is meeting."},
        }

    def __init__(
        self, *args: Any, partnerships: list[Partnership], agreement_id: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["partnership"]
        else:
            self.fields["partnership"].queryset = Partnership.objects.filter(  # type: ignore[attr-defined]
                pk__in=[p.pk for p in partnerships]
            )
        people = Person.objects.filter(agreement_id=agreement_id).order_by("name")
        for name in ("chair", "minute_taker"):
            self.fields[name] = PersonChoiceField(
                people, required=False, label=self.fields[name].label
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The end time must be after the start time.")
        date = data.get("date")
        if date and not dt.date(2000, 1, 1) <= date <= dt.date(2100, 12, 31):
            self.add_error("date", "Enter a date between the years 2000 and 2100.")
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Meeting.Status.choices)


class AttendanceTickForm(forms.Form):
    """One click: this person is present / sent apologies / clear their line."""

    person = forms.ModelChoiceField(Person.objects.none())
    status = forms.ChoiceField(
        choices=[("", "Not recorded"), *Attendance.Status.choices], required=False
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            agreement_id=meeting.partnership.agreement_id
        )

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status == Attendance.Status.SUBSTITUTE:
            raise forms.ValidationError("Record a substitute with “Add someone else”.")
        return status


class AttendanceAddForm(forms.Form):
    """Someone outside the membership list: a visitor, an officer, a substitute."""

    person = PersonChoiceField(
        Person.objects.none(),
        required=False,
        label="Person",
        help_text="Anyone in the agreement. Leave empty to add someone new below.",
    )
    new_name = forms.CharField(
        max_length=120, required=False, label="Or the name of someone new to the agreement"
    )
    status = forms.ChoiceField(
        choices=Attendance.Status.choices, widget=forms.RadioSelect, label="Attended as"
    )
    substitute_for = PersonChoiceField(
        Person.objects.none(), required=False, label="Substitute for (for a substitute only)"
    )
    role = forms.CharField(max_length=300, required=False, label="Role at the time")
    organisation = forms.CharField(max_length=200, required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = (
            Person.objects.filter(agreement_id=meeting.partnership.agreement_id)
            .select_related("organisation")
            .order_by("name")
        )
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["substitute_for"].queryset = people_for(meeting)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, new_name = data.get("person"), (data.get("new_name") or "").strip()
        if person and new_name:
            self.add_error("new_name", "Choose a person or type a new name, not both.")
        elif not person and not new_name:
            self.add_error("person", "Choose who attended, or type the name of someone new.")
        if data.get("status") == Attendance.Status.SUBSTITUTE and not data.get("substitute_for"):
            self.add_error("substitute_for", "Choose whom they substituted for.")
        if person and data.get("substitute_for") == person:
            self.add_error("substitute_for", "Someone cannot substitute for themselves.")
        return data


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["person", "item", "interest"]
        widgets = {"interest": forms.Textarea(attrs={"rows": 2})}
        labels = {"item": "Agenda item", "interest": "Interest declared"}
        error_messages = {
            "interest": {"required": "Enter the interest as it was declared."},
            "person": {"required": "Choose who declared the interest."},
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonChoiceField(
            people_for(meeting),
            label="Who",
            error_messages=self._meta.error_messages["person"],  # type: ignore[index]
        )
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting)  # type: ignore[attr-defined]


class AgendaItemForm(VersionedModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "kind",
            "purpose",
            "presenters",
            "responsibility",
            "partnership",
            "minutes",
            "targets",
            "plans",
            "has_workplan_summaries",
            "papers",
            "paper_text",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 12}),
            "kind": forms.RadioSelect,
            "targets": forms.CheckboxSelectMultiple,
            "plans": forms.CheckboxSelectMultiple,
            "papers": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"partnership": "About which partnership", "presenters": "Presented by"}
        error_messages = {
            "title": {"required": "Enter the item's title."},
            "number": {"required": "Enter the item number, like 4 or 4.1."},
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["presenters"] = PeopleField(
            people_for(meeting, also=self.instance.presenters.all() if self.instance.pk else None),
            required=False,
            label="Presented by",
        )
        self.fields["partnership"].queryset = Partnership.objects.filter(  # type: ignore[attr-defined]
            agreement_id=meeting.partnership.agreement_id
        )
        from indicators.models import Target

        self.fields["targets"].queryset = (  # type: ignore[attr-defined]
            Target.objects.filter(agreement_id=meeting.partnership.agreement_id)
            .select_related("indicator")
            .order_by("indicator__code")
        )
        self.fields["targets"].label_from_instance = lambda t: (  # type: ignore[attr-defined]
            f"{t.indicator.code} {t.indicator.title}"
        )
        self.fields["targets"].label = "Targets discussed"
        self.fields["plans"].queryset = (  # type: ignore[attr-defined]
            DeliveryPlan.objects.filter(partnership__agreement_id=meeting.partnership.agreement_id)
            .select_related("partnership")
            .order_by("partnership__name", "-starts_on", "title")
        )
        self.fields["plans"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.partnership.name}: {p.title}"
        )
        self.fields["plans"].label = "Delivery plans discussed"

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().lower().rstrip(".")
        if not ITEM_NUMBER.match(number):
            raise forms.ValidationError("Enter the item number as printed, like 4, 4.1 or 4.a.")
        clash = self.meeting.items.filter(number=number).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Item {number} is already on the agenda.")
        return number


class DecisionForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Decision",
        help_text="As it should read in the minutes: “It was agreed that …”.",
        error_messages={"required": "Enter the decision as it should appear in the minutes."},
    )


class ActionPointForm(VersionedModelForm):
    class Meta:
        model = ActionPoint
        fields = ["number", "text", "owners", "owner_groups", "due_on", "due_meeting", "due_text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "owner_groups": forms.Textarea(attrs={"rows": 2}),
            "due_on": DATE,
        }
        labels = {"text": "Action", "owner_groups": "Owners that are not one person"}
        error_messages = {
            "text": {"required": "Enter what is to be done."},
            "due_on": {"invalid": "Enter the due date as a real date, like 22/1/2009."},
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["owners"] = PeopleField(
            people_for(meeting, also=self.instance.owners.all() if self.instance.pk else None),
            required=False,
            label="Owners",
        )
        self.fields["due_meeting"].queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            partnership=meeting.partnership_id, date__gt=meeting.date
        ).in_order()
        self.fields["due_meeting"].label = "Or due at the meeting of"
        self.fields["due_meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}"  # type: ignore[attr-defined]

    def clean_due_on(self) -> dt.date | None:
        due = self.cleaned_data.get("due_on")
        if due and due < self.meeting.date:
            raise forms.ValidationError(
                f"The due date cannot be before the meeting that set it "
                f"({self.meeting.date:%-d %B %Y})."
            )
        return due


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=ActionPoint.Status.choices)
    # The action's version when the form was shown (issue 8): see meetings.actions.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    text = forms.CharField(
        required=False, max_length=2000, label="Update", widget=forms.TextInput()
    )
    on = forms.DateField(
        required=False,
        widget=DATE,
        label="Date of the update",
        error_messages={"invalid": "Enter the date of the update as a real date."},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        version_check(self, existing=True)
        return data


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DeliveryPlan) -> str:  # type: ignore[override]
        return f"{obj.partnership.name}: {obj.title} ({obj.get_status_display().lower()})"


class ActionToPlanForm(forms.Form):
    """Which delivery plan an action point goes into: the plans the person may change,
    the meeting's own partnership's first."""

    plan = PlanChoiceField(
        queryset=DeliveryPlan.objects.none(),
        widget=forms.RadioSelect,
        label="Which delivery plan?",
        empty_label=None,
        error_messages={
            "required": "Choose the delivery plan the action goes into.",
            "invalid_choice": "Choose one of the delivery plans offered.",
        },
    )

    def __init__(self, *args: Any, plans: QuerySet[DeliveryPlan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]


class ApproveMinutesForm(forms.Form):
    amendments = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Amendments agreed",
        help_text="Leave empty if the minutes were approved as a true record.",
    )


class ForwardPlanItemForm(forms.ModelForm):
    class Meta:
        model = ForwardPlanItem
        fields = [
            "title",
            "meeting",
            "is_standing",
            "detail",
            "responsible",
            "responsibility",
            "about",
        ]
        widgets = {"detail": forms.Textarea(attrs={"rows": 3})}
        labels = {"meeting": "For the meeting of", "about": "About which partnership"}
        error_messages = {"title": {"required": "Enter the item's title."}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = partnership.meetings.not_yet_held().in_order()  # type: ignore[attr-defined]
        self.fields["meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}"  # type: ignore[attr-defined]
        self.fields[
            "meeting"
        ].help_text = "Leave empty for a standing item, or one to be scheduled."
        members = Membership.objects.current().filter(partnership=partnership).values("person")
        self.fields["responsible"] = PeopleField(
            Person.objects.filter(pk__in=members).order_by("name"),
            required=False,
            label="Responsible",
        )
        self.fields["about"].queryset = Partnership.objects.filter(  # type: ignore[attr-defined]
            agreement_id=partnership.agreement_id
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_standing") and data.get("meeting"):
            self.add_error(
                "meeting", "A standing item comes to every meeting: leave the meeting empty."
            )
        return data


class TermsOfReferenceForm(VersionedModelForm):
    """The terms, with the expected members typed one a line: "Essex Police: 2" for an
    organisation's seats, or a person's name for a named seat (no script needed)."""

    expected = forms.CharField(
        label="Expected members",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One a line: an organisation with its seats, e.g. “Essex Police: 2”, "
        "or a person by name. Names as on the organisations and people pages.",
    )

    class Meta:
        model = TermsOfReference
        fields = [
            "quorum_rule",
            "quorum_count",
            "quorum_numerator",
            "quorum_denominator",
            "chair_required",
            "substitutes_allowed",
            "note",
        ]
        widgets = {"quorum_rule": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, agreement_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement_id = agreement_id
        self.expected_rows: list[tuple[Organisation | None, Person | None, int]] = []
        if self.instance.pk:
            self.initial.setdefault("expected", expected_text(self.instance))

    def clean_expected(self) -> str:
        text: str = self.cleaned_data.get("expected", "")
        organisations = {
            o.name.casefold(): o for o in Organisation.objects.filter(agreement=self.agreement_id)
        }
        people = {p.name.casefold(): p for p in Person.objects.filter(agreement=self.agreement_id)}
        problems: list[str] = []
        for number, line in enumerate(text.splitlines(), start=1):
            name, _, seats = line.strip().rpartition(":") if ":" in line else (line, "", "1")
            name, seats = name.strip(), seats.strip() or "1"
            if not name:
                continue
            if not seats.isdigit() or int(seats) < 1:
                problems.append(f"Line {number}: “{seats}” is not a number of seats (1 or more).")
            elif name.casefold() in organisations:
                self.expected_rows.append((organisations[name.casefold()], None, int(seats)))
            elif name.casefold() in people:
                self.expected_rows.append((None, people[name.casefold()], int(seats)))
            else:
                problems.append(f"Line {number}: no organisation or person is called “{name}”.")
        if problems:
            raise forms.ValidationError(problems)
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule = data.get("quorum_rule")
        if rule == TermsOfReference.QuorumRule.COUNT and not data.get("quorum_count"):
            self.add_error("quorum_count", "Enter how many members make the quorum.")
        if rule == TermsOfReference.QuorumRule.FRACTION:
            top, bottom = data.get("quorum_numerator"), data.get("quorum_denominator")
            if not top or not bottom:
                self.add_error("quorum_numerator", "Enter the fraction, e.g. 1 and 3 for a third.")
            elif top > bottom:
                self.add_error("quorum_numerator", "The fraction must not be more than 1.")
            elif "expected" not in self.errors and not self.expected_rows:
                self.add_error(
                    "expected", "List the expected members: the quorum is a fraction of them."
                )
        return data


def expected_text(terms: TermsOfReference) -> str:
    lines = []
    for e in terms.expected_members.select_related("organisation", "person"):
        if e.person:
            lines.append(e.person.name if e.seats == 1 else f"{e.person.name}: {e.seats}")
        elif e.organisation:
            lines.append(f"{e.organisation.name}: {e.seats}")
    return "\n".join(lines)
