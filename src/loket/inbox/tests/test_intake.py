"""E-mail into the midoffice (issue 17), against a real IMAP server (Dovecot) and the outbox."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from loket.contacts.constants import ContactverzoekStatus
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.inbox import services
from loket.inbox.models import EmailBijlage, InkomendeEmail, Postvak
from loket.inbox.postvakken import ImapPostvak
from loket.inbox.services import email_answer, postvak_fetch
from loket.messaging import outbox
from loket.messaging.models import Bericht

pytestmark = pytest.mark.django_db

AFZENDER = "j.jansen@voorbeeld.example"


def bericht(
    *,
    onderwerp="Vraag over mijn paspoort",
    tekst="Mijn paspoort verloopt volgende maand. Moet ik een afspraak maken?",
    van=f"Jan Jansen <{AFZENDER}>",
    headers=None,
    html=None,
    bijlagen=(),
) -> bytes:
    msg = EmailMessage()
    msg["From"] = van
    msg["To"] = "kcc@zeventerpen.example"
    msg["Subject"] = onderwerp
    msg["Message-ID"] = make_msgid(domain="voorbeeld.example")
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(tekst)
    if html:
        msg.add_alternative(html, subtype="html")
    for naam, maintype, subtype, data in bijlagen:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=naam)
    return msg.as_bytes()


def ophalen(dovecot, **kwargs):
    return postvak_fetch(postvak=ImapPostvak(dovecot.url()), **kwargs)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_an_email_becomes_a_klantcontact_with_a_verzoek_due_by_the_norm_and_an_acknowledgement(
    dovecot, kcc_team
):
    dovecot.append(bericht(bijlagen=[("uittreksel.pdf", "application", "pdf", PDF)]))
    resultaat = ophalen(dovecot)
    assert (resultaat.opgehaald, resultaat.contacten) == (1, 1)

    mail = InkomendeEmail.objects.get()
    contact = mail.klantcontact
    assert contact.kanaal.code == "e-mail" and contact.medewerker is None
    assert contact.onderwerp == "Vraag over mijn paspoort"
    assert "verloopt volgende maand" in contact.inhoud
    assert (mail.afzender, mail.afzender_naam) == (AFZENDER, "Jan Jansen")
    verzoek = Contactverzoek.objects.get(klantcontact=contact)
    assert verzoek.team == kcc_team and verzoek.email == AFZENDER
    assert verzoek.deadline > timezone.now()
    [bijlage] = mail.bijlagen.all()
    assert bijlage.bestandsnaam == "uittreksel.pdf" and bijlage.bestand and not bijlage.geweigerd

    # The inbox is where the KCC sees it: no notification e-mail to the team per e-mail.
    assert not Bericht.objects.filter(adres=kcc_team.email).exists()
    ontvangst = Bericht.objects.get(aanleiding_type="klantcontact")
    assert ontvangst.adres == AFZENDER and ontvangst.automatisch
    assert ontvangst.antwoord_op == mail.message_id
    assert "binnen 2 werkdagen antwoord" in ontvangst.tekst
    assert contact.referentienummer in ontvangst.tekst

    outbox.berichten_versturen(worker_id="test")
    [sent] = [m for m in django_mail.outbox if m.to == [AFZENDER]]
    assert sent.extra_headers["Auto-Submitted"] == "auto-replied"
    assert sent.extra_headers["In-Reply-To"] == mail.message_id


def test_a_verified_address_finds_the_klant_an_unverified_one_does_not(dovecot, kcc_team):
    from loket.parties.models import DigitaalAdres
    from loket.parties.tests.factories import PersoonFactory

    geverifieerd = PersoonFactory()
    DigitaalAdres.objects.create(
        partij=geverifieerd, soort="email", adres=AFZENDER, verified_at=timezone.now()
    )
    ander = PersoonFactory()
    DigitaalAdres.objects.create(partij=ander, soort="email", adres="ander@voorbeeld.example")
    dovecot.append(bericht())
    dovecot.append(bericht(van="ander@voorbeeld.example", onderwerp="Andere vraag"))
    ophalen(dovecot)
    assert Klantcontact.objects.get(onderwerp="Vraag over mijn paspoort").partij == geverifieerd
    assert Klantcontact.objects.get(onderwerp="Andere vraag").partij is None


def test_each_message_is_taken_in_once_also_after_a_crash_mid_batch(dovecot, kcc_team, monkeypatch):
    for n in range(4):
        dovecot.append(bericht(onderwerp=f"Vraag {n}"))
    assert ophalen(dovecot, limit=1).contacten == 1
    assert Postvak.objects.get().laatste_uid > 0

    # The worker dies while taking in the third message: its transaction (contact, verzoek,
    # acknowledgement, bookmark) is rolled back as a whole.
    echte = services._bevestig
    calls = {"n": 0}

    def sterft(mail):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("worker gestopt")
        return echte(mail)

    monkeypatch.setattr(services, "_bevestig", sterft)
    with pytest.raises(KeyboardInterrupt):
        ophalen(dovecot)
    assert Klantcontact.objects.count() == 2
    monkeypatch.setattr(services, "_bevestig", echte)

    assert ophalen(dovecot).contacten == 2
    assert ophalen(dovecot).opgehaald == 0
    onderwerpen = sorted(Klantcontact.objects.values_list("onderwerp", flat=True))
    assert onderwerpen == ["Vraag 0", "Vraag 1", "Vraag 2", "Vraag 3"]
    assert Bericht.objects.filter(aanleiding_type="klantcontact").count() == 1  # once per hour


def test_a_renumbered_mailbox_does_not_bring_messages_in_twice(dovecot, kcc_team):
    dovecot.append(bericht())
    ophalen(dovecot)
    # As if it was taken in under an earlier numbering and the server rebuilt the folder.
    Postvak.objects.update(uidvalidity="12345")
    InkomendeEmail.objects.update(uidvalidity="12345")
    assert ophalen(dovecot).opgehaald == 1
    assert Klantcontact.objects.count() == 1
    assert InkomendeEmail.objects.filter(status="automatisch").count() == 1


@pytest.mark.parametrize(
    "headers, van",
    [
        ({"Auto-Submitted": "auto-replied"}, AFZENDER),
        ({"X-Autoreply": "yes"}, AFZENDER),
        ({"Precedence": "bulk"}, AFZENDER),
        ({"List-Id": "<nieuws.voorbeeld.example>"}, AFZENDER),
        ({"X-Spam-Flag": "YES"}, AFZENDER),
        ({}, "MAILER-DAEMON@voorbeeld.example"),
    ],
)
def test_automatic_mail_is_kept_but_makes_no_contact_and_gets_no_acknowledgement(
    dovecot, kcc_team, headers, van
):
    dovecot.append(bericht(headers=headers, van=van, onderwerp="Afwezig"))
    resultaat = ophalen(dovecot)
    assert resultaat.automatisch == 1
    mail = InkomendeEmail.objects.get()
    assert mail.status == "automatisch" and mail.reden
    assert not Klantcontact.objects.exists() and not Bericht.objects.exists()


def test_a_bounce_report_is_not_answered(dovecot, kcc_team):
    raw = (
        b"From: Mail Delivery System <mailer@relay.example>\r\n"
        b"To: kcc@zeventerpen.example\r\nSubject: Undelivered Mail\r\n"
        b"Message-ID: <bounce1@relay.example>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        b"--B\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--B--\r\n"
    )
    dovecot.append(raw)
    assert ophalen(dovecot).automatisch == 1
    assert not Bericht.objects.exists()


def test_bad_input_is_stored_or_refused_with_a_reason_and_never_stops_the_intake(
    dovecot, kcc_team, settings
):
    groot = b"0" * (settings.LOKET_ZAAK_DOCUMENT_MAX_BYTES + 1024)
    dovecot.append(
        bericht(
            onderwerp="Grote bijlage",
            bijlagen=[("scan.pdf", "application", "pdf", b"%PDF" + groot)],
        )
    )
    dovecot.append(
        bericht(
            onderwerp="Programma",
            bijlagen=[("factuur.exe", "application", "octet-stream", b"MZ\x90\x00")],
        )
    )
    latin = (
        "From: Anneke <anneke@voorbeeld.example>\r\nTo: kcc@zeventerpen.example\r\n"
        "Subject: =?iso-8859-1?q?Caf=E9_vergunning?=\r\nMessage-ID: <latin1@voorbeeld.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\nMag ik een terras voor mijn caf\xe9? Groet, Ren\xe9e\r\n"
    ).encode("latin-1")
    dovecot.append(latin)
    onbekend = (
        b"From: x@voorbeeld.example\r\nTo: kcc@zeventerpen.example\r\nSubject: Vreemde tekenset\r\n"
        b"Message-ID: <charset@voorbeeld.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-bestaat-niet\r\n\r\nHallo gemeente \xe9\xe9n vraag\r\n"
    )
    dovecot.append(onbekend)
    kapot = (
        b"From: y@voorbeeld.example\r\nTo: kcc@zeventerpen.example\r\nSubject: Kapot\r\n"
        b"Message-ID: <kapot@voorbeeld.example>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="nooitgezien"\r\n\r\n'
        b"Dit bericht heeft geen enkele grens.\r\n\x00\xff\xfe"
    )
    dovecot.append(kapot)
    foto = EmailMessage()
    foto["From"] = "z@voorbeeld.example"
    foto["To"] = "kcc@zeventerpen.example"
    foto["Subject"] = "Foto van de kapotte lantaarnpaal"
    foto["Message-ID"] = "<foto@voorbeeld.example>"
    foto.set_content(PNG, maintype="image", subtype="png", filename="IMG_0001.png")
    dovecot.append(foto.as_bytes())

    resultaat = ophalen(dovecot)
    assert resultaat.opgehaald == 6
    assert InkomendeEmail.objects.count() == 6  # nothing lost

    te_groot = EmailBijlage.objects.get(bestandsnaam="scan.pdf")
    assert "te groot" in te_groot.geweigerd and not te_groot.bestand
    assert InkomendeEmail.objects.get(onderwerp="Grote bijlage").klantcontact is not None
    exe = EmailBijlage.objects.get(bestandsnaam="factuur.exe")
    assert "niet toegestaan" in exe.geweigerd
    cafe = InkomendeEmail.objects.get(message_id="<latin1@voorbeeld.example>")
    assert cafe.onderwerp == "Café vergunning" and "Renée" in cafe.tekst
    vreemd = InkomendeEmail.objects.get(message_id="<charset@voorbeeld.example>")
    assert "Hallo gemeente" in vreemd.tekst and vreemd.klantcontact is not None
    kapotte = InkomendeEmail.objects.get(message_id="<kapot@voorbeeld.example>")
    assert kapotte.status in ("verwerkt", "geweigerd")
    if kapotte.status == "geweigerd":
        assert kapotte.reden and kapotte.bron
    lantaarn = InkomendeEmail.objects.get(message_id="<foto@voorbeeld.example>")
    assert lantaarn.klantcontact is not None and "geen tekst" in lantaarn.tekst
    assert lantaarn.bijlagen.get().bestand


def test_html_mail_is_read_as_text_without_anything_active(dovecot, kcc_team):
    html = (
        "<html><body><p>Beste gemeente,</p><script>alert('x')</script>"
        "<p>Wanneer wordt het <b>grofvuil</b> opgehaald?</p><img src=x onerror=alert(1)></body></html>"
    )
    msg = EmailMessage()
    msg["From"] = AFZENDER
    msg["To"] = "kcc@zeventerpen.example"
    msg["Subject"] = "Grofvuil"
    msg["Message-ID"] = "<html1@voorbeeld.example>"
    msg.set_content(html, subtype="html")
    dovecot.append(msg.as_bytes())
    ophalen(dovecot)
    tekst = InkomendeEmail.objects.get().tekst
    assert "grofvuil" in tekst and "Beste gemeente" in tekst
    assert "alert" not in tekst and "<" not in tekst


def test_a_reply_joins_its_contact_and_the_answer_leaves_in_the_thread(
    dovecot, kcc_team, make_user
):
    dovecot.append(bericht())
    ophalen(dovecot)
    eerste = InkomendeEmail.objects.get()
    contact = eerste.klantcontact

    # The citizen adds something before we answered: the same contact, no new work item.
    dovecot.append(
        bericht(
            onderwerp="Re: Vraag over mijn paspoort",
            tekst="Ik ben vergeten te zeggen: ik woon in Zeventerpen.",
            headers={"In-Reply-To": eerste.message_id, "References": eerste.message_id},
        )
    )
    assert ophalen(dovecot).reacties == 1
    assert InkomendeEmail.objects.filter(klantcontact=contact).count() == 2
    verzoek = Contactverzoek.objects.get(klantcontact=contact)

    agent = make_user("kcc-medewerker")
    email_answer(
        verzoek=verzoek,
        user=agent,
        tekst="Beste heer Jansen,\n\nU kunt online een afspraak maken.\n\nMet vriendelijke groet",
    )
    verzoek.refresh_from_db()
    assert verzoek.status == ContactverzoekStatus.VERWERKT
    antwoord = Bericht.objects.get(aanleiding_type="contactverzoek", adres=AFZENDER)
    assert antwoord.onderwerp == "Re: Vraag over mijn paspoort"
    assert antwoord.tekst.startswith("Beste heer Jansen")  # as written, not wrapped again
    laatste = InkomendeEmail.objects.filter(klantcontact=contact).order_by("-pk").first()
    assert antwoord.antwoord_op == laatste.message_id

    django_mail.outbox.clear()
    outbox.berichten_versturen(worker_id="test")
    sent = next(m for m in django_mail.outbox if m.subject.startswith("Re:"))
    assert sent.to == [AFZENDER]
    assert sent.extra_headers["In-Reply-To"] == laatste.message_id
    assert eerste.message_id in sent.extra_headers["References"]

    # A reply to our answer joins the contact again and puts it back in the queue.
    dovecot.append(
        bericht(
            onderwerp="Re: Re: Vraag over mijn paspoort",
            tekst="Dank u, en kan het ook op zaterdag?",
            headers={"In-Reply-To": f"<loket-{antwoord.uuid}@loket.zeventerpen.example>"},
        )
    )
    assert ophalen(dovecot).reacties == 1
    assert InkomendeEmail.objects.filter(klantcontact=contact).count() == 3
    nieuw = Contactverzoek.objects.filter(klantcontact=contact).exclude(
        status=ContactverzoekStatus.VERWERKT
    )
    assert nieuw.count() == 1
    assert Klantcontact.objects.filter(kanaal__code="e-mail", medewerker=None).count() == 1


def test_an_empty_answer_is_refused_at_the_field(dovecot, kcc_team, make_user):
    dovecot.append(bericht())
    ophalen(dovecot)
    verzoek = Contactverzoek.objects.get()
    from loket.core.errors import DomainError

    with pytest.raises(DomainError) as exc:
        email_answer(verzoek=verzoek, user=make_user("kcc-medewerker"), tekst="  ")
    assert exc.value.field == "tekst" and "Antwoord" in exc.value.message
    verzoek.refresh_from_db()
    assert verzoek.status != ContactverzoekStatus.VERWERKT


def test_a_message_with_very_many_attachments_keeps_twenty_and_lists_the_rest(dovecot, kcc_team):
    bijlagen = [(f"scan-{n:02d}.pdf", "application", "pdf", PDF) for n in range(25)]
    dovecot.append(bericht(onderwerp="Alle bonnetjes", bijlagen=bijlagen))
    assert ophalen(dovecot).contacten == 1
    mail = InkomendeEmail.objects.get()
    opgeslagen = mail.bijlagen.exclude(bestand="")
    geweigerd = mail.bijlagen.filter(bestand="")
    assert (opgeslagen.count(), geweigerd.count()) == (20, 5)
    assert all("Meer dan 20 bijlagen" in b.geweigerd for b in geweigerd)
