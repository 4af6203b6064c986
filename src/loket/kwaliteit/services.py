"""Quality monitoring (issue 20): draw the month's sample, queue the signals ahead of it, record
a review and start a calibration. Each write is one transaction and raises KwaliteitError with a
Dutch message."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, QuerySet
from django.utils import timezone

from loket.accounts.models import User
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.core import jobs
from loket.core.errors import DomainError
from loket.kwaliteit.anonimiseren import partij_gegevens, tekst_anonymise
from loket.kwaliteit.constants import HERHAAL_DAGEN, Aanleiding, BeoordelingStatus, Oordeel
from loket.kwaliteit.models import (
    Beoordeling,
    Criterium,
    Oefenscenario,
    Rubriek,
    Score,
    SteekproefRonde,
)
from loket.kwaliteit.signalen import klacht_select, verzoek_niet_nodig_select

logger = logging.getLogger(__name__)

STEEKPROEF_TAAK = "kwaliteit_steekproef"


class KwaliteitError(DomainError):
    pass


def maand_start(moment: dt.date | dt.datetime) -> dt.date:
    """The first day of the month of a date or (local) moment."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


def maand_grenzen(maand: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a month in local time."""
    start = maand.replace(day=1)
    volgende = (start + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(volgende, dt.time.min, tzinfo=tz),
    )


def rubriek_actief() -> Rubriek:
    rubriek = Rubriek.objects.filter(actief=True).order_by("pk").first()
    if rubriek is None:
        raise KwaliteitError("Er is geen actieve rubriek voor kwaliteitsbeoordelingen.")
    return rubriek


def _reviewable(maand: dt.date) -> QuerySet[Klantcontact]:
    """The month's contacts registered by an agent that a reviewer may read whole: not
    anonymised, not confidential (a confidential contact is read only by its team)."""
    start, end = maand_grenzen(maand)
    return Klantcontact.objects.filter(
        plaatsgevonden_op__gte=start,
        plaatsgevonden_op__lt=end,
        medewerker__isnull=False,
        geanonimiseerd_op__isnull=True,
        vertrouwelijk=False,
    )


def signalen_select(*, maand: dt.date) -> dict[int, str]:
    """Contacts of the month the signals point at, by contact pk -> aanleiding: a repeat contact
    (the same partij about the same product within HERHAAL_DAGEN days after: not solved the
    first time), an answer given without a knowledge-article version, a complaint or "niet
    geholpen" on the answer, and a contactverzoek that was not needed (kwaliteit.signalen).
    A contact with several signals is queued once, under the first in the queue's order."""
    contacten = _reviewable(maand)
    later = Vraag.objects.filter(
        klantcontact__partij=OuterRef("klantcontact__partij"),
        product=OuterRef("product"),
        klantcontact__plaatsgevonden_op__gt=OuterRef("klantcontact__plaatsgevonden_op"),
        klantcontact__plaatsgevonden_op__lte=ExpressionWrapper(
            OuterRef("klantcontact__plaatsgevonden_op") + dt.timedelta(days=HERHAAL_DAGEN),
            output_field=DateTimeField(),
        ),
    )
    herhaald = (
        Vraag.objects.filter(
            klantcontact__in=contacten,
            klantcontact__partij__isnull=False,
            product__isnull=False,
        )
        .filter(Exists(later))
        .values_list("klantcontact_id", flat=True)
    )
    zonder_artikel = Vraag.objects.filter(
        klantcontact__in=contacten,
        afhandeling=Afhandeling.BEANTWOORD,
        kennisartikel_versie__isnull=True,
    ).values_list("klantcontact_id", flat=True)
    signalen: dict[int, str] = {}
    for pk in sorted(verzoek_niet_nodig_select(contacten)):
        signalen[pk] = Aanleiding.VERZOEK_NIET_NODIG
    for pk in sorted(klacht_select(contacten)):
        signalen[pk] = Aanleiding.KLACHT
    for pk in sorted(set(zonder_artikel)):
        signalen[pk] = Aanleiding.GEEN_ARTIKEL
    for pk in sorted(set(herhaald)):
        signalen[pk] = Aanleiding.HERHAALCONTACT
    return signalen


def steekproef_select(
    *,
    maand: dt.date,
    per_kanaal: int,
    uitsluiten: set[int] = frozenset(),  # type: ignore[assignment]
) -> dict[int, list[int]]:
    """The month's sample: per agent, per channel up to `per_kanaal` contacts (stratified by
    channel), drawn with a generator seeded by the month and the agent, so the same month gives
    the same sample. Returns agent pk -> contact pks. Contacts in `uitsluiten` (already queued
    by a signal) are not drawn again."""
    per_agent: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = _reviewable(maand).order_by("pk").values_list("pk", "medewerker_id", "kanaal__code")
    for pk, medewerker_id, kanaal in rows:
        if pk not in uitsluiten:
            per_agent[medewerker_id][kanaal].append(pk)
    gekozen: dict[int, list[int]] = {}
    for medewerker_id in sorted(per_agent):
        rng = random.Random(f"{maand:%Y-%m}:{medewerker_id}")
        keuze: list[int] = []
        for kanaal in sorted(per_agent[medewerker_id]):
            ids = per_agent[medewerker_id][kanaal]
            keuze.extend(sorted(rng.sample(ids, min(per_kanaal, len(ids)))))
        gekozen[medewerker_id] = keuze
    return gekozen


@transaction.atomic
def steekproef_draw(*, maand: dt.date, per_kanaal: int | None = None) -> int:
    """Queue the month's signals and sample for review (unassigned: the agent's teamleiders
    see them). A contact already queued is skipped; returns the number of new reviews."""
    maand = maand_start(maand)
    if per_kanaal is None:
        per_kanaal = settings.LOKET_KWALITEIT_STEEKPROEF_PER_KANAAL
    rubriek = rubriek_actief()
    signalen = signalen_select(maand=maand)
    steekproef = steekproef_select(maand=maand, per_kanaal=per_kanaal, uitsluiten=set(signalen))
    aanleidingen = dict(signalen)
    for ids in steekproef.values():
        for pk in ids:
            aanleidingen.setdefault(pk, Aanleiding.STEEKPROEF)
    al = set(
        Beoordeling.objects.filter(klantcontact_id__in=aanleidingen).values_list(
            "klantcontact_id", flat=True
        )
    )
    medewerkers = dict(
        Klantcontact.objects.filter(pk__in=aanleidingen).values_list("pk", "medewerker_id")
    )
    nieuw = [
        Beoordeling(
            klantcontact_id=pk,
            medewerker_id=medewerkers[pk],
            rubriek=rubriek,
            maand=maand,
            aanleiding=aanleiding,
        )
        for pk, aanleiding in sorted(aanleidingen.items())
        if pk not in al
    ]
    Beoordeling.objects.bulk_create(nieuw, ignore_conflicts=True)
    ronde, _ = SteekproefRonde.objects.get_or_create(maand=maand)
    ronde.aantal += len(nieuw)
    ronde.save(update_fields=["aantal"])
    return len(nieuw)


def steekproef_tijd() -> dt.time:
    """When the daily check for last month's sample may run (LOKET_KWALITEIT_TIJD, "HH:MM")."""
    return jobs.tijd(settings.LOKET_KWALITEIT_TIJD, "05:30")


def steekproef_job(now: dt.datetime) -> int:
    """The worker's daily job: draw last month's sample once (the SteekproefRonde row)."""
    vorige = maand_start(maand_start(now) - dt.timedelta(days=1))
    if SteekproefRonde.objects.filter(maand=vorige).exists():
        return 0
    aantal = steekproef_draw(maand=vorige)
    logger.info("Kwaliteitssteekproef %s: %d beoordelingen in de wachtrij.", vorige, aantal)
    return aantal


def _score(oordelen: dict[Criterium, int | None]) -> int | None:
    """Weighted share of the maximum over the applicable criteria, 0-100."""
    totaal = sum(c.gewicht * Oordeel.VOLDOET for c, o in oordelen.items() if o is not None)
    if not totaal:
        return None
    behaald = sum(c.gewicht * o for c, o in oordelen.items() if o is not None)
    return round(100 * behaald / totaal)


@transaction.atomic
def beoordeling_record(
    *,
    beoordeling: Beoordeling,
    reviewer: User,
    oordelen: dict[Criterium, int | None],
    feedback: str,
) -> Beoordeling:
    """Record the reviewer's scores and feedback. An unassigned review becomes the reviewer's;
    an agent never reviews their own contact."""
    beoordeling = Beoordeling.objects.select_for_update().get(pk=beoordeling.pk)
    if beoordeling.medewerker_id == reviewer.pk:
        raise KwaliteitError("U kunt uw eigen klantcontact niet beoordelen.")
    if beoordeling.reviewer_id not in (None, reviewer.pk):
        raise KwaliteitError("Deze beoordeling is van een andere beoordelaar.")
    criteria = set(beoordeling.rubriek.criteria.filter(actief=True))
    if set(oordelen) != criteria:
        raise KwaliteitError("Geef een oordeel bij elk criterium (of n.v.t.).")
    beoordeling.reviewer = reviewer
    beoordeling.feedback = feedback.strip()
    beoordeling.score = _score(oordelen)
    beoordeling.status = BeoordelingStatus.KLAAR
    beoordeling.beoordeeld_op = timezone.now()
    try:
        with transaction.atomic():
            beoordeling.save()
    except IntegrityError:
        raise KwaliteitError("U heeft dit klantcontact al beoordeeld.") from None
    for criterium, oordeel in oordelen.items():
        Score.objects.update_or_create(
            beoordeling=beoordeling, criterium=criterium, defaults={"oordeel": oordeel}
        )
    return beoordeling


@transaction.atomic
def kalibratie_start(*, beoordeling: Beoordeling, reviewer: User) -> Beoordeling:
    """A second reviewer scores the same contact: a new open review of theirs (calibration)."""
    if beoordeling.medewerker_id == reviewer.pk:
        raise KwaliteitError("U kunt uw eigen klantcontact niet beoordelen.")
    bestaand = Beoordeling.objects.filter(
        klantcontact_id=beoordeling.klantcontact_id, reviewer=reviewer
    ).first()
    if bestaand is not None:
        return bestaand
    return Beoordeling.objects.create(
        klantcontact_id=beoordeling.klantcontact_id,
        medewerker_id=beoordeling.medewerker_id,
        reviewer=reviewer,
        rubriek=beoordeling.rubriek,
        maand=beoordeling.maand,
        aanleiding=Aanleiding.KALIBRATIE,
    )


def _oordeel_tekst(oordeel: int | None) -> str:
    return "n.v.t." if oordeel is None else str(Oordeel(oordeel).label).lower()


@transaction.atomic
def oefenscenario_create(*, beoordeling: Beoordeling, user: User) -> Oefenscenario:
    """Turn a finished review into a training scenario: the contact's questions (the customer's
    lines), the article and registration of the answer (the right handling) and the reviewer's
    findings, with everything that identifies the partij or the agent taken out
    (kwaliteit.anonimiseren). Once per review; a second call returns the first scenario."""
    beoordeling = Beoordeling.objects.select_for_update().get(pk=beoordeling.pk)
    bestaand = Oefenscenario.objects.filter(beoordeling=beoordeling).first()
    if bestaand is not None:
        return bestaand
    if beoordeling.status != BeoordelingStatus.KLAAR:
        raise KwaliteitError("Maak een oefenscenario van een afgeronde beoordeling.")
    if beoordeling.medewerker_id == user.pk:
        raise KwaliteitError("U kunt geen oefenscenario maken van uw eigen klantcontact.")
    contact = Klantcontact.objects.select_related("kanaal", "partij", "medewerker").get(
        pk=beoordeling.klantcontact_id
    )
    vragen = list(
        Vraag.objects.filter(klantcontact=contact)
        .select_related(
            "contactreden__hoofdreden",
            "product",
            "kennisartikel_versie__artikel",
            "doorverwezen_naar",
        )
        .order_by("pk")
    )
    hoofd = next((v for v in vragen if v.kennisartikel_versie_id), None)
    if hoofd is None or hoofd.kennisartikel_versie is None:
        raise KwaliteitError(
            "Dit contact heeft geen antwoord uit de kennisbank; een oefenscenario heeft het "
            "kennisartikel van het juiste antwoord nodig."
        )
    versie = hoofd.kennisartikel_versie
    gegevens = partij_gegevens(contact.partij)
    if contact.medewerker is not None:
        gegevens["naam"] += [
            contact.medewerker.get_full_name(),
            contact.medewerker.first_name,
            contact.medewerker.last_name,
        ]
        gegevens["naam"] = [n for n in gegevens["naam"] if n and len(n.strip()) > 1]
    verzoek = (
        Contactverzoek.objects.filter(vraag=hoofd).select_related("team").order_by("pk").first()
    )
    if verzoek is not None:
        gegevens["telefoonnummer"] += [verzoek.terugbelnummer] if verzoek.terugbelnummer else []
        gegevens["e-mailadres"] += [verzoek.email] if verzoek.email else []

    def anoniem(tekst: str) -> str:
        return tekst_anonymise(tekst, gegevens).strip()

    bevindingen = []
    if beoordeling.feedback:
        bevindingen.append(f"Feedback van de beoordelaar: {beoordeling.feedback}")
    tekort = [
        f"{s.criterium.vraag}: {_oordeel_tekst(s.oordeel)}"
        for s in beoordeling.scores.select_related("criterium").order_by(
            "criterium__volgorde", "criterium__pk"
        )
        if s.oordeel is not None and s.oordeel < Oordeel.VOLDOET
    ]
    if tekort:
        bevindingen.append("Uit de beoordeling: " + "; ".join(tekort) + ".")
    reden = hoofd.contactreden
    product = hoofd.product.upl_naam if hoofd.product else next(iter(versie.product_upl_namen), "")
    return Oefenscenario.objects.create(
        beoordeling=beoordeling,
        slug=f"praktijk-{beoordeling.pk}",
        titel=f"Uit de praktijk: {versie.vraag}"[:200],
        kanaal=contact.kanaal.code,
        opening=anoniem(hoofd.vraagtekst),
        vervolg=[anoniem(v.vraagtekst) for v in vragen if v.pk != hoofd.pk and v.vraagtekst],
        artikel=versie.artikel.slug,
        product=product,
        afhandeling=hoofd.afhandeling,
        contactreden=reden.naam,
        hoofdreden=reden.hoofdreden.naam if reden.hoofdreden else "",
        team=verzoek.team.slug if verzoek is not None and verzoek.team else "",
        organisatie=hoofd.doorverwezen_naar.slug if hoofd.doorverwezen_naar else "",
        bevindingen=anoniem("\n".join(bevindingen)),
        gemaakt_door=user,
    )
