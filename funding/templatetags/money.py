from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value: Decimal | None, pence: str = "") -> str:
    """£1,234 (or £1,234.56 when there are pence, or always with pounds:'p'); minus as −£."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value)
    places = 2 if pence or amount != amount.to_integral_value() else 0
    text = f"£{abs(amount):,.{places}f}"
    return f"−{text}" if amount < 0 else text


@register.filter
def percent(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{Decimal(value).normalize():f}%"


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None
