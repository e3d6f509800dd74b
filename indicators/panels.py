"""The "Data due" panel on the home dashboard: returns the person owes, due or late."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest

from indicators.models import Target
from indicators.periods import periods_between
from indicators.scoring import TargetData
from partnerships import clock
from partnerships.dashboard import Panel
from partnerships.permissions import Standing


def dashboard_panels(request: HttpRequest, standing: Standing) -> list[Panel]:
    today = clock.today()
    person = standing.person
    targets = Target.objects.active().filter(
        Q(lead=person) | Q(data_owner=person), agreement=standing.agreement
    )
    data = TargetData(targets)
    agreement = standing.agreement
    due = []
    for info in data.infos.values():
        # The next return the person owes: the first ended period, after the latest actual,
        # with no value (within the agreement).
        reported = [p.period for p in data.actuals.get(info.pk, {}).values() if p.value is not None]
        latest = max(reported) if reported else None
        for period in periods_between(agreement.starts_on, agreement.ends_on, info.frequency):
            if not period.has_ended(today) or (latest is not None and period <= latest):
                continue
            due.append(data.score(info, period, today))
            break
    due.sort(key=lambda s: (not s.is_late, s.period.end, s.target.code))
    return [
        Panel(
            title="Data due",
            template="indicators/panel_data_due.html",
            context={"scores": due, "owns_any": bool(data.infos)},
            order=10,
        )
    ]
