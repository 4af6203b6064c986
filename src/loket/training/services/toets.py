"""The kennistoets: questions drawn from published knowledge articles, and the answers."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from loket.accounts.models import User
from loket.core.errors import DomainError
from loket.knowledge.models import ArtikelVersie, Kennisartikel
from loket.training.constants import (
    TOETS_KORT,
    TOETS_MEERKEUZE,
    TOETS_PRINCIPES,
    ToetsVraagSoort,
)
from loket.training.kennistoets import OPTIES, is_goed, vragen_genereren
from loket.training.models import (
    Kennistoets,
    ToetsVraag,
)
from loket.training.scenarios import principes_data
from loket.training.services.sessie import HERHAAL_VENSTER

# --- the kennistoets ------------------------------------------------------------------------


def _gepubliceerde_versies() -> list[ArtikelVersie]:
    return list(
        ArtikelVersie.objects.filter(
            pk__in=Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False).values(
                "gepubliceerde_versie"
            )
        )
        .select_related("artikel")
        .order_by("pk")
    )


@transaction.atomic
def toets_start(
    *, medewerker: User, seed: int | None = None, nu: dt.datetime | None = None
) -> Kennistoets:
    """A new kennistoets generated from the published knowledge base and the principles."""

    versies = _gepubliceerde_versies()
    if len(versies) < OPTIES:
        raise DomainError(
            "De kennisbank heeft nog te weinig gepubliceerde artikelen voor een kennistoets.",
            field="kennisbank",
        )
    nu = nu or timezone.now()
    herhaald = Kennistoets.objects.filter(
        medewerker=medewerker, afgerond_op__isnull=True, gestart_op__gte=nu - HERHAAL_VENSTER
    ).first()
    if herhaald is not None:
        return herhaald  # a retried "Start" returns the test just generated
    rng = random.Random(seed)
    vragen = vragen_genereren(
        versies=versies,
        principes=principes_data(),
        meerkeuze=TOETS_MEERKEUZE,
        kort=TOETS_KORT,
        principe=TOETS_PRINCIPES,
        rng=rng,
    )
    toets = Kennistoets.objects.create(
        medewerker=medewerker, gestart_op=nu, aantal_vragen=len(vragen)
    )
    ToetsVraag.objects.bulk_create(
        ToetsVraag(
            toets=toets,
            volgnummer=nummer,
            soort=vraag.soort,
            onderwerp=vraag.onderwerp[:80],
            vraag=vraag.vraag,
            opties=vraag.opties,
            juist=vraag.juist,
            uitleg=vraag.uitleg,
            artikel=vraag.versie.artikel if vraag.versie else None,
            versie=vraag.versie,
        )
        for nummer, vraag in enumerate(vragen, start=1)
    )
    return toets


@transaction.atomic
def toets_answer(
    *,
    toets: Kennistoets,
    medewerker: User,
    antwoorden: dict[int, str],
    nu: dt.datetime | None = None,
) -> Kennistoets:
    """Check every answer (all questions must be answered) and record the result once."""
    toets = Kennistoets.objects.select_for_update().get(pk=toets.pk)
    if toets.medewerker_id != medewerker.pk:
        raise DomainError("Deze kennistoets is van een andere medewerker.", field="toets")
    if toets.is_afgerond:
        raise DomainError("Deze kennistoets is al ingeleverd.", field="toets")
    vragen = list(toets.vragen.order_by("volgnummer"))
    open_vragen = [v.volgnummer for v in vragen if not (antwoorden.get(v.volgnummer) or "").strip()]
    if open_vragen:
        raise DomainError(
            f"Beantwoord vraag {open_vragen[0]}.",
            field=f"vraag_{open_vragen[0]}",
            errors={f"vraag_{n}": ["Beantwoord deze vraag."] for n in open_vragen},
        )
    goed = 0
    for vraag in vragen:
        vraag.antwoord = antwoorden[vraag.volgnummer].strip()[:500]
        if vraag.soort == ToetsVraagSoort.MEERKEUZE and not (
            vraag.antwoord.isdigit() and int(vraag.antwoord) < len(vraag.opties)
        ):
            raise DomainError(
                f"Kies een van de antwoorden bij vraag {vraag.volgnummer}.",
                field=f"vraag_{vraag.volgnummer}",
            )
        vraag.is_goed = is_goed(soort=vraag.soort, juist=vraag.juist, antwoord=vraag.antwoord)
        goed += vraag.is_goed
    ToetsVraag.objects.bulk_update(vragen, ["antwoord", "is_goed"])
    toets.aantal_goed = goed
    toets.afgerond_op = nu or timezone.now()
    toets.save(update_fields=["aantal_goed", "afgerond_op", "updated_at"])
    return toets
