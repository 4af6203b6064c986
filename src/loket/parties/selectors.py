"""Reads of partijen. Every read of a klant's data goes through here and is audited with a purpose.

The caller passes the user (a medewerker, an API token's identity, or None for a system process)
and the purpose ("doel"). A medewerker needs `accounts.view_person_data`; an API token needs the
scope `partijen:lezen`. Without a purpose nothing is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from loket.accounts.permissions import VIEW_PERSON_DATA
from loket.core.audit import audit_record, audit_record_many
from loket.core.errors import DomainError
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.parties.constants import SoortDigitaalAdres, SoortPartij
from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
from loket.parties.validators import (
    adres_zoekwaarde,
    is_possible_phone,
    normalise_email,
    validate_bsn,
    validate_kvk_nummer,
    validate_postcode,
)
from loket.registries.backends import get_brp

API_SCOPE = "partijen:lezen"
MAX_LIMIT = 100


def may_view_person_data(user: Actor | None) -> bool:
    """None is a system process; a token identity needs the scope, a medewerker the permission."""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    token = getattr(user, "token", None)
    if token is not None and hasattr(token, "has_scope"):
        return bool(token.has_scope(API_SCOPE))
    return bool(user.has_perm(VIEW_PERSON_DATA))


def ensure_may_view_person_data(user: Actor | None) -> None:
    if not may_view_person_data(user):
        raise PermissionDenied("U hebt geen toestemming om persoonsgegevens in te zien.")


def _require_purpose(purpose: str | None) -> str:
    if not purpose or not purpose.strip():
        raise DomainError("Geef het doel op waarvoor u deze gegevens inziet.", field="doel")
    return purpose.strip()


def _partijen() -> QuerySet[Partij]:
    adressen = DigitaalAdres.objects.order_by("soort", "-is_standaard_adres", "created_at", "pk")
    return Partij.objects.select_related(
        "persoon", "organisatie", "voorkeurskanaal"
    ).prefetch_related(Prefetch("digitale_adressen", queryset=adressen))


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def partij_get(*, uuid: UUID | str, user: Actor | None, purpose: str) -> Partij:
    """One partij by its public uuid, with persoon/organisatie and digitale adressen loaded.

    Raises `Partij.DoesNotExist` when there is none (also for a malformed uuid).
    """
    ensure_may_view_person_data(user)
    purpose = _require_purpose(purpose)
    try:
        partij = _partijen().get(uuid=uuid)
    except (ValidationError, ValueError):
        raise Partij.DoesNotExist from None
    audit_record(user=user, action=AuditAction.READ, obj=partij, purpose=purpose)
    return partij


def persoon_get_by_bsn(*, bsn: str, user: Actor | None, purpose: str) -> Partij | None:
    """The partij of the person with this BSN, or None when Loket does not know them yet.

    To fetch (and register) a person from the BRP use `services.persoon_from_brp`.
    """
    ensure_may_view_person_data(user)
    purpose = _require_purpose(purpose)
    bsn = validate_bsn(bsn)
    partij = _partijen().filter(persoon__bsn=bsn).first()
    if partij is not None:
        audit_record(user=user, action=AuditAction.READ, obj=partij, purpose=purpose)
    return partij


def _parse_date(value: dt.date | str, *, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DomainError(
            f"Geboortedatum: '{value}' is geen geldige datum (jjjj-mm-dd).", field=field
        ) from None


def _parse_huisnummer(value: int | str) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number < 1:
        raise DomainError(f"Huisnummer: '{value}' is geen geldig huisnummer.", field="huisnummer")
    return number


def persoon_search(
    *,
    user: Actor | None,
    purpose: str,
    bsn: str | None = None,
    geslachtsnaam: str | None = None,
    geboortedatum: dt.date | str | None = None,
    postcode: str | None = None,
    huisnummer: int | str | None = None,
    limit: int = 25,
) -> list[Partij]:
    """Personen known to Loket matching all criteria given, ordered by name; every hit is audited.

    `geslachtsnaam` matches the start of the surname, with or without voorvoegsel ("de Vries").
    `postcode` and `huisnummer` go together: the BRP backend says who lives there.
    """
    ensure_may_view_person_data(user)
    purpose = _require_purpose(purpose)
    geslachtsnaam = (geslachtsnaam or "").strip()
    if not any([bsn, geslachtsnaam, geboortedatum, postcode, huisnummer]):
        raise DomainError("Geef minstens één zoekgegeven op.", code="no_criteria")
    qs = _partijen().filter(soort=SoortPartij.PERSOON)
    if bsn:
        qs = qs.filter(persoon__bsn=validate_bsn(bsn))
    if geslachtsnaam:
        qs = qs.annotate(
            _naam_met_voorvoegsel=Concat(
                "persoon__voorvoegsel_geslachtsnaam", Value(" "), "persoon__geslachtsnaam"
            )
        ).filter(
            Q(persoon__geslachtsnaam__istartswith=geslachtsnaam)
            | Q(_naam_met_voorvoegsel__istartswith=geslachtsnaam)
        )
    if geboortedatum:
        qs = qs.filter(persoon__geboortedatum=_parse_date(geboortedatum, field="geboortedatum"))
    if postcode or huisnummer:
        if not (postcode and huisnummer):
            field = "huisnummer" if postcode else "postcode"
            raise DomainError(
                "Zoeken op adres: geef zowel de postcode als het huisnummer op.", field=field
            )
        bewoners = get_brp().zoek_op_adres(
            validate_postcode(postcode), _parse_huisnummer(huisnummer)
        )
        qs = qs.filter(persoon__bsn__in=[p.bsn for p in bewoners])
    partijen = list(
        qs.order_by("persoon__geslachtsnaam", "persoon__voornamen", "pk")[: _limit(limit)]
    )
    audit_record_many(user=user, objects=partijen, purpose=purpose)
    return partijen


def organisatie_search(
    *,
    user: Actor | None,
    purpose: str,
    kvk_nummer: str | None = None,
    naam: str | None = None,
    limit: int = 25,
) -> list[Partij]:
    """Organisaties known to Loket by KVK-nummer and/or (part of) the trade name; audited."""
    ensure_may_view_person_data(user)
    purpose = _require_purpose(purpose)
    naam = (naam or "").strip()
    if not kvk_nummer and not naam:
        raise DomainError("Geef een KVK-nummer of een naam op.", code="no_criteria")
    qs = _partijen().filter(soort=SoortPartij.ORGANISATIE)
    if kvk_nummer:
        qs = qs.filter(organisatie__kvk_nummer=validate_kvk_nummer(kvk_nummer))
    if naam:
        qs = qs.filter(
            Q(organisatie__handelsnaam__icontains=naam) | Q(weergavenaam__icontains=naam)
        )
    partijen = list(qs.order_by("organisatie__handelsnaam", "pk")[: _limit(limit)])
    audit_record_many(user=user, objects=partijen, purpose=purpose)
    return partijen


KVK_NUMMER = re.compile(r"\d{8}")


def partij_search_contactgegeven(
    *, user: Actor | None, purpose: str, zoekterm: str, limit: int = 25
) -> list[Partij]:
    """Klanten by a phone number, an e-mail address or (organisaties) a KVK-nummer, as the
    customer says it: "06-12345678", "+31 6 1234 5678" and "0031 6 12345678" find the same
    number, an e-mail address matches in any case. Uses the indexed search key of the digital
    addresses (`DigitaalAdres.zoekwaarde`) and the unique KVK-nummer; every hit is audited."""
    ensure_may_view_person_data(user)
    purpose = _require_purpose(purpose)
    zoekterm = (zoekterm or "").strip()
    if not zoekterm:
        raise DomainError(
            "Telefoonnummer, e-mailadres of KVK-nummer: vul er een in.",
            field="zoekterm",
            code="no_criteria",
        )
    qs = _partijen()
    if "@" in zoekterm:
        normalise_email(zoekterm, field="zoekterm")
        qs = qs.filter(
            pk__in=DigitaalAdres.objects.filter(
                soort=SoortDigitaalAdres.EMAIL,
                zoekwaarde=adres_zoekwaarde(soort=SoortDigitaalAdres.EMAIL, adres=zoekterm),
            ).values("partij_id")
        )
    elif KVK_NUMMER.fullmatch(re.sub(r"[\s.]", "", zoekterm)):
        qs = qs.filter(organisatie__kvk_nummer=validate_kvk_nummer(zoekterm, field="zoekterm"))
    else:
        # A search takes every number that could exist (not only the ranges in use today):
        # an address stored earlier must stay findable.
        if not is_possible_phone(zoekterm):
            shown = zoekterm if len(zoekterm) <= 30 else zoekterm[:30] + "…"
            raise DomainError(
                f"Telefoonnummer, e-mailadres of KVK-nummer: '{shown}' is geen geldig "
                "telefoonnummer, e-mailadres of KVK-nummer.",
                field="zoekterm",
            )
        telefoon = adres_zoekwaarde(soort=SoortDigitaalAdres.TELEFOON, adres=zoekterm)
        qs = qs.filter(
            pk__in=DigitaalAdres.objects.filter(
                soort=SoortDigitaalAdres.TELEFOON, zoekwaarde=telefoon
            ).values("partij_id")
        )
    partijen = list(qs.order_by("weergavenaam", "pk")[: _limit(limit)])
    audit_record_many(user=user, objects=partijen, purpose=purpose)
    return partijen


class AuditedPartijList:
    """A lazily evaluated list of partijen that audits exactly the rows it hands out.

    Counting reads no personal data and is not audited; slicing or iterating is. This lets a
    paginator (Django's or DRF's) page through the list while only the page shown is recorded.
    """

    ordered = True  # for Django's Paginator: the queryset below is ordered

    def __init__(self, queryset: QuerySet[Partij], *, user: Actor | None, purpose: str) -> None:
        self._queryset = queryset
        self._user = user
        self._purpose = purpose

    def count(self) -> int:
        return self._queryset.count()

    def __len__(self) -> int:
        return self.count()

    def _audited(self, partijen: list[Partij]) -> list[Partij]:
        audit_record_many(user=self._user, objects=partijen, purpose=self._purpose)
        return partijen

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._audited(list(self._queryset[key]))
        return self._audited([self._queryset[key]])[0]

    def __iter__(self) -> Iterator[Partij]:
        return iter(self._audited(list(self._queryset)))


def partij_list(
    *, user: Actor | None, purpose: str, bsn: str | None = None, kvk_nummer: str | None = None
) -> AuditedPartijList:
    """All partijen (optionally one BSN or KVK-nummer), for paging; each row handed out is audited."""
    ensure_may_view_person_data(user)
    purpose = _require_purpose(purpose)
    qs = _partijen()
    if bsn:
        qs = qs.filter(persoon__bsn=validate_bsn(bsn))
    if kvk_nummer:
        qs = qs.filter(organisatie__kvk_nummer=validate_kvk_nummer(kvk_nummer))
    return AuditedPartijList(qs.order_by("weergavenaam", "pk"), user=user, purpose=purpose)


def partij_digitale_adressen(*, partij: Partij) -> list[DigitaalAdres]:
    """The digital addresses of a partij obtained through one of the selectors above.

    Preferred first within each soort. Uses the prefetched rows when present.
    """
    return sorted(
        partij.digitale_adressen.all(),
        key=lambda a: (a.soort, not a.is_standaard_adres, a.created_at, a.pk),
    )


def persoon_of(partij: Partij) -> Persoon | None:
    """The Persoon of a partij, or None for an organisatie (no extra query when loaded)."""
    try:
        return partij.persoon
    except Persoon.DoesNotExist:
        return None


# KC- and ZAAK-numbers are found by the contacts and cases finders, never as a name.
REFERENTIE = re.compile(r"^(KC|ZAAK)-\d", re.IGNORECASE)


def partij_audit_subjects(term: str) -> list[tuple[str, str]]:
    """The audit log's subjects for a search term: the partij (and its persoon or organisatie
    row) with this BSN, KVK-nummer or UUID, or the persons whose name holds every word of the
    term (at most 10). Registered with core.audit in PartiesConfig.ready."""
    term = " ".join(term.split())
    if term.isdigit() and len(term) in (8, 9):
        match = Q(persoon__bsn=term) if len(term) == 9 else Q(organisatie__kvk_nummer=term)
    elif any(ch.isalpha() for ch in term) and not REFERENTIE.match(term):
        try:
            match = Q(uuid=term)
            Partij.objects.filter(match).exists()
        except (ValidationError, ValueError):
            naam = _naam_match(term)
            if naam is None:
                return []
            match = naam
    else:
        return []
    pks = list(Partij.objects.filter(match).values_list("pk", flat=True)[:10])
    return partij_audit_subjects_for(pks)


def _naam_match(term: str) -> Q | None:
    """Every word of the term in one of the name parts ("jan de vries", "de Vries")."""
    words = [w for w in term.split() if len(w) >= 2]
    if not words:
        return None
    match = Q()
    for word in words:
        match &= (
            Q(persoon__voornamen__icontains=word)
            | Q(persoon__voorvoegsel_geslachtsnaam__iexact=word)
            | Q(persoon__geslachtsnaam__icontains=word)
        )
    return match


def partij_audit_subjects_for(pks: list[int]) -> list[tuple[str, str]]:
    """The audit subjects of these partijen: the partij, its persoon row and its addresses."""
    subjects = []
    for pk in pks:
        subjects += [
            (Partij._meta.label_lower, str(pk)),
            (Persoon._meta.label_lower, str(pk)),
        ]
    # Changes to a partij's e-mail addresses and phone numbers are recorded on the address.
    subjects += [
        (DigitaalAdres._meta.label_lower, str(pk))
        for pk in DigitaalAdres.objects.filter(partij__in=pks).values_list("pk", flat=True)
    ]
    return subjects


def _partij_pk_of(obj: Model) -> int | None:
    """The partij an audited record is about: the partij itself, its persoon or organisatie
    row, or a record that has a `partij` (klantcontact, contactverzoek, bericht, address)."""
    if isinstance(obj, Partij):
        return obj.pk
    if isinstance(obj, Persoon | Organisatie):
        return obj.partij_id
    pk = getattr(obj, "partij_id", None)
    return pk if isinstance(pk, int) else None


def _cached_subject(obj: Model) -> tuple[str, str] | None:
    """The subject of a partij whose persoon or organisatie row is already loaded (no query)."""
    if not isinstance(obj, Partij):
        return None
    cache = obj._state.fields_cache
    persoon, organisatie = cache.get("persoon"), cache.get("organisatie")
    if persoon is not None and persoon.bsn:
        return ("BSN", persoon.bsn)
    if organisatie is not None and organisatie.kvk_nummer:
        return ("KVK", organisatie.kvk_nummer)
    return None


def partij_data_subjects(objects: Sequence[Model]) -> list[tuple[str, str] | None]:
    """The data subject of each audited record (`dpl.core.data_subject_id` and its type): the
    BSN of a persoon, the KVK-nummer of an organisatie, else the partij's UUID; None for a
    record that is not about a partij. One query for the whole list (none when the rows are
    loaded). Registered with core.audit in PartiesConfig.ready."""
    cached = [_cached_subject(obj) for obj in objects]
    pks = [None if hit else _partij_pk_of(obj) for obj, hit in zip(objects, cached, strict=True)]
    wanted = {pk for pk in pks if pk is not None}
    rows = (
        {
            pk: (uuid, bsn, kvk)
            for pk, uuid, bsn, kvk in Partij.objects.filter(pk__in=wanted).values_list(
                "pk", "uuid", "persoon__bsn", "organisatie__kvk_nummer"
            )
        }
        if wanted
        else {}
    )
    found: list[tuple[str, str] | None] = []
    for hit, pk in zip(cached, pks, strict=True):
        row = rows.get(pk) if pk is not None else None
        if hit is not None or row is None:
            found.append(hit)
            continue
        uuid, bsn, kvk = row
        found.append(("BSN", bsn) if bsn else ("KVK", kvk) if kvk else ("partij-uuid", str(uuid)))
    return found
