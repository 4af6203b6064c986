"""The personal data of telephony, for the retention engine (privacy.retention): a call's
caller number goes after its term; the call stays for the service-level figures."""

from __future__ import annotations

from loket.insights.models import Gesprek
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    return Gesprek.objects.filter(aangeboden_op__lt=cutoff).exclude(beller="")


def _anonymise(pks, actie):
    return Gesprek.objects.filter(pk__in=pks).update(beller="")


def register_kinds() -> None:
    register(
        Soort(
            code="telefoongesprekken",
            label="Telefoongesprekken (het nummer van de beller)",
            standaard=Termijn(
                dagen=90,
                actie=Actie.ANONIMISEREN,
                bron="Loket-standaard: drie maanden (terugbellen en herhaalcontact); de telling "
                "van het gesprek blijft voor de servicenorm.",
            ),
            verlopen=_verlopen,
            verwerken=_anonymise,
            acties=(Actie.ANONIMISEREN, Actie.BEWAREN),
        )
    )
