"""Demo data for digital use (issue 21): the form funnels' day counters behind the demo's
submissions, and portal searches and answer reads with what followed them.

Written directly as counts (the demo has no citizens clicking): per form and day the
submissions and Flits completions are exactly the demo's Inzending rows; the steps before them
follow a drop-out profile per form, so the page has a worst step to show (the verhuismelding's
first step, where the moving date and the BAG address stop people). The searches name no words
and no person (as the job leaves them once linked); one answer, on urgent passports, is followed
by a call far more often than the rest, so the redactie's work list has a top.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from loket.catalogue.models import Product
from loket.core.bulk import insert_rows
from loket.knowledge.models import Antwoordbezoek, Kennisartikel, Zoektocht
from loket.selfservice.models import (
    Formulier,
    FormulierDagTotaal,
    FormulierFoutDagTotaal,
    FormulierStapDagTotaal,
    FormulierStapDuurDagTotaal,
    Inzending,
    Route,
)
from loket.selfservice.services.trechter import (
    AFHAAK_CONTACT_DAGEN,
    duur_klasse,
    melding_anonymise,
)

# Per form: per step the share that goes on to the next (the last: from the check page to
# submitting), the typical seconds on the step, and the messages that refuse it (field, message,
# weight). Messages are the forms' own (fields.py, automations.py).
PROFIELEN: dict[str, list[tuple[float, int, list[tuple[str, str, int]]]]] = {
    "verhuismelding": [
        (
            0.58,
            150,
            [
                (
                    "verhuisdatum",
                    "Verhuisdatum: u kunt een verhuizing hoogstens 4 weken van tevoren "
                    "doorgeven (uiterlijk 01-01-2027).",
                    6,
                ),
                (
                    "postcode",
                    "Nieuw adres: wij kunnen dit adres niet vinden in de Basisregistratie "
                    "Adressen en Gebouwen (BAG). Controleer de postcode, het huisnummer en "
                    "eventueel de huisletter of toevoeging.",
                    4,
                ),
                ("huisnummer", "Huisnummer: '12a' is geen huisnummer; vul alleen cijfers in.", 2),
                (
                    "verhuisdatum",
                    "Verhuisdatum: '3 maart' is geen datum; gebruik dag-maand-jaar.",
                    2,
                ),
            ],
        ),
        (
            0.9,
            60,
            [
                (
                    "anderen_namen",
                    "Namen en geboortedata: vul in wie er nog meer met u mee verhuist.",
                    1,
                )
            ],
        ),
        (0.95, 40, [("email", "E-mailadres: vul dit veld in.", 1)]),
        (0.96, 25, []),
    ],
    "afvalpas": [
        (0.9, 30, [("reden", "Waarom heeft u een nieuwe pas nodig?: maak een keuze.", 1)]),
        (0.95, 35, [("email", "E-mailadres: vul dit veld in.", 1)]),
        (0.97, 15, []),
    ],
    "uittreksel-brp": [
        (0.92, 25, [("doel_anders", "Waarvoor dan?: vul dit veld in.", 1)]),
        (0.97, 15, []),
    ],
    "parkeervergunning": [
        (0.8, 90, [("kenteken", "Kenteken: '12-AB' is geen Nederlands kenteken.", 3)]),
        (0.9, 45, [("email", "E-mailadres: vul dit veld in.", 1)]),
        (0.95, 20, []),
    ],
    "kwijtschelding": [
        (0.85, 120, [("iban", "IBAN: 'NL12' is geen geldig IBAN-rekeningnummer.", 2)]),
        (0.72, 240, [("bewijs_inkomen", "Bewijs van inkomen: voeg een bestand toe.", 3)]),
        (0.94, 40, [("email", "E-mailadres: vul dit veld in.", 1)]),
        (0.95, 30, []),
    ],
}
Profiel = tuple[float, int, list[tuple[str, str, int]]]
STANDAARD: Profiel = (0.9, 60, [])
# Per answer (slug): weight among the answers read, and the share of logged-in readers who call
# about it within 24 hours. Others read: weight 1, 6%.
ANTWOORDEN = {
    "paspoort-spoed": (5, 0.36),
    "verhuizing-termijn": (4, 0.21),
    "kwijtschelding-gemeentelijke-belastingen": (3, 0.17),
    "parkeervergunning-kenteken-wijzigen": (2, 0.14),
    "paspoort-aanvragen": (8, 0.1),
    "rijbewijs-verlengen": (4, 0.08),
    "afvalpas": (4, 0.07),
    "brp-uittreksel": (3, 0.04),
}
ZOEK_DAGEN = 120


def build(builder) -> dict:
    formulieren = list(Formulier.objects.select_related("product"))
    return {
        "formulierdagen": _trechters(builder, formulieren),
        "zoektochten": _zoektochten(builder, formulieren),
    }


def _profiel(formulier: Formulier) -> list[tuple[float, int, list[tuple[str, str, int]]]]:
    n = len(formulier.stappen)
    profiel = list(PROFIELEN.get(formulier.slug, []))
    while len(profiel) < n + 1:
        profiel.insert(0, STANDAARD)
    return profiel[-(n + 1) :]


def _trechters(builder, formulieren: list[Formulier]) -> int:
    rng = builder.rng
    per_dag = (
        Inzending.objects.annotate(dag=TruncDate("ingediend_op"))
        .values("formulier", "dag")
        .annotate(n=Count("pk"), flits=Count("pk", filter=Q(route=Route.FLITS)))
    )
    ingediend: dict[tuple[int, dt.date], tuple[int, int]] = {
        (r["formulier"], r["dag"]): (r["n"], r["flits"]) for r in per_dag
    }
    laatste_geteld = builder.today - dt.timedelta(days=AFHAAK_CONTACT_DAGEN + 1)
    stap_rijen: list[tuple] = []
    duur_rijen: list[tuple] = []
    fout_rijen: list[tuple] = []
    dag_rijen: list[tuple] = []
    per_id = {f.pk: f for f in formulieren}
    for (formulier_id, dag), (n, flits) in sorted(
        ingediend.items(), key=lambda x: (x[0][0], x[0][1])
    ):
        formulier = per_id.get(formulier_id)
        if formulier is None:
            continue
        profiel = _profiel(formulier)
        stappen = len(formulier.stappen)
        # Backwards from the submissions: who reached each step (the check page is `stappen`).
        bereikt = [0] * (stappen + 1)
        verder = n
        for s in range(stappen, -1, -1):
            kans = profiel[s][0]
            bereikt[s] = max(verder, math.ceil(verder / kans + rng.random() - 0.3))
            verder = bereikt[s]
        duur: Counter[tuple[int, int]] = Counter()
        fouten: Counter[tuple[int, str, str]] = Counter()
        for s in range(stappen + 1):
            voltooid = bereikt[s + 1] if s < stappen else n
            uitval = bereikt[s] - voltooid
            meldingen = profiel[s][2]
            afgewezen = 0
            if meldingen:
                afgewezen = uitval + sum(rng.random() < 0.25 for _ in range(voltooid))
                gewichten = [w for _v, _m, w in meldingen]
                for _ in range(afgewezen):
                    veld, melding, _w = rng.choices(meldingen, weights=gewichten)[0]
                    fouten[(s, veld, melding_anonymise(melding))] += 1
            if s < stappen:
                for _ in range(voltooid):
                    seconden = rng.lognormvariate(math.log(profiel[s][1]), 0.7)
                    duur[(s, duur_klasse(seconden))] += 1
            stap_rijen.append(
                (formulier_id, s, dag, bereikt[s], voltooid if s < stappen else 0, afgewezen)
            )
        duur_rijen.extend((formulier_id, s, dag, k, v) for (s, k), v in duur.items())
        fout_rijen.extend((formulier_id, s, dag, veld, m, v) for (s, veld, m), v in fouten.items())
        afgehaakt = bereikt[0] - n
        geteld = dag <= laatste_geteld
        ingelogd = afgehaakt if formulier.inloggen_verplicht else round(afgehaakt * 0.6)
        belkans = 0.24 if formulier.slug == "verhuismelding" else 0.1
        contact = sum(rng.random() < belkans for _ in range(ingelogd)) if geteld else 0
        dag_rijen.append(
            (
                formulier_id,
                dag,
                n,
                flits,
                afgehaakt if geteld else 0,
                ingelogd if geteld else 0,
                contact,
                geteld,
            )
        )
    insert_rows(
        FormulierStapDagTotaal,
        ["formulier_id", "stap", "dag", "bereikt", "voltooid", "afgewezen"],
        stap_rijen,
    )
    insert_rows(
        FormulierStapDuurDagTotaal,
        ["formulier_id", "stap", "dag", "tot_seconden", "aantal"],
        duur_rijen,
    )
    insert_rows(
        FormulierFoutDagTotaal,
        ["formulier_id", "stap", "dag", "veld", "melding", "aantal"],
        fout_rijen,
    )
    insert_rows(
        FormulierDagTotaal,
        [
            "formulier_id",
            "dag",
            "ingediend",
            "automatisch",
            "afgehaakt",
            "afgehaakt_ingelogd",
            "afgehaakt_contact",
            "afhakers_geteld",
        ],
        dag_rijen,
    )
    return len(dag_rijen)


def _zoektochten(builder, formulieren: list[Formulier]) -> int:
    rng = builder.rng
    artikelen = list(
        Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False)
        .select_related("gepubliceerde_versie")
        .order_by("slug")
    )
    if not artikelen:
        return 0
    producten = {p.upl_naam: p.pk for p in Product.objects.only("pk", "upl_naam")}
    met_formulier = {f.product_id for f in formulieren}

    def product_van(artikel: Kennisartikel) -> int | None:
        versie = artikel.gepubliceerde_versie
        namen = versie.product_upl_namen if versie else []
        return next((producten[n] for n in namen if n in producten), None)

    # Three in four answers read are the frequent ones above; the rest any other answer.
    vaak = [(a, *ANTWOORDEN[a.slug]) for a in artikelen if a.slug in ANTWOORDEN]
    overig = [(a, 1, 0.06) for a in artikelen if a.slug not in ANTWOORDEN]
    gewichten = [w for _a, w, _k in vaak]

    def kies() -> tuple[Kennisartikel, int, float]:
        if vaak and (not overig or rng.random() < 0.75):
            return rng.choices(vaak, weights=gewichten)[0]
        return rng.choice(overig)

    per_dag = max(12, min(builder.scale.persons // 40, 200))
    tz = timezone.get_current_timezone()
    zoek_rijen: list[tuple] = []
    lees_rijen: list[tuple] = []
    for d in range(ZOEK_DAGEN, 0, -1):
        dag = builder.today - dt.timedelta(days=d)
        for _ in range(per_dag + rng.randint(-3, 3)):
            op = dt.datetime.combine(
                dag, dt.time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=tz
            )
            ingelogd = rng.random() < 0.3
            if rng.random() < 0.07:  # nothing found
                zoek_rijen.append(
                    (
                        op,
                        0,
                        None,
                        None,
                        False,
                        False,
                        ingelogd,
                        (rng.random() < 0.2) if ingelogd else None,
                    )
                )
                continue
            artikel, _w, belkans = kies()
            product = product_van(artikel)
            gelezen = rng.random() < 0.6
            gestart = product in met_formulier and rng.random() < (0.45 if gelezen else 0.1)
            kans = belkans if gelezen else 0.12
            contact = (rng.random() < kans) if ingelogd else None
            zoek_rijen.append(
                (
                    op,
                    rng.randint(1, 10),
                    product,
                    artikel.pk if gelezen else None,
                    gelezen,
                    gestart,
                    ingelogd,
                    contact,
                )
            )
            if gelezen:
                lees_rijen.append(
                    (
                        artikel.pk,
                        op + dt.timedelta(seconds=20),
                        ingelogd,
                        contact if ingelogd else None,
                    )
                )
            # Readers who came from a product page or a link, not from the search.
            if rng.random() < 0.5:
                ander = rng.random() < 0.3
                lees_rijen.append(
                    (
                        artikel.pk,
                        op + dt.timedelta(minutes=7),
                        ander,
                        (rng.random() < belkans) if ander else None,
                    )
                )
    insert_rows(
        Zoektocht,
        [
            "gezocht_op",
            "aantal_resultaten",
            "product_id",
            "artikel_id",
            "antwoord_gelezen",
            "formulier_gestart",
            "ingelogd",
            "contact_binnen_24u",
        ],
        zoek_rijen,
    )
    insert_rows(
        Antwoordbezoek, ["artikel_id", "bezocht_op", "ingelogd", "gebeld_binnen_24u"], lees_rijen
    )
    return len(zoek_rijen)
