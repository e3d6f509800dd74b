"""{% partnership_sections partnership %}: the sections the apps above add to a
partnership's page through `partnerships.hooks.partnership_sections` (each renders its own
template, so this template names none of theirs)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from partnerships import hooks
from partnerships.models import Partnership
from partnerships.permissions import standing_in

register = template.Library()


@register.simple_tag(takes_context=True)
def partnership_sections(context: dict[str, Any], partnership: Partnership) -> SafeString:
    standing = standing_in(context["request"], partnership.agreement)
    # Each function returns HTML it rendered with autoescaping (render_to_string).
    return mark_safe(
        "".join(function(partnership, standing) for function in hooks.partnership_sections)
    )
