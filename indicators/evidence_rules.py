"""The indicators' records that take evidence (evidence/hooks.py): a period's actual and
its data return. Whoever may enter the figures attaches evidence to them; once the return
is approved and the figures locked, only the secretariat, as it alone revises them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from evidence.hooks import Holder
from indicators.models import Actual, DataReturn
from indicators.permissions import can_enter_actuals
from indicators.return_permissions import can_revise_locked, can_submit_return
from partnerships.permissions import Standing


def _actuals() -> QuerySet[Actual]:
    approved = DataReturn.objects.filter(
        target=OuterRef("target"), period=OuterRef("period"), status=DataReturn.Status.APPROVED
    )
    return Actual.objects.select_related("target__indicator", "district").annotate(
        is_locked=Exists(approved)
    )


def _may_attach_to_actual(standing: Standing, actual: Actual) -> bool:
    if getattr(actual, "is_locked", True):
        return can_revise_locked(standing, actual.target)
    return can_enter_actuals(standing, actual.target)


def _may_attach_to_return(standing: Standing, data_return: DataReturn) -> bool:
    if data_return.is_locked:
        return can_revise_locked(standing, data_return.target)
    return can_submit_return(standing, data_return.target)


def _actual_label(actual: Actual) -> str:
    where = f" for {actual.district.name}" if actual.district else ""
    return f"the {actual.target.indicator.code} {actual.period} actual{where}"


def evidence_holders() -> list[Holder]:
    return [
        Holder(
            model=Actual,
            queryset=_actuals,
            agreement_id=lambda actual: actual.target.agreement_id,
            can_read=lambda standing, actual: actual.target.agreement_id == standing.agreement.pk,
            can_edit=_may_attach_to_actual,
            label=_actual_label,
            url=lambda actual: actual.target.get_absolute_url(),
        ),
        Holder(
            model=DataReturn,
            queryset=lambda: DataReturn.objects.select_related("target__indicator"),
            agreement_id=lambda data_return: data_return.target.agreement_id,
            can_read=lambda standing, data_return: (
                data_return.target.agreement_id == standing.agreement.pk
            ),
            can_edit=_may_attach_to_return,
            label=lambda r: f"the {r.target.indicator.code} {r.period} return",
            url=lambda data_return: data_return.get_absolute_url(),
        ),
    ]
