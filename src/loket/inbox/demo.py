"""The demo's mailbox (issue 17): a few e-mails a KCC receives in a week, written to a Maildir
in var/ (LOKET_DEMO_POSTVAK) and taken in at once, so `scripts/run` shows the inbox filled. The
worker in scripts/run keeps reading that Maildir (conf/dev.py): a message saved in its `new/`
folder appears in the inbox within a round."""

from __future__ import annotations

import mailbox
import shutil
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from loket.inbox.postvakken import MaildirPostvak
from loket.inbox.services import postvak_fetch
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.models import DigitaalAdres

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _mail(*, van: str, onderwerp: str, tekst: str, html: str = "", headers=None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = van
    msg["To"] = "info@zeventerpen.example"
    msg["Subject"] = onderwerp
    msg["Date"] = format_datetime(timezone.now())
    msg["Message-ID"] = make_msgid(domain="voorbeeld.example")
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(tekst)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


def build(builder, summary) -> dict:
    pad = Path(settings.LOKET_DEMO_POSTVAK)
    shutil.rmtree(pad, ignore_errors=True)  # the demo's own mailbox, rebuilt with the demo
    bekend = (
        DigitaalAdres.objects.filter(soort=SoortDigitaalAdres.EMAIL, verified_at__isnull=False)
        .select_related("partij")
        .order_by("pk")
        .first()
    )
    inwoner = bekend.adres if bekend else "inwoner@voorbeeld.example"
    naam = bekend.partij.weergavenaam if bekend else "Inwoner"
    berichten = [
        _mail(
            van=f"{naam} <{inwoner}>",
            onderwerp="Paspoort verloopt volgende maand",
            tekst=(
                "Goedemiddag,\n\nMijn paspoort verloopt volgende maand en ik ga in de "
                "zomervakantie naar Turkije. Moet ik een afspraak maken en hoe lang duurt het "
                "voordat ik het nieuwe paspoort heb?\n\nMet vriendelijke groet,\n" + naam
            ),
        ),
        _mail(
            van="Fatima El Amrani <f.elamrani@voorbeeld.example>",
            onderwerp="vraag over container",
            tekst="",
            html=(
                "<p>Hallo,</p><p>de <b>groene container</b> is sinds twee weken niet geleegd in "
                "de Lindelaan. Wat moet ik doen?</p><p>Groet, Fatima</p>"
            ),
        ),
        _mail(
            van="Piet de Vries <pdevries@voorbeeld.example>",
            onderwerp="Lantaarnpaal kapot",
            tekst="Zie foto. De lantaarnpaal voor Kerkstraat 12 brandt al een week niet.",
        ),
        _mail(
            van="Olga Kowalska <olga.k@voorbeeld.example>",
            onderwerp="trouwen",
            tekst=(
                "Ik wil trouwen met mijn vriend, hij is Nederlands. Ik ben uit Polen. Wat ik "
                "moet doen bij gemeente? Welke papieren nodig?"
            ),
        ),
        _mail(
            van="Automatisch antwoord <h.bakker@voorbeeld.example>",
            onderwerp="Afwezig: uw bericht",
            tekst="Ik ben tot en met 3 januari afwezig en lees mijn mail niet.",
            headers={"Auto-Submitted": "auto-replied"},
        ),
    ]
    berichten[2].add_attachment(PNG, maintype="image", subtype="png", filename="lantaarnpaal.png")
    box = mailbox.Maildir(pad, create=True)
    for msg in berichten:
        box.add(msg.as_bytes())
    box.close()
    resultaat = postvak_fetch(postvak=MaildirPostvak(pad))
    return {
        "e-mails in de inbox": resultaat.contacten,
        "automatische e-mails (niet behandeld)": resultaat.automatisch,
    }
