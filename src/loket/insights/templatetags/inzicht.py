from django import template

from loket.insights.selectors.actualiteit import dagen_wachtend
from loket.insights.selectors.presentation import format_number

register = template.Library()


@register.inclusion_tag("insights/_actualiteit.html")
def actualiteit() -> dict:
    """A notice when recent changes are not in the figures yet (the worker rebuilds them)."""
    return {"wachtend": dagen_wachtend()}


@register.filter
def nl_getal(value) -> str:
    """A count or figure in Dutch notation: 4000 -> "4.000", 2.5 -> "2,5"."""
    return format_number(value)
