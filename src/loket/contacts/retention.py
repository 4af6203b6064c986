"""The personal data contacts keeps, for the retention engine (privacy.retention): a klantcontact
is anonymised when its term passes — the partij, what was asked and answered, the verzoeken'
numbers and notes and the chat transcript go; kanaal, moment, reason, product, handling and
duration stay, so the figures stay correct."""

from __future__ import annotations

from django.utils import timezone

from loket.contacts.models import (
    ChatBericht,
    ChatSessie,
    Contactverzoek,
    ContactverzoekGebeurtenis,
    Klantcontact,
    Vraag,
)
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    # Updates below bypass the model signals on purpose: the day summaries of insights keep their
    # counts (a rebuild of the day would count the contact as anonymous).
    contacts = Klantcontact.objects.filter(
        plaatsgevonden_op__lt=cutoff, geanonimiseerd_op__isnull=True
    )
    if sleutel:  # the code of a contactreden (of any of its questions)
        return contacts.filter(vragen__contactreden__code=sleutel).distinct()
    if andere:
        return contacts.exclude(vragen__contactreden__code__in=andere)
    return contacts


def _anonymise(pks, actie):
    now = timezone.now()
    Vraag.objects.filter(klantcontact_id__in=pks).update(vraagtekst="", antwoord="")
    verzoeken = Contactverzoek.objects.filter(klantcontact_id__in=pks)
    ContactverzoekGebeurtenis.objects.filter(verzoek__in=verzoeken).update(detail={})
    verzoeken.update(
        partij=None,
        gevraagde_handeling="",
        terugbelnummer="",
        email="",
        toelichting="",
        resultaat="",
    )
    sessies = ChatSessie.objects.filter(klantcontact_id__in=pks)
    ChatBericht.objects.filter(sessie__in=sessies).delete()
    sessies.update(partij=None)
    return Klantcontact.objects.filter(pk__in=pks).update(
        partij=None,
        onderwerp="",
        inhoud="",
        geanonimiseerd_op=now,
        updated_at=now,
    )


def register_kinds() -> None:
    register(
        Soort(
            code="klantcontacten",
            label="Klantcontacten met hun vragen, contactverzoeken en chatgesprekken",
            standaard=Termijn(
                dagen=365,
                actie=Actie.ANONIMISEREN,
                bron="Loket-standaard: een jaar na het contact (een herhaalvraag en het "
                "klantbeeld van het afgelopen jaar blijven mogelijk); de gemeente stelt de "
                "termijn vast, per contactreden waar nodig.",
            ),
            verlopen=_verlopen,
            verwerken=_anonymise,
            partij="partij_id",
            acties=(Actie.ANONIMISEREN, Actie.BEWAREN),
            sleutel_label="contactreden (code)",
        )
    )


__all__ = ["register_kinds"]
