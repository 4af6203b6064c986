"""Writes for e-forms and submissions: concepts (save and resume), submitting (idempotent) and
the route after it — the product's automation (Flitsformule) or a zaak for the back office.

The route runs in the submission's transaction. The automation runs in a savepoint: when it
fails, nothing it did remains (the BRP address is fully changed or not at all) and the
submission goes to the back office with the reason. Should even that fail, the submission stays
"ontvangen" with the error and `inzendingen_verwerken` retries it; it is never lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from loket.accounts.models import Team
from loket.cases.models import Zaaktype
from loket.cases.services import zaak_create, zaak_set_status
from loket.catalogue.models import Product
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Contactreden, Klantcontact
from loket.contacts.services import VraagInput, contact_register, contactreden_create
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.selfservice import automations
from loket.selfservice.events import InzendingAfgehandeld, LevensgebeurtenisGemeld
from loket.selfservice.fields import (
    check_definition,
    check_file,
    is_visible,
    validate_value,
)
from loket.selfservice.models import (
    Bijlage,
    Concept,
    Formulier,
    Inzending,
    InzendingStatus,
    Route,
)
from loket.selfservice.selectors import inzending_for_retry

if TYPE_CHECKING:
    from loket.parties.models import Partij

logger = logging.getLogger(__name__)

CONCEPT_BEWAARTERMIJN = dt.timedelta(days=30)
IDEMPOTENCY_KEY_MAX = 100
ONLINE_REDEN_CODE = "online-formulier"
MAX_POGINGEN = 5


# --- forms ------------------------------------------------------------------------------------


@transaction.atomic
def formulier_create(
    *,
    slug: str,
    titel: str,
    product: Product,
    stappen: list[dict[str, Any]],
    inleiding: str = "",
    automatisering: str = "",
    zaaktype: Zaaktype | None = None,
    contactreden: Contactreden | None = None,
    inloggen_verplicht: bool = False,
) -> Formulier:
    """A form for a product. Without automation the product needs a zaaktype (the back office)."""
    if not (titel or "").strip():
        raise DomainError("Geef de titel van het formulier op.", field="titel")
    if Formulier.objects.filter(slug=slug).exists():
        raise DomainError(f"De code '{slug}' is al in gebruik.", field="slug")
    check_definition(stappen)
    if automatisering and automatisering not in automations.AUTOMATISERINGEN:
        raise DomainError(f"Onbekende automatisering '{automatisering}'.", field="automatisering")
    if zaaktype is None and not automatisering and zaaktype_voor(product) is None:
        raise DomainError(
            f"Het product '{product}' heeft geen zaaktype; kies het zaaktype waarin de "
            "backoffice de inzendingen behandelt.",
            field="zaaktype",
        )
    return Formulier.objects.create(
        slug=slug,
        titel=titel.strip(),
        inleiding=inleiding,
        product=product,
        stappen=stappen,
        automatisering=automatisering,
        zaaktype=zaaktype,
        contactreden=contactreden,
        inloggen_verplicht=inloggen_verplicht,
    )


def zaaktype_voor(product: Product) -> Zaaktype | None:
    return Zaaktype.objects.filter(product=product).order_by("pk").first()


def keuzes_voor(veld: Mapping[str, Any], partij: Partij | None) -> list[tuple[str, str]] | None:
    """The options of a choice field: its own keuzes, or computed (e.g. the household)."""
    bron = veld.get("bron")
    if bron:
        return automations.KEUZEBRONNEN[bron](partij)
    if veld.get("keuzes"):
        return [(str(v), str(label)) for v, label in veld["keuzes"]]
    return None


def _prefill_value(bron: str, partij: Partij | None) -> Any:
    if partij is None:
        return None
    if bron in ("partij.email", "partij.telefoon"):
        from loket.parties.constants import SoortDigitaalAdres

        soort = SoortDigitaalAdres.EMAIL if bron == "partij.email" else SoortDigitaalAdres.TELEFOON
        return (
            partij.digitale_adressen.filter(soort=soort)
            .order_by("-is_standaard_adres", "-verified_at", "pk")
            .values_list("adres", flat=True)
            .first()
        )
    if bron.startswith("brp."):
        persoon = automations.persoon_van(partij)
        if persoon is None:
            return None
        attr = bron[4:]
        if attr == "naam":
            return persoon.volledige_naam
        if attr == "bsn":
            return persoon.bsn
        if attr == "adres":
            return str(persoon.adres) if persoon.adres else None
        if attr in ("postcode", "huisnummer") and persoon.adres:
            return getattr(persoon.adres, attr)
    return None


def prefill(formulier: Formulier, partij: Partij | None) -> dict[str, Any]:
    """Values known from the registries and the logged-in party, per field with a `prefill`."""
    values: dict[str, Any] = {}
    for stap in formulier.stappen:
        for veld in stap.get("velden", []):
            if veld.get("prefill"):
                value = _prefill_value(veld["prefill"], partij)
                if value not in (None, ""):
                    values[veld["naam"]] = value
    return values


# --- concepts (save and resume) ---------------------------------------------------------------


def _check_access(formulier: Formulier, partij: Partij | None) -> None:
    if not formulier.is_actief:
        raise DomainError("Dit formulier is niet meer in gebruik.", field="formulier")
    if formulier.inloggen_verplicht and partij is None:
        raise DomainError(
            "Log eerst in met DigiD om dit formulier in te vullen.",
            field="formulier",
            code="login_required",
        )


@transaction.atomic
def concept_start(*, formulier: Formulier, partij: Partij | None = None) -> Concept:
    """The open concept of this party for this form, or a new one filled with known data."""
    _check_access(formulier, partij)
    now = timezone.now()
    if partij is not None:
        bestaand = (
            Concept.objects.filter(
                formulier=formulier, partij=partij, inzending__isnull=True, verloopt_op__gt=now
            )
            .order_by("-updated_at")
            .first()
        )
        if bestaand is not None:
            return bestaand
    return Concept.objects.create(
        formulier=formulier,
        partij=partij,
        token=secrets.token_urlsafe(24),
        sleutel=f"formulier:{secrets.token_urlsafe(24)}",
        gegevens=prefill(formulier, partij),
        verloopt_op=now + CONCEPT_BEWAARTERMIJN,
    )


def concept_check_access(*, concept: Concept, partij: Partij | None) -> None:
    """A concept of a party is only for that party; an anonymous one for whoever has the link."""
    if concept.partij_id is not None and (partij is None or partij.pk != concept.partij_id):
        raise DomainError(
            "Dit formulier hoort bij een andere inwoner. Log in als die inwoner om verder te gaan.",
            field="concept",
            code="forbidden",
        )
    if concept.is_verlopen:
        raise DomainError(
            "Dit concept is verlopen (concepten worden 30 dagen bewaard). Begin opnieuw.",
            field="concept",
            code="expired",
        )


def _step_fields(formulier: Formulier, stap: int) -> list[dict[str, Any]]:
    try:
        return list(formulier.stappen[stap].get("velden", []))
    except IndexError:
        raise DomainError("Deze stap bestaat niet.", field="stap") from None


def stap_valideren(
    *,
    formulier: Formulier,
    stap: int,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    bijlagen: Iterable[Bijlage] = (),
) -> dict[str, Any]:
    """Clean one step's values; all field errors at once, then the step's checks."""
    with automations.registry_cache():
        return _stap_valideren(
            formulier=formulier, stap=stap, gegevens=gegevens, partij=partij, bijlagen=bijlagen
        )


def _stap_valideren(
    *,
    formulier: Formulier,
    stap: int,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    bijlagen: Iterable[Bijlage],
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    have_files = {b.veld for b in bijlagen}
    merged = dict(gegevens)
    for veld in _step_fields(formulier, stap):
        naam = veld["naam"]
        if not is_visible(veld, merged):
            continue
        if veld.get("type") == "bestand":
            if veld.get("verplicht", True) and naam not in have_files:
                errors[naam] = [f"{veld.get('label', naam)}: voeg een bestand toe."]
            continue
        try:
            value = validate_value(veld, gegevens.get(naam), choices=keuzes_voor(veld, partij))
        except DomainError as exc:
            errors.setdefault(naam, []).append(exc.message)
            continue
        cleaned[naam] = value
        merged[naam] = value
    if not errors:
        for naam in formulier.stappen[stap].get("controles", []):
            try:
                automations.CONTROLES[naam]({**gegevens, **cleaned}, partij)
            except DomainError as exc:
                errors.update(exc.errors or {exc.field or "algemeen": [exc.message]})
    if errors:
        first_field, first = next(iter(errors.items()))
        raise DomainError(first[0], field=first_field, errors=errors)
    return cleaned


def formulier_valideren(
    *,
    formulier: Formulier,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    bijlagen: Iterable[Bijlage] = (),
) -> dict[str, Any]:
    """Clean every step; only visible fields are kept."""
    cleaned: dict[str, Any] = {}
    with automations.registry_cache():
        for stap in range(len(formulier.stappen)):
            cleaned.update(
                stap_valideren(
                    formulier=formulier,
                    stap=stap,
                    gegevens={**gegevens, **cleaned},
                    partij=partij,
                    bijlagen=bijlagen,
                )
            )
    return cleaned


@transaction.atomic
def concept_opslaan(
    *,
    concept: Concept,
    stap: int,
    gegevens: Mapping[str, Any],
    partij: Partij | None,
    valideren: bool = True,
) -> Concept:
    """Store a step's input. With `valideren` the step must be valid and the concept moves on;
    without (the "save and continue later" button) the input is kept as typed."""
    concept_check_access(concept=concept, partij=partij)
    if concept.inzending_id:
        raise DomainError("Dit formulier is al verstuurd.", field="concept", code="submitted")
    fields = _step_fields(concept.formulier, stap)
    names = {v["naam"] for v in fields if v.get("type") != "bestand"}
    raw = {k: v for k, v in gegevens.items() if k in names}
    # Unticked checkboxes and empty multi-choices are absent from a POST.
    for veld in fields:
        if veld["naam"] in names and veld.get("type") in ("meerkeuze", "selectievakje"):
            raw.setdefault(veld["naam"], [] if veld.get("type") == "meerkeuze" else False)
    merged = {**concept.gegevens, **raw}
    if valideren:
        cleaned = stap_valideren(
            formulier=concept.formulier,
            stap=stap,
            gegevens=merged,
            partij=partij,
            bijlagen=list(concept.bijlagen.all()),
        )
        merged.update(cleaned)
        concept.stap = max(concept.stap, min(stap + 1, len(concept.formulier.stappen)))
    concept.gegevens = merged
    concept.verloopt_op = timezone.now() + CONCEPT_BEWAARTERMIJN
    concept.save(update_fields=["gegevens", "stap", "verloopt_op", "updated_at"])
    return concept


@transaction.atomic
def bijlage_toevoegen(
    *, concept: Concept, veld: str, upload: UploadedFile, partij: Partij | None
) -> Bijlage:
    """Attach a file to a concept after checking its type (extension and content) and size."""
    concept_check_access(concept=concept, partij=partij)
    definitie = next(
        (
            v
            for stap in concept.formulier.stappen
            for v in stap.get("velden", [])
            if v["naam"] == veld and v.get("type") == "bestand"
        ),
        None,
    )
    if definitie is None:
        raise DomainError("Dit formulier vraagt hier geen bijlage.", field=veld)
    head = upload.read(16)
    upload.seek(0)
    size = upload.size or 0  # Django's upload handlers always set it (0: refused as empty)
    content_type = check_file(definitie, name=upload.name or "", size=size, head=head)
    concept.bijlagen.filter(veld=veld).delete()
    return Bijlage.objects.create(
        concept=concept,
        veld=veld,
        bestand=upload,
        naam=(upload.name or "bijlage")[:200],
        content_type=content_type,
        grootte=size,
    )


# --- submitting -------------------------------------------------------------------------------


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX:
        raise DomainError(
            "Het formulier mist zijn verzendcode; laad de pagina opnieuw.", field="idempotency_key"
        )
    return key


@transaction.atomic
def inzending_indienen(
    *,
    formulier: Formulier,
    gegevens: Mapping[str, Any],
    idempotency_key: str,
    partij: Partij | None = None,
    concept: Concept | None = None,
) -> tuple[Inzending, bool]:
    """Submit a form once: a second call with the same key returns the first submission.

    Returns (inzending, created). The submission is validated in full, stored, registered as a
    web klantcontact and routed (automation or back office) in this one transaction.
    """
    key = _check_key(idempotency_key)
    existing = inzending_for_retry(idempotency_key=key, partij=partij)
    if existing is not None:
        return existing, False
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
    cleaned = formulier_valideren(
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
    from loket.messaging.models import BerichtKanaal
    from loket.messaging.services import bericht_queue

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
    beoordelen, uitvoeren, bevestiging = automations.AUTOMATISERINGEN[
        inzending.formulier.automatisering
    ]
    reden = beoordelen(inzending, inzending.partij)
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
def inzending_verwerken(*, inzending: Inzending) -> Inzending:
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


def inzendingen_verwerken(*, max_pogingen: int = MAX_POGINGEN) -> int:
    """Retry submissions left "ontvangen" by a failure (the worker or a command calls this)."""
    done = 0
    pending = Inzending.objects.filter(
        status=InzendingStatus.ONTVANGEN, verwerkpogingen__lt=max_pogingen
    ).values_list("pk", flat=True)
    for pk in list(pending):
        inzending = inzending_verwerken(inzending=Inzending.objects.get(pk=pk))
        if inzending.status != InzendingStatus.ONTVANGEN:
            done += 1
    return done


# --- the standard forms -----------------------------------------------------------------------

FLITS_ZAAKTYPEN = {
    "afvalpas": ("afvalpas", "Vervangende afvalpas"),
    "brp-uittreksel": ("brp-uittreksel", "Uittreksel BRP"),
}
FLITS_STATUSTYPEN = [
    ("Aanvraag ontvangen", False, "Wij hebben uw aanvraag ontvangen."),
    ("Afgehandeld", True, "Uw aanvraag is afgehandeld."),
]


@transaction.atomic
def formulieren_standaard_laden(*, team: Team | None = None) -> list[Formulier]:
    """Create the standard forms (definitions.py) for the products that exist; idempotent.

    Flits products without a zaaktype get a small one (received → handled), so a submission the
    automation cannot handle still becomes a zaak for `team`.
    """
    from loket.cases.services import zaaktype_create
    from loket.selfservice.definitions import STANDAARD_FORMULIEREN

    made = []
    for spec in STANDAARD_FORMULIEREN:
        if Formulier.objects.filter(slug=spec["slug"]).exists():
            continue
        product = Product.objects.filter(upl_naam=spec["upl"]).first()
        if product is None:
            continue
        if zaaktype_voor(product) is None and spec["upl"] in FLITS_ZAAKTYPEN:
            ident, omschrijving = FLITS_ZAAKTYPEN[spec["upl"]]
            if not Zaaktype.objects.filter(identificatie=ident).exists():
                zaaktype_create(
                    identificatie=ident,
                    omschrijving=omschrijving,
                    doorlooptijd_werkdagen=5,
                    servicenorm_werkdagen=1,
                    statustypen=FLITS_STATUSTYPEN,
                    product=product,
                    team=team,
                )
        if zaaktype_voor(product) is None and not spec["automatisering"]:
            continue
        reden = None
        if spec.get("contactreden"):
            reden = Contactreden.objects.filter(
                naam__iexact=spec["contactreden"], is_actief=True
            ).first()
        made.append(
            formulier_create(
                slug=spec["slug"],
                titel=spec["titel"],
                inleiding=spec["inleiding"],
                product=product,
                stappen=spec["stappen"],
                automatisering=spec["automatisering"],
                contactreden=reden,
                inloggen_verplicht=spec["inloggen_verplicht"],
            )
        )
    return made


@transaction.atomic
def concepten_opruimen() -> int:
    """Delete expired concepts that were never submitted (with their attachments' files)."""
    verlopen = Concept.objects.filter(inzending__isnull=True, verloopt_op__lte=timezone.now())
    for bijlage in Bijlage.objects.filter(concept__in=verlopen):
        bijlage.bestand.delete(save=False)
    deleted, _ = verlopen.delete()
    return deleted
