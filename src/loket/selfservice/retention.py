"""The personal data of form submissions, for the retention engine (privacy.retention): when a
handled submission's term passes, what was filled in and the files uploaded with it go; the
submission stays as a count. A concept that was submitted keeps a copy of what was filled in:
it goes after its own short term (an unsubmitted concept is deleted when it expires, by the
job that purges expired concepts)."""

from __future__ import annotations

from django.db import transaction

from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register
from loket.selfservice.models import Bijlage, Concept, Inzending, InzendingStatus


def _verlopen(cutoff, sleutel, andere):
    return Inzending.objects.filter(
        ingediend_op__lt=cutoff, status=InzendingStatus.AFGEHANDELD
    ).exclude(gegevens={}, partij__isnull=True)


def _delete_files_after_commit(bijlagen) -> None:
    """The rows go in the batch's transaction; their files once it has committed, so a batch
    that rolls back keeps its files (a crash in between leaves an orphan file, never a row
    without its file)."""
    namen = [b.bestand.name for b in bijlagen if b.bestand]
    if not namen:
        return
    storage = Bijlage._meta.get_field("bestand").storage

    def remove() -> None:
        for naam in namen:
            storage.delete(naam)

    transaction.on_commit(remove)


def _anonymise(pks, actie):
    bijlagen = list(Bijlage.objects.filter(inzending_id__in=pks))
    Bijlage.objects.filter(pk__in=[b.pk for b in bijlagen]).delete()
    _delete_files_after_commit(bijlagen)
    return Inzending.objects.filter(pk__in=pks).update(gegevens={}, partij=None)


def _concepten_verlopen(cutoff, sleutel, andere):
    return Concept.objects.filter(inzending__isnull=False, updated_at__lt=cutoff)


def _concepten_verwijderen(pks, actie):
    bijlagen = list(Bijlage.objects.filter(concept_id__in=pks))
    _delete_files_after_commit(bijlagen)
    return Concept.objects.filter(pk__in=pks).delete()[1].get(Concept._meta.label, 0)


def register_kinds() -> None:
    register(
        Soort(
            code="inzendingen",
            label="Ingevulde formulieren (de ingevulde gegevens en bijlagen)",
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
    register(
        Soort(
            code="concepten",
            label="Concepten van ingediende formulieren (kopie van wat werd ingevuld)",
            standaard=Termijn(
                dagen=30,
                actie=Actie.VERNIETIGEN,
                bron="Loket-standaard: dertig dagen na indienen; de inzending zelf heeft haar "
                "eigen termijn. Niet-ingediende concepten vervallen na hun geldigheid.",
            ),
            verlopen=_concepten_verlopen,
            verwerken=_concepten_verwijderen,
            partij="partij_id",
        )
    )
