"""Signals: who a rule applies to (life events, zaak statuses, expiring documents), the daily scan,
offering a signal."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from loket.accounts.models import User
from loket.cases.models import Zaak
from loket.contacts.models import Klantcontact
from loket.core.errors import DomainError
from loket.core.tracing import current_trace_id
from loket.messaging.models import Bericht, BerichtSoort
from loket.messaging.services import (
    _chunks,
    _outbox_wekken,
    bereik_for_partijen,
)
from loket.parties.models import Partij, Persoon
from loket.proactive import teksten
from loket.proactive.models import (
    Gebeurtenis,
    Regel,
    RegelKanaal,
    Signaal,
    SignaalStatus,
    Trigger,
)
from loket.registries.models import BrpPersoon, Reisdocument

if TYPE_CHECKING:
    from loket.cases.models import Zaak
    from loket.contacts.models import Klantcontact

logger = logging.getLogger(__name__)

CHUNK = 2000
# Preferred channels (core.Kanaal codes) that mean "write to me in Mijn Loket".
PORTAL_KANALEN = {"website", "app", "chat"}
PHONE_KANALEN = {"telefoon", "sms"}


# --- signals ---------------------------------------------------------------------------------


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _age(geboortedatum: dt.date | None, op: dt.date) -> int | None:
    if geboortedatum is None:
        return None
    years = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        years -= 1
    return years


def _in_doelgroep(regel: Regel, leeftijd: int | None) -> bool:
    if leeftijd is None:
        return regel.leeftijd_min is None and regel.leeftijd_max is None
    if regel.leeftijd_min is not None and leeftijd < regel.leeftijd_min:
        return False
    return not (regel.leeftijd_max is not None and leeftijd > regel.leeftijd_max)


def _al_aangevraagd(partij_ids: Iterable[int], product_ids: list[int]) -> set[int]:
    """Parties that already applied for one of the products: an open zaak, a submission still
    being handled, or an appointment to come."""
    ids = sorted(set(partij_ids))
    if not ids or not product_ids:
        return set()

    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(
            Zaak.objects.filter(
                initiator_id__in=chunk,
                einddatum__isnull=True,
                zaaktype__product_id__in=product_ids,
            ).values_list("initiator_id", flat=True)
        )
    try:
        from loket.balie.models import Afspraak
        from loket.selfservice.models import Inzending
    except ImportError:  # the portal is not installed
        return found
    sinds = timezone.now() - dt.timedelta(days=183)
    for chunk in _chunks(ids):
        found.update(
            Inzending.objects.filter(
                partij_id__in=chunk,
                formulier__product_id__in=product_ids,
                ingediend_op__gte=sinds,
            )
            .exclude(partij_id__isnull=True)
            .values_list("partij_id", flat=True)
        )
        found.update(
            Afspraak.objects.filter(
                partij_id__in=chunk,
                product_id__in=product_ids,
                start__gte=timezone.now(),
                status="gepland",
            )
            .exclude(partij_id__isnull=True)
            .values_list("partij_id", flat=True)
        )
    return found


@dataclass
class _Kandidaat:
    partij_id: int
    aanleiding: str
    datum: dt.date
    naam: str


def _signaleren(regel: Regel, kandidaten: list[_Kandidaat], *, vandaag: dt.date) -> list[Signaal]:
    """Record the new signals of one rule and queue their offers, in bulk; an occasion already
    signalled (or a person who already applied) gets nothing."""
    if not kandidaten:
        return []
    products = list(regel.producten.all())
    product_ids = [p.pk for p in products]
    existing: set[tuple[int, str]] = set()
    partij_ids = sorted({k.partij_id for k in kandidaten})
    for chunk in _chunks(partij_ids):
        existing.update(
            Signaal.objects.filter(regel=regel, partij_id__in=chunk).values_list(
                "partij_id", "aanleiding"
            )
        )
    aangevraagd = _al_aangevraagd(partij_ids, product_ids)
    seen: set[tuple[int, str]] = set()
    nieuw = []
    for k in kandidaten:
        key = (k.partij_id, k.aanleiding)
        if key in existing or key in seen or k.partij_id in aangevraagd:
            continue
        seen.add(key)
        nieuw.append(k)
    if not nieuw:
        return []
    bereik = bereik_for_partijen(k.partij_id for k in nieuw)
    now = timezone.now()
    berichten: dict[tuple[int, str], Bericht] = {}
    if regel.kanaal != RegelKanaal.GEEN:
        for k in nieuw:
            b = bereik[k.partij_id]
            if not b.proactief:
                continue  # no offers wanted: the KCM still sees the signal in the klantbeeld
            kanaal, adres = b.kanaal(regel.kanaal)
            versturen_op = now
            if regel.vertraging_dagen:
                versturen_op = timezone.make_aware(
                    dt.datetime.combine(
                        k.datum + dt.timedelta(days=regel.vertraging_dagen), dt.time(9, 0)
                    )
                )
                versturen_op = max(versturen_op, now)
            berichten[(k.partij_id, k.aanleiding)] = Bericht(
                sleutel=f"aanbod:{regel.code}:{k.partij_id}:{k.aanleiding}"[:200],
                partij_id=k.partij_id,
                kanaal=kanaal,
                adres=adres,
                soort=BerichtSoort.AANBOD,
                onderwerp=teksten.onderwerp_van(regel)[:200],
                tekst=teksten.bericht_tekst(
                    regel=regel, producten=products, naam=k.naam, datum=k.datum, vandaag=vandaag
                ),
                aanleiding_type="regel",
                aanleiding_id=regel.code,
                volgende_poging_op=versturen_op,
                trace_id=current_trace_id(),
            )
    if berichten:
        # ignore_conflicts: a message with the same key (a concurrent scan) stays the only one.
        Bericht.objects.bulk_create(berichten.values(), batch_size=500, ignore_conflicts=True)
        sleutels = [b.sleutel for b in berichten.values()]
        ids: dict[str, int] = {}
        for chunk in _chunks(sleutels):
            ids.update(Bericht.objects.filter(sleutel__in=chunk).values_list("sleutel", "pk"))
        for bericht in berichten.values():
            bericht.pk = ids.get(bericht.sleutel)
        transaction.on_commit(_outbox_wekken, robust=True)
    signalen = [
        Signaal(
            regel=regel,
            partij_id=k.partij_id,
            aanleiding=k.aanleiding[:200],
            datum=k.datum,
            bericht_id=(
                berichten[(k.partij_id, k.aanleiding)].pk
                if (k.partij_id, k.aanleiding) in berichten
                else None
            ),
        )
        for k in nieuw
    ]
    Signaal.objects.bulk_create(signalen, batch_size=500, ignore_conflicts=True)
    return signalen


def _partij_names(partij_ids: Iterable[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for chunk in _chunks(sorted(set(partij_ids))):
        names.update(Partij.objects.filter(pk__in=chunk).values_list("pk", "weergavenaam"))
    return names


@transaction.atomic
def levensgebeurtenis_signal(
    *, partij: Partij | None, gebeurtenis: str, sleutel: str, datum: dt.date | None = None
) -> list[Signaal]:
    """A life event happened to `partij` (a finished verhuismelding, a birth, ...): apply the
    active rules for it, record each signal once per person and occasion (`sleutel`, e.g. the
    submission's uuid) and queue the offers, all in the caller's transaction."""
    if partij is None:
        raise DomainError("Geef de inwoner op bij wie de gebeurtenis hoort.", field="partij")
    if gebeurtenis not in Gebeurtenis.values:
        raise DomainError(f"Onbekende levensgebeurtenis '{gebeurtenis}'.", field="gebeurtenis")
    sleutel = (sleutel or "").strip()
    if not sleutel:
        raise DomainError("Geef de aanleiding (sleutel) van de gebeurtenis op.", field="sleutel")
    vandaag = timezone.localdate()
    datum = datum or vandaag
    leeftijd = _age(
        Persoon.objects.filter(partij_id=partij.pk).values_list("geboortedatum", flat=True).first(),
        vandaag,
    )
    signalen = []
    regels = Regel.objects.filter(
        actief=True, trigger=Trigger.LEVENSGEBEURTENIS, gebeurtenis=gebeurtenis
    ).order_by("pk")
    for regel in regels:
        if not _in_doelgroep(regel, leeftijd):
            continue
        kandidaat = _Kandidaat(
            partij_id=partij.pk,
            aanleiding=sleutel
            if sleutel.startswith(f"{gebeurtenis}:")
            else f"{gebeurtenis}:{sleutel}",
            datum=datum,
            naam=partij.weergavenaam,
        )
        signalen += _signaleren(regel, [kandidaat], vandaag=vandaag)
    return signalen


@transaction.atomic
def zaakstatus_signal(*, zaak: Zaak | None, volgnummer: int) -> list[Signaal]:
    """A zaak reached status `volgnummer`: apply the case-status rules for its zaaktype
    (e.g. after a finished 'rijbewijs aanvragen', offer the next product)."""
    if zaak is None or zaak.initiator_id is None:
        return []
    regels = Regel.objects.filter(
        actief=True, trigger=Trigger.ZAAKSTATUS, zaaktype_id=zaak.zaaktype_id
    ).filter(Q(statusvolgnummer__isnull=True) | Q(statusvolgnummer=volgnummer))
    vandaag = timezone.localdate()
    signalen = []
    for regel in regels.order_by("pk"):
        naam = Partij.objects.filter(pk=zaak.initiator_id).values_list("weergavenaam", flat=True)
        kandidaat = _Kandidaat(
            partij_id=zaak.initiator_id,
            aanleiding=f"zaak:{zaak.uuid}:{volgnummer}",
            datum=vandaag,
            naam=naam.first() or "",
        )
        signalen += _signaleren(regel, [kandidaat], vandaag=vandaag)
    return signalen


@dataclass
class ScanResultaat:
    datum: dt.date
    per_regel: dict[str, int]
    signalen: int
    berichten: int
    seconden: float


def _partij_by_bsn(bsns: Iterable[str]) -> dict[str, tuple[int, str]]:
    result: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(sorted(set(b for b in bsns if b))):
        result.update(
            (bsn, (pk, naam))
            for bsn, pk, naam in Persoon.objects.filter(bsn__in=chunk).values_list(
                "bsn", "partij_id", "partij__weergavenaam"
            )
            if bsn is not None  # always: filtered on bsn
        )
    return result


def _document_kandidaten(regel: Regel, vandaag: dt.date) -> list[_Kandidaat]:

    tot = vandaag + dt.timedelta(weeks=regel.weken_vooraf)
    rows = list(
        Reisdocument.objects.filter(
            soort=regel.document_soort,
            datum_einde_geldigheid__gte=vandaag,
            datum_einde_geldigheid__lte=tot,
            persoon__overlijdensdatum__isnull=True,
        ).values_list(
            "persoon_id",
            "persoon__bsn",
            "persoon__geboortedatum",
            "documentnummer",
            "datum_einde_geldigheid",
        )
    )
    if not rows:
        return []
    # A newer document of the same kind (already renewed): no offer.
    vernieuwd: set[int] = set()
    for chunk in _chunks(sorted({r[0] for r in rows})):
        vernieuwd.update(
            Reisdocument.objects.filter(
                soort=regel.document_soort, persoon_id__in=chunk, datum_einde_geldigheid__gt=tot
            ).values_list("persoon_id", flat=True)
        )
    partijen = _partij_by_bsn(r[1] for r in rows)
    kandidaten = []
    for persoon_id, bsn, geboortedatum, nummer, einde in rows:
        if persoon_id in vernieuwd or bsn not in partijen:
            continue
        if not _in_doelgroep(regel, _age(geboortedatum, vandaag)):
            continue
        partij_id, naam = partijen[bsn]
        kandidaten.append(
            _Kandidaat(
                partij_id=partij_id,
                aanleiding=f"document:{nummer}:{einde.isoformat()}",
                datum=einde,
                naam=naam,
            )
        )
    return kandidaten


def _achttien_kandidaten(regel: Regel, vandaag: dt.date) -> list[_Kandidaat]:

    # Birthdays from two weeks ago (a missed day is caught up) to `weken_vooraf` ahead.
    van = _add_years(vandaag - dt.timedelta(days=14), -18)
    tot = _add_years(vandaag + dt.timedelta(weeks=regel.weken_vooraf), -18)
    rows = list(
        BrpPersoon.objects.filter(
            geboortedatum__gte=van, geboortedatum__lte=tot, overlijdensdatum__isnull=True
        ).values_list("bsn", "geboortedatum")
    )
    partijen = _partij_by_bsn(r[0] for r in rows)
    return [
        _Kandidaat(
            partij_id=partijen[bsn][0],
            aanleiding="18-jaar",
            datum=_add_years(geboortedatum, 18),
            naam=partijen[bsn][1],
        )
        for bsn, geboortedatum in rows
        if bsn in partijen
    ]


def _geboorte_kandidaten(regel: Regel, vandaag: dt.date) -> list[_Kandidaat]:
    """Children born in the last four weeks: the offer goes to each parent Loket knows."""

    rows = list(
        BrpPersoon.objects.filter(
            geboortedatum__gte=vandaag - dt.timedelta(weeks=4), geboortedatum__lte=vandaag
        ).values_list("pk", "geboortedatum", "ouder1_bsn", "ouder2_bsn")
    )
    partijen = _partij_by_bsn(bsn for r in rows for bsn in r[2:])
    kandidaten = []
    for pk, geboortedatum, *ouders in rows:
        for bsn in ouders:
            if bsn in partijen:
                kandidaten.append(
                    _Kandidaat(
                        partij_id=partijen[bsn][0],
                        aanleiding=f"geboorte:brp-{pk}",
                        datum=geboortedatum,
                        naam=partijen[bsn][1],
                    )
                )
    return kandidaten


def _overlijden_kandidaten(regel: Regel, vandaag: dt.date) -> list[_Kandidaat]:
    """Deaths in the last four weeks: the offer goes to the partner Loket knows."""

    rows = list(
        BrpPersoon.objects.filter(
            overlijdensdatum__gte=vandaag - dt.timedelta(weeks=4), overlijdensdatum__lte=vandaag
        )
        .exclude(partner_bsn="")
        .values_list("pk", "overlijdensdatum", "partner_bsn")
    )
    partijen = _partij_by_bsn(r[2] for r in rows)
    return [
        _Kandidaat(
            partij_id=partijen[bsn][0],
            aanleiding=f"overlijden:brp-{pk}",
            datum=datum,
            naam=partijen[bsn][1],
        )
        for pk, datum, bsn in rows
        if bsn in partijen and datum is not None  # always dated: filtered on the date
    ]


SCAN_GEBEURTENISSEN: dict[str, Callable[[Regel, dt.date], list[_Kandidaat]]] = {
    Gebeurtenis.ACHTTIEN: _achttien_kandidaten,
    Gebeurtenis.GEBOORTE: _geboorte_kandidaten,
    Gebeurtenis.OVERLIJDEN: _overlijden_kandidaten,
}


def signalen_compute(*, datum: dt.date | None = None) -> ScanResultaat:
    """The daily scan: documents that expire within each rule's lead time, people turning 18,
    births and deaths in the registries. Each rule runs in its own transaction; a second run on
    the same day finds the occasions already signalled and adds nothing."""

    started = time.perf_counter()
    vandaag = datum or timezone.localdate()
    per_regel: dict[str, int] = defaultdict(int)
    berichten = 0
    regels = Regel.objects.filter(actief=True).prefetch_related("producten").order_by("pk")
    for regel in regels:
        if regel.trigger == Trigger.DOCUMENT:
            kandidaten = _document_kandidaten(regel, vandaag)
        elif (
            regel.trigger == Trigger.LEVENSGEBEURTENIS and regel.gebeurtenis in SCAN_GEBEURTENISSEN
        ):
            kandidaten = SCAN_GEBEURTENISSEN[regel.gebeurtenis](regel, vandaag)
        else:
            continue  # verhuizing and case status come as events
        with transaction.atomic():
            signalen = _signaleren(regel, kandidaten, vandaag=vandaag)
        per_regel[regel.code] += len(signalen)
        berichten += sum(1 for s in signalen if s.bericht_id)
    return ScanResultaat(
        datum=vandaag,
        per_regel=dict(per_regel),
        signalen=sum(per_regel.values()),
        berichten=berichten,
        seconden=round(time.perf_counter() - started, 3),
    )


@transaction.atomic
def signaal_offer(
    *,
    signaal: Signaal,
    user: User | None,
    klantcontact: Klantcontact | None = None,
    contact_sleutel: str = "",
) -> Signaal:
    """The KCM offered the signal's products in a contact: record who, when and in which
    contact. `contact_sleutel` is the open contact's key (the klantcontact's idempotency key): the
    signal is linked to the klantcontact once that is saved."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if signaal.status != SignaalStatus.OPEN:
        raise DomainError("Dit aanbod is al vastgelegd.", field="signaal")
    if klantcontact is not None and klantcontact.partij_id not in (None, signaal.partij_id):
        raise DomainError("Het contact hoort bij een andere klant.", field="klantcontact")
    signaal.status = SignaalStatus.AANGEBODEN
    signaal.aangeboden_op = timezone.now()
    signaal.aangeboden_door = user if getattr(user, "pk", None) else None
    signaal.klantcontact = klantcontact
    signaal.contact_sleutel = (contact_sleutel or "")[:100]
    signaal.save(
        update_fields=[
            "status",
            "aangeboden_op",
            "aangeboden_door",
            "klantcontact",
            "contact_sleutel",
            "updated_at",
        ]
    )
    signalen_link_to_contacten(partij_id=signaal.partij_id)
    return signaal


def signalen_link_to_contacten(*, partij_id: int) -> int:
    """Link offers recorded during an open contact to that klantcontact once it is saved."""

    pending = Signaal.objects.filter(partij_id=partij_id, klantcontact__isnull=True).exclude(
        contact_sleutel=""
    )
    linked = 0
    for signaal in pending:
        contact_id = (
            Klantcontact.objects.filter(idempotency_key=signaal.contact_sleutel)
            .values_list("pk", flat=True)
            .first()
        )
        if contact_id:
            linked += Signaal.objects.filter(pk=signaal.pk).update(klantcontact_id=contact_id)
    return linked
