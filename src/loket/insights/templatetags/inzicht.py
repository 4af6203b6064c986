from django import template

from loket.insights.selectors.actualiteit import dagen_wachtend

register = template.Library()


@register.inclusion_tag("insights/_actualiteit.html")
def actualiteit() -> dict:
    """A notice when recent changes are not in the figures yet (the worker rebuilds them)."""
    return {"wachtend": dagen_wachtend()}
