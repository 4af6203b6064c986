"""The personal data of the e-mail intake, for the retention engine (privacy.retention): after
its term an e-mail keeps only what the intake needs never to import it twice (mailbox, UID,
Message-ID); sender, subject, text, the original message and the attachments go."""

from __future__ import annotations

from django.db.models import Q

from loket.inbox.models import EmailBijlage, InkomendeEmail
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    return InkomendeEmail.objects.filter(ontvangen_op__lt=cutoff).exclude(
        Q(afzender="") & Q(tekst="") & Q(onderwerp="") & Q(bron="")
    )


def _anonymise(pks, actie):
    for bijlage in EmailBijlage.objects.filter(email_id__in=pks):
        bijlage.bestand.delete(save=False)
    EmailBijlage.objects.filter(email_id__in=pks).delete()
    for email in InkomendeEmail.objects.filter(pk__in=pks).exclude(bron=""):
        email.bron.delete(save=False)
    return InkomendeEmail.objects.filter(pk__in=pks).update(
        afzender="", afzender_naam="", onderwerp="", tekst="", referenties="", bron=""
    )


def register_kinds() -> None:
    register(
        Soort(
            code="inkomende_emails",
            label="Inkomende e-mails (afzender, tekst, bijlagen)",
            standaard=Termijn(
                dagen=365,
                actie=Actie.ANONIMISEREN,
                bron="Loket-standaard: gelijk aan het klantcontact dat de e-mail werd.",
            ),
            verlopen=_verlopen,
            verwerken=_anonymise,
            partij="klantcontact__partij_id",
            acties=(Actie.ANONIMISEREN, Actie.BEWAREN),
        )
    )
