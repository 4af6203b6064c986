"""Writes of the citizen portal: page feedback, reading messages, and what a citizen changes
and sends in Mijn Loket (contact details and consent, a question, a document, a cancellation)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.core.errors import DomainError
from loket.insights.selectors import emailnorm_werkuren
from loket.knowledge.models import ZoekKeuze
from loket.knowledge.services import zoekkeuze_register
from loket.messaging.models import Bericht
from loket.portal.models import PaginaFeedback

if TYPE_CHECKING:
    from django.core.files import File

    from loket.balie.models import Afspraak
    from loket.cases.models import Zaak
    from loket.catalogue.models import Levensgebeurtenis, Product
    from loket.contacts.models import Klantcontact
    from loket.knowledge.models import Kennisartikel
    from loket.messaging.models import Bericht
    from loket.parties.models import Partij

OPMERKING_MAX = 2000
SLEUTEL_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@transaction.atomic
def pagina_feedback_register(
    *,
    sleutel: str,
    pad: str,
    geholpen: bool | None,
    opmerking: str = "",
    paginatitel: str = "",
    product: Product | None = None,
    artikel: Kennisartikel | None = None,
    levensgebeurtenis: Levensgebeurtenis | None = None,
    ingelogd: bool = False,
    zoekvraag: str = "",
    wie: str = "",
) -> tuple[PaginaFeedback, bool]:
    """Store "Heeft deze informatie u geholpen?" once per rendered form (`sleutel`).

    A retried post (double click, refresh, network retry) returns the stored answer
    (created=False); a later post with the same key may add a comment or change the answer,
    as the second step of the form does. Returns (feedback, created).

    On an answer reached from a search (`artikel` and `zoekvraag`), the reply also teaches the
    search, counted once per `wie` (knowledge.search.leren)."""
    if not SLEUTEL_RE.match(sleutel or ""):
        raise DomainError("Dit formulier is verlopen; laad de pagina opnieuw.", field="sleutel")
    if geholpen is None:
        raise DomainError("Kies ja of nee.", field="geholpen")
    pad = (pad or "").strip()
    if not pad.startswith("/") or pad.startswith("//") or len(pad) > 300:
        raise DomainError("Onbekende pagina.", field="pad")
    opmerking = (opmerking or "").strip()
    if len(opmerking) > OPMERKING_MAX:
        raise DomainError(
            f"Uw opmerking is te lang: hoogstens {OPMERKING_MAX} tekens (nu {len(opmerking)}).",
            field="opmerking",
        )
    if artikel is not None and zoekvraag.strip() and wie:
        zoekkeuze_register(
            zoekvraag=zoekvraag,
            artikel=artikel,
            bron=ZoekKeuze.Bron.PORTAAL,
            wie=wie,
            geholpen=geholpen,
        )
    bestaand = PaginaFeedback.objects.select_for_update().filter(sleutel=sleutel).first()
    if bestaand is not None:
        return _aanvullen(bestaand, geholpen=geholpen, opmerking=opmerking), False
    try:
        with transaction.atomic():
            feedback = PaginaFeedback.objects.create(
                sleutel=sleutel,
                pad=pad,
                paginatitel=(paginatitel or "")[:255],
                product=product,
                artikel=artikel,
                levensgebeurtenis=levensgebeurtenis,
                geholpen=geholpen,
                opmerking=opmerking,
                ingelogd=ingelogd,
            )
    except IntegrityError:  # the same form posted twice at the same moment
        bestaand = PaginaFeedback.objects.select_for_update().get(sleutel=sleutel)
        return _aanvullen(bestaand, geholpen=geholpen, opmerking=opmerking), False
    return feedback, True


def _aanvullen(feedback: PaginaFeedback, *, geholpen: bool, opmerking: str) -> PaginaFeedback:
    changed = []
    if feedback.geholpen != geholpen:
        feedback.geholpen = geholpen
        changed.append("geholpen")
    if opmerking and feedback.opmerking != opmerking:
        feedback.opmerking = opmerking
        changed.append("opmerking")
    if changed:
        feedback.save(update_fields=changed)
    return feedback


@transaction.atomic
def bericht_mark_read_by_partij(*, partij: Partij | None, bericht: Bericht | None) -> bool:
    """Mark the citizen's own message as read (once). Returns whether it changed."""
    if bericht is None or partij is None or bericht.partij_id != partij.pk:
        raise DomainError("Dit bericht bestaat niet.", field="bericht")

    return bool(
        Bericht.objects.filter(pk=bericht.pk, gelezen_op__isnull=True).update(
            gelezen_op=timezone.now()
        )
    )


# --- Mijn Loket: what the citizen changes and sends ----------------------------------------------

# How the citizen wants to hear from the municipality (Mijn Loket, "Mijn gegevens"): the consent
# (messaging.Toestemming) and the preferred channel (core.Kanaal code) each choice sets.
BERICHTEN_KEUZES = {
    "email": ("Per e-mail", {"email": True, "sms": False}, "e-mail"),
    "sms": ("Per sms", {"email": False, "sms": True}, "telefoon"),
    "mijn": ("Alleen in Mijn Loket", {"email": False, "sms": False}, "website"),
}
VRAAG_MAX = 4000
DOCUMENT_HERHAAL_VENSTER = dt.timedelta(minutes=5)


def _voorkeur_adres(partij: Partij, soort: str, adres: str) -> None:
    """Make `adres` the preferred address of its soort (added when new); "" clears the
    preference, so messages no longer go there (the address stays on file for staff)."""
    from loket.parties.models import DigitaalAdres
    from loket.parties.services import digitaal_adres_add, digitaal_adres_set_standaard

    if not adres:
        DigitaalAdres.objects.filter(partij=partij, soort=soort, is_standaard_adres=True).update(
            is_standaard_adres=False
        )
        return
    bestaand = DigitaalAdres.objects.filter(partij=partij, soort=soort, adres__iexact=adres).first()
    if bestaand is None:
        digitaal_adres_add(
            partij=partij, soort=soort, adres=adres, is_standaard_adres=True, user=None
        )
    else:
        digitaal_adres_set_standaard(adres=bestaand, user=None)


@transaction.atomic
def burger_contactgegevens_update(
    *, partij: Partij, email: str, telefoon: str, berichten: str, tevredenheid: bool | None = None
) -> None:
    """The citizen's own e-mail address, phone number and how messages reach them. Everything
    is checked before anything is written (one transaction): a bad phone number leaves the
    e-mail address and the consent as they were."""
    from loket.messaging.services import toestemming_record
    from loket.parties.constants import SoortDigitaalAdres
    from loket.parties.services import partij_set_voorkeurskanaal
    from loket.parties.validators import normalise_email, normalise_phone

    if partij is None:
        raise DomainError("Log in om uw gegevens te wijzigen.", field="partij")
    errors: dict[str, list[str]] = {}
    schoon: dict[str, str] = {"email": "", "telefoon": ""}
    for naam, waarde, check in (
        ("email", email, normalise_email),
        ("telefoon", telefoon, normalise_phone),
    ):
        if (waarde or "").strip():
            try:
                schoon[naam] = check(waarde, field=naam)
            except DomainError as exc:
                errors[naam] = [exc.message]
    if berichten not in BERICHTEN_KEUZES:
        errors["berichten"] = ["Berichten: kies hoe u berichten van ons wilt ontvangen."]
    elif berichten == "email" and not schoon["email"] and "email" not in errors:
        errors["email"] = [
            "E-mailadres: vul een e-mailadres in om berichten per e-mail te krijgen."
        ]
    elif berichten == "sms" and not schoon["telefoon"] and "telefoon" not in errors:
        errors["telefoon"] = [
            "Telefoonnummer: vul een mobiel nummer in om berichten per sms te krijgen."
        ]
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError(first, field=next(iter(errors)), errors=errors)
    _voorkeur_adres(partij, SoortDigitaalAdres.EMAIL, schoon["email"])
    _voorkeur_adres(partij, SoortDigitaalAdres.TELEFOON, schoon["telefoon"])
    _label, toestemming, kanaal = BERICHTEN_KEUZES[berichten]
    toestemming_record(partij=partij, tevredenheid=tevredenheid, **toestemming)
    partij_set_voorkeurskanaal(partij=partij, kanaal=kanaal, user=None)


@transaction.atomic
def burger_vraag_register(*, partij: Partij, vraag: str, sleutel: str) -> Klantcontact:
    """ "Stel een vraag" in Mijn Loket: a klantcontact on kanaal web (the website) with a
    contactverzoek for the KCC, to be answered by e-mail within the e-mail norm. Through the
    use case every channel calls (`klantcontact_vastleggen`); a retry with the same key (a
    double click, a resent form) returns the first contact and stores nothing."""
    from loket.accounts.models import Team
    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Contactreden
    from loket.contacts.services import (
        VerzoekInput,
        VraagInput,
        contactreden_create,
        klantcontact_register,
    )
    from loket.parties.constants import SoortDigitaalAdres
    from loket.parties.models import DigitaalAdres

    if partij is None:
        raise DomainError("Log in om een vraag te stellen.", field="partij")
    tekst = (vraag or "").strip()
    if not tekst:
        raise DomainError("Uw vraag: typ uw vraag.", field="vraag", code="required")
    if len(tekst) > VRAAG_MAX:
        raise DomainError(
            f"Uw vraag: gebruik hoogstens {VRAAG_MAX} tekens ({len(tekst)} getypt).",
            field="vraag",
        )
    if not SLEUTEL_RE.match(sleutel or ""):
        raise DomainError(
            "Deze pagina is verlopen. Laad hem opnieuw en verstuur uw vraag nog eens.",
            field="sleutel",
        )
    email = (
        DigitaalAdres.objects.filter(partij=partij, soort=SoortDigitaalAdres.EMAIL)
        .order_by("-is_standaard_adres", "pk")
        .values_list("adres", flat=True)
        .first()
    )
    if not email:
        raise DomainError(
            "E-mailadres: vul eerst bij Mijn gegevens uw e-mailadres in, dan sturen wij het "
            "antwoord daarheen.",
            field="email",
        )
    team = Team.objects.filter(slug="kcc").first()
    if team is None:
        raise DomainError(
            "Vragen via de website kunnen nu niet worden behandeld. Bel ons.", field="vraag"
        )
    reden = Contactreden.objects.filter(naam="Vraag via Mijn Loket").first()
    if reden is None:
        reden = contactreden_create(naam="Vraag via Mijn Loket")
    vastgelegd = klantcontact_register(
        kanaal="website",
        medewerker=None,
        partij=partij,
        onderwerp="Vraag via Mijn Loket",
        inhoud=tekst,
        vragen=[
            VraagInput(
                vraagtekst=tekst,
                contactreden=reden,
                afhandeling=Afhandeling.CONTACTVERZOEK,
                verzoek=VerzoekInput(
                    team=team,
                    gevraagde_handeling="Beantwoord de vraag per e-mail.",
                    email=email,
                    norm_werkuren=emailnorm_werkuren(),
                ),
            )
        ],
        idempotency_key=sleutel,
        idempotency_client=f"mijn-loket:{partij.uuid}",
    )
    return vastgelegd.klantcontact


@transaction.atomic
def burger_document_add(*, partij: Partij, zaak: Zaak, bestand: File, titel: str = "") -> object:
    """A document the citizen adds to their own, open zaak; stored as staff documents are
    (cases.zaak_add_document checks type and size before anything is stored)."""
    from loket.cases.services import zaak_add_document
    from loket.portal.selectors import mijn_zaak

    if partij is None or zaak is None or mijn_zaak(partij, zaak.uuid) is None:
        raise DomainError("Deze zaak bestaat niet.", field="zaak")
    if zaak.einddatum is not None:
        raise DomainError(
            "Document: deze zaak is afgerond; u kunt er geen documenten meer aan toevoegen.",
            field="bestand",
        )
    if bestand is None:
        raise DomainError("Document: kies een bestand.", field="bestand", code="required")
    # A resent form (double click, reload) stores the document once: the same file from the
    # citizen on this zaak within a few minutes is the one already stored.
    import os

    from loket.cases.models import ZaakDocument

    eerder = ZaakDocument.objects.filter(
        zaak=zaak,
        door__isnull=True,
        bestandsnaam=os.path.basename(bestand.name or "")[:200],
        grootte=bestand.size or 0,
        op__gte=timezone.now() - DOCUMENT_HERHAAL_VENSTER,
    ).first()
    if eerder is not None:
        return eerder
    try:
        return zaak_add_document(zaak=zaak, bestand=bestand, user=None, titel=titel)
    except DomainError as exc:
        # The citizen's form names the field: "Document: ..." / "Omschrijving: ...".
        label = "Omschrijving" if exc.field == "titel" else "Document"
        veld = "titel" if exc.field == "titel" else "bestand"
        raise DomainError(f"{label}: {exc.message}", field=veld) from exc


@transaction.atomic
def burger_afspraak_cancel(*, partij: Partij, afspraak: Afspraak) -> Afspraak:
    """The citizen cancels their own appointment from Mijn Loket (balie's service)."""
    from loket.balie.services import afspraak_cancel

    if partij is None or afspraak is None or afspraak.partij_id != partij.pk:
        raise DomainError("Deze afspraak bestaat niet.", field="afspraak")
    return afspraak_cancel(afspraak=afspraak)
