"""Reads for meldingen openbare ruimte: the access rule, triage and team queues, duplicates,
and what the citizens' form reads (address search, the check for similar meldingen, the map)."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.accounts.permissions import DISTRIBUTE_WORK, HANDLE_CASES
from loket.core.access import sees_all_teams
from loket.core.audit import audit_record
from loket.core.errors import DomainError
from loket.core.models import AuditAction
from loket.core.types import Actor
from loket.meldingen.geo import gemeentegrens, in_gemeente
from loket.meldingen.models import MELDING_OPEN, MeldCategorie, Melding, MeldingGebeurtenis
from loket.parties.selectors import ensure_may_view_person_data
from loket.registries.backends import AdresData, get_bag

if TYPE_CHECKING:
    from loket.parties.models import Partij

OTHER_TEAM_MELDING = "Deze melding hoort bij een ander team."


def _require_cases(user: Actor | None) -> None:
    if user is None or not user.has_perm(HANDLE_CASES):
        raise PermissionDenied("U mag zaken niet inzien.")


# --- access: one rule for the page, the API and the admin ---------------------------------------


def melding_access_filter(user: Actor | None) -> Q:
    """The same rule for meldingen: a melding in triage (no team yet) is for every behandelaar."""
    if sees_all_teams(user, perm=DISTRIBUTE_WORK):
        return Q()
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return Q(pk__in=[])
    return Q(team__isnull=True) | Q(team__in=user.teams.all())


def access_melding(*, user: Actor | None, melding: Melding) -> Melding:
    if sees_all_teams(user, perm=DISTRIBUTE_WORK):
        return melding
    if (
        not getattr(user, "is_authenticated", False)
        or not isinstance(user, User)
        or (melding.team_id is not None and not user.teams.filter(pk=melding.team_id).exists())
    ):
        raise PermissionDenied(OTHER_TEAM_MELDING)
    return melding


# --- meldingen ---------------------------------------------------------------------------------


def melding_duplicates(
    *,
    categorie: MeldCategorie | None,
    lat: float | None,
    lon: float | None,
    exclude_pk: int | None = None,
    now: dt.datetime | None = None,
) -> list[Melding]:
    """Open meldingen of the same category within LOKET_MELDING_DUBBEL_METERS in the last
    LOKET_MELDING_DUBBEL_DAGEN days, nearest first. A bounding box on (lat, lon) narrows the
    rows in the database; the exact distance (haversine) is computed for those few."""
    from loket.meldingen.services import haversine_m  # services import these selectors

    if categorie is None or lat is None or lon is None:
        return []
    metres = settings.LOKET_MELDING_DUBBEL_METERS
    dlat = metres / 111_320.0
    dlon = metres / (111_320.0 * max(0.01, math.cos(math.radians(lat))))
    since = (now or timezone.now()) - dt.timedelta(days=settings.LOKET_MELDING_DUBBEL_DAGEN)
    qs = Melding.objects.filter(
        categorie=categorie,
        status__in=MELDING_OPEN,
        lat__gte=lat - dlat,
        lat__lte=lat + dlat,
        lon__gte=lon - dlon,
        lon__lte=lon + dlon,
        created_at__gte=since,
    ).only("pk", "uuid", "referentie", "lat", "lon", "adres", "tekst", "created_at", "status")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    found = []
    for melding in qs[:200]:
        if melding.lat is None or melding.lon is None:
            continue  # not returned by the filter above
        distance = haversine_m(lat, lon, melding.lat, melding.lon)
        if distance <= metres:
            melding.afstand_m = round(distance)
            found.append(melding)
    return sorted(found, key=lambda m: m.afstand_m)


def melding_triage_list(*, user: Actor | None) -> QuerySet[Melding]:

    _require_cases(user)
    return (
        Melding.objects.filter(in_triage=True, status__in=MELDING_OPEN)
        .select_related("voorgestelde_categorie")
        .order_by("created_at", "pk")
    )


def melding_list_for_team(
    *, user: Actor | None, team: Team, open_only: bool = True
) -> QuerySet[Melding]:

    _require_cases(user)
    qs = Melding.objects.filter(
        melding_access_filter(user), team=team, in_triage=False
    ).select_related("categorie")
    if open_only:
        qs = qs.filter(status__in=MELDING_OPEN)
    return qs.order_by("streefdatum", "pk")


def melding_get(*, pk: int, user: Actor | None) -> Melding:
    _require_cases(user)
    melding = access_melding(
        user=user,
        melding=Melding.objects.select_related(
            "categorie", "voorgestelde_categorie", "team", "melder", "zaak"
        ).get(pk=pk),
    )
    if melding.melder_id is not None:
        audit_record(
            user=user,
            action=AuditAction.READ,
            obj=melding.melder,
            purpose="Melding openbare ruimte behandelen",
            detail={"gegevens": "melding", "melding": melding.referentie},
        )
    return melding


def melding_categories() -> QuerySet[MeldCategorie]:
    return MeldCategorie.objects.filter(is_actief=True).order_by("hoofdcategorie", "subcategorie")


# --- the citizens' melding form: map, address search, similar meldingen nearby --------------------


@dataclass(frozen=True, slots=True)
class PlekGevonden:
    """An address search result: where to put the pin and what to write in the address field."""

    label: str
    lat: float
    lon: float
    adres: bool = True  # one address; False: a street (the middle of its addresses)


@dataclass(frozen=True, slots=True)
class MeldingDichtbij:
    """What the form may show a citizen of another open melding: only what the public Open311
    feed shows too (no text, no reporter, no address; the distance instead)."""

    uuid: str
    referentie: str
    categorie: str
    status: str
    gemeld_op: dt.date
    afstand_m: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class MeldingControle:
    """What the form learns from the text and the point before it is sent: the category the
    classifier is confident of (or None), whether it asks for urgency, similar meldingen."""

    categorie: MeldCategorie | None
    vraagt_urgentie: bool
    dichtbij: list[MeldingDichtbij]


POSTCODE_QUERY = re.compile(r"^(\d{4})\s*([a-zA-Z]{2})\b\s*(\d{1,5})?\s*([a-zA-Z])?\b")
STREET_QUERY = re.compile(
    r"^(?P<straat>[^\d,]{2,80}?)\s*(?P<nummer>\d{1,5})?\s*(?P<letter>[a-zA-Z])?\s*"
    r"(?:,\s*(?:\d{4}\s*[a-zA-Z]{2}\s*)?(?P<plaats>[^\d,]{2,80}))?$"
)
MAX_PLEKKEN = 10


def _plek(adres: AdresData, *, met_nummer: bool = True) -> PlekGevonden | None:
    if adres.lat is None or adres.lon is None or not in_gemeente(adres.lat, adres.lon):
        return None
    straat = f"{adres.straatnaam} {adres.huisnummer_volledig}" if met_nummer else adres.straatnaam
    return PlekGevonden(
        label=f"{straat}, {adres.woonplaats}", lat=adres.lat, lon=adres.lon, adres=met_nummer
    )


def melding_plek_search(*, zoekterm: str) -> list[PlekGevonden]:
    """Places in the municipality for what a citizen typed: a postcode with or without house
    number ("7871 AB 12"), or a street with an optional number and woonplaats ("Kerkstraat 12,
    Oosterterp"). A street without a number (or with a number it does not have) gives one
    result per street and woonplaats (the middle of its addresses). Through the BAG of the registries interface; addresses without a
    point or outside the municipality are left out."""
    zoekterm = " ".join((zoekterm or "").split())[:120]
    bag = get_bag()
    gevonden: list[PlekGevonden | None]
    postcode = POSTCODE_QUERY.match(zoekterm)
    if postcode:
        code = (postcode.group(1) + postcode.group(2)).upper()
        if postcode.group(3):
            adres = bag.adres(code, int(postcode.group(3)), (postcode.group(4) or "").upper())
            gevonden = [_plek(adres)] if adres else []
        else:
            gevonden = [_plek(a) for a in bag.adressen(code)]
        return [p for p in gevonden if p][:MAX_PLEKKEN]
    street = STREET_QUERY.match(zoekterm)
    if not street:
        return []
    nummer = int(street.group("nummer")) if street.group("nummer") else None
    plaats = street.group("plaats") or ""
    adressen = bag.zoek(street.group("straat"), nummer, plaats)
    if nummer is not None and adressen:
        letter = (street.group("letter") or "").upper()
        exact = [a for a in adressen if a.huisletter.upper() == letter]
        gevonden = [_plek(a) for a in (exact or adressen)]
        return [p for p in gevonden if p][:MAX_PLEKKEN]
    if nummer is not None:  # no such number: the street itself, so the pin lands near
        adressen = bag.zoek(street.group("straat"), None, plaats)
    per_straat: dict[tuple[str, str], list[AdresData]] = {}
    for adres in adressen:
        per_straat.setdefault((adres.straatnaam, adres.woonplaats), []).append(adres)
    gevonden = [_plek(rij[len(rij) // 2], met_nummer=False) for rij in per_straat.values()]
    return [p for p in gevonden if p][:MAX_PLEKKEN]


def melding_adres_bij_punt(*, lat: float, lon: float) -> PlekGevonden | None:
    """The nearest BAG address (within 50 m) of a point placed on the map, to name the place in
    words; None when there is none or the registry cannot search by point."""
    adres = get_bag().dichtstbij(lat, lon, 50)
    return _plek(adres) if adres is not None else None


def melding_plek_van_adres(*, adres: str) -> PlekGevonden | None:
    """The point of an address typed without the map (no JavaScript): only when the BAG knows
    exactly one address for it (a postcode or street with a house number), else None."""
    if not re.search(r"\d", adres or ""):
        return None
    plekken = melding_plek_search(zoekterm=adres)
    return plekken[0] if len(plekken) == 1 and plekken[0].adres else None


def melding_controleren(
    *, tekst: str, lat: float | None, lon: float | None, now: dt.datetime | None = None
) -> MeldingControle:
    """The form's check while the citizen fills it in: the classifier's category for the text
    (when confident enough to route), whether that category asks for urgency, and the open
    meldingen of that category near the point ("is dit dezelfde?"), public data only."""
    from django.conf import settings

    from loket.meldingen.classification import get_classifier

    tekst = (tekst or "").strip()[:4000]
    categorie = None
    if len(tekst) >= 5:
        result = get_classifier().classify(tekst)
        if result.code and result.zekerheid >= settings.LOKET_MELDING_DREMPEL:
            categorie = MeldCategorie.objects.filter(code=result.code, is_actief=True).first()
    dichtbij: list[MeldingDichtbij] = []
    if categorie is not None and lat is not None and lon is not None:
        dichtbij = [
            MeldingDichtbij(
                uuid=str(m.uuid),
                referentie=m.referentie,
                categorie=str(categorie),
                status=m.get_status_display(),
                gemeld_op=m.created_at.date(),
                afstand_m=m.afstand_m,
                lat=m.lat,
                lon=m.lon,
            )
            for m in melding_duplicates(categorie=categorie, lat=lat, lon=lon, now=now)[:5]
            if m.lat is not None and m.lon is not None
        ]
    return MeldingControle(
        categorie=categorie,
        vraagt_urgentie=bool(categorie and categorie.vraagt_urgentie),
        dichtbij=dichtbij,
    )


def melding_te_volgen(*, uuid: str) -> Melding:
    """An open melding a citizen may follow (by the uuid the form showed), or DomainError."""
    melding = Melding.objects.select_related("categorie").filter(uuid=uuid).first()
    if melding is None or not melding.is_open:
        raise DomainError(
            "Deze melding is er niet (meer) of al afgehandeld; doe een nieuwe melding.",
            field="melding",
        )
    return melding


def melder_contactgegevens(*, partij: Partij) -> dict[str, str]:
    """Name and e-mail address a logged-in citizen's form starts with (their own data, read
    for themselves: no audit record, as in Mijn Loket)."""
    from loket.parties.constants import SoortDigitaalAdres

    email = (
        partij.digitale_adressen.filter(soort=SoortDigitaalAdres.EMAIL)
        .order_by("-is_standaard_adres", "-verified_at", "pk")
        .values_list("adres", flat=True)
        .first()
    )
    return {"naam": partij.weergavenaam, "email": email or ""}


def kaart_geojson() -> dict[str, Any]:
    """The municipality's own map for a form without tiles: the boundary and the streets from
    the BAG (registries interface) as one GeoJSON FeatureCollection (WGS84, lon/lat)."""
    features = list(gemeentegrens()["features"])
    for straat in get_bag().straten():
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "soort": "straat",
                    "naam": straat.straatnaam,
                    "woonplaats": straat.woonplaats,
                },
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[round(lon, 6), round(lat, 6)] for lat, lon in straat.punten],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- the klantbeeld (staff read a klant's meldingen; audited) ----------------------------------


def melding_may_access(user: Actor | None, melding: Melding) -> bool:
    """Whether the caller may see the melding's internal handling (`access_melding`'s rule)."""
    try:
        access_melding(user=user, melding=melding)
    except PermissionDenied:
        return False
    return True


def melding_list_for_melder(
    *, partij: Partij, user: Actor | None, purpose: str
) -> QuerySet[Melding]:
    """The meldingen one klant made, newest first, for the KCC's klantbeeld: what the melder
    was told (status, expected date, the note for the melder), not the team's handling. Needs
    the right to see person data; the read is audited."""
    ensure_may_view_person_data(user)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "meldingen"},
    )
    return (
        Melding.objects.filter(melder=partij)
        .select_related("categorie")
        .order_by("-created_at", "-pk")
    )


def melding_get_for_melder(*, partij: Partij, pk: int, user: Actor | None, purpose: str) -> Melding:
    """One melding of this klant (Melding.DoesNotExist if not theirs); audited. Its internal
    history is for whom `melding_may_access` allows (`melding_history`)."""
    ensure_may_view_person_data(user)
    melding = Melding.objects.select_related("categorie", "team", "zaak").get(melder=partij, pk=pk)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=partij,
        purpose=purpose,
        detail={"gegevens": "melding", "melding": melding.referentie},
    )
    return melding


def melding_history(
    *, melding: Melding, user: Actor | None, limit: int = 50
) -> list[MeldingGebeurtenis]:
    """The melding's handling history, newest first, if the caller may see it (else [])."""
    if not melding_may_access(user, melding):
        return []
    return list(melding.gebeurtenissen.select_related("door").order_by("-op", "-id")[:limit])
