"""The overdue list: each teamleider's mail of contactverzoeken past their deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.contacts.models import (
    Contactverzoek,
    TeLaatMelding,
)
from loket.contacts.selectors import contactverzoek_te_laat_per_teamleider
from loket.messaging.models import BerichtKanaal, BerichtSoort
from loket.messaging.services import bericht_queue

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class TeLaatLijst:
    """The outcome of the daily overdue list for one teamleider."""

    ontvanger: User
    aantal: int
    verzonden: bool  # False: already sent today, or no e-mail address


def _te_laat_mail(
    *, ontvanger: User, per_team: dict[Team, list[Contactverzoek]], base_url: str
) -> tuple[str, str]:
    totaal = sum(len(verzoeken) for verzoeken in per_team.values())
    subject = f"Contactverzoeken te laat: {totaal}"
    lines = [
        f"Beste {ontvanger},",
        "",
        f"In uw team{'s' if len(per_team) > 1 else ''} "
        f"{'zijn' if totaal != 1 else 'is'} {totaal} contactverzoek{'en' if totaal != 1 else ''} "
        "over de deadline:",
    ]
    for team, verzoeken in per_team.items():
        lines += ["", f"{team} ({len(verzoeken)})"]
        for verzoek in verzoeken:
            deadline = timezone.localtime(verzoek.deadline).strftime("%d-%m-%Y %H:%M")
            behandelaar = str(verzoek.medewerker) if verzoek.medewerker_id else "niemand"
            url = base_url.rstrip("/") + reverse("backoffice:detail", kwargs={"pk": verzoek.pk})
            lines.append(
                f"- {verzoek.klantcontact.referentienummer}, deadline {deadline}, "
                f"behandelaar: {behandelaar}\n  {url}"
            )
    lines += ["", "De werkvoorraad per team staat in Loket onder Werkvoorraad."]
    return subject, "\n".join(lines)


def contactverzoeken_te_laat_send(
    *, datum: dt.date | None = None, base_url: str = ""
) -> list[TeLaatLijst]:
    """Mail each teamleider the overdue verzoeken of his teams: one mail per teamleider per day.

    Idempotent per day: a TeLaatMelding is stored with each mail, in the same transaction, so a
    second run on the same day queues nothing again; the outbox sends and retries the mail.
    """

    datum = datum or timezone.localdate()
    uitkomst = []
    for ontvanger, per_team in contactverzoek_te_laat_per_teamleider().items():
        aantal = sum(len(verzoeken) for verzoeken in per_team.values())
        if not ontvanger.email:
            uitkomst.append(TeLaatLijst(ontvanger=ontvanger, aantal=aantal, verzonden=False))
            continue
        with transaction.atomic():
            _melding, nieuw = TeLaatMelding.objects.get_or_create(
                datum=datum, ontvanger=ontvanger, defaults={"aantal": aantal}
            )
            if nieuw:
                subject, body = _te_laat_mail(
                    ontvanger=ontvanger, per_team=per_team, base_url=base_url
                )
                # Through the outbox: stored with the TeLaatMelding, sent and retried by the
                # worker (a failed mail is no longer lost until the next day's run).
                bericht_queue(
                    sleutel=f"te-laat:{datum.isoformat()}:{ontvanger.pk}",
                    onderwerp=subject,
                    tekst=body,
                    soort=BerichtSoort.OVERIG,
                    kanaal=BerichtKanaal.EMAIL,
                    adres=ontvanger.email,
                    aanleiding_type="te-laat-lijst",
                    aanleiding_id=datum.isoformat(),
                )
        uitkomst.append(TeLaatLijst(ontvanger=ontvanger, aantal=aantal, verzonden=nieuw))
    return uitkomst
