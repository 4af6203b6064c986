"""Writes of the insights app: telephony events, satisfaction surveys, page visits, summaries."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.contacts.models import Klantcontact
from loket.core.errors import DomainError
from loket.insights import summaries
from loket.insights.constants import GebeurtenisSoort
from loket.insights.models import (
    Gesprek,
    Paginabezoek,
    TelefonieGebeurtenis,
    Tevredenheidsmeting,
)


# --- telephony ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class GebeurtenisResultaat:
    gebeurtenis: TelefonieGebeurtenis
    dubbel: bool  # True: this event was already received and is not counted again


def _aware(moment: dt.datetime | None, field: str) -> dt.datetime:
    if moment is None:
        raise DomainError("Geef het tijdstip van de gebeurtenis op.", field=field)
    if timezone.is_naive(moment):
        raise DomainError(
            "Geef het tijdstip met tijdzone op, bijvoorbeeld 2026-03-02T09:15:00+01:00.",
            field=field,
        )
    return moment


@transaction.atomic
def telefonie_gebeurtenis_process(
    *,
    gesprek_id: str,
    soort: str,
    tijdstip: dt.datetime | None,
    wachtrij: str = "",
    beller: str = "",
    gebeld: str = "",
    toestel: str = "",
) -> GebeurtenisResultaat:
    """Record one event of a call. A repeated event (same call and kind) is recognised and not
    counted twice; the call's timestamps come from its events.

    CTI (issue 17): the caller's and the called number, and the extension that rings or
    answers (`toestel`), as the platform knows them. The agent with that extension gets the
    screen pop in the KCC workspace; at the hang-up, a telephone contact started from the call
    gets its duration from the call."""
    gesprek_id = (gesprek_id or "").strip()
    if not gesprek_id:
        raise DomainError("Geef het kenmerk van het gesprek op.", field="gesprek_id")
    if soort not in GebeurtenisSoort.values:
        raise DomainError(
            f"Onbekende soort gebeurtenis '{soort}'; kies uit {', '.join(GebeurtenisSoort.values)}.",
            field="soort",
        )
    tijdstip = _aware(tijdstip, "tijdstip")
    wachtrij = (wachtrij or "").strip()

    if soort == GebeurtenisSoort.AANGEBODEN:
        if not wachtrij:
            raise DomainError(
                "Geef de wachtrij op waarin het gesprek binnenkwam.", field="wachtrij"
            )
        gesprek = Gesprek.objects.select_for_update().filter(gesprek_id=gesprek_id).first()
        if gesprek is None:
            try:
                with transaction.atomic():
                    gesprek = Gesprek.objects.create(
                        gesprek_id=gesprek_id, wachtrij=wachtrij[:60], aangeboden_op=tijdstip
                    )
            except IntegrityError:  # posted twice at the same moment
                gesprek = Gesprek.objects.select_for_update().get(gesprek_id=gesprek_id)
    else:
        gesprek = Gesprek.objects.select_for_update().filter(gesprek_id=gesprek_id).first()
        if gesprek is None:
            raise DomainError(
                f"Onbekend gesprek '{gesprek_id}': stuur eerst de gebeurtenis 'aangeboden'.",
                field="gesprek_id",
            )

    bestaand = TelefonieGebeurtenis.objects.filter(gesprek=gesprek, soort=soort).first()
    if bestaand is not None:
        return GebeurtenisResultaat(gebeurtenis=bestaand, dubbel=True)

    if soort != GebeurtenisSoort.AANGEBODEN and tijdstip < gesprek.aangeboden_op:
        raise DomainError(
            "Het tijdstip ligt vóór het moment waarop het gesprek werd aangeboden.",
            field="tijdstip",
        )
    if soort == GebeurtenisSoort.BEANTWOORD:
        if gesprek.verlaten_op:
            raise DomainError(
                "Dit gesprek is al opgehangen in de wachtrij en kan niet meer worden beantwoord.",
                field="soort",
            )
        gesprek.beantwoord_op = tijdstip
    elif soort == GebeurtenisSoort.VERLATEN:
        if gesprek.beantwoord_op:
            raise DomainError(
                "Dit gesprek is al beantwoord; gebruik 'beeindigd' voor het einde.", field="soort"
            )
        gesprek.verlaten_op = tijdstip
    elif soort == GebeurtenisSoort.BEEINDIGD:
        if not gesprek.beantwoord_op:
            raise DomainError(
                "Een gesprek kan pas eindigen nadat het is beantwoord; stuur 'verlaten' voor "
                "een beller die in de wachtrij ophangt.",
                field="soort",
            )
        if tijdstip < gesprek.beantwoord_op:
            raise DomainError(
                "Het einde ligt vóór het moment waarop het gesprek werd beantwoord.",
                field="tijdstip",
            )
        gesprek.beeindigd_op = tijdstip
    try:
        with transaction.atomic():
            gebeurtenis = TelefonieGebeurtenis.objects.create(
                gesprek=gesprek, soort=soort, tijdstip=tijdstip
            )
    except IntegrityError:
        return GebeurtenisResultaat(
            gebeurtenis=TelefonieGebeurtenis.objects.get(gesprek=gesprek, soort=soort), dubbel=True
        )
    _cti(gesprek, beller=beller, gebeld=gebeld, toestel=toestel)
    gesprek.save()
    if soort == GebeurtenisSoort.BEEINDIGD and gesprek.beantwoord_op:
        Klantcontact.objects.filter(gesprek_id=gesprek.gesprek_id).update(
            duur=gesprek.beeindigd_op - gesprek.beantwoord_op
        )
    summaries.mark_days(summaries.GESPREKKEN, [summaries.local_date(gesprek.aangeboden_op)])
    return GebeurtenisResultaat(gebeurtenis=gebeurtenis, dubbel=False)


def _cti(gesprek: Gesprek, *, beller: str, gebeld: str, toestel: str) -> None:
    """Keep the numbers and the extension the events name (the first value given wins for the
    numbers; the extension is the latest: a transfer rings another agent)."""
    from loket.accounts.models import User

    if beller.strip() and not gesprek.beller:
        gesprek.beller = beller.strip()[:32]
    if gebeld.strip() and not gesprek.gebeld:
        gesprek.gebeld = gebeld.strip()[:32]
    toestel = toestel.strip()[:20]
    if toestel and toestel != gesprek.toestel:
        gesprek.toestel = toestel
        gesprek.medewerker = User.objects.filter(toestel=toestel, is_active=True).first()


# --- satisfaction -------------------------------------------------------------------------------
@transaction.atomic
def tevredenheid_invite(*, klantcontact=None, zaak=None) -> Tevredenheidsmeting:
    """A survey for one contact or one finished zaak; the link is /tevredenheid/<token>/."""
    if (klantcontact is None) == (zaak is None):
        raise DomainError("Kies een klantcontact of een zaak voor de meting.", field="klantcontact")
    if zaak is not None and zaak.einddatum is None:
        raise DomainError("Vraag pas naar tevredenheid als de zaak is afgerond.", field="zaak")
    meting = Tevredenheidsmeting(token=secrets.token_urlsafe(32))
    if klantcontact is not None:
        meting.klantcontact = klantcontact
        meting.kanaal_id = klantcontact.kanaal_id
        vraag = klantcontact.vragen.order_by("pk").first()
        meting.product_id = vraag.product_id if vraag else None
        if klantcontact.medewerker_id:
            meting.team_id = (
                klantcontact.medewerker.teams.order_by("membership__pk")
                .values_list("pk", flat=True)
                .first()
            )
    else:
        meting.zaak = zaak
        meting.product_id = zaak.zaaktype.product_id
        meting.team_id = zaak.team_id
        if zaak.klantcontact_id:
            meting.kanaal_id = zaak.klantcontact.kanaal_id
    meting.save()
    return meting


@transaction.atomic
def tevredenheid_submit(
    *, token: str, score, aanbeveling=None, opmerking: str = ""
) -> Tevredenheidsmeting:
    """Store the answer once; a second submission of the same survey is refused."""
    meting = Tevredenheidsmeting.objects.select_for_update().filter(token=token).first()
    if meting is None:
        raise DomainError("Deze vragenlijst bestaat niet (meer).", field="token", code="not_found")
    if meting.beantwoord_op is not None:
        raise DomainError(
            "U heeft deze vragenlijst al ingevuld. Dank u wel!", field="score", code="done"
        )
    try:
        score = int(score)
    except (TypeError, ValueError):
        raise DomainError("Kies een cijfer van 1 tot en met 5.", field="score") from None
    if not 1 <= score <= 5:
        raise DomainError("Kies een cijfer van 1 tot en met 5.", field="score")
    if aanbeveling in ("", None):
        aanbeveling = None
    else:
        try:
            aanbeveling = int(aanbeveling)
        except (TypeError, ValueError):
            raise DomainError("Kies een cijfer van 0 tot en met 10.", field="aanbeveling") from None
        if not 0 <= aanbeveling <= 10:
            raise DomainError("Kies een cijfer van 0 tot en met 10.", field="aanbeveling")
    opmerking = (opmerking or "").strip()
    if len(opmerking) > 2000:
        raise DomainError("Uw opmerking is te lang (ten hoogste 2000 tekens).", field="opmerking")
    meting.score = score
    meting.aanbeveling = aanbeveling
    meting.opmerking = opmerking
    meting.beantwoord_op = timezone.now()
    meting.save()
    return meting


# --- page visits --------------------------------------------------------------------------------
def paginabezoek_register(*, product, partij=None, sessie: str = "") -> Paginabezoek:
    """The portal calls this when someone views a product page (partij when logged in)."""
    if product is None:
        raise DomainError("Geef het product van de pagina op.", field="product")
    return Paginabezoek.objects.create(product=product, partij=partij, sessie=(sessie or "")[:64])


# --- summaries ----------------------------------------------------------------------------------
def samenvattingen_update(now=None) -> int:
    """Rebuild the days changed since the last round: the worker's job `inzicht_bijwerken`
    (core.jobs, every round); the dashboard only reads."""
    return summaries.rebuild_marked()


def samenvattingen_recompute() -> dict[str, int]:
    """Rebuild every summary from the raw records (after bulk loads or a changed norm)."""
    return summaries.rebuild_all()
