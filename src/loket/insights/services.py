"""Writes of the insights app: telephony events, satisfaction surveys, page visits, summaries."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
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
from loket.messaging.models import BerichtKanaal, BerichtSoort, Toestemming
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.models import DigitaalAdres


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
# The channels after which a contact is followed by a survey (core.Kanaal codes); on e-mail only
# the answer (a contact a medewerker registered), not the incoming e-mail.
TEVREDENHEID_KANALEN = frozenset({"telefoon", "chat", "e-mail", "balie"})
SCORE_FOUT = "Tevredenheid: kies een cijfer van 1 tot en met 5."
MOEITE_FOUT = "Makkelijk geregeld: kies een cijfer van 1 tot en met 7."
AANBEVELING_FOUT = "Aanbevelen: kies een cijfer van 0 tot en met 10."


@transaction.atomic
def tevredenheid_invite(*, klantcontact=None, zaak=None, partij=None) -> Tevredenheidsmeting:
    """A survey for one contact or one finished zaak; the link is /tevredenheid/<token>/.
    One per contact and per zaak: a second call returns the first survey. CES (effort) is asked
    where something had to be arranged: a contact about a product, or a zaak."""
    if (klantcontact is None) == (zaak is None):
        raise DomainError("Kies een klantcontact of een zaak voor de meting.", field="klantcontact")
    if zaak is not None and zaak.einddatum is None:
        raise DomainError("Vraag pas naar tevredenheid als de zaak is afgerond.", field="zaak")
    bestaand = Tevredenheidsmeting.objects.filter(
        **({"klantcontact": klantcontact} if klantcontact is not None else {"zaak": zaak})
    ).first()
    if bestaand is not None:
        return bestaand
    meting = Tevredenheidsmeting(token=secrets.token_urlsafe(32), partij=partij)
    if klantcontact is not None:
        meting.klantcontact = klantcontact
        meting.kanaal_id = klantcontact.kanaal_id
        vraag = klantcontact.vragen.order_by("pk").first()
        meting.product_id = vraag.product_id if vraag else None
        meting.ces_gevraagd = meting.product_id is not None
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
        meting.ces_gevraagd = True
        if zaak.klantcontact_id:
            meting.kanaal_id = zaak.klantcontact.kanaal_id
    try:
        with transaction.atomic():
            meting.save()
    except IntegrityError:  # a concurrent call for the same contact or zaak came first
        return Tevredenheidsmeting.objects.get(
            **({"klantcontact": klantcontact} if klantcontact is not None else {"zaak": zaak})
        )
    return meting


def tevredenheid_may_invite(*, partij, now: dt.datetime | None = None) -> bool:
    """May this person be asked now: they agreed (messaging.Toestemming.tevredenheid), their
    processing is not restricted (AVG art. 18), and no survey reached them within
    LOKET_TEVREDENHEID_INTERVAL_DAGEN days."""
    if partij is None or partij.verwerking_beperkt_sinds is not None:
        return False
    if not Toestemming.objects.filter(partij=partij, tevredenheid=True).exists():
        return False
    now = now or timezone.now()
    sinds = now - dt.timedelta(days=settings.LOKET_TEVREDENHEID_INTERVAL_DAGEN)
    return not Tevredenheidsmeting.objects.filter(partij=partij, uitgenodigd_op__gt=sinds).exists()


def _survey_adres(partij) -> tuple[str, str]:
    """Through the citizen's own channel: e-mail to a verified address when e-mail is allowed,
    else an SMS with the link when SMS is allowed; ("", "") when neither (no invitation)."""
    toestemming = Toestemming.objects.filter(partij=partij).first()
    email_ok = toestemming.email if toestemming else True
    sms_ok = toestemming.sms if toestemming else False
    adressen = DigitaalAdres.objects.filter(partij=partij).order_by("-is_standaard_adres", "pk")
    if email_ok:
        email = (
            adressen.filter(soort=SoortDigitaalAdres.EMAIL, verified_at__isnull=False)
            .values_list("adres", flat=True)
            .first()
        )
        if email:
            return BerichtKanaal.EMAIL, email
    if sms_ok:
        telefoon = (
            adressen.filter(soort=SoortDigitaalAdres.TELEFOON)
            .values_list("adres", flat=True)
            .first()
        )
        if telefoon:
            return BerichtKanaal.SMS, telefoon
    return "", ""


def tevredenheid_link(meting: Tevredenheidsmeting) -> str:
    return settings.LOKET_BASE_URL.rstrip("/") + reverse(
        "survey:form", kwargs={"token": meting.token}
    )


def _uitnodiging_tekst(meting: Tevredenheidsmeting, klantcontact, *, kort: bool) -> str:
    link = tevredenheid_link(meting)
    if kort:  # SMS: one short line and the link
        return f"Gemeente: hoe tevreden bent u over uw contact met ons? Laat het weten: {link}"
    dag = timezone.localtime(klantcontact.plaatsgevonden_op)
    kanaal = {
        "telefoon": "aan de telefoon",
        "chat": "via de chat",
        "e-mail": "per e-mail",
        "balie": "aan de balie",
    }.get(klantcontact.kanaal.code, f"via {klantcontact.kanaal.naam.lower()}")
    instellingen = settings.LOKET_BASE_URL.rstrip("/") + reverse("portal:mijn_gegevens")
    return (
        f"Beste inwoner,\n\nOp {dag:%d-%m-%Y} had u contact met de gemeente {kanaal}. Wij horen "
        "graag hoe tevreden u daarover bent. Het zijn twee of drie korte vragen; het invullen "
        f"duurt een halve minuut:\n\n{link}\n\n"
        "U krijgt deze vraag omdat u ons toestemming gaf, en hoogstens eens per "
        f"{settings.LOKET_TEVREDENHEID_INTERVAL_DAGEN} dagen. Wilt u deze vragen niet meer "
        f"krijgen? Zet het uit bij Mijn gegevens in Mijn Loket: {instellingen}\n\n"
        "Met vriendelijke groet,\nde gemeente"
    )


@transaction.atomic
def tevredenheid_invite_after_contact(*, klantcontact) -> Tevredenheidsmeting | None:
    """After a phone call, a chat, an e-mail answer or a counter visit: invite the person
    through their own channel (the outbox), or do nothing (None). Never without consent, never
    twice within the period: the person's row is locked while deciding, so two contacts at the
    same moment give one invitation; one survey per contact, so a retry queues nothing new."""
    from loket.messaging.services import bericht_queue
    from loket.parties.models import Partij

    if klantcontact.partij_id is None or klantcontact.vertrouwelijk:
        return None
    code = klantcontact.kanaal.code
    if code not in TEVREDENHEID_KANALEN or not klantcontact.indicatie_contact_gelukt:
        return None
    if code == "e-mail" and klantcontact.medewerker_id is None:
        return None  # the citizen's own e-mail coming in; the survey follows the answer
    if not Toestemming.objects.filter(partij_id=klantcontact.partij_id, tevredenheid=True).exists():
        return None
    partij = Partij.objects.select_for_update().get(pk=klantcontact.partij_id)
    bestaand = Tevredenheidsmeting.objects.filter(klantcontact=klantcontact).first()
    if bestaand is not None:
        return bestaand
    if not tevredenheid_may_invite(partij=partij):
        return None
    kanaal, adres = _survey_adres(partij)
    if not kanaal:
        return None
    meting = tevredenheid_invite(klantcontact=klantcontact, partij=partij)
    bericht_queue(
        sleutel=f"tevredenheid:klantcontact:{klantcontact.uuid}",
        onderwerp="Hoe tevreden bent u over uw contact met de gemeente?",
        tekst=_uitnodiging_tekst(meting, klantcontact, kort=kanaal == BerichtKanaal.SMS),
        soort=BerichtSoort.OVERIG,
        partij=partij,
        kanaal=kanaal,
        adres=adres,
        aanleiding_type="tevredenheidsmeting",
        aanleiding_id=str(meting.pk),
        # After an e-mail answer the question waits a day: first the answer is read.
        versturen_op=timezone.now() + dt.timedelta(days=1) if code == "e-mail" else None,
    )
    return meting


@transaction.atomic
def tevredenheid_invite_after_zaak(*, zaak) -> Tevredenheidsmeting | None:
    """A finished zaak: a survey for its initiator when they agreed and were not asked within
    the period (the link goes in the closing message), else None."""
    from loket.parties.models import Partij

    if zaak.initiator_id is None:
        return None
    partij = Partij.objects.select_for_update().get(pk=zaak.initiator_id)
    bestaand = Tevredenheidsmeting.objects.filter(zaak=zaak).first()
    if bestaand is not None:
        return bestaand
    if not tevredenheid_may_invite(partij=partij):
        return None
    return tevredenheid_invite(zaak=zaak, partij=partij)


def _cijfer(waarde, laag: int, hoog: int, fout: str, field: str, errors: dict) -> int | None:
    if waarde in ("", None):
        return None
    try:
        cijfer = int(waarde)
    except (TypeError, ValueError):
        cijfer = None
    if cijfer is None or not laag <= cijfer <= hoog:
        errors[field] = [fout]
        return None
    return cijfer


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@transaction.atomic
def tevredenheid_submit(
    *, token: str, score, aanbeveling=None, opmerking: str = "", moeite=None
) -> Tevredenheidsmeting:
    """Store the answer once; a second submission of the same survey is refused. Every error
    names its question; all of them are reported at once (DomainError.errors)."""
    meting = Tevredenheidsmeting.objects.select_for_update().filter(token=token).first()
    if meting is None:
        raise DomainError("Deze vragenlijst bestaat niet (meer).", field="token", code="not_found")
    if meting.beantwoord_op is not None:
        raise DomainError(
            "U heeft deze vragenlijst al ingevuld. Dank u wel!", field="score", code="done"
        )
    errors: dict[str, list[str]] = {}
    score = _cijfer(score, 1, 5, SCORE_FOUT, "score", errors)
    if score is None and "score" not in errors:
        errors["score"] = [SCORE_FOUT]
    moeite = _cijfer(moeite, 1, 7, MOEITE_FOUT, "moeite", errors) if meting.ces_gevraagd else None
    aanbeveling = _cijfer(aanbeveling, 0, 10, AANBEVELING_FOUT, "aanbeveling", errors)
    opmerking = (opmerking or "").strip()
    if len(opmerking) > 2000:
        errors["opmerking"] = ["Toelichting: gebruik ten hoogste 2000 tekens."]
    elif CONTROL_CHARS.search(opmerking):
        # PostgreSQL refuses NUL outright (a 500); no other control character belongs in a text.
        errors["opmerking"] = ["Toelichting: de tekst bevat een teken dat niet is toegestaan."]
    if errors:
        field = next(iter(errors))
        raise DomainError(errors[field][0], field=field, errors=errors)
    meting.score = score
    meting.moeite = moeite
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
