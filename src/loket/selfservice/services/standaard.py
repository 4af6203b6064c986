"""The standard forms (with their Flits zaaktypen) that a new municipality starts with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from loket.accounts.models import Team
from loket.cases.models import Zaaktype
from loket.cases.services import zaaktype_create
from loket.catalogue.models import Product
from loket.contacts.models import Contactreden
from loket.selfservice.definitions import STANDAARD_FORMULIEREN
from loket.selfservice.models import (
    Formulier,
)

if TYPE_CHECKING:
    pass
from loket.selfservice.services.formulieren import formulier_create, zaaktype_voor

# --- the standard forms -----------------------------------------------------------------------

FLITS_ZAAKTYPEN = {
    "afvalpas": ("afvalpas", "Vervangende afvalpas"),
    "brp-uittreksel": ("brp-uittreksel", "Uittreksel BRP"),
}
FLITS_STATUSTYPEN = [
    ("Aanvraag ontvangen", False, "Wij hebben uw aanvraag ontvangen."),
    ("Afgehandeld", True, "Uw aanvraag is afgehandeld."),
]


@transaction.atomic
def formulieren_load_defaults(*, team: Team | None = None) -> list[Formulier]:
    """Create the standard forms (definitions.py) for the products that exist; idempotent.

    Flits products without a zaaktype get a small one (received → handled), so a submission the
    automation cannot handle still becomes a zaak for `team`.
    """

    made = []
    for spec in STANDAARD_FORMULIEREN:
        if Formulier.objects.filter(slug=spec["slug"]).exists():
            continue
        product = Product.objects.filter(upl_naam=spec["upl"]).first()
        if product is None:
            continue
        if zaaktype_voor(product) is None and spec["upl"] in FLITS_ZAAKTYPEN:
            ident, omschrijving = FLITS_ZAAKTYPEN[spec["upl"]]
            if not Zaaktype.objects.filter(identificatie=ident).exists():
                zaaktype_create(
                    identificatie=ident,
                    omschrijving=omschrijving,
                    doorlooptijd_werkdagen=5,
                    servicenorm_werkdagen=1,
                    statustypen=FLITS_STATUSTYPEN,
                    product=product,
                    team=team,
                )
        if zaaktype_voor(product) is None and not spec["automatisering"]:
            continue
        reden = None
        if spec.get("contactreden"):
            reden = Contactreden.objects.filter(
                naam__iexact=spec["contactreden"], is_actief=True
            ).first()
        made.append(
            formulier_create(
                slug=spec["slug"],
                titel=spec["titel"],
                inleiding=spec["inleiding"],
                product=product,
                stappen=spec["stappen"],
                automatisering=spec["automatisering"],
                contactreden=reden,
                inloggen_verplicht=spec["inloggen_verplicht"],
            )
        )
    return made
