"""Writes for proactive service and the outbox."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from loket.core.errors import DomainError
from loket.parties.constants import SoortDigitaalAdres
from loket.proactive.models import Bericht, BerichtKanaal, BerichtSoort


def _preferred_address(partij, soort: str) -> str:
    adres = (
        partij.digitale_adressen.filter(soort=soort)
        .order_by("-is_standaard_adres", "-verified_at", "pk")
        .values_list("adres", flat=True)
        .first()
    )
    return adres or ""


def bericht_kanaal_for(partij) -> tuple[str, str]:
    """The channel and address to reach a party: e-mail when known, else the Mijn Loket inbox."""
    if partij is None:
        raise DomainError("Een bericht heeft een ontvanger nodig.", field="partij")
    email = _preferred_address(partij, SoortDigitaalAdres.EMAIL)
    if email:
        return BerichtKanaal.EMAIL, email
    return BerichtKanaal.INBOX, ""


def bericht_queue(
    *,
    sleutel: str,
    onderwerp: str,
    tekst: str,
    soort: str = BerichtSoort.OVERIG,
    partij=None,
    kanaal: str | None = None,
    adres: str = "",
    aanleiding_type: str = "",
    aanleiding_id: str = "",
) -> tuple[Bericht, bool]:
    """Queue one message in the caller's transaction; returns (bericht, created).

    `sleutel` names the occasion ("zaak:<uuid>:status:3", "aanbod:paspoort:<bsn>:<datum>"): a
    second call with the same key returns the first message and queues nothing. The worker sends
    queued messages after the transaction commits.
    """
    sleutel = (sleutel or "").strip()
    if not sleutel:
        raise DomainError("Een bericht heeft een sleutel nodig.", field="sleutel")
    if not (onderwerp or "").strip():
        raise DomainError("Geef het onderwerp van het bericht op.", field="onderwerp")
    if not (tekst or "").strip():
        raise DomainError("Geef de tekst van het bericht op.", field="tekst")
    existing = Bericht.objects.filter(sleutel=sleutel).first()
    if existing is not None:
        return existing, False
    if kanaal is None:
        kanaal, adres = bericht_kanaal_for(partij)
    if kanaal not in BerichtKanaal.values:
        raise DomainError(f"Onbekend kanaal '{kanaal}' voor een bericht.", field="kanaal")
    if kanaal != BerichtKanaal.INBOX and not adres:
        raise DomainError("Een e-mail of sms heeft een adres nodig.", field="adres")
    if kanaal == BerichtKanaal.INBOX and partij is None:
        raise DomainError("Een bericht in Mijn Loket heeft een ontvanger nodig.", field="partij")
    try:
        with transaction.atomic():
            bericht = Bericht.objects.create(
                sleutel=sleutel,
                partij=partij,
                kanaal=kanaal,
                adres=adres,
                soort=soort,
                onderwerp=onderwerp.strip()[:200],
                tekst=tekst.strip(),
                aanleiding_type=aanleiding_type,
                aanleiding_id=str(aanleiding_id or ""),
            )
    except IntegrityError:
        # A concurrent caller queued the same occasion first.
        return Bericht.objects.get(sleutel=sleutel), False
    return bericht, True
