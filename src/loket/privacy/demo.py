"""The Zeventerpen demo's retention (issue 19): the municipality's terms, shorter than the
defaults for the demo so that its year of history holds records past their term, a legal hold
on one resident, a first dry run whose report (Beheer > Privacy > Vernietigingsverslagen)
lists what would go, and then the first real run, which destroys it with a report of its own
(what the hold kept back counted there). The large demo stops after the dry run: bench/retention.py
measures that first real run on it."""

from __future__ import annotations

from loket.privacy.models import Actie
from loket.privacy.retention import retention_run
from loket.privacy.services import bewaarplicht_create, bewaartermijn_set

BRON = "Demo Zeventerpen (korter dan de Loket-standaard, om de vernietiging te laten zien)"


def build(builder, summary) -> dict:
    bewaartermijn_set(soort="klantcontacten", dagen=270, actie=Actie.ANONIMISEREN, bron=BRON)
    bewaartermijn_set(soort="berichten", dagen=180, actie=Actie.VERNIETIGEN, bron=BRON)
    bewaartermijn_set(soort="zaken", dagen=180, actie=Actie.VERNIETIGEN, bron=BRON)
    for zaaktype in builder.zaaktypen.values():
        if "omgevingsvergunning" in zaaktype.identificatie:
            bewaartermijn_set(
                soort="zaken",
                sleutel=zaaktype.identificatie,
                dagen=1,
                actie=Actie.BEWAREN,
                bron="Selectielijst 2020: vergunningen met blijvende waarde (demo)",
            )
    if builder.person_partij_ids:
        bewaarplicht_create(
            partij_id=builder.person_partij_ids[0], reden="Bezwaarprocedure loopt (demo)"
        )
    proef = retention_run(proef=True, door="demo: proefrun")
    counts = {"bewaartermijnen: proefrun, zou gaan": sum(r.aantal for r in proef.regels.all())}
    if summary.scale != "large":
        echt = retention_run(door="demo: eerste run")
        counts["bewaartermijnen: eerste run, vernietigd of geanonimiseerd"] = sum(
            r.aantal for r in echt.regels.all()
        )
    return counts
