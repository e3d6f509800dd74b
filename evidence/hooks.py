"""The records evidence may be attached to, as the apps that own them say.

Evidence sits below indicators, plans and meetings (docs/architecture.md), so it knows
none of their models or rules. Each of them registers, in its AppConfig.ready, a function
giving a `Holder` for each of its models that takes evidence: how to fetch the records,
which agreement one is in, who may read it and who may attach to it, and what to call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from partnerships.hooks import Hook
from partnerships.permissions import Standing


@dataclass(frozen=True)
class Holder:
    """One model whose records take evidence.

    `queryset()` fetches its records with whatever `can_read`, `can_edit`, `label` and
    `url` read (select_related, annotations), so a page of them costs one query.
    """

    model: type[models.Model]
    queryset: Callable[[], models.QuerySet[Any]]
    agreement_id: Callable[[Any], int]
    can_read: Callable[[Standing, Any], bool]
    can_edit: Callable[[Standing, Any], bool]
    label: Callable[[Any], str]  # "the 2009/10 Q2 actual", "plan action 3.1"
    url: Callable[[Any], str]  # the record's own page

    @property
    def kind(self) -> str:
        """How the record's kind is written in evidence addresses: "plans.action"."""
        return self.model._meta.label_lower


HoldersFor = Callable[[], list[Holder]]


class HolderHook(Hook[HoldersFor]):
    """A Hook that also removes a record's evidence when the record is deleted."""

    def register(self, function: HoldersFor) -> HoldersFor:
        from evidence.cleanup import record_deleted

        for holder in function():
            uid = f"evidence-of-{holder.kind}"
            models.signals.post_delete.connect(
                record_deleted, sender=holder.model, dispatch_uid=uid
            )
        return super().register(function)


evidence_holders = HolderHook("records that evidence is attached to")


def holders() -> dict[str, Holder]:
    return {holder.kind: holder for holders_for in evidence_holders for holder in holders_for()}


def holder_for_kind(kind: str) -> Holder | None:
    return holders().get(kind)


def holder_for(model: type[models.Model]) -> Holder | None:
    return holders().get(model._meta.label_lower)
