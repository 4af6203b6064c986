"""The personal data of form submissions, for the retention engine (privacy.retention): when a
handled submission's term passes, what was filled in goes; the submission stays as a count."""

from __future__ import annotations

from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register
from loket.selfservice.models import Inzending, InzendingStatus


def _verlopen(cutoff, sleutel, andere):
    return Inzending.objects.filter(
        ingediend_op__lt=cutoff, status=InzendingStatus.AFGEHANDELD
    ).exclude(gegevens={}, partij__isnull=True)


def _anonymise(pks, actie):
    return Inzending.objects.filter(pk__in=pks).update(gegevens={}, partij=None)


def register_kinds() -> None:
    register(
        Soort(
            code="inzendingen",
            label="Ingevulde formulieren (de ingevulde gegevens)",
            standaard=Termijn(
                dagen=365,
                actie=Actie.ANONIMISEREN,
                bron="Loket-standaard: een jaar na indienen; wat de afhandeling vastlegde staat "
                "in de zaak.",
            ),
            verlopen=_verlopen,
            verwerken=_anonymise,
            partij="partij_id",
            acties=(Actie.ANONIMISEREN, Actie.BEWAREN),
        )
    )
