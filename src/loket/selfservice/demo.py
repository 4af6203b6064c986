"""Demo data for self-service: the standard forms and submissions behind the history's web contacts (the scale's
contact count stays exact: no extra klantcontacten are made here)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import F

from loket.cases.models import Zaak
from loket.contacts.constants import Afhandeling
from loket.contacts.models import Vraag
from loket.selfservice import demo_digitaal
from loket.selfservice.models import (
    Inzending,
    InzendingStatus,
    Route,
)
from loket.selfservice.services import formulieren_load_defaults

BATCH = 2000
HISTORIC_PER_SCALE = {600: 150, 8_000: 1_500, 100_000: 8_000}


def build(builder, summary) -> dict:
    team = builder.teams.get("burgerzaken")
    formulieren = formulieren_load_defaults(team=team)
    historisch = _historie(builder, formulieren)
    # Digital use (issue 21): the funnels behind these submissions, searches and what followed.
    return {
        "formulieren": len(formulieren),
        "inzendingen": historisch,
        **demo_digitaal.build(builder),
    }


def _historie(builder, formulieren) -> int:
    """Submissions behind the history's web contacts about the forms' products (light)."""
    if not formulieren:
        return 0
    per_product = {f.product_id: f for f in formulieren}
    limit = HISTORIC_PER_SCALE.get(builder.scale.persons, 1_500)
    vragen = list(
        Vraag.objects.filter(
            klantcontact__kanaal__code="website",
            klantcontact__partij__isnull=False,
            product_id__in=list(per_product),
            afhandeling__in=[Afhandeling.ZELFSTANDIG, Afhandeling.ZAAK],
        )
        .order_by("klantcontact_id")
        .values_list(
            "klantcontact_id",
            "product_id",
            "afhandeling",
            F("klantcontact__partij_id"),
            F("klantcontact__plaatsgevonden_op"),
        )[:limit]
    )

    zaak_van = dict(
        Zaak.objects.filter(klantcontact_id__in=[v[0] for v in vragen]).values_list(
            "klantcontact_id", "pk"
        )
    )
    rows = []
    rng = builder.rng
    seen: set[int] = set()
    for contact_id, product_id, afhandeling, partij_id, op in vragen:
        if contact_id in seen:
            continue
        seen.add(contact_id)
        formulier = per_product[product_id]
        # A Flits form decides by itself; a few submissions (about 3%) need a person's check
        # and go to the backoffice, which breaks the formula's guarantee.
        flits = bool(formulier.automatisering) and (
            afhandeling == Afhandeling.ZELFSTANDIG or rng.random() < 0.9
        )
        rows.append(
            Inzending(
                uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                formulier=formulier,
                partij_id=partij_id,
                idempotency_key=f"demo:{contact_id}",
                gegevens={"demo": True},
                status=InzendingStatus.AFGEHANDELD if flits else InzendingStatus.IN_BEHANDELING,
                route=Route.FLITS if flits else Route.BACKOFFICE,
                klantcontact_id=contact_id,
                zaak_id=None if flits else zaak_van.get(contact_id),
                ingediend_op=op,
                afgehandeld_op=op + dt.timedelta(seconds=rng.randint(1, 20)) if flits else None,
                verwerkpogingen=1,
            )
        )
    Inzending.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
