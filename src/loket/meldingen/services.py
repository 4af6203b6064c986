"""Writes for meldingen openbare ruimte: register (classify, route, receipt), categorise in
triage, and the melding's own lifecycle with a message to the reporter."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files import File
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.utils import timezone

from loket.accounts.models import User
from loket.cases.services import IMAGE_TYPES, check_upload
from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.core.events import publish
from loket.core.types import Actor
from loket.meldingen.classification import get_classifier
from loket.meldingen.events import MeldingAfgehandeld, MeldingOntvangen
from loket.meldingen.geo import in_gemeente
from loket.meldingen.models import (
    ClassificatieCorrectie,
    MeldCategorie,
    Melding,
    MeldingGebeurtenis,
    MeldingStatus,
    MeldingVolger,
)
from loket.meldingen.openbaar import openbaar_maken
from loket.messaging.services import bericht_queue

if TYPE_CHECKING:
    from loket.parties.models import Partij


def _medewerker(user: Actor | None) -> User | None:
    """The medewerker for a 'door' column: None for the system, a token or an anonymous user."""
    return user if isinstance(user, User) and user.pk else None


# A generous box around the Netherlands: coordinates outside it are a typo (lat/long swapped).
NL_BOUNDS = (50.6, 53.7, 3.2, 7.3)
MELDING_MAX_TEKST = 4000
EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points."""

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _check_location(
    adres: str, lat: float | str | None, lon: float | str | None
) -> tuple[str, float | None, float | None]:
    adres = " ".join((adres or "").split())
    if len(adres) > 200:
        raise DomainError("Het adres is te lang (hoogstens 200 tekens).", field="adres")
    if (lat is None) != (lon is None):
        raise DomainError(
            "Geef zowel de breedte- als de lengtegraad op, of geen van beide.", field="locatie"
        )
    punt_lat: float | None = None
    punt_lon: float | None = None
    if lat is not None and lon is not None:
        try:
            punt_lat, punt_lon = float(lat), float(lon)
        except (TypeError, ValueError):
            raise DomainError("De coördinaten moeten getallen zijn.", field="locatie") from None
        if not (
            NL_BOUNDS[0] <= punt_lat <= NL_BOUNDS[1] and NL_BOUNDS[2] <= punt_lon <= NL_BOUNDS[3]
        ):
            raise DomainError(
                "De coördinaten liggen niet in Nederland (breedtegraad ongeveer 51-53, "
                "lengtegraad 3-7).",
                field="locatie",
            )
        if not in_gemeente(punt_lat, punt_lon):
            raise DomainError(
                f"Plek van de melding: het punt ({punt_lat:.5f}, {punt_lon:.5f}) ligt buiten de "
                f"gemeente {settings.LOKET_MUNICIPALITY}. Kies een plek binnen de gemeente; "
                "voor een plek elders doet u de melding bij die gemeente.",
                field="locatie",
            )
    if not adres and punt_lat is None:
        raise DomainError(
            "Geef de plek van de melding op: een adres of een punt op de kaart.", field="locatie"
        )
    return adres, punt_lat, punt_lon


def _check_media_url(url: str) -> str:

    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > 500:
        raise DomainError("Het adres van de foto is te lang.", field="media_url")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except Exception:
        raise DomainError("Het adres van de foto is geen geldige URL.", field="media_url") from None
    return url


def _melding_event(melding: Melding, soort: str, user: Actor | None, omschrijving: str) -> None:
    MeldingGebeurtenis.objects.create(
        melding=melding,
        soort=soort,
        op=timezone.now(),
        door=_medewerker(user),
        omschrijving=omschrijving[:255],
    )


def _melding_message(melding: Melding, *, sleutel: str, onderwerp: str, tekst: str) -> None:
    """A message to the reporter: to the party (its preferred channel), else to the e-mail
    address given with an anonymous report; no address, no message."""

    if melding.melder_id is not None:
        bericht_queue(
            sleutel=sleutel,
            onderwerp=onderwerp,
            tekst=tekst,
            soort="melding",
            partij=melding.melder,
            aanleiding_type="melding",
            aanleiding_id=str(melding.uuid),
        )
    elif melding.email:
        bericht_queue(
            sleutel=sleutel,
            onderwerp=onderwerp,
            tekst=tekst,
            soort="melding",
            kanaal="email",
            adres=melding.email,
            aanleiding_type="melding",
            aanleiding_id=str(melding.uuid),
        )


def _volger_message(
    melding: Melding, volger: MeldingVolger, *, sleutel: str, onderwerp: str, tekst: str
) -> None:
    from loket.messaging.services import bericht_queue

    if volger.partij_id is not None:
        target: dict = {"partij": volger.partij}
    else:
        target = {"kanaal": "email", "adres": volger.email}
    bericht_queue(
        sleutel=sleutel,
        onderwerp=onderwerp,
        tekst=tekst,
        soort="melding",
        aanleiding_type="melding",
        aanleiding_id=str(melding.uuid),
        **target,
    )


@transaction.atomic
def melding_follow(
    *, melding: Melding, partij: Partij | None = None, email: str = "", naam: str = ""
) -> MeldingVolger | None:
    """Someone reports what an open melding already says and follows it instead of filing a
    duplicate: they are counted with it (history: "gevolgd") and told when it is closed, as a
    party (logged-in citizen) or at the e-mail address given. Following twice changes nothing;
    the reporter of the melding needs no follower row (None)."""

    locked = Melding.objects.select_for_update().get(pk=melding.pk)
    if not locked.is_open:
        raise DomainError(
            f"De melding {locked.referentie} is al afgehandeld; doe een nieuwe melding als het "
            "probleem er nog is.",
            field="melding",
        )
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except Exception:
            raise DomainError(
                "Uw e-mailadres: dit e-mailadres klopt niet.", field="email"
            ) from None
    if partij is None and not email:
        raise DomainError(
            "Uw e-mailadres: vul het in, dan laten we u weten wanneer de melding is opgelost.",
            field="email",
        )
    if partij is not None and locked.melder_id == partij.pk:
        return None
    naam = " ".join((naam or "").split())[:200]
    if partij is not None:
        volger, created = MeldingVolger.objects.get_or_create(
            melding=locked, partij=partij, defaults={"email": email, "naam": naam}
        )
    else:
        volger, created = MeldingVolger.objects.get_or_create(
            melding=locked, partij=None, email=email, defaults={"naam": naam}
        )
    if created:
        _melding_event(
            locked, "gevolgd", None, "Nog een inwoner meldt hetzelfde en volgt deze melding"
        )
        _volger_message(
            locked,
            volger,
            sleutel=f"melding:{locked.uuid}:volger:{volger.pk}:bevestiging",
            onderwerp=f"U volgt melding {locked.referentie}",
            tekst=(
                f"U volgt de melding {locked.referentie} ({locked.categorie or 'openbare ruimte'})"
                f". We laten u weten wanneer deze is afgehandeld; we verwachten dat uiterlijk "
                f"{locked.streefdatum:%d-%m-%Y}."
                if locked.streefdatum
                else f"U volgt de melding {locked.referentie}. We laten u weten wanneer deze is "
                "afgehandeld."
            ),
        )
    return volger


def _route(melding: Melding, categorie: MeldCategorie | None, *, start: dt.date) -> None:
    """Team and expected date from the category's routing rule and handling term."""
    melding.categorie = categorie
    melding.team = categorie.team if categorie else None
    if categorie is not None:
        melding.streefdatum = get_calendar().add_working_days(
            start, categorie.afhandeltermijn_werkdagen
        )


@transaction.atomic
def melding_create(
    *,
    tekst: str,
    adres: str = "",
    lat: float | None = None,
    lon: float | None = None,
    foto: File | None = None,
    melder: Partij | None = None,
    email: str = "",
    naam: str = "",
    telefoon: str = "",
    kanaal: str = "web",
    categorie: MeldCategorie | None = None,
    user: Actor | None = None,
    idempotency_key: str | None = None,
    idempotency_client: str = "",
    media_url: str = "",
    urgent: bool | None = None,
) -> Melding:
    """Register a melding openbare ruimte: classify the text (unless staff chose the category),
    route it to the category's team with the category's term in working days, and queue the
    receipt with the expected date. Below the confidence threshold, or without a team for the
    category, it waits in the triage queue. `urgent` is the reporter's answer to "is it
    dangerous or urgent?" (None: not asked); it is stored and named in the history for the
    team, the term does not change. A retried submission (same client and key) is stored once; a key is only matched
    within its `idempotency_client`."""

    key = (idempotency_key or "").strip() or None
    if key:
        if len(key) > 100:
            raise DomainError("De idempotentiesleutel is te lang.", field="idempotency_key")
        existing = Melding.objects.filter(
            idempotency_client=idempotency_client, idempotency_key=key
        ).first()
        if existing is not None:
            return existing
    tekst = (tekst or "").strip()
    if len(tekst) < 5:
        raise DomainError("Beschrijf wat er aan de hand is.", field="tekst")
    if len(tekst) > MELDING_MAX_TEKST:
        raise DomainError(
            f"De omschrijving is te lang (hoogstens {MELDING_MAX_TEKST} tekens).", field="tekst"
        )
    adres, lat, lon = _check_location(adres, lat, lon)
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except Exception:
            raise DomainError("Dit e-mailadres klopt niet.", field="email") from None
    naam = " ".join((naam or "").split())[:200]
    telefoon = (telefoon or "").strip()[:30]
    if foto is not None:
        check_upload(
            foto,
            allowed=IMAGE_TYPES,
            max_bytes=settings.LOKET_MELDING_FOTO_MAX_BYTES,
            field="foto",
        )
    classificatie = get_classifier().classify(tekst)
    voorstel = (
        MeldCategorie.objects.filter(code=classificatie.code).select_related("team").first()
        if classificatie.code
        else None
    )
    melding = Melding(
        referentie=f"tmp-{uuid.uuid4().hex[:16]}",
        tekst=tekst,
        adres=adres,
        lat=lat,
        lon=lon,
        melder=melder,
        email=email,
        naam=naam,
        telefoon=telefoon,
        urgent=urgent,
        kanaal=(kanaal or "web")[:30],
        voorgestelde_categorie=voorstel,
        zekerheid=classificatie.zekerheid,
        hoofd_zekerheid=classificatie.hoofd_zekerheid,
        gemeld_door=_medewerker(user),
        idempotency_key=key,
        idempotency_client=idempotency_client if key else "",
        media_url=_check_media_url(media_url),
    )
    today = timezone.localdate()
    chosen = categorie or (
        voorstel if classificatie.zekerheid >= settings.LOKET_MELDING_DREMPEL else None
    )
    _route(melding, chosen, start=today)
    if chosen is None:
        # Triage: the expected date from the suggestion's term (or the default 5 working days).
        term = voorstel.afhandeltermijn_werkdagen if voorstel else 5
        melding.streefdatum = get_calendar().add_working_days(today, term)
    melding.in_triage = chosen is None or melding.team_id is None
    if foto is not None:
        ext = (foto.name or "").rsplit(".", 1)[-1].lower()  # check_upload refused no name
        melding.foto.save(f"{uuid.uuid4().hex}.{ext}", foto, save=False)
    melding.save()
    melding.referentie = f"MOR-{today.year}-{melding.pk:06d}"
    melding.save(update_fields=["referentie"])
    if (
        categorie is not None
        and getattr(user, "pk", None)
        and voorstel is not None
        and categorie.pk != voorstel.pk
    ):
        # A staff member chose another category than the classifier: a training example.
        _correction(melding, categorie, voorstel, user)
    _melding_event(
        melding,
        "gemeld",
        user,
        f"Gemeld via {melding.kanaal}"
        + (f"; categorie {chosen}" if chosen else "; naar triage")
        + (f" (zekerheid {classificatie.zekerheid:.0%})" if voorstel else "")
        + ("; volgens de melder urgent" if urgent else ""),
    )
    _melding_message(
        melding,
        sleutel=f"melding:{melding.uuid}:ontvangst",
        onderwerp=f"Uw melding {melding.referentie} is ontvangen",
        tekst=(
            f'Bedankt voor uw melding ({melding.referentie}): "{tekst[:200]}". '
            f"We verwachten deze uiterlijk {melding.streefdatum:%d-%m-%Y} af te handelen. "
            "U krijgt bericht als de melding is afgehandeld."
        ),
    )
    publish(MeldingOntvangen(melding=melding))
    return melding


def _correction(
    melding: Melding,
    categorie: MeldCategorie,
    voorstel: MeldCategorie | None,
    user: Actor | None,
) -> None:
    ClassificatieCorrectie.objects.create(
        melding=melding,
        tekst=melding.tekst,
        categorie=categorie,
        voorgesteld=voorstel,
        door=_medewerker(user),
    )


@transaction.atomic
def melding_categorise(
    *, melding: Melding, categorie: MeldCategorie | None, user: Actor | None
) -> Melding:
    """Staff set (or correct) the category: the melding leaves triage, is routed to the
    category's team with its term counted from the day it was reported, and the text is kept
    as a training example for the classifier (when it differs from the suggestion, or the
    suggestion was not confident enough to be used)."""
    if categorie is None:
        raise DomainError("Kies een categorie.", field="categorie")
    if not categorie.is_actief:
        raise DomainError(f"De categorie '{categorie}' is niet actief.", field="categorie")
    locked = Melding.objects.select_for_update().get(pk=melding.pk)
    if not locked.is_open:
        raise DomainError("De melding is al afgesloten.", field="categorie")
    previous = locked.categorie
    if locked.in_triage or previous is None or previous.pk != categorie.pk:
        _correction(locked, categorie, locked.voorgestelde_categorie, user)
    _route(locked, categorie, start=timezone.localdate(locked.created_at))
    if locked.team_id is None:
        raise DomainError(
            f"Voor de categorie '{categorie}' is nog geen team ingesteld (routeringsregel); "
            "vraag de beheerder dit in te stellen.",
            field="categorie",
        )
    locked.in_triage = False
    locked.save(update_fields=["categorie", "team", "streefdatum", "in_triage", "updated_at"])
    _melding_event(locked, "gecategoriseerd", user, f"Categorie: {categorie} → {locked.team}")
    _sync(melding, locked, ["categorie", "team", "streefdatum", "in_triage"])
    return melding


MELDING_TRANSITIONS = {
    "gemeld": {"in_behandeling", "ingepland", "afgehandeld", "geannuleerd"},
    "in_behandeling": {"ingepland", "afgehandeld", "geannuleerd"},
    "ingepland": {"in_behandeling", "afgehandeld", "geannuleerd"},
    "afgehandeld": {"in_behandeling"},  # heropend
    "geannuleerd": {"in_behandeling"},
}


@transaction.atomic
def melding_set_status(
    *,
    melding: Melding,
    status: str,
    user: Actor | None,
    toelichting: str = "",
    openbare_toelichting: str = "",
) -> Melding:
    """Move a melding through its own lifecycle (gemeld → in behandeling / ingepland →
    afgehandeld or geannuleerd; reopening goes back to in behandeling). Closing tells the
    reporter (`toelichting`, private). `openbare_toelichting` is what the public feed may show;
    personal details are removed from it before it is stored (meldingen.openbaar)."""

    locked = Melding.objects.select_for_update().get(pk=melding.pk)
    if status not in MeldingStatus.values:
        raise DomainError(f"Onbekende status '{status}'.", field="status")
    if status not in MELDING_TRANSITIONS[locked.status]:
        raise DomainError(
            f"Een melding met de status '{locked.get_status_display()}' kan niet naar "
            f"'{MeldingStatus(status).label}'.",
            field="status",
        )
    toelichting = (toelichting or "").strip()
    if status in ("afgehandeld", "geannuleerd") and not toelichting:
        raise DomainError(
            "Schrijf voor de melder wat er met de melding is gedaan.", field="toelichting"
        )
    if len(toelichting) > 4000:
        raise DomainError("De toelichting is te lang (hoogstens 4000 tekens).", field="toelichting")
    openbare_toelichting = (openbare_toelichting or "").strip()
    if len(openbare_toelichting) > 1000:
        raise DomainError(
            "De openbare toelichting is te lang (hoogstens 1000 tekens).",
            field="openbare_toelichting",
        )
    if status in ("afgehandeld", "ingepland", "in_behandeling") and locked.in_triage:
        raise DomainError("Kies eerst de categorie (de melding staat in triage).", field="status")
    reopened = locked.status in ("afgehandeld", "geannuleerd")
    locked.status = status
    fields = ["status", "updated_at"]
    if status in ("afgehandeld", "geannuleerd"):
        locked.afgehandeld_op = timezone.now()
        locked.afhandeling = toelichting
        fields += ["afgehandeld_op", "afhandeling"]
    elif reopened:
        locked.afgehandeld_op = None
        fields.append("afgehandeld_op")
    if openbare_toelichting:
        locked.openbare_toelichting = openbaar_maken(openbare_toelichting, locatie=locked.adres)
        fields.append("openbare_toelichting")
    locked.save(update_fields=fields)
    label = MeldingStatus(status).label
    _melding_event(
        locked,
        "heropend" if reopened else status,
        user,
        f"{'Heropend' if reopened else label}{': ' + toelichting[:200] if toelichting else ''}",
    )
    if status in ("afgehandeld", "geannuleerd"):
        count = locked.gebeurtenissen.filter(soort__in=["afgehandeld", "geannuleerd"]).count()
        _melding_message(
            locked,
            sleutel=f"melding:{locked.uuid}:afgehandeld:{count}",
            onderwerp=f"Uw melding {locked.referentie} is {label.lower()}",
            tekst=f"Uw melding {locked.referentie} is {label.lower()}. {toelichting}",
        )
        for volger in locked.volgers.select_related("partij"):
            _volger_message(
                locked,
                volger,
                sleutel=f"melding:{locked.uuid}:volger:{volger.pk}:afgehandeld:{count}",
                onderwerp=f"De melding {locked.referentie} die u volgt is {label.lower()}",
                # Only the public note: the reporter's private explanation is not for others.
                tekst=(
                    f"De melding {locked.referentie} die u volgt is {label.lower()}. "
                    f"{locked.openbare_toelichting}"
                ).strip(),
            )
        publish(MeldingAfgehandeld(melding=locked, user=user))
    _sync(melding, locked, ["status", "afgehandeld_op", "afhandeling", "openbare_toelichting"])
    return melding


def _sync[M: models.Model](target: M, source: M, fields: list[str]) -> None:
    """Copy the fields a locked copy changed back onto the caller's instance."""
    for name in fields:
        setattr(target, name, getattr(source, name))
