"""The portal's part of the demo: a year of "Heeft deze informatie u geholpen?" answers, so the
insight layer has page feedback to show. Called from loket.catalogue.demo (the portal has no
slot of its own in DEMO_EXTENSIONS)."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from loket.catalogue.models import Levensgebeurtenis, Product
from loket.portal.models import PaginaFeedback

AMS = ZoneInfo("Europe/Amsterdam")
BATCH = 2000
# Answers per 100 contacts of the demo scale: 80 at small, 1,600 at medium, 20,000 at large.
PER_HONDERD_CONTACTEN = 2
# Share of "ja" per service formula: automatic products satisfy most, bespoke ones least.
GEHOLPEN = {"flits": 0.88, "direct": 0.8, "vlot": 0.72, "maatwerk": 0.6}
OPMERKINGEN_NEE = [
    "Ik kan niet vinden wat het kost voor kinderen.",
    "Wat moet ik meenemen?",
    "Te veel tekst, ik zoek alleen de openingstijden.",
    "Kan ik dit ook voor mijn moeder regelen?",
    "De link naar het formulier werkt niet op mijn telefoon.",
    "Hoe lang duurt het voordat ik antwoord krijg?",
]
OPMERKINGEN_JA = ["Duidelijk, dank u.", "Snel geregeld!", "Fijn dat het online kan."]


def build(builder, summary) -> dict | None:
    rng = builder.rng
    producten = list(
        Product.objects.filter(is_actief=True, is_gemeente=True)
        .exclude(titel="")
        .select_related("dienstverleningsformule")
        .order_by("upl_naam")
    )
    gebeurtenissen = list(Levensgebeurtenis.objects.order_by("volgorde"))
    if not producten:
        return None
    total = max(50, builder.scale.contacts * PER_HONDERD_CONTACTEN // 100)
    weights = [
        5 if p.dienstverleningsformule and p.dienstverleningsformule.code == "flits" else 2
        for p in producten
    ]
    start = dt.datetime.combine(builder.today - dt.timedelta(days=365), dt.time(0), tzinfo=AMS)
    rows: list[PaginaFeedback] = []
    created = 0
    for _ in range(total):
        soort = rng.random()
        product = gebeurtenis = None
        if soort < 0.8:
            product = rng.choices(producten, weights=weights)[0]
            pad, titel = f"/producten/{product.slug}/", product.naam
            code = product.dienstverleningsformule.code if product.dienstverleningsformule else ""
            kans = GEHOLPEN.get(code, 0.75)
        elif soort < 0.92 and gebeurtenissen:
            gebeurtenis = rng.choice(gebeurtenissen)
            pad, titel, kans = f"/levensgebeurtenissen/{gebeurtenis.slug}/", gebeurtenis.naam, 0.8
        else:
            pad, titel, kans = "/", "Welkom", 0.7
        geholpen = rng.random() < kans
        opmerking = ""
        if rng.random() < (0.35 if not geholpen else 0.05):
            opmerking = rng.choice(OPMERKINGEN_JA if geholpen else OPMERKINGEN_NEE)
        moment = start + dt.timedelta(seconds=rng.randrange(365 * 86400))
        rows.append(
            PaginaFeedback(
                sleutel=uuid.UUID(int=rng.getrandbits(128)).hex,
                pad=pad,
                paginatitel=titel,
                product=product,
                levensgebeurtenis=gebeurtenis,
                geholpen=geholpen,
                opmerking=opmerking,
                ingelogd=rng.random() < 0.2,
                moment=moment,
            )
        )
        if len(rows) >= BATCH:
            PaginaFeedback.objects.bulk_create(rows)
            created += len(rows)
            rows = []
    PaginaFeedback.objects.bulk_create(rows)
    created += len(rows)
    return {"paginafeedback": created}
