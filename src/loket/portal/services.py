"""Writes of the citizen portal: page feedback and reading messages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from loket.core.errors import DomainError
from loket.messaging.models import Bericht
from loket.portal.models import PaginaFeedback

if TYPE_CHECKING:
    from loket.catalogue.models import Levensgebeurtenis, Product
    from loket.knowledge.models import Kennisartikel
    from loket.messaging.models import Bericht
    from loket.parties.models import Partij

OPMERKING_MAX = 2000
SLEUTEL_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@transaction.atomic
def pagina_feedback_register(
    *,
    sleutel: str,
    pad: str,
    geholpen: bool | None,
    opmerking: str = "",
    paginatitel: str = "",
    product: Product | None = None,
    artikel: Kennisartikel | None = None,
    levensgebeurtenis: Levensgebeurtenis | None = None,
    ingelogd: bool = False,
) -> tuple[PaginaFeedback, bool]:
    """Store "Heeft deze informatie u geholpen?" once per rendered form (`sleutel`).

    A retried post (double click, refresh, network retry) returns the stored answer
    (created=False); a later post with the same key may add a comment or change the answer,
    as the second step of the form does. Returns (feedback, created)."""
    if not SLEUTEL_RE.match(sleutel or ""):
        raise DomainError("Dit formulier is verlopen; laad de pagina opnieuw.", field="sleutel")
    if geholpen is None:
        raise DomainError("Kies ja of nee.", field="geholpen")
    pad = (pad or "").strip()
    if not pad.startswith("/") or pad.startswith("//") or len(pad) > 300:
        raise DomainError("Onbekende pagina.", field="pad")
    opmerking = (opmerking or "").strip()
    if len(opmerking) > OPMERKING_MAX:
        raise DomainError(
            f"Uw opmerking is te lang: hoogstens {OPMERKING_MAX} tekens (nu {len(opmerking)}).",
            field="opmerking",
        )
    bestaand = PaginaFeedback.objects.select_for_update().filter(sleutel=sleutel).first()
    if bestaand is not None:
        return _aanvullen(bestaand, geholpen=geholpen, opmerking=opmerking), False
    try:
        with transaction.atomic():
            feedback = PaginaFeedback.objects.create(
                sleutel=sleutel,
                pad=pad,
                paginatitel=(paginatitel or "")[:255],
                product=product,
                artikel=artikel,
                levensgebeurtenis=levensgebeurtenis,
                geholpen=geholpen,
                opmerking=opmerking,
                ingelogd=ingelogd,
            )
    except IntegrityError:  # the same form posted twice at the same moment
        bestaand = PaginaFeedback.objects.select_for_update().get(sleutel=sleutel)
        return _aanvullen(bestaand, geholpen=geholpen, opmerking=opmerking), False
    return feedback, True


def _aanvullen(feedback: PaginaFeedback, *, geholpen: bool, opmerking: str) -> PaginaFeedback:
    changed = []
    if feedback.geholpen != geholpen:
        feedback.geholpen = geholpen
        changed.append("geholpen")
    if opmerking and feedback.opmerking != opmerking:
        feedback.opmerking = opmerking
        changed.append("opmerking")
    if changed:
        feedback.save(update_fields=changed)
    return feedback


@transaction.atomic
def bericht_mark_read_by_partij(*, partij: Partij | None, bericht: Bericht | None) -> bool:
    """Mark the citizen's own message as read (once). Returns whether it changed."""
    if bericht is None or partij is None or bericht.partij_id != partij.pk:
        raise DomainError("Dit bericht bestaat niet.", field="bericht")

    return bool(
        Bericht.objects.filter(pk=bericht.pk, gelezen_op__isnull=True).update(
            gelezen_op=timezone.now()
        )
    )
