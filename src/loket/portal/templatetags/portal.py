"""Template helpers of the citizen portal."""

import uuid

from django import template
from django.urls import NoReverseMatch, reverse

from loket.parties.citizen_auth import citizen_partij

register = template.Library()


@register.inclusion_tag("portal/_feedback.html", takes_context=True)
def feedback_blok(
    context, product=None, levensgebeurtenis=None, titel="", artikel=None, zoekvraag=""
):
    """ "Heeft deze informatie u geholpen?" with a fresh key per rendered form, so a retried
    post is stored once. On an answer reached from a search, the search it came from goes
    along: the search learns from the reply (knowledge.search.leren)."""
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "sleutel": uuid.uuid4().hex,
        "pad": request.path,
        "paginatitel": titel,
        "product": product,
        "levensgebeurtenis": levensgebeurtenis,
        "artikel": artikel,
        "zoekvraag": (zoekvraag or "")[:500],
        "bedankt": request.GET.get("feedback") == "bedankt",
    }


@register.simple_tag(takes_context=True)
def ingelogde_burger(context):
    """The logged-in citizen's Partij (or None), for the portal header."""
    return citizen_partij(context["request"])


@register.filter
def regels(value: str) -> list[str]:
    """A text field with one item per line as a list (voorwaarden, benodigdheden)."""
    return [line.strip(" -•\t") for line in (value or "").splitlines() if line.strip(" -•\t")]


@register.simple_tag
def optionele_url(name, **kwargs):
    """The URL of another app's page, or "" when that page does not exist (hide the link)."""

    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.filter
def loket_links(html, producten):
    """A knowledge article's HTML with its links resolved to Loket's own pages for its products
    (`loket:formulier` becomes the product's online form); see portal.selectors.artikel_links."""
    from loket.portal.selectors import artikel_links

    if producten is None:
        lijst = []
    elif isinstance(producten, (list, tuple)):
        lijst = list(producten)
    elif hasattr(producten, "pk"):
        lijst = [producten]
    else:
        lijst = list(producten)
    return artikel_links(str(html or ""), producten=lijst)
