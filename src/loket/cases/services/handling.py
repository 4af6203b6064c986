"""Handling a zaak: assignment, notes, documents, result and reopening."""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES
from loket.cases.models import (
    Resultaattype,
    Status,
    Zaak,
    ZaakDocument,
    ZaakGebeurtenisSoort,
    ZaakNotitie,
)
from loket.core.errors import DomainError
from loket.core.types import Actor

if TYPE_CHECKING:
    pass
from loket.cases.services._helpers import _check_open, _event, _lock, _medewerker, _reden, _sync
from loket.cases.services.zaken import zaak_set_status

# --- handling: assignment, notes, documents, result, reopen ---------------------------------


@transaction.atomic
def zaak_assign(*, zaak: Zaak, behandelaar: User | None, user: Actor) -> Zaak:
    """Give the zaak to a behandelaar. Anyone handling cases may take it himself; a teamleider
    (distribute_work) gives it to an active member of the zaak's team."""

    locked = _lock(zaak)
    _check_open(locked)
    if behandelaar is None:
        raise DomainError("Kies een behandelaar.", field="behandelaar")
    if behandelaar.pk != user.pk and not user.has_perm(DISTRIBUTE_WORK):
        raise PermissionDenied("Alleen een teamleider kan een zaak aan een ander geven.")
    if not behandelaar.is_active or not behandelaar.has_perm(HANDLE_CASES):
        raise DomainError(f"{behandelaar} kan geen zaken behandelen.", field="behandelaar")
    if (
        behandelaar.pk != user.pk
        and locked.team_id
        and not behandelaar.teams.filter(pk=locked.team_id).exists()
    ):
        raise DomainError(
            f"{behandelaar} is geen lid van het team {locked.team}.", field="behandelaar"
        )
    if locked.behandelaar_id == behandelaar.pk:
        raise DomainError(f"De zaak is al toegewezen aan {behandelaar}.", field="behandelaar")
    locked.behandelaar = behandelaar
    locked.save(update_fields=["behandelaar", "updated_at"])
    name = behandelaar.get_full_name() or behandelaar.get_username()
    _event(locked, ZaakGebeurtenisSoort.TOEGEWEZEN, user, f"Toegewezen aan {name}")
    zaak.behandelaar = behandelaar
    return zaak


@transaction.atomic
def zaak_add_note(
    *, zaak: Zaak, tekst: str, user: User | None, vertrouwelijk_team: Team | None = None
) -> ZaakNotitie:
    """A note on the zaak; with `vertrouwelijk_team` only that team's members read it
    (contacts.vertrouwelijk), and the zaak's history says a confidential note was added
    instead of repeating its text."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError("Schrijf de notitie.", field="tekst")
    if len(tekst) > 4000:
        raise DomainError("De notitie is te lang (hoogstens 4000 tekens).", field="tekst")
    if vertrouwelijk_team is not None and not vertrouwelijk_team.is_actief:
        raise DomainError(
            f"Het team '{vertrouwelijk_team.name}' is niet meer actief; kies een ander team.",
            field="vertrouwelijk_team",
        )
    now = timezone.now()
    notitie = ZaakNotitie.objects.create(
        zaak=zaak, tekst=tekst, door=user, op=now, vertrouwelijk_team=vertrouwelijk_team
    )
    omschrijving = (
        tekst[:200]
        if vertrouwelijk_team is None
        else f"Vertrouwelijke notitie (team {vertrouwelijk_team.name})"
    )
    _event(zaak, ZaakGebeurtenisSoort.NOTITIE, user, omschrijving, {"notitie": notitie.pk}, op=now)
    return notitie


# Allowed document types: extension → (content types, magic bytes or None for text formats).
DOCUMENT_TYPES: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "pdf": (("application/pdf",), (b"%PDF-",)),
    "jpg": (("image/jpeg",), (b"\xff\xd8\xff",)),
    "jpeg": (("image/jpeg",), (b"\xff\xd8\xff",)),
    "png": (("image/png",), (b"\x89PNG\r\n\x1a\n",)),
    "docx": (
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
        (b"PK\x03\x04",),
    ),
    "odt": (("application/vnd.oasis.opendocument.text",), (b"PK\x03\x04",)),
    "txt": (("text/plain",), ()),
}
IMAGE_TYPES = {"jpg", "jpeg", "png"}


def check_upload(
    bestand: File | None,
    *,
    allowed: set[str] | None = None,
    max_bytes: int | None = None,
    field: str = "bestand",
) -> tuple[str, str]:
    """Refuse a file of a type not allowed (by name, declared type and its first bytes) or over
    the size limit. Returns (extension, content type)."""

    if bestand is None:
        raise DomainError("Kies een bestand.", field=field)
    allowed = allowed or set(DOCUMENT_TYPES)
    max_bytes = max_bytes or settings.LOKET_ZAAK_DOCUMENT_MAX_BYTES
    name = getattr(bestand, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in allowed:
        soorten = ", ".join(sorted(allowed))
        raise DomainError(
            f"Dit soort bestand ({ext or 'zonder extensie'}) is niet toegestaan; kies een "
            f"bestand van het type {soorten}.",
            field=field,
        )
    size = getattr(bestand, "size", None) or 0
    if size == 0:
        raise DomainError("Het bestand is leeg.", field=field)
    if size > max_bytes:
        raise DomainError(
            f"Het bestand is te groot ({size / 1_048_576:.1f} MB); de grens is "
            f"{max_bytes / 1_048_576:.0f} MB.",
            field=field,
        )
    content_types, magics = DOCUMENT_TYPES[ext]
    declared = (getattr(bestand, "content_type", "") or "").split(";")[0].strip()
    if declared and declared not in content_types and declared != "application/octet-stream":
        raise DomainError(
            f"Het bestand heeft de extensie .{ext} maar is van het type {declared}.", field=field
        )
    head = bestand.read(16)
    bestand.seek(0)
    if magics and not any(head.startswith(m) for m in magics):
        raise DomainError(
            f"De inhoud van het bestand past niet bij de extensie .{ext}.", field=field
        )
    if not magics and b"\x00" in head:
        raise DomainError("Dit tekstbestand bevat binaire gegevens.", field=field)
    return ext, content_types[0]


@transaction.atomic
def zaak_add_document(
    *, zaak: Zaak, bestand: File, user: Actor | None, titel: str = ""
) -> ZaakDocument:
    """Attach a document: type and size checked before anything is stored."""

    _ext, content_type = check_upload(bestand)
    titel = " ".join((titel or "").split())
    if len(titel) > 200:
        raise DomainError("De titel is te lang (hoogstens 200 tekens).", field="titel")
    now = timezone.now()
    original = os.path.basename(bestand.name or "")[:200]  # check_upload refused no name
    document = ZaakDocument(
        zaak=zaak,
        bestandsnaam=original,
        formaat=content_type,
        grootte=bestand.size,
        titel=titel,
        door=_medewerker(user),
        op=now,
    )
    document.bestand.save(f"{uuid.uuid4().hex}.{_ext}", bestand, save=False)
    try:
        document.save()
        _event(
            zaak,
            ZaakGebeurtenisSoort.DOCUMENT,
            user,
            f"Document: {titel or original}",
            {"document": str(document.uuid)},
            op=now,
        )
    except Exception:
        document.bestand.delete(save=False)
        raise
    return document


@transaction.atomic
def zaak_close(
    *, zaak: Zaak, resultaattype: Resultaattype, user: Actor | None = None, toelichting: str = ""
) -> Zaak:
    """Close the zaak with a result: the end status (its message to the citizen included)."""
    if resultaattype is None:
        raise DomainError("Kies het resultaat.", field="resultaattype")
    locked = _lock(zaak)
    _check_open(locked)
    end = locked.zaaktype.statustypen.order_by("-volgnummer").first()
    # A zaak has a status from its start, so its zaaktype has statustypen (PROTECTed by Status).
    assert end is not None, locked.zaaktype
    if len((toelichting or "").strip()) > 4000:
        raise DomainError("De toelichting is te lang (hoogstens 4000 tekens).", field="toelichting")
    zaak_set_status(
        zaak=locked, statustype=end, user=user, toelichting=toelichting, resultaattype=resultaattype
    )
    _event(
        locked,
        ZaakGebeurtenisSoort.RESULTAAT,
        user,
        f"Resultaat: {resultaattype.omschrijving}",
        {"resultaattype": resultaattype.pk},
    )
    _sync(zaak, locked, ["status", "einddatum", "resultaat", "resultaat_toelichting"])
    return zaak


@transaction.atomic
def zaak_reopen(*, zaak: Zaak, reden: str, user: Actor | None) -> Zaak:
    """Reopen a closed zaak: back to the status before the end status (appended to the history;
    nothing is overwritten), result cleared, deadlines kept."""
    locked = _lock(zaak)
    if locked.einddatum is None:
        raise DomainError("De zaak is niet afgesloten.", field="zaak")
    reden = _reden(reden)
    statustypen = list(locked.zaaktype.statustypen.order_by("volgnummer"))
    back = statustypen[-2] if len(statustypen) > 1 else statustypen[0]
    now = timezone.now()
    status = Status.objects.create(
        zaak=locked,
        statustype=back,
        datum_status_gezet=now,
        statustoelichting=f"Heropend: {reden}",
        gezet_door=_medewerker(user),
    )
    locked.status = status
    locked.einddatum = None
    locked.resultaat = None
    locked.resultaat_toelichting = ""
    fields = ["status", "einddatum", "resultaat", "resultaat_toelichting"]
    locked.save(update_fields=[*fields, "updated_at"])
    _event(locked, ZaakGebeurtenisSoort.HEROPEND, user, f"Heropend: {reden}", {"reden": reden})
    _sync(zaak, locked, fields)
    return zaak
