"""The personal data of insights, for the retention engine (privacy.retention): a call's caller
number goes after its term, the call stays for the service-level figures; a satisfaction
survey's link to the person invited goes after its term, the answer stays for the figures."""

from __future__ import annotations

from loket.insights.models import Gesprek, Tevredenheidsmeting
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    return Gesprek.objects.filter(aangeboden_op__lt=cutoff).exclude(beller="")


def _anonymise(pks, actie):
    return Gesprek.objects.filter(pk__in=pks).update(beller="")


def _metingen_verlopen(cutoff, sleutel, andere):
    return Tevredenheidsmeting.objects.filter(uitgenodigd_op__lt=cutoff, partij__isnull=False)


def _metingen_anonymise(pks, actie):
    return Tevredenheidsmeting.objects.filter(pk__in=pks).update(partij=None)


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
    register(
        Soort(
            code="tevredenheidsmetingen",
            label="Tevredenheidsmetingen (wie werd uitgenodigd)",
            standaard=Termijn(
                dagen=365,
                actie=Actie.ANONIMISEREN,
                bron="Loket-standaard: een jaar, langer dan de periode tussen twee uitnodigingen "
                "(LOKET_TEVREDENHEID_INTERVAL_DAGEN); het antwoord blijft voor de cijfers.",
            ),
            verlopen=_metingen_verlopen,
            verwerken=_metingen_anonymise,
            partij="partij_id",
            acties=(Actie.ANONIMISEREN, Actie.BEWAREN),
        )
    )
