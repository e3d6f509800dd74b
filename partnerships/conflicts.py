"""Optimistic concurrency for records people edit at the same time (issue 8): delivery
plan actions, agenda items with their minutes, meeting action points.

Each such row has a `version` that goes up by one with every save through a form. The
form carries the version it was opened on; saving claims the row only if its version is
still that one. Otherwise someone else saved in between: the save is refused with an
EditConflict carrying their saved row, nothing is written, and the page shows their
values beside the person's unsaved ones, which stay in the form.

The claim is one conditional UPDATE rather than a read under select_for_update: SQLite
ignores select_for_update, and the UPDATE is atomic on both databases. A row deleted
meanwhile is refused with RecordGone (issue 14), which says so.

Every edit page of a record two people can open works this way (tests/config/
test_edit_conflicts.py walks them all): the form is a VersionedModelForm, the view saves
through versioned_save (or an action that calls version_claim) and shows the conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import F
from django.http import Http404
from django.utils import formats, timezone


@dataclass(frozen=True)
class Difference:
    """One field on which the saved row and the person's unsaved form disagree."""

    label: str
    theirs: str
    yours: str


class EditConflict(Exception):
    """Someone else saved the row after the person's form was opened."""

    def __init__(self, current: models.Model) -> None:
        super().__init__()
        self.current = current
        self.noun = str(current._meta.verbose_name)
        last = current.history.select_related("history_user").first()  # type: ignore[attr-defined]
        self.changed_by = last.history_user if last else None
        self.changed_at: dt.datetime | None = last.history_date if last else None
        self.differences: list[Difference] = []

    def compare(self, form: forms.BaseForm, names: list[str] | None = None) -> EditConflict:
        """Set out where the person's refused form differs from the saved row, and keep
        their input in the form, now against the version they have been shown, so that
        saving again (having compared) is not refused a second time."""
        self.differences = differences(form, self.current, names)
        data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict: the copy is mutable
        data[form.add_prefix("version")] = str(edit_version(self.current))
        form.data = data
        return self

    def __str__(self) -> str:
        who = str(self.changed_by) if self.changed_by else "Someone else"
        when = (
            f" at {timezone.localtime(self.changed_at):%H:%M on %-d %B %Y}"
            if self.changed_at
            else ""
        )
        return (
            f"{who} saved a change to this {self.noun}{when}, while you were editing it. "
            "Your changes have not been saved: compare them with theirs, then save again."
        )


class RecordGone(Http404):
    """Someone else deleted the row after the person's form was opened. A view that does
    not catch it answers 404, as for any record that is not there."""

    def __init__(self, model: type[models.Model]) -> None:
        super().__init__()
        self.noun = str(model._meta.verbose_name)

    def __str__(self) -> str:
        return (
            f"This {self.noun} was deleted by someone else while you were editing it. "
            "Your changes have not been saved."
        )


def version_claim(model: type[models.Model], pk: int, expected: int | None) -> int:
    """Move the row on to its next version, if it is still at `expected`, and return the
    new version; call it inside the transaction that saves the row. `expected` None moves
    it on unchecked (the admin; forms refuse a change without a version, see
    version_check). Raises EditConflict, or RecordGone if the row has been deleted.

    The UPDATE also locks the row until the transaction ends, so a delete waits for the
    save rather than racing it."""
    name = version_field(model)
    rows = model._default_manager.filter(pk=pk)
    claimed = rows if expected is None else rows.filter(**{name: expected})
    if not claimed.update(**{name: F(name) + 1}):
        current = rows.first()
        if current is None:
            raise RecordGone(model)
        raise EditConflict(current)
    return rows.values_list(name, flat=True).get()


def versioned_save[T](form: forms.ModelForm, save: Callable[[], T]) -> T:  # type: ignore[type-arg]
    """Save a valid VersionedModelForm of an existing row in one transaction: claim the
    version it was opened on, then `save()` (form.save, or the action that saves it).
    Raises EditConflict or RecordGone, having written nothing."""
    instance = form.instance
    with transaction.atomic():
        claimed = version_claim(type(instance), instance.pk, form.cleaned_data.get("version"))
        setattr(instance, version_field(type(instance)), claimed)
        return save()


class VersionedAdminMixin:
    """For the admin of a versioned model (and of a model with versioned inlines): a save
    through the admin moves the row's version on too, so that a form opened before it
    gets the conflict instead of silently overwriting the administrator's change."""

    def save_model(self, request: Any, obj: models.Model, form: Any, change: bool) -> None:
        if change and _is_versioned(type(obj)):
            setattr(obj, version_field(type(obj)), version_claim(type(obj), obj.pk, None))
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        for inline_form in formset.forms:
            row = inline_form.instance
            if row.pk and _is_versioned(type(row)) and inline_form.has_changed():
                setattr(row, version_field(type(row)), version_claim(type(row), row.pk, None))
        super().save_formset(request, form, formset, change)  # type: ignore[misc]


# The field that holds a row's edit version: `version`, or `edit_version` on a model whose
# `version` means something else (a delivery plan's is its document's version, set by its
# approvals). Either way one nobody edits by hand.
VERSION_FIELDS = ("version", "edit_version")


def _version_field_or_none(model: type[models.Model]) -> str | None:
    fields = {f.name: f for f in model._meta.concrete_fields}
    return next((n for n in VERSION_FIELDS if n in fields and not fields[n].editable), None)


def _is_versioned(model: type[models.Model]) -> bool:
    """Whether rows of `model` carry an edit version."""
    return _version_field_or_none(model) is not None


def version_field(model: type[models.Model]) -> str:
    name = _version_field_or_none(model)
    if name is None:
        raise TypeError(f"{model.__name__} carries no edit version.")
    return name


def edit_version(row: models.Model) -> int:
    """The edit version the row is at (as loaded)."""
    return int(getattr(row, version_field(type(row))))


# A change to an existing row posted without the version its form was opened on (a page
# kept open from before versions, or a hand-made post) cannot be checked, so it is refused.
NO_VERSION = (
    "This form was opened without the record's version, so saving it could overwrite "
    "someone else's change: reload the page, then make your change again."
)


def version_check(form: forms.Form, *, existing: bool) -> None:
    """In a form's clean(): refuse a change to an existing row that carries no version."""
    if existing and form.cleaned_data.get("version") is None and "version" not in form.errors:
        form.add_error(None, NO_VERSION)


class VersionedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form that carries the version of the row it was opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", edit_version(self.instance))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        version_check(self, existing=bool(self.instance.pk))
        return data


def differences(
    form: forms.BaseForm, current: models.Model, names: list[str] | None = None
) -> list[Difference]:
    """The fields of a valid form on which `current` (the saved row) differs, each shown
    as the page shows it: names for people, labels for choices, dates written out."""
    found = []
    for name in names or list(form.fields):
        field = form.fields[name]
        if field.widget.is_hidden or name not in form.cleaned_data:
            continue
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        theirs: object = getattr(current, name)
        if model_field.many_to_many:
            theirs = list(theirs.all())  # type: ignore[attr-defined]
        theirs_shown, yours_shown = shown(field, theirs), shown(field, form.cleaned_data[name])
        if theirs_shown != yours_shown:
            found.append(Difference(str(field.label or name), theirs_shown, yours_shown))
    return found


def shown(field: forms.Field, value: object) -> str:
    """A form value as words ("–" for nothing)."""
    if value is None or value == "":
        return "–"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(sorted(field.label_from_instance(o) for o in value)) or "–"  # type: ignore[attr-defined]
    if isinstance(field, forms.ModelChoiceField):
        return str(field.label_from_instance(value))
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return formats.date_format(value, "j M Y")
    return str(value).replace("\r\n", "\n").strip()
