"""Forms of the shared pages."""

from django import forms

from partnerships.models import ReminderKind, ReminderPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want your reminders?",
        choices=ReminderPreference.Delivery.choices,
        widget=forms.RadioSelect,
    )
    wanted = forms.MultipleChoiceField(
        label="Which reminders do you want?",
        choices=ReminderKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Untick a kind to stop it. Every e-mail says why you got it.",
    )
