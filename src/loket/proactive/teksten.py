"""The words of proactive offers: the citizen's message and the hint in the klantbeeld."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from loket.catalogue.models import Kanaalvoorkeur
from loket.proactive.models import DocumentSoort, Gebeurtenis, Regel, Trigger

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

# What the KCM offers when the product's channel strategy prefers a channel.
AANBIEDEN_PER_KANAAL = {
    Kanaalvoorkeur.CLICK: "online aanvragen",
    Kanaalvoorkeur.FACE: "een afspraak aan de balie",
    Kanaalvoorkeur.CALL: "telefonisch regelen",
}
ADVIES_PER_KANAAL = {
    Kanaalvoorkeur.CLICK: "Regel het online, wanneer het u uitkomt.",
    Kanaalvoorkeur.FACE: "Maak online een afspraak aan de balie.",
    Kanaalvoorkeur.CALL: "Bel ons, wij regelen het met u.",
}


def datum_nl(datum: dt.date) -> str:
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def weken_tot(datum: dt.date, vandaag: dt.date) -> int:
    return max(0, (datum - vandaag).days // 7)


def onderwerp_van(regel: Regel) -> str:
    return regel.onderwerp


def product_regels(producten) -> list[str]:
    """One line per offered product with the advice of its channel strategy."""
    lines = []
    for product in producten:
        advies = product.kanaaladvies or ADVIES_PER_KANAAL.get(product.voorkeurskanaal, "")
        lines.append(f"- {product.naam}" + (f": {advies}" if advies else ""))
    return lines


def bericht_tekst(*, regel: Regel, producten, naam: str, datum: dt.date, vandaag: dt.date) -> str:
    """The message body: the rule's text with its placeholders filled, then the products."""
    document = regel.get_document_soort_display().lower() if regel.document_soort else ""
    namen = ", ".join(product.naam for product in producten)
    waarden = {
        "naam": naam or "inwoner",
        "document": document,
        "datum": datum_nl(datum),
        "weken": weken_tot(datum, vandaag),
        "producten": namen,
    }
    try:
        tekst = regel.tekst.format(**waarden)
    except (KeyError, IndexError, ValueError):
        tekst = regel.tekst
    lines = [tekst.strip()]
    regels = product_regels(producten)
    if regels:
        lines += ["", "Dit kunt u nu regelen:", *regels]
    base = settings.LOKET_BASE_URL.rstrip("/")
    if base:
        lines += ["", f"Bekijk uw berichten in Mijn Loket: {base}/"]
    lines += ["", f"Met vriendelijke groet,\nGemeente {settings.LOKET_MUNICIPALITY}"]
    return "\n".join(lines)


def kcc_tip(*, regel: Regel, producten, datum: dt.date, vandaag: dt.date) -> str:
    """'Rijbewijs verloopt over 6 weken — bied online verlengen aan'."""
    if regel.kcc_tip:
        aanbod = regel.kcc_tip
    else:
        eerste = producten[0] if producten else None
        manier = AANBIEDEN_PER_KANAAL.get(eerste.voorkeurskanaal, "") if eerste else ""
        namen = ", ".join(product.naam.lower() for product in producten)
        aanbod = f"bied {namen} aan" + (f" ({manier})" if manier else "")
    if regel.trigger == Trigger.DOCUMENT:
        soort = DocumentSoort(regel.document_soort).label if regel.document_soort else "Document"
        weken = weken_tot(datum, vandaag)
        wanneer = (
            "verloopt binnen een week"
            if weken == 0
            else f"verloopt over {weken} {'week' if weken == 1 else 'weken'}"
        )
        return f"{soort} {wanneer} — {aanbod}"
    if regel.trigger == Trigger.LEVENSGEBEURTENIS and regel.gebeurtenis:
        return f"{Gebeurtenis(regel.gebeurtenis).label} op {datum_nl(datum)} — {aanbod}"
    return f"{regel.naam} — {aanbod}"
