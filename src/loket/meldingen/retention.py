"""The personal data of meldingen, for the retention engine (privacy.retention): when a closed
melding's term passes, the melder's details, the followers and the photo go; what was reported
about the place stays (the figures and the handling history of the public space)."""

from __future__ import annotations

from django.db.models import Q

from loket.meldingen.models import MELDING_OPEN, Melding, MeldingVolger
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    return (
        Melding.objects.filter(updated_at__lt=cutoff)
        .exclude(status__in=MELDING_OPEN)
        .filter(
            Q(melder__isnull=False)
            | ~Q(naam="")
            | ~Q(email="")
            | ~Q(telefoon="")
            | ~Q(foto="")
            | Q(volgers__isnull=False)
        )
        .distinct()
    )


def _anonymise(pks, actie):
    for melding in Melding.objects.filter(pk__in=pks).exclude(foto=""):
        melding.foto.delete(save=False)
    MeldingVolger.objects.filter(melding_id__in=pks).delete()
    return Melding.objects.filter(pk__in=pks).update(
        melder=None, naam="", email="", telefoon="", foto=""
    )


def register_kinds() -> None:
    register(
        Soort(
            code="meldingen",
            label="Meldingen openbare ruimte (melder, volgers, foto)",
            standaard=Termijn(
                dagen=365,
                actie=Actie.ANONIMISEREN,
                bron="Loket-standaard: een jaar na de afhandeling; de melding over de plek blijft.",
            ),
            verlopen=_verlopen,
            verwerken=_anonymise,
            partij="melder_id",
            acties=(Actie.ANONIMISEREN, Actie.BEWAREN),
        )
    )
