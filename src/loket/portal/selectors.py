"""Reads for the citizen portal: product pages, life events, the DigiD simulator, Mijn Loket and
the page feedback the insight layer reads."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from loket.cases.selectors import zaak_list_for_partij
from loket.catalogue.models import (
    Kanaalvoorkeur,
    Levensgebeurtenis,
    LevensgebeurtenisProduct,
    Product,
)
from loket.contacts.models import Contactverzoek, Klantcontact, Vraag
from loket.messaging.models import Bericht
from loket.messaging.selectors import bericht_list_for_partij
from loket.parties.models import Persoon
from loket.portal.models import PaginaFeedback
from loket.registries.backends import get_brp
from loket.registries.models import BrpPersoon, Reisdocument

if TYPE_CHECKING:
    from loket.balie.models import Afspraak
    from loket.cases.models import Zaak, ZaakDocument
    from loket.contacts.models import Contactverzoek, Klantcontact
    from loket.knowledge.models import ArtikelVersie
    from loket.meldingen.models import Melding
    from loket.messaging.models import Bericht
    from loket.parties.models import Partij
    from loket.registries.backends import PersoonData
    from loket.selfservice.models import Concept, Inzending

# --- catalogue pages -----------------------------------------------------------------------------

# The products the home page lists as "Veelgevraagd" (UPL names), when they are active.
VEELGEVRAAGD = (
    "paspoort",
    "identiteitskaart",
    "rijbewijs",
    "parkeervergunning",
    "afvalcontainer",
    "melding openbare ruimte (algemeen)",
    "hondenbelasting",
    "omgevingsvergunning",
)


def _producten() -> QuerySet[Product]:
    return Product.objects.filter(is_actief=True).select_related(
        "dienstverleningsformule", "organisatie"
    )


def product_get_by_slug(*, slug: str) -> Product | None:
    """An active product by the address of its page."""
    return _producten().filter(slug=slug).first()


def product_list_portal() -> QuerySet[Product]:
    """The products with a page written for citizens (an enriched title), A to Z."""
    return _producten().exclude(titel="").filter(is_gemeente=True).order_by("titel")


def flits_producten() -> list[Product]:
    """What a citizen can arrange online right now, fully automatic (formula without staff)."""
    return list(
        _producten().filter(dienstverleningsformule__zonder_medewerker=True).order_by("titel")
    )


def veelgevraagde_producten() -> list[Product]:
    by_name = {p.upl_naam: p for p in _producten().filter(upl_naam__in=VEELGEVRAAGD)}
    return [by_name[name] for name in VEELGEVRAAGD if name in by_name]


def levensgebeurtenis_list() -> QuerySet[Levensgebeurtenis]:
    return Levensgebeurtenis.objects.annotate(aantal=Count("producten")).order_by(
        "volgorde", "naam"
    )


def levensgebeurtenis_get(*, slug: str) -> Levensgebeurtenis | None:
    """A life event with its active products in order (as `.stappen`)."""
    stappen = (
        LevensgebeurtenisProduct.objects.filter(product__is_actief=True)
        .select_related("product__dienstverleningsformule", "product__organisatie")
        .order_by("volgorde", "pk")
    )
    return (
        Levensgebeurtenis.objects.filter(slug=slug)
        .prefetch_related(Prefetch("levensgebeurtenisproduct_set", queryset=stappen))
        .first()
    )


def levensgebeurtenissen_van_product(product: Product) -> list[Levensgebeurtenis]:
    return list(product.levensgebeurtenissen.order_by("volgorde", "naam"))


def _try_reverse(name: str, **kwargs: object) -> str | None:
    """The URL of another app's page when that page exists (the portal hides the button)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _selfservice_selectors() -> ModuleType | None:
    try:
        return importlib.import_module("loket.selfservice.selectors")
    except ImportError:
        return None


def _balie_selectors() -> ModuleType | None:
    try:
        return importlib.import_module("loket.balie.selectors")
    except ImportError:
        return None


def formulier_url(product: Product) -> str | None:
    """ "Regel het online": the product's active e-form (selfservice), or None."""
    selectors = _selfservice_selectors()
    finder = getattr(selectors, "formulier_for_product", None)
    if finder is None:
        return None
    formulier = finder(product)
    if formulier is None:
        return None
    return _try_reverse("selfservice:formulier", slug=formulier.slug)


def afspraak_url(product: Product) -> str | None:
    """ "Maak een afspraak": the appointment page for this product, when bookable."""
    selectors = _balie_selectors()
    locaties = getattr(selectors, "locatie_list_for_product", None)
    if locaties is not None and not locaties(product).exists():
        return None
    return _try_reverse("selfservice:afspraak_maken", product=product.uuid)


# --- links in knowledge articles ---------------------------------------------------------------

# An article names where the citizen acts, not a fixed address: `loket:formulier` (the online
# form of the article's product), `loket:afspraak`, `loket:product`, `loket:melding`,
# `loket:mijn`. The portal resolves them when it renders the article, so a link follows the
# product to Loket's own form. Articles written before this still link to the municipality's
# old website (`https://www.zeventerpen.example/<path>`); those paths map to the same targets.
ARTIKEL_LINK = re.compile(
    r'href="(?P<url>loket:(?P<doel>[a-z]+)|https?://(?:www\.)?zeventerpen\.example/?(?P<pad>[^"]*))"'
)
OUDE_PADEN = {
    "mijn": "mijn",
    "melding": "melding",
    "afspraak": "afspraak",
    "afvalkalender": "product",
    "afval/kaart": "product",
    "parkeren": "product",
    "gladheid": "product",
    "hond": "product",
    "schade": "product",
    "ondernemen": "afspraak",
}


def _artikel_doel(doel: str, producten: list[Product]) -> str:
    """The URL in Loket for a link target of an article about these products."""
    if doel == "mijn":
        return _try_reverse("portal:mijn") or "/"
    if doel == "melding":
        return _try_reverse("meldingen:nieuw") or "/"
    if doel == "formulier":
        for product in producten:
            url = formulier_url(product)
            if url:
                return url
    if doel in ("afspraak", "formulier"):
        for product in producten:
            if product.kanaal_face:
                url = afspraak_url(product)
                if url:
                    return url
    for product in producten:
        if product.slug:
            return reverse("portal:product", kwargs={"slug": product.slug})
    return reverse("portaal:zoeken")


def artikel_links(html: str, *, producten: list[Product], basis: str = "") -> str:
    """The article's HTML with its `loket:` links (and old website links) pointing at Loket's
    own pages for its products: the form, the appointment page, the product page, Mijn Loket.
    `basis` ("https://loket.example") makes them absolute, for channels outside the portal."""
    if "loket:" not in html and "zeventerpen.example" not in html:
        return html
    gevonden: dict[str, str] = {}

    def vervang(match: re.Match[str]) -> str:
        doel = match.group("doel")
        if doel is None:
            pad = (match.group("pad") or "").strip("/").lower()
            doel = OUDE_PADEN.get(pad, "formulier")
        if doel not in gevonden:
            gevonden[doel] = _artikel_doel(doel, producten)
        return f'href="{basis}{gevonden[doel]}"'

    return ARTIKEL_LINK.sub(vervang, html)


# The same old website named in plain text (the e-mail and SMS variants): "www.zeventerpen.example/
# verhuizen" or with https://; not an e-mail address (info@zeventerpen.example) or another domain.
OUDE_SITE_TEKST = re.compile(
    r"(?<![@\w.-])(?:https?://)?(?:www\.)?zeventerpen\.example(?:/(?P<pad>[\w\-/]*[\w\-]|))?/?"
)


def artikel_tekst_links(tekst: str, *, producten: list[Product], basis: str) -> str:
    """Plain text (an e-mail reply) with the old website's addresses replaced by the absolute
    address of Loket's own page for the article's products, as `artikel_links` does for HTML."""
    if "zeventerpen.example" not in tekst:
        return tekst
    gevonden: dict[str, str] = {}

    def vervang(match: re.Match[str]) -> str:
        pad = (match.group("pad") or "").strip("/").lower()
        doel = OUDE_PADEN.get(pad, "formulier") if pad else "start"
        if doel not in gevonden:
            gevonden[doel] = "/" if doel == "start" else _artikel_doel(doel, producten)
        return f"{basis}{gevonden[doel]}"

    return OUDE_SITE_TEKST.sub(vervang, tekst)


@dataclass
class Kanaaloptie:
    kanaal: str  # click, call or face
    titel: str
    tekst: str
    url: str | None = None
    knop: str = ""
    is_voorkeur: bool = False


@dataclass
class Kanaalsturing:
    """What is fastest for this product and why, and the other ways to arrange it."""

    advies: str
    voorkeur: Kanaaloptie | None
    opties: list[Kanaaloptie] = field(default_factory=list)


def kanaalsturing(product: Product) -> Kanaalsturing:
    formule = product.dienstverleningsformule
    altijd = bool(formule and formule.altijd_beschikbaar)
    telefoon = settings.LOKET_TELEFOONNUMMER
    opties: list[Kanaaloptie] = []
    if product.kanaal_click:
        online = formulier_url(product)
        opties.append(
            Kanaaloptie(
                "click",
                "Regel het online" + (" — 24/7, direct klaar" if altijd else ""),
                (
                    "Wanneer het u uitkomt, met DigiD."
                    if altijd
                    else "Met DigiD, wanneer het u uitkomt; wij behandelen het op werkdagen."
                ),
                online,
                "Regel het online" if online else "",
            )
        )
    if product.kanaal_call:
        opties.append(
            Kanaaloptie(
                "call",
                f"Bel {telefoon}",
                f"Bereikbaar {settings.LOKET_TELEFOON_TIJDEN}.",
                f"tel:{telefoon.replace(' ', '')}",
                f"Bel {telefoon}",
            )
        )
    if product.kanaal_face:
        afspraak = afspraak_url(product)
        opties.append(
            Kanaaloptie(
                "face",
                "Maak een afspraak",
                "Aan de balie in het gemeentehuis, alleen op afspraak.",
                afspraak,
                "Maak een afspraak" if afspraak else "",
            )
        )
    voorkeur_code = product.voorkeurskanaal or (opties[0].kanaal if opties else "")
    voorkeur = next((o for o in opties if o.kanaal == voorkeur_code), None)
    if voorkeur is not None:
        voorkeur.is_voorkeur = True
        opties = [voorkeur, *[o for o in opties if o is not voorkeur]]
    advies = product.kanaaladvies or (voorkeur.titel if voorkeur else "")
    return Kanaalsturing(advies=advies, voorkeur=voorkeur, opties=opties)


def kanaal_label(code: str) -> str:
    return str(dict(Kanaalvoorkeur.choices).get(code, code))


# --- the DigiD simulator -------------------------------------------------------------------------


@dataclass
class DemoInwoner:
    bsn: str
    naam: str
    geboortedatum: dt.date | None
    situaties: list[str]


def _leeftijd(geboortedatum: dt.date | None, vandaag: dt.date) -> int | None:
    if geboortedatum is None:
        return None
    return (
        vandaag.year
        - geboortedatum.year
        - ((vandaag.month, vandaag.day) < (geboortedatum.month, geboortedatum.day))
    )


def demo_inwoners(*, q: str = "", limit: int = 20) -> list[DemoInwoner]:
    """Demo residents to log in as: BRP persons with a Partij, each with what makes their
    situation worth trying (an open zaak, unread messages, a document that expires, age).

    Without a query, about `limit` residents with different situations; with a query, those
    whose surname contains it or whose BSN equals it."""

    vandaag = timezone.localdate()
    personen = (
        Persoon.objects.filter(bsn__isnull=False)
        .filter(Exists(BrpPersoon.objects.filter(bsn=OuterRef("bsn"), overlijdensdatum=None)))
        .select_related("partij")
        .annotate(
            open_zaken=Count(
                "partij__zaken", filter=Q(partij__zaken__einddatum__isnull=True), distinct=True
            )
        )
    )
    q = (q or "").strip()
    if q:
        digits = q.replace(" ", "")
        if digits.isdigit():
            personen = personen.filter(bsn=digits)
        else:
            personen = personen.filter(geslachtsnaam__icontains=q)
        kandidaten = list(personen.order_by("geslachtsnaam", "voornamen")[:limit])
    else:
        # DigiD is for adults in this demo: residents of 18 and older.
        volwassen = dt.date(vandaag.year - 18, vandaag.month, min(vandaag.day, 28))
        kandidaten = list(personen.filter(geboortedatum__lte=volwassen).order_by("pk")[:400])
    bsns = [p.bsn for p in kandidaten]
    verlopend = set(
        Reisdocument.objects.filter(
            persoon__bsn__in=bsns,
            datum_einde_geldigheid__range=(vandaag, vandaag + dt.timedelta(days=120)),
        ).values_list("persoon__bsn", flat=True)
    )
    ongelezen = set(
        Bericht.objects.filter(
            partij__persoon__bsn__in=bsns, gelezen_op__isnull=True, kanaal="inbox"
        ).values_list("partij__persoon__bsn", flat=True)
    )
    inwoners: list[DemoInwoner] = []
    for persoon in kandidaten:
        situaties = []
        leeftijd = _leeftijd(persoon.geboortedatum, vandaag)
        if persoon.open_zaken:
            situaties.append(
                f"{persoon.open_zaken} lopende za{'ak' if persoon.open_zaken == 1 else 'ken'}"
            )
        if persoon.bsn in ongelezen:
            situaties.append("ongelezen bericht")
        if persoon.bsn in verlopend:
            situaties.append("reisdocument verloopt binnenkort")
        if leeftijd is not None and 18 <= leeftijd < 21:
            situaties.append(f"{leeftijd} jaar")
        elif leeftijd is not None and leeftijd >= 67:
            situaties.append(f"{leeftijd} jaar, AOW")
        inwoners.append(
            DemoInwoner(
                bsn=persoon.bsn or "",  # the query keeps persons with a BSN
                naam=persoon.partij.weergavenaam,
                geboortedatum=persoon.geboortedatum,
                situaties=situaties,
            )
        )
    if q:
        return inwoners
    # A spread: each situation represented, then the rest in order.
    gekozen: list[DemoInwoner] = []
    for kenmerk in (
        "lopende za",
        "ongelezen",
        "reisdocument",
        "AOW",
        "18 jaar",
        "19 jaar",
        "20 jaar",
    ):
        for inwoner in inwoners:
            if len([g for g in gekozen if any(kenmerk in s for s in g.situaties)]) >= 4:
                break
            if inwoner not in gekozen and any(kenmerk in s for s in inwoner.situaties):
                gekozen.append(inwoner)
    for inwoner in inwoners:
        if len(gekozen) >= limit:
            break
        if inwoner not in gekozen:
            gekozen.append(inwoner)
    return gekozen[:limit]


# --- Mijn Loket ----------------------------------------------------------------------------------


def mijn_zaken(partij: Partij) -> QuerySet[Zaak]:

    return zaak_list_for_partij(partij=partij)


def mijn_zaak(partij: Partij, uuid: UUID | str) -> Zaak | None:
    try:
        return mijn_zaken(partij).filter(uuid=uuid).first()
    except (ValueError, TypeError):
        return None


def mijn_contacten(partij: Partij) -> QuerySet[Klantcontact]:
    """The citizen's own contacts with the municipality, newest first (no internal notes)."""

    vragen = Vraag.objects.select_related("product").order_by("pk")
    return (
        Klantcontact.objects.filter(partij=partij)
        .select_related("kanaal")
        .prefetch_related(Prefetch("vragen", queryset=vragen))
        .order_by("-plaatsgevonden_op", "-pk")
    )


def mijn_vragen(partij: Partij) -> QuerySet[Contactverzoek]:
    """Questions the municipality still answers (contactverzoeken: "wij bellen u terug")."""

    return (
        Contactverzoek.objects.filter(partij=partij)
        .select_related("vraag__product", "team")
        .order_by("-created_at", "-pk")
    )


def mijn_berichten(partij: Partij) -> QuerySet[Bericht]:

    berichten: QuerySet[Bericht] = bericht_list_for_partij(partij)
    return berichten


def mijn_bericht(partij: Partij, uuid: UUID | str) -> Bericht | None:
    try:
        return mijn_berichten(partij).filter(uuid=uuid).first()
    except (ValueError, TypeError):
        return None


def mijn_inzendingen(partij: Partij) -> list[Inzending]:
    """The citizen's own submissions (selfservice), when that app provides them."""
    finder = getattr(_selfservice_selectors(), "inzending_list_for_partij", None)
    return list(finder(partij)[:50]) if finder is not None else []


def mijn_concepten(partij: Partij) -> list[Concept]:
    finder = getattr(_selfservice_selectors(), "concept_list_for_partij", None)
    return list(finder(partij)[:20]) if finder is not None else []


def mijn_brp_gegevens(partij: Partij) -> PersoonData | None:
    """The citizen's own data as the BRP has it (through the registry backend), or None."""

    persoon = getattr(partij, "persoon", None)
    if persoon is None or not persoon.bsn:
        return None
    return get_brp().persoon(persoon.bsn)


def mijn_afspraken(partij: Partij) -> dict[str, list[Afspraak]]:
    """The citizen's appointments at the counter: coming (planned) and earlier or cancelled."""
    from loket.balie.models import Afspraak, AfspraakStatus

    alle = list(
        Afspraak.objects.filter(partij=partij)
        .select_related("locatie", "product")
        .order_by("-start")[:100]
    )
    nu = timezone.now()
    komend = [a for a in alle if a.status == AfspraakStatus.GEPLAND and a.eind >= nu]
    return {
        "komend": sorted(komend, key=lambda a: a.start),
        "eerder": [a for a in alle if a not in komend],
    }


def mijn_afspraak(partij: Partij, uuid: UUID | str) -> Afspraak | None:
    from loket.balie.models import Afspraak

    try:
        return Afspraak.objects.filter(partij=partij, uuid=uuid).first()
    except (ValueError, TypeError):
        return None


def mijn_meldingen(partij: Partij) -> QuerySet[Melding]:
    """The reports about public space the citizen made while logged in, newest first, with the
    status and the explanation meant for the melder."""
    from loket.meldingen.models import Melding

    return (
        Melding.objects.filter(melder=partij)
        .select_related("categorie")
        .order_by("-created_at", "-pk")
    )


@dataclass
class Contactgegevens:
    email: str
    telefoon: str
    berichten: str  # a key of portal.services.BERICHTEN_KEUZES
    tevredenheid: bool = False  # a short survey after a contact (issue 20; opt-in)


def mijn_contactgegevens(partij: Partij) -> Contactgegevens:
    """The citizen's preferred e-mail address and phone number and how messages reach them
    (the consent the outbox obeys)."""
    from loket.messaging.models import Toestemming
    from loket.parties.constants import SoortDigitaalAdres
    from loket.parties.models import DigitaalAdres

    def voorkeur(soort: str) -> str:
        adres = (
            DigitaalAdres.objects.filter(partij=partij, soort=soort, is_standaard_adres=True)
            .values_list("adres", flat=True)
            .first()
        )
        return adres or ""

    toestemming = Toestemming.objects.filter(partij=partij).first()
    if toestemming is None:
        berichten = "email"
    elif toestemming.sms:
        berichten = "sms"
    elif toestemming.email:
        berichten = "email"
    else:
        berichten = "mijn"
    return Contactgegevens(
        email=voorkeur(SoortDigitaalAdres.EMAIL),
        telefoon=voorkeur(SoortDigitaalAdres.TELEFOON),
        berichten=berichten,
        tevredenheid=bool(toestemming and toestemming.tevredenheid),
    )


def mijn_zaak_documenten(zaak: Zaak) -> list[ZaakDocument]:
    """The documents the citizen added to their zaak (staff documents stay internal)."""
    return list(zaak.documenten.filter(door__isnull=True).order_by("-op", "-pk"))


def regel_ook(
    inzendingen: list[Inzending], *, dagen: int = 30
) -> tuple[Levensgebeurtenis | None, list[Product]]:
    """ "Regel ook": after a recent submission for a product that belongs to a life event, the
    other products of that event (a verhuismelding offers parkeervergunning, afvalpas, ...)."""
    grens = timezone.now() - dt.timedelta(days=dagen)
    for inzending in inzendingen:
        product = getattr(getattr(inzending, "formulier", None), "product", None)
        if product is None or inzending.ingediend_op < grens:
            continue
        gebeurtenis = product.levensgebeurtenissen.order_by("volgorde").first()
        if gebeurtenis is None:
            continue
        gedaan = {getattr(i.formulier, "product_id", None) for i in inzendingen}
        # The submission's own follow-ups when selfservice knows them (after a move within the
        # municipality: never emigration), else the life event's other products.
        vervolg = getattr(_selfservice_selectors(), "inzending_vervolgaanbod", None)
        eigen = [p for p, _formulier in vervolg(inzending)] if vervolg is not None else []
        kandidaten = eigen or [
            stap.product
            for stap in LevensgebeurtenisProduct.objects.filter(
                levensgebeurtenis=gebeurtenis, product__is_actief=True
            )
            .select_related("product")
            .order_by("volgorde")
        ]
        return gebeurtenis, [p for p in kandidaten if p.pk not in gedaan]
    return None, []


@dataclass
class MijnOverzicht:
    open_zaken: list
    recente_zaken: list
    berichten: list
    ongelezen: int
    contacten: list
    vragen: list
    inzendingen: list
    concepten: list
    levensgebeurtenis: Levensgebeurtenis | None = None
    regel_ook: list = field(default_factory=list)
    afspraken: list = field(default_factory=list)
    meldingen: list = field(default_factory=list)


def mijn_overzicht(partij: Partij) -> MijnOverzicht:
    zaken = list(mijn_zaken(partij)[:30])
    berichten = list(mijn_berichten(partij)[:5])
    inzendingen = mijn_inzendingen(partij)
    gebeurtenis, aanbod = regel_ook(inzendingen)
    return MijnOverzicht(
        open_zaken=[z for z in zaken if z.einddatum is None],
        recente_zaken=[z for z in zaken if z.einddatum is not None][:5],
        berichten=berichten,
        ongelezen=mijn_berichten(partij).filter(gelezen_op__isnull=True).count(),
        contacten=list(mijn_contacten(partij)[:5]),
        vragen=list(mijn_vragen(partij).exclude(status="verwerkt")[:5]),
        inzendingen=inzendingen[:5],
        concepten=mijn_concepten(partij),
        levensgebeurtenis=gebeurtenis,
        regel_ook=aanbod,
        afspraken=mijn_afspraken(partij)["komend"][:5],
        meldingen=list(mijn_meldingen(partij)[:5]),
    )


# --- page feedback (read by the insight layer) ---------------------------------------------------


def pagina_feedback_list(
    *,
    van: dt.datetime | None = None,
    tot: dt.datetime | None = None,
    product: Product | None = None,
    geholpen: bool | None = None,
) -> QuerySet[PaginaFeedback]:
    """Feedback answers, newest first; `van` inclusive, `tot` exclusive."""
    qs = PaginaFeedback.objects.select_related("product", "artikel", "levensgebeurtenis")
    if van is not None:
        qs = qs.filter(moment__gte=van)
    if tot is not None:
        qs = qs.filter(moment__lt=tot)
    if product is not None:
        qs = qs.filter(product=product)
    if geholpen is not None:
        qs = qs.filter(geholpen=geholpen)
    return qs.order_by("-moment", "-pk")


@dataclass(frozen=True)
class FeedbackPerPagina:
    pad: str
    paginatitel: str
    ja: int
    nee: int
    opmerkingen: int

    @property
    def totaal(self) -> int:
        return self.ja + self.nee

    @property
    def percentage_geholpen(self) -> float | None:
        return round(100 * self.ja / self.totaal, 1) if self.totaal else None


def pagina_feedback_per_pagina(
    *, van: dt.datetime | None = None, tot: dt.datetime | None = None
) -> list[FeedbackPerPagina]:
    """Per page: how many said yes and no, and how many left a comment; the least helpful
    pages (most "nee") first."""
    rows = (
        pagina_feedback_list(van=van, tot=tot)
        .order_by()
        .values("pad")
        .annotate(
            ja=Count("pk", filter=Q(geholpen=True)),
            nee=Count("pk", filter=Q(geholpen=False)),
            opmerkingen=Count("pk", filter=~Q(opmerking="")),
        )
    )
    titels = dict(
        PaginaFeedback.objects.exclude(paginatitel="")
        .order_by("pad", "moment")
        .values_list("pad", "paginatitel")
    )
    result = [
        FeedbackPerPagina(
            pad=row["pad"],
            paginatitel=titels.get(row["pad"], ""),
            ja=row["ja"],
            nee=row["nee"],
            opmerkingen=row["opmerkingen"],
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (-r.nee, r.pad))


def artikel_email_antwoord(versie: ArtikelVersie) -> tuple[str, str]:
    """(onderwerp, tekst) of the e-mail reply from one published version, with the old
    website's addresses turned into Loket's own pages (absolute): what the KCC panel offers to
    copy and what the inbox puts in an answer."""
    from django.conf import settings

    from loket.knowledge.email import email_antwoord

    onderwerp, tekst = email_antwoord(versie=versie)
    tekst = artikel_tekst_links(
        tekst, producten=list(versie.artikel.producten.all()), basis=settings.LOKET_BASE_URL
    )
    return onderwerp, tekst
