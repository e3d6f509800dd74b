"""``{% target_returns target as returns %}``: a target's data returns by period label,
with how many revisions each had, for the target page (one query)."""

from django import template
from django.db.models import Count

from indicators.models import DataReturn, Target

register = template.Library()


@register.simple_tag
def target_returns(target: Target) -> dict[str, DataReturn]:
    rows = DataReturn.objects.filter(target=target).annotate(revision_count=Count("revisions"))
    return {row.period: row for row in rows}


@register.filter
def for_period(returns: dict[str, DataReturn], label: str) -> DataReturn | None:
    return returns.get(label)
