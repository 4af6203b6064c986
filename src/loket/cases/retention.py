"""The personal data of zaken, for the retention engine (privacy.retention). When a closed
zaak's term passes (per zaaktype, after the Selectielijst's archiefnominatie: vernietigen after
N days, or bewaren), its dossier is destroyed — documents, notes, the initiator and every text —
and the zaak stays as a number with zaaktype, dates and result, so the figures stay correct."""

from __future__ import annotations

from django.utils import timezone

from loket.cases.models import Status, Zaak, ZaakDocument, ZaakGebeurtenis, ZaakNotitie
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    zaken = Zaak.objects.filter(einddatum__lt=cutoff.date(), geanonimiseerd_op__isnull=True)
    if sleutel:  # a zaaktype's identificatie
        return zaken.filter(zaaktype__identificatie=sleutel)
    if andere:
        return zaken.exclude(zaaktype__identificatie__in=andere)
    return zaken


def _destroy_dossier(pks, actie):
    now = timezone.now()
    for document in ZaakDocument.objects.filter(zaak_id__in=pks):
        document.bestand.delete(save=False)
    ZaakDocument.objects.filter(zaak_id__in=pks).delete()
    ZaakNotitie.objects.filter(zaak_id__in=pks).delete()
    ZaakGebeurtenis.objects.filter(zaak_id__in=pks).update(omschrijving="")
    Status.objects.filter(zaak_id__in=pks).update(statustoelichting="")
    # .update(): the day summaries of insights keep their counts (no signal marks the day).
    return Zaak.objects.filter(pk__in=pks).update(
        initiator=None,
        omschrijving="",
        resultaat_toelichting="",
        opschorting_reden="",
        verlenging_reden="",
        geanonimiseerd_op=now,
        updated_at=now,
    )


def register_kinds() -> None:
    register(
        Soort(
            code="zaken",
            label="Zaken (het dossier: documenten, notities, initiator, toelichtingen)",
            standaard=Termijn(
                dagen=5 * 365,
                actie=Actie.VERNIETIGEN,
                bron="Loket-standaard: vijf jaar na de einddatum. Stel per zaaktype de "
                "archiefnominatie en termijn in volgens de Selectielijst gemeenten en "
                "intergemeentelijke organen 2020 (resultaat van het selectielijstprocestype).",
            ),
            verlopen=_verlopen,
            verwerken=_destroy_dossier,
            partij="initiator_id",
            sleutel_label="zaaktype (identificatie)",
        )
    )
