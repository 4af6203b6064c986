"""Submitting and the route after it.

The route runs in the submission's transaction. The automation runs in a savepoint: when it fails,
nothing it did remains (the BRP address is fully changed or not at all) and the submission goes to
the back office with the reason. Should even that fail, the submission stays "ontvangen" with the
error and `inzendingen_verwerken` retries it; it is never lost."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from loket.cases.services import zaak_create, zaak_set_status
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Klantcontact
from loket.contacts.services import VraagInput, contact_register, contactreden_create
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.messaging.models import BerichtKanaal
from loket.messaging.services import bericht_queue
from loket.selfservice import automations
from loket.selfservice.events import InzendingAfgehandeld, LevensgebeurtenisGemeld
from loket.selfservice.models import (
    Bijlage,
    Concept,
    Formulier,
    Inzending,
    InzendingStatus,
    Route,
)
from loket.selfservice.selectors import inzending_for_retry
from loket.selfservice.services import trechter

if TYPE_CHECKING:
    from loket.parties.models import Partij
from loket.selfservice.services.formulieren import _check_access, formulier_validate, zaaktype_voor

logger = logging.getLogger(__name__)
IDEMPOTENCY_KEY_MAX = 100
ONLINE_REDEN_CODE = "online-formulier"
MAX_POGINGEN = 5


# --- submitting -------------------------------------------------------------------------------


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX:
        raise DomainError(
            "Het formulier mist zijn verzendcode; laad de pagina opnieuw.", field="idempotency_key"
        )
    return key


@transaction.atomic
def inzending_submit(
    *,
    formulier: Formulier,
    gegevens: Mapping[str, Any],
    idempotency_key: str,
    partij: Partij | None = None,
    concept: Concept | None = None,
    naar_waarheid: bool | None = None,
) -> tuple[Inzending, bool]:
    """Submit a form once: a second call with the same key returns the first submission.

    Returns (inzending, created). The submission is validated in full, stored, registered as a
    web klantcontact and routed (automation or back office) in this one transaction.
    `naar_waarheid` is the citizen's declaration that everything is filled in truthfully: the
    portal asks it and passes True or False (False is refused); None for a channel that does
    not ask (the API of a partner that records its own declaration).
    """
    key = _check_key(idempotency_key)
    existing = inzending_for_retry(idempotency_key=key, partij=partij)
    if existing is not None:
        return existing, False
    if naar_waarheid is False:
        raise DomainError(
            "Verklaring: vink aan dat u alles naar waarheid heeft ingevuld.",
            field="naar_waarheid",
        )
    if Inzending.objects.filter(idempotency_key=key).exists():
        # Another visitor's key: never hand out their submission; a new key is a new submit.
        raise DomainError(
            "Deze verzendsleutel is al gebruikt. Laad het formulier opnieuw en verstuur het nog "
            "eens.",
            field="sleutel",
        )
    _check_access(formulier, partij)
    with automations.registry_cache():
        return _indienen(
            formulier=formulier, gegevens=gegevens, key=key, partij=partij, concept=concept
        )


def _indienen(
    *,
    formulier: Formulier,
    gegevens: Mapping[str, Any],
    key: str,
    partij: Partij | None,
    concept: Concept | None,
) -> tuple[Inzending, bool]:
    bijlagen = list(concept.bijlagen.all()) if concept is not None else []
    cleaned = formulier_validate(
        formulier=formulier, gegevens=gegevens, partij=partij, bijlagen=bijlagen
    )
    nieuw = Inzending(formulier=formulier, partij=partij, idempotency_key=key, gegevens=cleaned)
    # INSERT ... ON CONFLICT DO NOTHING: a concurrent duplicate (double click, retried request)
    # waits for the first one's commit and then inserts nothing; no savepoint needed.
    Inzending.objects.bulk_create([nieuw], ignore_conflicts=True)
    inzending = Inzending.objects.select_related("formulier", "partij").get(idempotency_key=key)
    if inzending.uuid != nieuw.uuid:
        return inzending, False
    inzending.formulier, inzending.partij = formulier, partij  # with their loaded relations
    if bijlagen:
        Bijlage.objects.filter(pk__in=[b.pk for b in bijlagen]).update(
            inzending=inzending, concept=None
        )
    if concept is not None:
        Concept.objects.filter(pk=concept.pk).update(inzending=inzending)
    trechter.trechter_count_submission(formulier=formulier)
    _verwerk(inzending)
    return inzending, True


def _contactreden(formulier: Formulier) -> Contactreden:
    if formulier.contactreden is not None and formulier.contactreden.is_actief:
        return formulier.contactreden
    reden = Contactreden.objects.filter(code=ONLINE_REDEN_CODE, is_actief=True).first()
    return reden or contactreden_create(naam="Online formulier", code=ONLINE_REDEN_CODE)


def _registreer_contact(inzending: Inzending, *, afhandeling: str, inhoud: str) -> Klantcontact:
    formulier = inzending.formulier
    return contact_register(
        kanaal="website",
        medewerker=None,
        partij=inzending.partij,
        onderwerp=formulier.titel[:200],
        inhoud=inhoud,
        vragen=[
            VraagInput(
                vraagtekst=f"Online formulier '{formulier.titel}' ingediend ({inzending.kenmerk}).",
                contactreden=_contactreden(formulier),
                afhandeling=afhandeling,
                product=formulier.product if formulier.product.is_actief else None,
            )
        ],
        plaatsgevonden_op=inzending.ingediend_op,
        idempotency_key=f"inzending:{inzending.uuid}:{afhandeling}",
    )


def _bevestig(inzending: Inzending, *, onderwerp: str, tekst: str, soort: str) -> None:

    kanaal = None
    adres = ""
    if inzending.partij is None:
        email = inzending.gegevens.get("email")
        if not email:
            return  # anonymous without an e-mail address: the result page is the confirmation
        kanaal, adres = BerichtKanaal.EMAIL, email
    bericht_queue(
        sleutel=f"inzending:{inzending.uuid}:{soort}",
        onderwerp=onderwerp,
        tekst=tekst,
        soort="bevestiging",
        partij=inzending.partij,
        kanaal=kanaal,
        adres=adres,
        aanleiding_type="inzending",
        aanleiding_id=str(inzending.uuid),
    )


def _is_automatisch(formulier: Formulier) -> bool:
    formule = formulier.product.dienstverleningsformule
    return bool(formulier.automatisering and formule is not None and formule.zonder_medewerker)


def _flits(inzending: Inzending) -> str:
    """Run the automation; returns "" when done, else the reason for the back office."""
    scenario_score, uitvoeren, bevestiging = automations.AUTOMATISERINGEN[
        inzending.formulier.automatisering
    ]
    reden = scenario_score(inzending, inzending.partij)
    if reden:
        return reden
    with transaction.atomic():
        resultaat = uitvoeren(inzending, inzending.partij)
        inzending.resultaat = resultaat
        contact = _registreer_contact(
            inzending, afhandeling=Afhandeling.ZELFSTANDIG, inhoud="Automatisch afgehandeld."
        )
        zaak = None
        zaaktype = inzending.formulier.zaaktype or zaaktype_voor(inzending.formulier.product)
        if zaaktype is not None:
            zaak = zaak_create(
                zaaktype=zaaktype,
                klantcontact=contact,
                initiator=inzending.partij,
                omschrijving=f"{inzending.formulier.titel} ({inzending.kenmerk})"[:200],
                bron=f"inzending:{inzending.uuid}",
                # The Flits confirmation below tells the citizen everything at once.
                informeren=False,
            )
            eind = zaaktype.statustypen.order_by("-volgnummer").first()
            # zaak_create refused a zaaktype without statustypen and set the first status.
            assert eind is not None and zaak.status is not None, zaaktype
            if zaak.status.statustype_id != eind.pk:
                zaak_set_status(
                    zaak=zaak,
                    statustype=eind,
                    toelichting="Automatisch afgehandeld (Flits).",
                    informeren=False,
                )
        onderwerp, tekst = bevestiging(inzending)
        _bevestig(inzending, onderwerp=onderwerp, tekst=tekst, soort="afgehandeld")
        if inzending.formulier.automatisering == "verhuizing":
            _signaleer_verhuizing(inzending)
        inzending.status = InzendingStatus.AFGEHANDELD
        inzending.route = Route.FLITS
        inzending.klantcontact = contact
        inzending.zaak = zaak
        inzending.afgehandeld_op = timezone.now()
        inzending.save()
        trechter.trechter_count_automatic(formulier=inzending.formulier)
        publish(InzendingAfgehandeld(inzending=inzending))
    return ""


def _signaleer_verhuizing(inzending: Inzending) -> None:
    """Announce the move (a life event): proactive service subscribes and offers the life
    event's products, in this transaction."""
    if inzending.partij is None:
        return
    publish(
        LevensgebeurtenisGemeld(
            partij=inzending.partij,
            gebeurtenis="verhuizing",
            sleutel=f"verhuizing:{inzending.uuid}",
            datum=dt.date.fromisoformat(inzending.resultaat["verhuisdatum"]),
        )
    )


def _naar_backoffice(inzending: Inzending, *, reden: str) -> None:
    formulier = inzending.formulier
    zaaktype = formulier.zaaktype or zaaktype_voor(formulier.product)
    if zaaktype is None:
        raise DomainError(
            f"Het product '{formulier.product}' heeft geen zaaktype voor de backoffice.",
            field="zaaktype",
        )
    with transaction.atomic():
        contact = _registreer_contact(
            inzending,
            afhandeling=Afhandeling.ZAAK,
            inhoud=f"Naar de backoffice. {reden}".strip(),
        )
        omschrijving = f"{formulier.titel} ({inzending.kenmerk})"
        if reden:
            omschrijving += f": {reden}"
        zaak = zaak_create(
            zaaktype=zaaktype,
            klantcontact=contact,
            initiator=inzending.partij,
            omschrijving=omschrijving[:200],
            bron=f"inzending:{inzending.uuid}",
        )
        # The zaak's first status may already tell the initiator (cases queues that message).
        assert zaak.status is not None  # zaak_create set the first status
        informed = inzending.partij is not None and zaak.status.statustype.informeren
        if not informed:
            _bevestig(
                inzending,
                onderwerp=f"Wij hebben uw {formulier.titel.lower()} ontvangen",
                tekst=(
                    f"Wij hebben uw {formulier.titel.lower()} ontvangen en behandelen die in "
                    f"zaak {zaak.identificatie}. U hoort uiterlijk "
                    f"{zaak.einddatum_gepland:%d-%m-%Y} van ons.\nKenmerk: {inzending.kenmerk}."
                ),
                soort="ontvangen",
            )
        inzending.status = InzendingStatus.IN_BEHANDELING
        inzending.route = Route.BACKOFFICE
        inzending.reden = reden
        inzending.klantcontact = contact
        inzending.zaak = zaak
        inzending.save()


@transaction.atomic
def inzending_process(*, inzending: Inzending) -> Inzending:
    """Route a received submission. Safe to call again: only "ontvangen" submissions move."""
    locked = (
        Inzending.objects.select_for_update(of=("self",))
        .select_related(
            "formulier__product__dienstverleningsformule",
            "formulier__contactreden",
            "formulier__zaaktype",
            "partij__persoon",
        )
        .get(pk=inzending.pk)
    )
    if locked.status == InzendingStatus.ONTVANGEN:
        _verwerk(locked)
    inzending.refresh_from_db()
    return locked


def _verwerk(locked: Inzending) -> None:
    """Route a submission whose row this transaction holds (just inserted, or locked)."""
    locked.verwerkpogingen += 1
    reden = ""
    if _is_automatisch(locked.formulier):
        try:
            reden = _flits(locked)
        except DomainError as exc:
            reden = f"Automatische afhandeling niet mogelijk: {exc.message}"
        except Exception as exc:  # a crash: nothing of the automation remains (savepoint)
            logger.exception("Flits-afhandeling van inzending %s mislukt", locked.pk)
            locked.laatste_fout = f"{type(exc).__name__}: {exc}"[:2000]
            reden = "Automatische afhandeling mislukt door een technische fout."
        if not reden:
            return
        _reset(locked)
    try:
        _naar_backoffice(locked, reden=reden)
    except Exception as exc:
        # Even the handover failed: keep it received; `inzendingen_verwerken` tries again.
        logger.exception("Inzending %s kon niet naar de backoffice", locked.pk)
        _reset(locked)
        locked.laatste_fout = f"{type(exc).__name__}: {exc}"[:2000]
        locked.reden = reden
        Inzending.objects.filter(pk=locked.pk).update(
            verwerkpogingen=locked.verwerkpogingen,
            laatste_fout=locked.laatste_fout,
            reden=reden,
        )


def _reset(inzending: Inzending) -> None:
    """Forget in memory what a rolled-back attempt set on the instance."""
    inzending.resultaat = {}
    inzending.status = InzendingStatus.ONTVANGEN
    inzending.route = ""
    inzending.klantcontact = None
    inzending.zaak = None
    inzending.afgehandeld_op = None


def inzendingen_process(*, max_pogingen: int = MAX_POGINGEN) -> int:
    """Retry submissions left "ontvangen" by a failure (the worker or a command calls this)."""
    done = 0
    pending = Inzending.objects.filter(
        status=InzendingStatus.ONTVANGEN, verwerkpogingen__lt=max_pogingen
    ).values_list("pk", flat=True)
    for pk in list(pending):
        inzending = inzending_process(inzending=Inzending.objects.get(pk=pk))
        if inzending.status != InzendingStatus.ONTVANGEN:
            done += 1
    return done
