"""The retention job and the beheerder's actions on terms and holds."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from loket.core import jobs
from loket.core.errors import DomainError
from loket.privacy.models import Actie, Bewaarplicht, Bewaartermijn, Vernietigingsverslag
from loket.privacy.retention import retention_run, soort_get

MODES = ("uit", "proef", "aan")


def vernietigen_tijd() -> dt.time:
    return jobs.tijd(settings.LOKET_VERNIETIGEN_TIJD, "02:30")


def bewaartermijnen_job(now: dt.datetime) -> dict:
    """The daily run. `LOKET_VERNIETIGEN`: `proef` (the default) writes a dry-run report only,
    so a beheerder reads what would go before anything does; `aan` destroys; `uit` does nothing."""
    mode = settings.LOKET_VERNIETIGEN
    if mode not in MODES:
        raise DomainError(
            f"LOKET_VERNIETIGEN is '{mode}'; kies uit, proef of aan.", field="LOKET_VERNIETIGEN"
        )
    if mode == "uit":
        return {"modus": mode}
    verslag = retention_run(
        proef=mode == "proef",
        door="worker (bewaartermijnen)",
        now=now,
        batch=settings.LOKET_VERNIETIGEN_BATCH,
        pauze=settings.LOKET_VERNIETIGEN_PAUZE_MS / 1000,
    )
    return {
        "modus": mode,
        "verslag": verslag.pk,
        "aantal": sum(r.aantal for r in verslag.regels.all()),
    }


def bewaartermijn_set(
    *, soort: str, dagen: int, actie: str, sleutel: str = "", bron: str = ""
) -> Bewaartermijn:
    """Set the term of a kind (or of one subtype of it)."""
    kind = soort_get(soort)
    if actie not in kind.acties:
        namen = ", ".join(Actie(a).label.lower() for a in kind.acties)
        raise DomainError(f"Voor {kind.label.lower()} kan: {namen}.", field="actie")
    if not isinstance(dagen, int) or dagen < 1:
        raise DomainError("De bewaartermijn is ten minste 1 dag.", field="dagen")
    termijn, _ = Bewaartermijn.objects.update_or_create(
        soort=soort,
        sleutel=(sleutel or "").strip(),
        defaults={"dagen": dagen, "actie": actie, "bron": (bron or "").strip()[:255]},
    )
    return termijn


def bewaarplicht_create(
    *,
    reden: str,
    partij_id: int | None = None,
    soort: str = "",
    object_id: str = "",
    tot: dt.date | None = None,
) -> Bewaarplicht:
    """A legal hold on a partij (by its key: privacy sits beside parties and does not import it)
    or on one record of a registered kind."""
    reden = (reden or "").strip()
    if not reden:
        raise DomainError("Geef de reden van de bewaarplicht.", field="reden")
    if partij_id is None and not (soort and object_id):
        raise DomainError("Kies een klant of één gegeven (soort en kenmerk).", field="partij")
    if soort:
        soort_get(soort)
    return Bewaarplicht.objects.create(
        partij_id=partij_id, soort=soort, object_id=str(object_id), reden=reden[:255], tot=tot
    )


def verslag_rows(verslag: Vernietigingsverslag) -> list[list]:
    """The report as rows for a CSV export (counts only)."""
    return [
        [
            verslag.gestart_op.isoformat(),
            "ja" if verslag.proefrun else "nee",
            regel.soort,
            regel.sleutel,
            regel.termijn_dagen,
            regel.actie,
            regel.aantal,
            regel.tegengehouden,
        ]
        for regel in verslag.regels.order_by("soort", "sleutel")
    ]
