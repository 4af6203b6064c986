"""The retention engine: each app registers the kinds of records it keeps (in its
AppConfig.ready(), as it registers jobs), with a default term; the beheerder's Bewaartermijn rows
override them; `retention_run` destroys or anonymises what has passed its term.

Guarantees:
- in batches, each in its own transaction together with its count in the report, so a run that
  is killed loses nothing that should stay and leaves nothing half-done; the next run goes on
  with what is left (a processed record no longer matches: deleted, or marked anonymised);
- a legal hold (Bewaarplicht) on a partij or on one record stops its destruction;
- a dry run (`proef=True`) counts what would go and touches nothing;
- the report holds counts per kind and term, never content.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from loket.core.errors import DomainError
from loket.privacy.models import (
    Actie,
    Bewaarplicht,
    Bewaartermijn,
    Vernietigingsverslag,
    VerslagRegel,
)


@dataclass(frozen=True)
class Termijn:
    dagen: int
    actie: str
    sleutel: str = ""
    bron: str = ""


@dataclass(frozen=True)
class Soort:
    """A kind of record with personal data.

    `verlopen(cutoff, sleutel, andere_sleutels)` returns the records of this kind (as a queryset)
    whose moment lies before `cutoff` and that are not processed yet; `sleutel` narrows it to one
    subtype, or, when empty, to the records of no subtype in `andere_sleutels`. `verwerken(pks,
    actie)` destroys or anonymises those records and returns how many. `partij` is the lookup
    from the record to its partij, for legal holds."""

    code: str
    label: str
    standaard: Termijn
    verlopen: Callable[[dt.datetime, str, list[str]], QuerySet]
    verwerken: Callable[[list[int], str], int]
    partij: str | None = None
    acties: tuple[str, ...] = (Actie.VERNIETIGEN, Actie.BEWAREN)
    sleutel_label: str = ""


_soorten: dict[str, Soort] = {}


def register(soort: Soort) -> None:
    _soorten[soort.code] = soort


def registered() -> list[Soort]:
    return sorted(_soorten.values(), key=lambda s: s.code)


def soort_get(code: str) -> Soort:
    if code not in _soorten:
        raise DomainError(f"Onbekende soort gegevens '{code}'.", field="soort")
    return _soorten[code]


def terms_for(soort: Soort) -> list[Termijn]:
    """The terms of a kind: the beheerder's rows, with the default for the rest when no row
    without sleutel exists."""
    rows = [
        Termijn(dagen=r.dagen, actie=r.actie, sleutel=r.sleutel, bron=r.bron)
        for r in Bewaartermijn.objects.filter(soort=soort.code).order_by("sleutel")
    ]
    if not any(t.sleutel == "" for t in rows):
        rows.insert(0, soort.standaard)
    return rows


def _holds(soort: Soort, today: dt.date) -> Q:
    """Records of this kind under a legal hold (as a filter), or an empty Q."""
    active = Bewaarplicht.objects.filter(Q(tot__isnull=True) | Q(tot__gte=today))
    q = Q()
    partijen = list(active.filter(partij__isnull=False).values_list("partij_id", flat=True))
    if partijen and soort.partij:
        q |= Q(**{f"{soort.partij}__in": partijen})
    objecten = [
        int(pk)
        for pk in active.filter(soort=soort.code).values_list("object_id", flat=True)
        if pk.isdigit()
    ]
    if objecten:
        q |= Q(pk__in=objecten)
    return q


def retention_run(
    *,
    proef: bool = False,
    door: str = "systeem",
    batch: int = 1000,
    now: dt.datetime | None = None,
    pauze: float = 0.0,
    soorten: list[str] | None = None,
) -> Vernietigingsverslag:
    """Destroy or anonymise every record past its term (or, with `proef`, count them), and
    return the report. `pauze` seconds between batches leave the database to the application."""
    now = now or timezone.now()
    verslag = Vernietigingsverslag.objects.create(gestart_op=now, proefrun=proef, door=door[:150])
    for soort in registered():
        if soorten is not None and soort.code not in soorten:
            continue
        terms = terms_for(soort)
        sleutels = [t.sleutel for t in terms if t.sleutel]
        for term in terms:
            if term.actie == Actie.BEWAREN:
                continue
            base = soort.verlopen(now - dt.timedelta(days=term.dagen), term.sleutel, sleutels)
            held = _holds(soort, timezone.localdate(now))
            tegengehouden = base.filter(held).count() if held else 0
            todo = base.exclude(held) if held else base
            regel = VerslagRegel.objects.create(
                verslag=verslag,
                soort=soort.code,
                sleutel=term.sleutel,
                termijn_dagen=term.dagen,
                actie=term.actie,
                tegengehouden=tegengehouden,
            )
            if proef:
                VerslagRegel.objects.filter(pk=regel.pk).update(aantal=todo.count())
                continue
            # Keyset pagination: each batch starts after the last key of the one before, so a
            # batch reads only rows not yet seen (an OFFSET or a rescan from the first key would
            # walk every processed row again: quadratic on a year of contacts). A killed run
            # starts from the first key again; what it processed no longer matches.
            laatste = None
            while True:
                with transaction.atomic():
                    rest = todo if laatste is None else todo.filter(pk__gt=laatste)
                    pks = list(rest.order_by("pk").values_list("pk", flat=True)[:batch])
                    if not pks:
                        break
                    n = soort.verwerken(pks, term.actie)
                    VerslagRegel.objects.filter(pk=regel.pk).update(aantal=F("aantal") + n)
                laatste = pks[-1]
                if pauze:
                    time.sleep(pauze)
    Vernietigingsverslag.objects.filter(pk=verslag.pk).update(klaar_op=timezone.now())
    verslag.refresh_from_db()
    return verslag
