"""Reads for the Klantinteracties API: Loket's own selectors (their access rules and audit), with
the filters and the prefetching this API needs. A list returns rows for one page to be rendered
without a query per row; the view records the persons on the page it shows
(`api.common.audit_page`), a detail read is recorded here."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet

from loket.accounts.models import Team, User
from loket.contacts.models import (
    Contactverzoek,
    ContactverzoekGebeurtenis,
    Klantcontact,
    Vraag,
)
from loket.contacts.selectors import (
    contactverzoek_get_for_api,
    contactverzoek_list_for_api,
    klantcontact_get,
    klantcontact_list,
)
from loket.contacts.vertrouwelijk import klantcontact_readable_q, klantcontact_redact
from loket.core.access import api_token
from loket.core.audit import audit_record
from loket.core.models import AuditAction, Kanaal
from loket.core.types import Actor
from loket.klantinteracties.uuids import Kind, pk_of
from loket.parties.models import DigitaalAdres, Partij
from loket.parties.selectors import ensure_may_view_person_data, partij_get

T = TypeVar("T")

# codeSoortObjectId → the Loket field that holds it.
IDENTIFICATOR_FIELDS = {
    "bsn": "persoon__bsn",
    "kvk_nummer": "organisatie__kvk_nummer",
    "vestigingsnummer": "organisatie__vestigingsnummer",
    "rsin": "organisatie__rsin",
}
IDENTIFICATOR_SOORT = {
    Kind.BSN: "bsn",
    Kind.KVK_NUMMER: "kvk_nummer",
    Kind.VESTIGINGSNUMMER: "vestigingsnummer",
    Kind.RSIN: "rsin",
}
REGISTER_SOORTEN = {"brp": {"bsn"}, "hr": {"kvk_nummer", "vestigingsnummer", "rsin"}}
OBJECTTYPE_SOORTEN = {
    "natuurlijk_persoon": {"bsn"},
    "niet_natuurlijk_persoon": {"kvk_nummer", "rsin"},
    "vestiging": {"vestigingsnummer"},
}


@dataclass(frozen=True)
class IdentificatorFilter:
    """The partijIdentificator filters of the spec; empty fields do not filter."""

    code_objecttype: str = ""
    code_soort_object_id: str = ""
    object_id: str = ""
    code_register: str = ""

    def soorten(self) -> set[str]:
        """The identificator kinds (codeSoortObjectId) these filters leave."""
        soorten = set(IDENTIFICATOR_FIELDS)
        if self.code_soort_object_id:
            soorten &= {self.code_soort_object_id}
        if self.code_register:
            soorten &= REGISTER_SOORTEN.get(self.code_register, set())
        if self.code_objecttype:
            soorten &= OBJECTTYPE_SOORTEN.get(self.code_objecttype, set())
        return soorten

    def is_empty(self) -> bool:
        return not any(
            [self.code_objecttype, self.code_soort_object_id, self.object_id, self.code_register]
        )

    def partij_q(self, prefix: str = "") -> Q:
        """The partijen with an identificator matching these filters."""
        match = Q(pk__in=[])
        for soort in self.soorten():
            lookup = f"{prefix}{IDENTIFICATOR_FIELDS[soort]}"
            if self.object_id:
                match |= Q(**{lookup: self.object_id})
            else:
                match |= Q(**{f"{lookup}__isnull": False}) & ~Q(**{lookup: ""})
        return match


def kanaal_find(value: str) -> Kanaal | None:
    """A kanaal by its code or its name, as a Klantinteracties client names it ("telefoon",
    "E-mail")."""
    value = (value or "").strip()
    return (
        Kanaal.objects.filter(code__iexact=value).first()
        or Kanaal.objects.filter(naam__iexact=value).first()
    )


# --- partijen ---------------------------------------------------------------------------------


def _adressen() -> QuerySet[DigitaalAdres]:
    return DigitaalAdres.objects.order_by("soort", "-is_standaard_adres", "created_at", "pk")


def _partijen(*, contacten_volledig: bool = False) -> QuerySet[Partij]:
    """Partijen with their addresses and their klantcontacten (the betrokkenen): their UUIDs,
    or with `contacten_volledig` everything a klantcontact's representation reads."""
    adressen = _adressen()
    contacten = Klantcontact.objects.order_by("-plaatsgevonden_op", "-pk")
    if contacten_volledig:
        contacten = _with_ki_relations(contacten, taken=False)
    else:
        contacten = contacten.only("pk", "uuid", "partij_id")
    return Partij.objects.select_related("persoon", "organisatie").prefetch_related(
        Prefetch("digitale_adressen", queryset=adressen),
        Prefetch("klantcontacten", queryset=contacten),
    )


def partij_list(
    *,
    user: Actor | None,
    soort: str = "",
    identificator: IdentificatorFilter | None = None,
    geheimhouding: bool | None = None,
    contacten_volledig: bool = False,
) -> QuerySet[Partij]:
    """Partijen by soort, identificator (e.g. BSN) and geheimhouding, by name."""
    ensure_may_view_person_data(user)
    qs = _partijen(contacten_volledig=contacten_volledig)
    if soort:
        qs = qs.filter(soort=soort)
    if identificator is not None and not identificator.is_empty():
        qs = qs.filter(identificator.partij_q())
    if geheimhouding is not None:
        qs = qs.filter(indicatie_geheimhouding=geheimhouding)
    return qs.order_by("weergavenaam", "pk")


def partij_detail(
    *, uuid: UUID, user: Actor | None, purpose: str, contacten_volledig: bool = False
) -> Partij:
    """Raises Partij.DoesNotExist; the read is audited by parties' selector."""
    found = partij_get(uuid=uuid, user=user, purpose=purpose)
    # The betrokkenen (klantcontacten) of this partij, as the list prefetches them.
    partij = _partijen(contacten_volledig=contacten_volledig).get(pk=found.pk)
    if contacten_volledig:
        partij_klantcontacten_redact(partij=partij, user=user, purpose=purpose)
    return partij


def partij_klantcontacten_redact(*, partij: Partij, user: Actor | None, purpose: str) -> Partij:
    """A partij whose klantcontacten are shown in full (expand betrokkenen.hadKlantcontact):
    its confidential ones redacted for whom may not read them (contacts.vertrouwelijk)."""
    for contact in partij.klantcontacten.all():  # prefetched with `contacten_volledig`
        klantcontact_redact(user=user, contact=contact, purpose=purpose)
    return partij


# --- lists made of several querysets ----------------------------------------------------------


@dataclass
class Segment[T]:
    queryset: QuerySet[Any]
    make: Callable[[Any], T]
    _count: int | None = field(default=None, init=False)

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count


class SegmentedList[T]:
    """Rows drawn from several ordered querysets one after the other, that a paginator pages
    like one list: counting counts each queryset, a page slices only the querysets it spans."""

    ordered = True

    def __init__(self, segments: Sequence[Segment[T]]) -> None:
        self.segments = list(segments)

    def count(self) -> int:
        return sum(segment.count() for segment in self.segments)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[T]:
        if not isinstance(key, slice):
            raise TypeError("SegmentedList only takes slices")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        rows: list[T] = []
        offset = 0
        for segment in self.segments:
            size = segment.count()
            lo, hi = max(start - offset, 0), min(stop - offset, size)
            if lo < hi:
                rows += [segment.make(row) for row in segment.queryset[lo:hi]]
            offset += size
            if offset >= stop:
                break
        return rows

    def __iter__(self) -> Iterator[T]:
        return iter(self[0 : self.count()])


# --- partij-identificatoren -----------------------------------------------------------------


def _identificator_partijen() -> QuerySet[Partij]:
    return Partij.objects.select_related("persoon", "organisatie").order_by("pk")


def partij_identificator_list(
    *, user: Actor | None, filters: IdentificatorFilter
) -> SegmentedList[tuple[Partij, Kind]]:
    """The identificators Loket derives (BSN of a persoon; KVK-nummer, vestigingsnummer, RSIN of
    an organisatie): one segment per kind, each by partij."""
    ensure_may_view_person_data(user)
    soorten = filters.soorten()
    segments: list[Segment[tuple[Partij, Kind]]] = []
    for kind, soort in IDENTIFICATOR_SOORT.items():
        if soort not in soorten:
            continue
        one = IdentificatorFilter(code_soort_object_id=soort, object_id=filters.object_id)
        qs = _identificator_partijen().filter(one.partij_q())

        def make(partij: Partij, kind: Kind = kind) -> tuple[Partij, Kind]:
            return partij, kind

        segments.append(Segment(qs, make))
    return SegmentedList(segments)


def partij_identificator_detail(
    *, uuid: UUID, user: Actor | None, purpose: str
) -> tuple[Partij, Kind]:
    """Raises Partij.DoesNotExist for an unknown identificator; the read is audited."""
    decoded = pk_of(uuid, *IDENTIFICATOR_SOORT)
    if decoded is None:
        raise Partij.DoesNotExist
    kind, pk = decoded
    partij = partij_get(uuid=_partij_uuid(pk), user=user, purpose=purpose)
    one = IdentificatorFilter(code_soort_object_id=IDENTIFICATOR_SOORT[kind])
    if not _identificator_partijen().filter(one.partij_q(), pk=partij.pk).exists():
        raise Partij.DoesNotExist
    return partij, kind


def _partij_uuid(pk: int) -> UUID:
    row = Partij.objects.filter(pk=pk).values_list("uuid", flat=True).first()
    if row is None:
        raise Partij.DoesNotExist
    return row


# --- digitale adressen --------------------------------------------------------------------------


def digitaal_adres_list(
    *,
    user: Actor | None,
    partij: UUID | None = None,
    soort: str = "",
    adres: str = "",
    standaard: bool | None = None,
    partij_soort: str = "",
) -> QuerySet[DigitaalAdres]:
    ensure_may_view_person_data(user)
    qs = DigitaalAdres.objects.select_related("partij")
    if partij is not None:
        qs = qs.filter(partij__uuid=partij)
    if soort:
        qs = qs.filter(soort=soort)
    if adres:
        qs = qs.filter(adres=adres)
    if standaard is not None:
        qs = qs.filter(is_standaard_adres=standaard)
    if partij_soort:
        qs = qs.filter(partij__soort=partij_soort)
    return qs.order_by("pk")


def digitaal_adres_detail(*, uuid: UUID, user: Actor | None, purpose: str) -> DigitaalAdres:
    ensure_may_view_person_data(user)
    adres = DigitaalAdres.objects.select_related("partij").get(uuid=uuid)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=adres.partij,
        purpose=purpose,
        detail={"gegevens": "digitaal adres"},
    )
    return adres


# --- klantcontacten, betrokkenen, onderwerpobjecten -----------------------------------------


def _with_ki_relations(
    qs: QuerySet[Klantcontact], *, taken: bool, partijen: bool = False
) -> QuerySet[Klantcontact]:
    """The relations a klantcontact's representation reads, one query each for a whole page.
    With `taken` the interne taken are loaded in full (expand), else their UUIDs; with
    `partijen` what the partij's representation reads (expand hadBetrokkenen.wasPartij)."""
    vragen = Vraag.objects.select_related("product").order_by("pk")
    if taken:
        gebeurtenissen = ContactverzoekGebeurtenis.objects.order_by("op", "pk")
        verzoeken = (
            Contactverzoek.objects.select_related("klantcontact")
            .prefetch_related(Prefetch("gebeurtenissen", queryset=gebeurtenissen))
            .order_by("pk")
        )
    else:
        verzoeken = Contactverzoek.objects.only("pk", "uuid", "klantcontact_id").order_by("pk")
    qs = (
        qs.select_related(
            "kanaal",
            "medewerker",
            "vertrouwelijk_team",
            "partij__persoon",
            "partij__organisatie",
        )
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("vragen", queryset=vragen),
            Prefetch("contactverzoeken", queryset=verzoeken),
        )
    )
    if partijen:
        contacten = Klantcontact.objects.only("pk", "uuid", "partij_id").order_by(
            "-plaatsgevonden_op", "-pk"
        )
        qs = qs.prefetch_related(
            Prefetch("partij__digitale_adressen", queryset=_adressen()),
            Prefetch("partij__klantcontacten", queryset=contacten),
        )
    return qs


@dataclass(frozen=True)
class KlantcontactFilter:
    partij: UUID | None = None
    identificator: IdentificatorFilter | None = None  # of the partij
    klantcontact: UUID | None = None
    onderwerpobject: int | None = None  # a vraag's pk
    product_uri: str = ""
    met_product: bool = False  # only contacts with an onderwerpobject (a vraag about a product)
    geen: bool = False  # a filter no Loket row can match (e.g. an onderwerpobject of a zaak)
    kanaal: str = ""


def klantcontact_list_ki(
    *,
    user: Actor | None,
    purpose: str,
    filters: KlantcontactFilter,
    taken: bool = False,
    partijen: bool = False,
) -> QuerySet[Klantcontact]:
    """Klantcontacten, newest first, through contacts' selector (its access rule)."""
    qs = klantcontact_list(user=user, purpose=purpose, kanaal=filters.kanaal or None)
    # The partij is looked up first and the contacts filtered by its key: filtered through a
    # join, PostgreSQL cannot use the (partij, newest first) index and sorted all 50,000
    # contacts of a busy partij for a page of 50 (59 ms of a 69 ms request).
    if filters.partij is not None:
        qs = qs.filter(
            partij_id__in=list(
                Partij.objects.filter(uuid=filters.partij).values_list("pk", flat=True)
            )
        )
    if filters.klantcontact is not None:
        qs = qs.filter(uuid=filters.klantcontact, partij__isnull=False)
    if filters.identificator is not None and not filters.identificator.is_empty():
        if filters.identificator.object_id:  # one number: its partij (or none) first
            qs = qs.filter(
                partij_id__in=list(
                    Partij.objects.filter(filters.identificator.partij_q()).values_list(
                        "pk", flat=True
                    )
                )
            )
        else:  # "every partij with a BSN": a join
            qs = qs.filter(filters.identificator.partij_q("partij__"))
    onderwerpen = Vraag.objects.filter(klantcontact=OuterRef("pk"), product__isnull=False)
    if filters.onderwerpobject is not None:
        qs = qs.filter(Exists(onderwerpen.filter(pk=filters.onderwerpobject)))
    if filters.product_uri:
        qs = qs.filter(Exists(onderwerpen.filter(product__upl_uri=filters.product_uri)))
    if filters.met_product:
        qs = qs.filter(Exists(onderwerpen))
    if filters.geen:
        qs = qs.none()
    return _with_ki_relations(qs, taken=taken, partijen=partijen)


def klantcontact_detail(
    *, uuid: UUID, user: Actor | None, purpose: str, taken: bool = False, partijen: bool = False
) -> Klantcontact:
    """Raises Klantcontact.DoesNotExist; the read is audited by contacts' selector."""
    found = klantcontact_get(uuid=uuid, user=user, purpose=purpose)
    qs = Klantcontact.objects.filter(pk=found.pk)
    contact = _with_ki_relations(qs, taken=taken, partijen=partijen).get()
    # Confidential: the same redaction (and audit: one entry per request) as contacts' read.
    return klantcontact_redact(user=user, contact=contact, purpose=purpose, attempt=True)


def betrokkene_list(
    *,
    user: Actor | None,
    purpose: str,
    klantcontact: UUID | None = None,
    partij: UUID | None = None,
    identificator: IdentificatorFilter | None = None,
) -> QuerySet[Klantcontact]:
    """The klantcontacten with a partij: each is one betrokkene."""
    qs = klantcontact_list(user=user, purpose=purpose).filter(partij__isnull=False)
    if klantcontact is not None:
        qs = qs.filter(uuid=klantcontact)
    if partij is not None:
        qs = qs.filter(partij__uuid=partij)
    if identificator is not None and not identificator.is_empty():
        qs = qs.filter(identificator.partij_q("partij__"))
    return qs.select_related("partij__persoon", "partij__organisatie").prefetch_related(None)


def betrokkene_detail(*, uuid: UUID, user: Actor | None, purpose: str) -> Klantcontact:
    contact = klantcontact_detail(uuid=uuid, user=user, purpose=purpose)
    if contact.partij_id is None:
        raise Klantcontact.DoesNotExist
    return contact


def onderwerpobject_list(
    *,
    user: Actor | None,
    purpose: str,
    klantcontact: UUID | None = None,
    product_uri: str = "",
    geen: bool = False,
) -> QuerySet[Vraag]:
    """The vragen about a product: each is one onderwerpobject."""
    contacten = klantcontact_list(user=user, purpose=purpose)  # access: as klantcontacten
    qs = Vraag.objects.filter(product__isnull=False, klantcontact__in=contacten.values("pk"))
    # A confidential contact's questions are its content (contacts.vertrouwelijk).
    qs = qs.filter(klantcontact_readable_q(user, prefix="klantcontact__"))
    if klantcontact is not None:
        qs = qs.filter(klantcontact__uuid=klantcontact)
    if product_uri:
        qs = qs.filter(product__upl_uri=product_uri)
    if geen:
        qs = qs.none()
    return qs.select_related("product", "klantcontact__partij").order_by("-klantcontact_id", "pk")


def onderwerpobject_detail(*, uuid: UUID, user: Actor | None, purpose: str) -> Vraag:
    decoded = pk_of(uuid, Kind.ONDERWERPOBJECT)
    if decoded is None:
        raise Vraag.DoesNotExist
    vraag = Vraag.objects.select_related("product", "klantcontact").get(
        pk=decoded[1], product__isnull=False
    )
    contact = klantcontact_get(uuid=vraag.klantcontact.uuid, user=user, purpose=purpose)
    if contact.afgeschermd:  # a confidential contact's question: as if there were none
        raise Vraag.DoesNotExist
    return vraag


# --- interne taken, actoren -------------------------------------------------------------------


@dataclass(frozen=True)
class InterneTaakFilter:
    status: str = ""
    team: int | None = None
    medewerker: int | None = None
    klantcontact: UUID | None = None


def interne_taak_list(
    *, user: Actor | None, filters: InterneTaakFilter
) -> QuerySet[Contactverzoek]:
    """Contactverzoeken through contacts' selector (a medewerker sees his teams' and his own)."""
    qs = contactverzoek_list_for_api(user=user)
    if filters.status == "verwerkt":
        qs = qs.filter(status="verwerkt")
    elif filters.status == "te_verwerken":
        qs = qs.exclude(status="verwerkt")
    if filters.team is not None:
        qs = qs.filter(team_id=filters.team)
    if filters.medewerker is not None:
        qs = qs.filter(medewerker_id=filters.medewerker)
    if filters.klantcontact is not None:
        qs = qs.filter(klantcontact__uuid=filters.klantcontact)
    return qs.select_related("partij").order_by("deadline", "pk")


def interne_taak_detail(*, uuid: UUID, user: Actor | None, purpose: str) -> Contactverzoek:
    """Raises Contactverzoek.DoesNotExist, PermissionDenied (another team's); audited."""
    return contactverzoek_get_for_api(ref=str(uuid), user=user, purpose=purpose)


def _may_read_actoren(user: Actor | None) -> None:
    token = api_token(user)
    if token is not None:
        if not token.has_scope("contactverzoeken:lezen"):
            raise PermissionDenied("U mag actoren niet inzien.")
    elif user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied("U mag actoren niet inzien.")


def actor_list(
    *, user: Actor | None, soort: str = "", actief: bool | None = None, object_id: str = ""
) -> SegmentedList[Team | User]:
    """Teams (organisatorische eenheden) and medewerkers as actoren, teams first. `soort` is the
    spec's soortActor ("" for all); Loket has no geautomatiseerde actoren, so that soort is empty."""
    _may_read_actoren(user)
    teams: QuerySet[Team] = Team.objects.order_by("pk")
    users: QuerySet[User] = User.objects.order_by("pk")
    if actief is not None:
        teams, users = teams.filter(is_actief=actief), users.filter(is_active=actief)
    if object_id:
        teams = teams.filter(slug=object_id)
        users = users.filter(Q(email__iexact=object_id) | Q(username=object_id))
    segments: list[Segment[Team | User]] = []
    if soort in ("", "organisatorische_eenheid"):
        segments.append(Segment(teams, _same))
    if soort in ("", "medewerker"):
        segments.append(Segment(users, _same))
    return SegmentedList(segments)


def _same(row: Model) -> Any:
    return row


def actor_detail(*, uuid: UUID, user: Actor | None) -> Team | User:
    """Raises Team.DoesNotExist for an unknown actor."""
    _may_read_actoren(user)
    decoded = pk_of(uuid, Kind.TEAM, Kind.MEDEWERKER)
    if decoded is None:
        raise Team.DoesNotExist
    kind, pk = decoded
    if kind == Kind.TEAM:
        return Team.objects.get(pk=pk)
    found = User.objects.filter(pk=pk).first()
    if found is None:
        raise Team.DoesNotExist
    return found


def actor_resolve(uuid: UUID | None) -> tuple[Team | None, User | None] | None:
    """The team or medewerker an actor UUID names (for a write), or None when it names none."""
    decoded = pk_of(uuid, Kind.TEAM, Kind.MEDEWERKER) if uuid is not None else None
    if decoded is None:
        return None
    kind, pk = decoded
    if kind == Kind.TEAM:
        team = Team.objects.filter(pk=pk).first()
        return (team, None) if team is not None else None
    medewerker = User.objects.filter(pk=pk).first()
    return (None, medewerker) if medewerker is not None else None


def klantcontact_written(*, klantcontact: Klantcontact) -> Klantcontact:
    """The klantcontact a write just stored, loaded for its answer: what the client sent back to
    it, not a read of the klant's other data (no read scope needed, nothing audited)."""
    return _with_ki_relations(Klantcontact.objects.filter(pk=klantcontact.pk), taken=False).get()


def interne_taak_written(*, verzoek: Contactverzoek) -> Contactverzoek:
    """The contactverzoek a write just stored, loaded for its answer (as above)."""
    return (
        Contactverzoek.objects.select_related("klantcontact")
        .prefetch_related("gebeurtenissen")
        .get(pk=verzoek.pk)
    )
