"""A request under the AVG (art. 15-18, 21) is a zaak with its legal term: one month to answer
(AVG art. 12(3)), extendable by two months when the request is complex or there are many. A
request for restriction restricts the processing at once (art. 18(1): while it is handled)."""

from __future__ import annotations

from django.db import transaction

from loket.cases.models import Zaak, Zaaktype
from loket.cases.services.zaaktypen import zaaktype_create
from loket.cases.services.zaken import zaak_create
from loket.core.errors import DomainError
from loket.core.types import Actor
from loket.parties.models import Partij
from loket.parties.services import partij_restrict

AVG_ZAAKTYPE = "avg-verzoek"
AVG_SOORTEN = {
    "inzage": "Inzage (artikel 15)",
    "correctie": "Correctie (artikel 16)",
    "wissen": "Wissen (artikel 17)",
    "beperking": "Beperking van de verwerking (artikel 18)",
    "bezwaar": "Bezwaar tegen de verwerking (artikel 21)",
}
# One month is about 21 working days; the extension of two months about 42.
TERMIJN_WERKDAGEN = 21
VERLENGING_WERKDAGEN = 42


def _zaaktype() -> Zaaktype:
    zaaktype = Zaaktype.objects.filter(identificatie=AVG_ZAAKTYPE).first()
    if zaaktype is not None:
        return zaaktype
    return zaaktype_create(
        identificatie=AVG_ZAAKTYPE,
        omschrijving="Verzoek op grond van de AVG",
        doorlooptijd_werkdagen=TERMIJN_WERKDAGEN,
        servicenorm_werkdagen=15,
        statustypen=[
            ("Ontvangen", False, "We hebben uw verzoek ontvangen."),
            ("In behandeling", False, ""),
            ("Afgehandeld", False, "Uw verzoek is afgehandeld."),
        ],
        verlenging_mogelijk=True,
        verlengingstermijn_werkdagen=VERLENGING_WERKDAGEN,
    )


@transaction.atomic
def avg_verzoek_create(*, partij: Partij, soort: str, toelichting: str, user: Actor | None) -> Zaak:
    """Register an AVG request of a person as a zaak with the legal term."""
    if soort not in AVG_SOORTEN:
        raise DomainError(f"Soort verzoek: kies uit {', '.join(AVG_SOORTEN)}.", field="soort")
    toelichting = (toelichting or "").strip()
    omschrijving = f"{AVG_SOORTEN[soort]}" + (f": {toelichting}" if toelichting else "")
    zaak = zaak_create(
        zaaktype=_zaaktype(),
        initiator=partij,
        omschrijving=omschrijving[:200],
        user=user,
        bron="avg",
        informeren=False,
    )
    if soort == "beperking":
        partij_restrict(partij=partij, user=user, reden=f"AVG-verzoek {zaak.identificatie}")
    return zaak
