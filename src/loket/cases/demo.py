"""Demo data for zaken (called at the end of `loket demo`): resultaattypen and declared status
transitions for every demo zaaktype, and results on the closed zaken."""

from __future__ import annotations

from django.db.models import F

from loket.cases.models import Resultaattype, StatusOvergang, Zaak

RESULTATEN = [
    ("Toegekend", "Uw aanvraag is toegekend."),
    ("Afgewezen", "Uw aanvraag is afgewezen. In het besluit leest u waarom."),
    ("Ingetrokken", "U heeft uw aanvraag ingetrokken."),
    ("Buiten behandeling gesteld", "Uw aanvraag was niet compleet."),
]


def build(builder, summary) -> dict | None:

    counts: dict[str, int] = {}

    # --- resultaattypen, transitions, results on closed zaken --------------------------------
    resultaten, overgangen = [], []
    for zaaktype in builder.zaaktypen.values():
        resultaten += [
            Resultaattype(zaaktype=zaaktype, omschrijving=naam, toelichting=tekst)
            for naam, tekst in RESULTATEN
        ]
        statustypen = builder.statustypen[zaaktype.pk]
        if len(statustypen) >= 4:
            # Declared: forward to any later status, and back one step from the middle
            # statuses (e.g. "aanvulling gevraagd" back to "in behandeling").
            for i, van in enumerate(statustypen):
                for naar in statustypen[i + 1 :]:
                    overgangen.append(StatusOvergang(zaaktype=zaaktype, van=van, naar=naar))
                if 1 < i < len(statustypen) - 1:
                    overgangen.append(
                        StatusOvergang(zaaktype=zaaktype, van=van, naar=statustypen[i - 1])
                    )
    Resultaattype.objects.bulk_create(resultaten, ignore_conflicts=True)
    StatusOvergang.objects.bulk_create(overgangen, ignore_conflicts=True)
    counts["Resultaattypen"] = len(resultaten)
    counts["Statusovergangen"] = len(overgangen)
    closed = 0
    for zaaktype in builder.zaaktypen.values():
        by_name = {r.omschrijving: r for r in zaaktype.resultaattypen.all()}
        base = Zaak.objects.filter(zaaktype=zaaktype, einddatum__isnull=False)
        # 85% toegekend, 10% afgewezen, 5% ingetrokken — by primary key, deterministic.
        closed += (
            base.annotate(m=F("pk") % 20).filter(m__lt=17).update(resultaat=by_name["Toegekend"])
        )
        closed += (
            base.annotate(m=F("pk") % 20)
            .filter(m__in=[17, 18])
            .update(resultaat=by_name["Afgewezen"])
        )
        closed += (
            base.annotate(m=F("pk") % 20).filter(m=19).update(resultaat=by_name["Ingetrokken"])
        )
    counts["Zaken met resultaat"] = closed
    return counts
