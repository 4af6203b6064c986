"""The automations of Flits products: checks while the citizen fills in the form, an assessment
whether the submission can be handled without a person, and the handling itself.

Every automation has:
- `controles`: named step checks (`Formulier.stappen[i]["controles"]`) that raise DomainError at
  a field, so bad input is refused while the citizen is still on the page;
- `beoordelen(inzending, partij) -> str`: "" when the automation may run, else the reason the
  submission goes to the back office (flagged, not refused: never lost);
- `uitvoeren(inzending, partij) -> dict`: does the work inside the caller's transaction and
  returns the result the citizen sees; `bevestiging(inzending)` gives (onderwerp, tekst).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import secrets
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone

from loket.core.errors import DomainError
from loket.registries.backends import AdresData, PersoonData, get_bag, get_brp
from loket.registries.services import brp_verhuizing_register, huisgenoten
from loket.selfservice.fields import parse_date

# Wet BRP: a move is reported from 4 weeks before until 5 days after the moving date.
VERHUIZING_MAX_VOORUIT = dt.timedelta(weeks=4)
VERHUIZING_MAX_ACHTERAF = dt.timedelta(days=5)
VERHUIZING_MAX_VERLEDEN = dt.timedelta(days=365 * 2)


def _municipality() -> str:
    return settings.LOKET_MUNICIPALITY


# Registry answers within one submission or validation: the same person and address are asked
# for by several checks; a registry call costs a round trip (and over HTTP far more).
_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar("registry_cache", default=None)


@contextlib.contextmanager
def registry_cache() -> Iterator[None]:
    """Remember registry answers until the block ends (nested blocks share the outer cache)."""
    if _cache.get() is not None:
        yield
        return
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def _cached(key: tuple, compute: Callable[[], Any]) -> Any:
    cache = _cache.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget_cached() -> None:
    """Drop remembered answers (after a write to the registry)."""
    cache = _cache.get()
    if cache is not None:
        cache.clear()


def persoon_van(partij) -> PersoonData | None:
    """The BRP person of a logged-in party (None for organisations or unknown BSNs)."""
    persoon = getattr(partij, "persoon", None) if partij is not None else None
    bsn = getattr(persoon, "bsn", "")
    if not bsn:
        return None
    return _cached(("persoon", bsn), lambda: get_brp().persoon(bsn))


def _datum(value: str | dt.date) -> str:
    day = parse_date(value)
    return f"{day:%d-%m-%Y}" if day else str(value)


# --- verhuizing -------------------------------------------------------------------------------


def nieuw_adres(gegevens: Mapping[str, Any]) -> AdresData | None:
    """The new address as the BAG knows it, from the form's postcode/huisnummer/letter/toevoeging."""
    try:
        huisnummer = int(gegevens.get("huisnummer") or 0)
    except (TypeError, ValueError):
        return None
    if not gegevens.get("postcode") or not huisnummer:
        return None
    key = (
        str(gegevens["postcode"]).replace(" ", "").upper(),
        huisnummer,
        str(gegevens.get("huisletter") or ""),
        str(gegevens.get("toevoeging") or ""),
    )
    return _cached(("adres", *key), lambda: get_bag().adres(*key))


def controle_nieuw_adres(gegevens: Mapping[str, Any], partij) -> None:
    adres = nieuw_adres(gegevens)
    if adres is None:
        raise DomainError(
            "Nieuw adres: wij kunnen dit adres niet vinden in de Basisregistratie Adressen en "
            "Gebouwen (BAG). Controleer de postcode, het huisnummer en eventueel de huisletter "
            "of toevoeging.",
            errors={
                "postcode": [
                    "Postcode en huisnummer: dit adres bestaat niet in de BAG. Controleer de "
                    "postcode, het huisnummer en eventueel de huisletter of toevoeging."
                ]
            },
            field="postcode",
        )
    if adres.gemeente and adres.gemeente != _municipality():
        raise DomainError(
            f"Postcode: dit adres ligt in de gemeente {adres.gemeente}. Geef uw verhuizing door "
            "aan uw nieuwe gemeente.",
            field="postcode",
        )
    persoon = persoon_van(partij)
    huidig = persoon.adres if persoon is not None else None
    if huidig is not None and huidig.nummeraanduiding_id == adres.nummeraanduiding_id:
        raise DomainError(
            "Postcode: u staat al ingeschreven op dit adres. Vul uw nieuwe adres in.",
            field="postcode",
        )


def controle_verhuisdatum(gegevens: Mapping[str, Any], partij) -> None:
    day = parse_date(gegevens.get("verhuisdatum"))
    if day is None:
        return  # the field check already said so
    today = timezone.localdate()
    if day > today + VERHUIZING_MAX_VOORUIT:
        raise DomainError(
            "Verhuisdatum: u kunt een verhuizing hoogstens 4 weken van tevoren doorgeven "
            f"(uiterlijk {today + VERHUIZING_MAX_VOORUIT:%d-%m-%Y}).",
            field="verhuisdatum",
        )
    if day < today - VERHUIZING_MAX_VERLEDEN:
        raise DomainError(
            "Verhuisdatum: deze datum ligt meer dan twee jaar terug. Controleer de datum. Klopt "
            "hij, dan is uw verhuizing te laat doorgegeven: neem contact op met de gemeente.",
            field="verhuisdatum",
        )
    persoon = persoon_van(partij)
    if persoon is not None and persoon.adres_sinds and day <= persoon.adres_sinds:
        raise DomainError(
            "Verhuisdatum: deze datum ligt vóór de dag waarop u op uw huidige adres kwam wonen "
            f"({persoon.adres_sinds:%d-%m-%Y}).",
            field="verhuisdatum",
        )


def verhuisdatum_aanwijzing(gegevens: Mapping[str, Any]) -> str:
    """The notice for a move reported late (more than 5 days after the moving date, Wet BRP):
    still accepted, but a medewerker looks at it; "" when the date is in time."""
    day = parse_date(gegevens.get("verhuisdatum"))
    today = timezone.localdate()
    if day is None or day >= today - VERHUIZING_MAX_ACHTERAF:
        return ""
    return (
        f"Te laat doorgegeven: u bent verhuisd op {day:%d-%m-%Y}. Een verhuizing geeft u "
        "uiterlijk 5 dagen na de verhuisdatum door. U kunt hem nu nog doorgeven; een medewerker "
        "bekijkt uw melding en neemt contact met u op als dat nodig is. De gemeente kan u een "
        "boete geven als u een verhuizing te laat doorgeeft."
    )


def nieuw_adres_weergave(gegevens: Mapping[str, Any]) -> str:
    """The new address as the BAG spells it (street, number, postcode, place), for the check
    page; "" when the BAG does not know it."""
    adres = nieuw_adres(gegevens)
    return str(adres) if adres is not None else ""


def huishouden_keuzes(partij) -> list[tuple[str, str]]:
    persoon = persoon_van(partij)
    if persoon is None:
        return []
    return [
        (
            p.bsn,
            f"{p.volledige_naam} (geboren {p.geboortedatum:%d-%m-%Y})"
            if p.geboortedatum
            else p.volledige_naam,
        )
        for p in _cached(("huisgenoten", persoon.bsn), lambda: huisgenoten(persoon=persoon))
    ]


def controle_meeverhuizers(gegevens: Mapping[str, Any], partij) -> None:
    if gegevens.get("anderen_verhuizen_mee") == "ja":
        missing = {}
        if not str(gegevens.get("anderen_namen") or "").strip():
            missing["anderen_namen"] = [
                "Namen en geboortedata: vul in wie er nog meer met u mee verhuist."
            ]
        if missing:
            first = next(iter(missing.values()))[0]
            raise DomainError(first, field=next(iter(missing)), errors=missing)


def verhuizing_beoordelen(inzending, partij) -> str:
    gegevens = inzending.gegevens
    redenen = []
    persoon = persoon_van(partij)
    if persoon is None:
        return "De indiener is niet als inwoner bekend in de BRP."
    adres = nieuw_adres(gegevens)
    if adres is None:
        return "Het nieuwe adres bestaat niet (meer) in de BAG."
    if adres.in_onderzoek:
        redenen.append(f"Het nieuwe adres ({adres}) is in onderzoek.")
    day = parse_date(gegevens.get("verhuisdatum"))
    today = timezone.localdate()
    if day is not None and day < today - VERHUIZING_MAX_ACHTERAF:
        redenen.append(
            f"Te laat gemeld: verhuisd op {day:%d-%m-%Y}, gemeld op {today:%d-%m-%Y} "
            "(meer dan 5 dagen na de verhuizing)."
        )
    if gegevens.get("anderen_verhuizen_mee") == "ja":
        redenen.append(
            "Er verhuizen personen mee die niet op het huidige adres staan: "
            f"{str(gegevens.get('anderen_namen') or '').strip()[:300]}"
        )
    return " ".join(redenen)


def verhuizing_uitvoeren(inzending, partij) -> dict:
    gegevens = inzending.gegevens
    persoon = persoon_van(partij)
    adres = nieuw_adres(gegevens)
    day = parse_date(gegevens["verhuisdatum"])
    # verhuizing_beoordelen and the form's checks refused a submission without these.
    assert persoon is not None and adres is not None and day is not None
    personen = brp_verhuizing_register(
        bsn=persoon.bsn,
        adres=adres,
        datum=day,
        meeverhuizers=gegevens.get("meeverhuizers") or [],
        persoon=persoon,
        huis=_cached(("huisgenoten", persoon.bsn), lambda: huisgenoten(persoon=persoon)),
    )
    forget_cached()
    return {
        "adres": str(adres),
        "verhuisdatum": day.isoformat(),
        "personen": [p.volledige_naam for p in personen],
    }


def verhuizing_bevestiging(inzending) -> tuple[str, str]:
    r = inzending.resultaat
    wie = ", ".join(r.get("personen", []))
    return (
        "Uw verhuizing is verwerkt",
        f"Wij hebben uw verhuizing per {_datum(r.get('verhuisdatum', ''))} verwerkt. "
        f"Uw nieuwe adres in de Basisregistratie Personen is {r.get('adres')}.\n"
        f"Verhuisd: {wie}.\nKenmerk: {inzending.kenmerk}.",
    )


# --- afvalpas ---------------------------------------------------------------------------------


def afvalpas_beoordelen(inzending, partij) -> str:
    persoon = persoon_van(partij)
    if persoon is None or persoon.adres is None:
        return "De indiener heeft geen woonadres in de gemeente; een afvalpas hoort bij een adres."
    return ""


def afvalpas_uitvoeren(inzending, partij) -> dict:
    persoon = persoon_van(partij)
    assert persoon is not None  # afvalpas_beoordelen refused otherwise
    pasnummer = "AP" + "".join(secrets.choice("0123456789") for _ in range(8))
    return {
        "pasnummer": pasnummer,
        "adres": str(persoon.adres),
        "reden": inzending.gegevens.get("reden", ""),
        "oude_pas_geblokkeerd": True,
    }


def afvalpas_bevestiging(inzending) -> tuple[str, str]:
    r = inzending.resultaat
    return (
        "Uw nieuwe afvalpas is aangemaakt",
        f"Uw oude afvalpas is geblokkeerd. Uw nieuwe pas (nummer {r.get('pasnummer')}) voor "
        f"{r.get('adres')} komt binnen 5 werkdagen met de post. Tot die tijd opent de container "
        f"ook met het pasnummer in de Afval-app.\nKenmerk: {inzending.kenmerk}.",
    )


# --- uittreksel BRP ---------------------------------------------------------------------------


def uittreksel_beoordelen(inzending, partij) -> str:
    if persoon_van(partij) is None:
        return "De indiener is niet bekend in de BRP."
    return ""


def uittreksel_uitvoeren(inzending, partij) -> dict:
    p = persoon_van(partij)
    assert p is not None  # uittreksel_beoordelen refused otherwise
    now = timezone.localtime()
    regels = [
        f"Uittreksel uit de Basisregistratie Personen – gemeente {_municipality()}",
        f"Afgegeven op {now:%d-%m-%Y %H:%M}",
        "",
        f"Naam: {p.volledige_naam}",
        f"Burgerservicenummer: {p.bsn}",
        f"Geboortedatum: {p.geboortedatum:%d-%m-%Y}" if p.geboortedatum else "Geboortedatum: -",
        f"Geboorteplaats: {p.geboorteplaats or '-'}",
        f"Adres: {p.adres or '-'}",
        f"Op dit adres sinds: {p.adres_sinds:%d-%m-%Y}" if p.adres_sinds else "",
    ]
    doel = inzending.gegevens.get("doel", "")
    if doel:
        regels.append(f"Doel: {doel}")
    regels += [
        "",
        "Demo-uittreksel: Zeventerpen is een fictieve gemeente; dit document is geen bewijsstuk.",
        f"Kenmerk: {inzending.kenmerk}",
    ]
    return {"document": "\n".join(r for r in regels if r is not None)}


def uittreksel_bevestiging(inzending) -> tuple[str, str]:
    return (
        "Uw uittreksel uit de BRP staat klaar",
        "Uw uittreksel uit de Basisregistratie Personen staat klaar in Mijn Loket, bij Mijn "
        f"inzendingen.\nKenmerk: {inzending.kenmerk}.",
    )


CONTROLES: dict[str, Callable[[Mapping[str, Any], Any], None]] = {
    "nieuw_adres": controle_nieuw_adres,
    "verhuisdatum": controle_verhuisdatum,
    "meeverhuizers": controle_meeverhuizers,
}
# What the check page adds to a step with this check: a line (label, text from a registry) and a
# notice (shown above the send button, not an error).
SAMENVATTING: dict[str, tuple[str, Callable[[Mapping[str, Any]], str]]] = {
    "nieuw_adres": ("Nieuw adres", nieuw_adres_weergave),
}
AANWIJZINGEN: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "verhuisdatum": verhuisdatum_aanwijzing,
}
KEUZEBRONNEN: dict[str, Callable[[Any], list[tuple[str, str]]]] = {
    "huishouden": huishouden_keuzes,
}
AUTOMATISERINGEN = {
    "verhuizing": (verhuizing_beoordelen, verhuizing_uitvoeren, verhuizing_bevestiging),
    "afvalpas": (afvalpas_beoordelen, afvalpas_uitvoeren, afvalpas_bevestiging),
    "brp-uittreksel": (uittreksel_beoordelen, uittreksel_uitvoeren, uittreksel_bevestiging),
}
