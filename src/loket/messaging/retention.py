"""The personal data of the outbox, for the retention engine (privacy.retention): a message
that was sent (or failed for good) is destroyed when its term passes; one still waiting stays."""

from __future__ import annotations

from loket.messaging.models import Bericht, BerichtStatus
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    return Bericht.objects.filter(
        created_at__lt=cutoff, status__in=[BerichtStatus.VERZONDEN, BerichtStatus.MISLUKT]
    )


def _destroy(pks, actie):
    return Bericht.objects.filter(pk__in=pks).delete()[0]


def register_kinds() -> None:
    register(
        Soort(
            code="berichten",
            label="Berichten aan inwoners en medewerkers (outbox)",
            standaard=Termijn(
                dagen=365,
                actie=Actie.VERNIETIGEN,
                bron="Loket-standaard: een jaar na verzending; de inhoud staat ook in de zaak "
                "of het klantcontact waar het bericht bij hoort.",
            ),
            verlopen=_verlopen,
            verwerken=_destroy,
            partij="partij_id",
        )
    )
