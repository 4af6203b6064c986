"""E-mail into the midoffice (issue 17): each new message of the municipal mailbox becomes a
klantcontact on kanaal e-mail with a contactverzoek for the KCC, due within the e-mail norm; the
agent's answer leaves through the outbox in the same thread.

Guarantees:
- **exactly once.** A message is taken in inside one transaction with the mailbox's bookmark
  (`Postvak.laatste_uid`) and a unique (postvak, UIDVALIDITY, UID) row: a worker killed
  mid-batch takes the rest in on its next round, and nothing twice. When the server renumbers
  (a new UIDVALIDITY), a message already taken in is recognised by its Message-ID.
- **never lost, never stuck.** A message that cannot be read (broken MIME, an unknown charset,
  a header that does not parse) is kept whole with the reason (status `geweigerd`) and the intake
  goes on; an attachment of a type or size that is not allowed is refused with the reason and
  the rest of the e-mail is taken in.
- **no loops.** Automatic mail (RFC 3834 Auto-Submitted, out-of-office, mailing lists, bounces
  and delivery reports, mail the spam filter flagged) is kept but not answered and makes no
  contact; the acknowledgement itself is marked Auto-Submitted: auto-replied, and one sender
  gets at most one acknowledgement per hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import uuid
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import getaddresses

import nh3
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.cases.services.handling import check_upload
from loket.contacts.constants import Afhandeling, ContactverzoekStatus
from loket.contacts.models import Contactreden, Contactverzoek, Klantcontact
from loket.contacts.services import (
    VerzoekInput,
    VraagInput,
    contactreden_create,
    contactverzoek_close,
    contactverzoek_create,
    klantcontact_register,
)
from loket.core.errors import DomainError
from loket.inbox.models import EmailBijlage, InkomendeEmail, Postvak
from loket.inbox.postvakken import ImapPostvak, MaildirPostvak, Ruwbericht
from loket.insights.selectors import WERKUREN_PER_DAG, emailnorm_werkuren
from loket.knowledge.email import html_naar_tekst
from loket.knowledge.models import ArtikelVersie, ZoekKeuze
from loket.knowledge.services import zoekkeuze_register
from loket.messaging.kanalen import message_id as outbox_message_id
from loket.messaging.models import Bericht, BerichtKanaal, BerichtSoort
from loket.messaging.services import bericht_queue, outbox_wekken_gebundeld
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.models import DigitaalAdres, Partij

logger = logging.getLogger(__name__)

CONTACTREDEN = "Vraag per e-mail"
TEAM_SLUG = "kcc"
VRAAGTEKST_MAX = 4000
TEKST_MAX = 100_000
MAX_BIJLAGEN = 20
BEVESTIGING_PER_AFZENDER = dt.timedelta(hours=1)
_MSGID = re.compile(r"<[^<>\s]{1,298}>")
_AUTO_LOCALPARTS = {"mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply"}


class IntakeGestopt(Exception):
    """Loket cannot take mail in now (no KCC team to handle it, a team without members): the
    batch stops without moving the bookmark, the job logs it and the next round tries again.
    The message itself is fine, so it is not refused."""


@dataclass
class IntakeResultaat:
    opgehaald: int = 0
    contacten: int = 0
    reacties: int = 0
    automatisch: int = 0
    geweigerd: int = 0
    fouten: list[str] = field(default_factory=list)


# --- reading the mailbox ------------------------------------------------------------------------


def postvak_fetch(
    *, postvak: ImapPostvak | MaildirPostvak, limit: int = 200, now: dt.datetime | None = None
) -> IntakeResultaat:
    """Take in up to `limit` new messages of the mailbox, oldest first, each in its own
    transaction with the bookmark."""
    resultaat = IntakeResultaat()
    with postvak, outbox_wekken_gebundeld():
        boek, _ = Postvak.objects.get_or_create(naam=postvak.naam)
        if boek.uidvalidity != postvak.uidvalidity:
            # The server renumbered the folder (or this is the first round): start over; the
            # Message-ID check below keeps what was taken in from coming in twice.
            Postvak.objects.filter(pk=boek.pk).update(
                uidvalidity=postvak.uidvalidity, laatste_uid=0
            )
            boek.refresh_from_db()
        bekend = (
            set(
                InkomendeEmail.objects.filter(
                    postvak=boek, uidvalidity=postvak.uidvalidity
                ).values_list("uid", flat=True)
            )
            if isinstance(postvak, MaildirPostvak)
            else set()
        )
        for ruw in postvak.nieuwe(na_uid=boek.laatste_uid, bekend=bekend, limit=limit):
            resultaat.opgehaald += 1
            status = email_intake(postvak=boek, uidvalidity=postvak.uidvalidity, ruw=ruw, now=now)
            if status == "contact":
                resultaat.contacten += 1
            elif status == "reactie":
                resultaat.reacties += 1
            elif status == InkomendeEmail.Status.AUTOMATISCH:
                resultaat.automatisch += 1
            elif status == InkomendeEmail.Status.GEWEIGERD:
                resultaat.geweigerd += 1
    return resultaat


@transaction.atomic
def email_intake(
    *, postvak: Postvak, uidvalidity: str, ruw: Ruwbericht, now: dt.datetime | None = None
) -> str:
    """Take in one message and move the bookmark, in one transaction. Returns what it became:
    "contact", "reactie" (joined an earlier contact), "automatisch", "geweigerd" or "bekend"."""
    now = now or timezone.now()
    boek = Postvak.objects.select_for_update().get(pk=postvak.pk)
    if InkomendeEmail.objects.filter(postvak=boek, uidvalidity=uidvalidity, uid=ruw.uid).exists():
        _bookmark(boek, ruw.uid)
        return "bekend"
    try:
        with transaction.atomic():
            status = _verwerk(boek, uidvalidity, ruw, now)
    except IntakeGestopt:
        raise
    except Exception as exc:  # any unreadable message is kept, never stops the rest
        logger.warning("E-mail %s/%s niet te verwerken: %s", boek.naam, ruw.uid, exc)
        _weiger(boek, uidvalidity, ruw, now, reden=_reden(exc))
        status = InkomendeEmail.Status.GEWEIGERD
    _bookmark(boek, ruw.uid)
    return status


def _bookmark(boek: Postvak, uid: str) -> None:
    if uid.isdigit() and int(uid) > boek.laatste_uid:
        Postvak.objects.filter(pk=boek.pk).update(laatste_uid=int(uid))


def _reden(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    return f"Het bericht is niet te lezen ({type(exc).__name__}: {str(exc)[:200]})."


def _weiger(
    boek: Postvak, uidvalidity: str, ruw: Ruwbericht, now: dt.datetime, *, reden: str
) -> None:
    mail = InkomendeEmail(
        postvak=boek,
        uidvalidity=uidvalidity,
        uid=ruw.uid,
        ontvangen_op=now,
        grootte=len(ruw.data),
        status=InkomendeEmail.Status.GEWEIGERD,
        reden=reden,
    )
    # Whatever can still be read helps the beheerder find it; the original is kept whole.
    try:
        header = BytesParser(policy=policy.compat32).parsebytes(ruw.data, headersonly=True)
        mail.afzender = str(header.get("From", ""))[:254]
        mail.onderwerp = str(header.get("Subject", ""))[:200]
        mail.message_id = str(header.get("Message-ID", "")).strip()[:300]
    except Exception:
        pass
    mail.bron.save(
        f"{hashlib.sha256(ruw.data).hexdigest()[:32]}.eml", ContentFile(ruw.data), save=False
    )
    mail.save()


# --- one message ---------------------------------------------------------------------------------


def _verwerk(boek: Postvak, uidvalidity: str, ruw: Ruwbericht, now: dt.datetime) -> str:
    msg = BytesParser(policy=policy.default).parsebytes(ruw.data)
    if not isinstance(msg, EmailMessage):
        raise DomainError("Dit is geen e-mailbericht.")
    message_id = _first_id(_header(msg, "Message-ID"))
    if message_id and InkomendeEmail.objects.filter(postvak=boek, message_id=message_id).exists():
        # Renumbered by the server, or delivered twice: taken in once already.
        InkomendeEmail.objects.create(
            postvak=boek,
            uidvalidity=uidvalidity,
            uid=ruw.uid,
            message_id=message_id,
            ontvangen_op=now,
            grootte=len(ruw.data),
            status=InkomendeEmail.Status.AUTOMATISCH,
            reden="Dit bericht was al binnengekomen (zelfde Message-ID).",
        )
        return InkomendeEmail.Status.AUTOMATISCH
    naam, afzender = _afzender(msg)
    mail = InkomendeEmail(
        postvak=boek,
        uidvalidity=uidvalidity,
        uid=ruw.uid,
        message_id=message_id,
        in_reply_to=_first_id(_header(msg, "In-Reply-To")),
        referenties=" ".join(_MSGID.findall(_header(msg, "References")))[:5000],
        afzender=afzender,
        afzender_naam=naam[:200],
        onderwerp=" ".join(_header(msg, "Subject").split())[:200],
        ontvangen_op=now,
        grootte=len(ruw.data),
        status=InkomendeEmail.Status.VERWERKT,
    )
    automatisch = _automatisch(msg, afzender)
    mail.tekst = _tekst(msg)
    if automatisch:
        mail.status = InkomendeEmail.Status.AUTOMATISCH
        mail.reden = automatisch
        mail.save()
        return InkomendeEmail.Status.AUTOMATISCH

    bijlagen = _bijlagen(msg)
    if not mail.tekst.strip():
        mail.tekst = (
            "(Deze e-mail heeft geen tekst; zie de bijlage.)"
            if bijlagen
            else "(Deze e-mail heeft geen tekst.)"
        )
    eerder = _draad(mail)
    try:
        if eerder is not None:
            mail.klantcontact = eerder
            mail.save()
            _bijlagen_opslaan(mail, bijlagen)
            _reactie_op(eerder, mail)
            return "reactie"
        mail.klantcontact = _klantcontact(mail)
    except DomainError as exc:
        raise IntakeGestopt(exc.message) from exc
    mail.save()
    _bijlagen_opslaan(mail, bijlagen)
    if afzender:
        _bevestig(mail)
    return "contact"


def _header(msg: EmailMessage, naam: str) -> str:
    try:
        value = msg.get(naam)
    except Exception:  # a header the parser cannot model is treated as absent
        return ""
    return str(value or "")


def _first_id(value: str) -> str:
    found = _MSGID.search(value or "")
    return found.group(0) if found else ""


def _afzender(msg: EmailMessage) -> tuple[str, str]:
    """(display name, address) of the sender; the address "" when it is not a valid one (no
    acknowledgement, no party match; the e-mail is still taken in)."""
    pairs = getaddresses([_header(msg, "Reply-To") or _header(msg, "From")])
    naam, adres = pairs[0] if pairs else ("", "")
    adres = (adres or "").strip().lower()
    try:
        validate_email(adres)
    except ValidationError:
        adres = ""
    if not naam:
        from_pairs = getaddresses([_header(msg, "From")])
        naam = from_pairs[0][0] if from_pairs else ""
    return naam.strip(), adres[:254]


def _automatisch(msg: EmailMessage, afzender: str) -> str:
    """Why this message is automatic (not to be answered), or ""."""
    auto = _header(msg, "Auto-Submitted").strip().lower()
    if auto and auto != "no":
        return f"Automatisch verstuurd (Auto-Submitted: {auto})."
    if _header(msg, "X-Autoreply") or _header(msg, "X-Autorespond"):
        return "Automatisch antwoord (afwezigheidsmelding)."
    if _header(msg, "Precedence").strip().lower() in {"bulk", "junk", "list", "auto_reply"}:
        return f"Massaberichten (Precedence: {_header(msg, 'Precedence').strip()})."
    if _header(msg, "List-Id") or _header(msg, "List-Unsubscribe"):
        return "Bericht van een mailinglijst of nieuwsbrief."
    if msg.get_content_type() == "multipart/report":
        return "Afleverbericht (bounce of leesbevestiging)."
    if _header(msg, "X-Spam-Flag").strip().upper() == "YES":
        return "Door het spamfilter gemarkeerd."
    localpart = (afzender or "").split("@")[0]
    if localpart in _AUTO_LOCALPARTS or _header(msg, "Return-Path").strip() == "<>":
        return f"Afzender {afzender or 'leeg'} verstuurt alleen automatische berichten."
    return ""


def _payload(part: MIMEPart) -> bytes:
    """The decoded bytes of a non-multipart part (b"" when there are none)."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _decode(part: MIMEPart) -> str:
    try:
        return str(part.get_content())
    except (LookupError, UnicodeDecodeError, AssertionError, KeyError):
        # An unknown or wrong charset: the bytes as Latin-1/Windows-1252 lose nothing.
        payload = _payload(part)
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("cp1252", errors="replace")


def _tekst(msg: EmailMessage) -> str:
    """The readable text: the plain part, else the HTML part without markup (nh3 drops scripts,
    styles and anything active; only the words remain)."""
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    text = _decode(body)
    if body.get_content_subtype() == "html":
        text = html_naar_tekst(nh3.clean(text, tags={"p", "br", "div", "li", "ul", "ol", "tr"}))
    text = text.replace("\r\n", "\n").replace("\x00", "")
    return text.strip()[:TEKST_MAX]


@dataclass
class _Bijlage:
    naam: str
    content_type: str
    data: bytes


def _bijlagen(msg: EmailMessage) -> list[_Bijlage]:
    found = []
    for part in msg.iter_attachments():
        if part.is_multipart():
            continue
        naam = part.get_filename() or ""
        if not naam:
            ext = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
                part.get_content_type(), "bin"
            )
            naam = f"bijlage.{ext}"
        found.append(_Bijlage(naam[:200], part.get_content_type(), _payload(part)))
    # An e-mail with only an image (a photo sent from a phone) has it as the body itself.
    if not found and msg.get_content_maintype() == "image":
        found.append(
            _Bijlage(
                msg.get_filename() or f"afbeelding.{msg.get_content_subtype()}",
                msg.get_content_type(),
                _payload(msg),
            )
        )
    return found


def _bijlagen_opslaan(mail: InkomendeEmail, bijlagen: list[_Bijlage]) -> None:
    """Store what check_upload allows; refuse the rest with the reason. Past MAX_BIJLAGEN the
    attachments are only listed (a message with hundreds of files is not a question)."""
    for nummer, bijlage in enumerate(bijlagen, start=1):
        if nummer > MAX_BIJLAGEN:
            EmailBijlage.objects.create(
                email=mail,
                bestandsnaam=bijlage.naam,
                content_type=bijlage.content_type[:100],
                grootte=len(bijlage.data),
                geweigerd=f"Meer dan {MAX_BIJLAGEN} bijlagen: deze is niet opgeslagen.",
            )
            continue
        record = EmailBijlage(
            email=mail,
            bestandsnaam=bijlage.naam,
            content_type=bijlage.content_type[:100],
            grootte=len(bijlage.data),
        )
        bestand = ContentFile(bijlage.data, name=bijlage.naam)
        bestand.content_type = bijlage.content_type  # type: ignore[attr-defined]  # check_upload reads it
        try:
            ext, _type = check_upload(bestand)
        except DomainError as exc:
            record.geweigerd = exc.message[:300]
            record.save()
            continue
        record.bestand.save(
            f"{hashlib.sha256(bijlage.data).hexdigest()[:32]}.{ext}", bestand, save=False
        )
        record.save()


# --- threads, contacts and the acknowledgement --------------------------------------------------


def _draad(mail: InkomendeEmail) -> Klantcontact | None:
    """The contact an e-mail replies to: an e-mail taken in earlier, or one of our own messages
    (the acknowledgement, the answer), named in In-Reply-To or References."""
    ids = [i for i in [mail.in_reply_to, *mail.referenties.split()] if i]
    if not ids:
        return None
    eerder = (
        InkomendeEmail.objects.filter(message_id__in=ids, klantcontact__isnull=False)
        .order_by("-ontvangen_op")
        .values_list("klantcontact_id", flat=True)
        .first()
    )
    if eerder is not None:
        return Klantcontact.objects.get(pk=eerder)
    # Our own Message-IDs are <loket-<uuid>@domain> (messaging.kanalen.message_id).
    uuids = []
    for value in ids:
        local = value[1:-1].rsplit("@", 1)[0]
        if local.startswith("loket-") and value == outbox_message_id(local):
            uuids.append(local.removeprefix("loket-"))
    valid = []
    for value in uuids:
        try:
            valid.append(uuid.UUID(value))
        except ValueError:
            continue
    for bericht in Bericht.objects.filter(uuid__in=valid).only("aanleiding_type", "aanleiding_id"):
        contact = _contact_van_bericht(bericht)
        if contact is not None:
            return contact
    return None


def _contact_van_bericht(bericht: Bericht) -> Klantcontact | None:
    if bericht.aanleiding_type == "klantcontact" and bericht.aanleiding_id.isdigit():
        return Klantcontact.objects.filter(pk=int(bericht.aanleiding_id)).first()
    if bericht.aanleiding_type == "contactverzoek" and bericht.aanleiding_id.isdigit():
        verzoek = Contactverzoek.objects.filter(pk=int(bericht.aanleiding_id)).first()
        return verzoek.klantcontact if verzoek else None
    return None


def _partij(adres: str) -> Partij | None:
    if not adres:
        return None
    match = (
        DigitaalAdres.objects.filter(
            soort=SoortDigitaalAdres.EMAIL, adres__iexact=adres, verified_at__isnull=False
        )
        .select_related("partij")
        .order_by("-is_standaard_adres", "pk")
        .first()
    )
    return match.partij if match else None


def _contactreden() -> Contactreden:
    reden = Contactreden.objects.filter(naam=CONTACTREDEN, hoofdreden=None).first()
    return reden or contactreden_create(naam=CONTACTREDEN)


def _team() -> Team:
    team = Team.objects.filter(slug=TEAM_SLUG).first()
    if team is None:
        raise DomainError("Er is geen KCC-team om e-mails te behandelen.", field="team")
    return team


def _vraagtekst(mail: InkomendeEmail) -> str:
    kop = mail.onderwerp or "(geen onderwerp)"
    return f"{kop}\n\n{mail.tekst}"[:VRAAGTEKST_MAX]


def _klantcontact(mail: InkomendeEmail) -> Klantcontact:
    vastgelegd = klantcontact_register(
        kanaal="e-mail",
        medewerker=None,
        partij=_partij(mail.afzender),
        plaatsgevonden_op=mail.ontvangen_op,
        onderwerp=mail.onderwerp or "(geen onderwerp)",
        inhoud=mail.tekst,
        vragen=[
            VraagInput(
                vraagtekst=_vraagtekst(mail),
                contactreden=_contactreden(),
                afhandeling=Afhandeling.CONTACTVERZOEK,
                verzoek=VerzoekInput(
                    team=_team(),
                    gevraagde_handeling="Beantwoord de e-mail.",
                    email=mail.afzender,
                    norm_werkuren=emailnorm_werkuren(),
                    melden=False,  # the inbox is where the KCC sees it
                ),
            )
        ],
        idempotency_key=f"email:{mail.postvak_id}:{mail.message_id or mail.uidvalidity + '/' + mail.uid}"[
            :100
        ],
        idempotency_client="postvak",
    )
    return vastgelegd.klantcontact


def _reactie_op(contact: Klantcontact, mail: InkomendeEmail) -> None:
    """A reply joins its contact. While its verzoek is open the agent sees it in the thread;
    after the answer, a new verzoek on the same question puts it back in the inbox."""
    open_ = Contactverzoek.objects.filter(klantcontact=contact).exclude(
        status=ContactverzoekStatus.VERWERKT
    )
    if open_.exists():
        return
    vraag = contact.vragen.order_by("pk").first()
    if vraag is None:
        return
    contactverzoek_create(
        vraag=vraag,
        team=_team(),
        gevraagde_handeling="Beantwoord de reactie op de e-mail.",
        email=mail.afzender,
        user=None,
        norm_werkuren=emailnorm_werkuren(),
        melden=False,
    )


def _bevestig(mail: InkomendeEmail) -> None:
    """The acknowledgement with the norm, through the outbox, in the thread; at most one per
    sender per hour, so two auto-responders cannot keep each other busy."""
    recent = InkomendeEmail.objects.filter(
        afzender=mail.afzender,
        bevestigd=True,
        ontvangen_op__gte=mail.ontvangen_op - BEVESTIGING_PER_AFZENDER,
    ).exists()
    if recent:
        return
    contact = mail.klantcontact
    assert contact is not None  # only a message that became a contact is acknowledged
    werkdagen = emailnorm_werkuren() // WERKUREN_PER_DAG
    referentie = contact.referentienummer
    bericht_queue(
        sleutel=f"email-ontvangst:{mail.pk}",
        onderwerp=f"Ontvangen: {mail.onderwerp or 'uw e-mail'}"[:200],
        tekst=(
            "Geachte heer/mevrouw,\n\n"
            "Wij hebben uw e-mail ontvangen. U krijgt binnen "
            f"{werkdagen} werkdag{'en' if werkdagen != 1 else ''} antwoord.\n\n"
            f"Uw kenmerk is {referentie}. Noem dit kenmerk als u ons hierover belt of mailt.\n\n"
            "Met vriendelijke groet,\nKlantcontactcentrum\n\n"
            "Dit is een automatisch bericht."
        ),
        soort=BerichtSoort.BEVESTIGING,
        partij=contact.partij,
        kanaal=BerichtKanaal.EMAIL,
        adres=mail.afzender,
        aanleiding_type="klantcontact",
        aanleiding_id=str(mail.klantcontact_id),
        antwoord_op=mail.message_id,
        referenties=mail.referenties,
        automatisch=True,
    )
    InkomendeEmail.objects.filter(pk=mail.pk).update(bevestigd=True)


# --- the answer ----------------------------------------------------------------------------------


@transaction.atomic
def email_answer(
    *,
    verzoek: Contactverzoek,
    user: User | None,
    tekst: str,
    versie: ArtikelVersie | None = None,
    zoekvraag: str = "",
) -> Contactverzoek:
    """The agent's answer to an e-mail: the contactverzoek is closed with the text (a
    klantcontact on kanaal e-mail with the article version given) and the text leaves through
    the outbox as a reply in the citizen's thread ("Re: …", In-Reply-To). The article given for
    what the agent searched (`zoekvraag`) teaches the search, as in the KCC panel."""
    tekst = (tekst or "").replace("\r\n", "\n").strip()
    if not tekst:
        raise DomainError(
            "Antwoord: typ het antwoord of kies een antwoord uit de kennisbank.", field="tekst"
        )
    if len(tekst) > 20_000:
        raise DomainError("Antwoord: gebruik hoogstens 20.000 tekens.", field="tekst")
    laatste = (
        InkomendeEmail.objects.filter(klantcontact=verzoek.klantcontact)
        .exclude(message_id="")
        .order_by("-ontvangen_op", "-pk")
        .first()
    )
    onderwerp = ""
    if laatste is not None:
        onderwerp = laatste.onderwerp or ""
        onderwerp = onderwerp if onderwerp.lower().startswith("re:") else f"Re: {onderwerp}"
    if versie is not None and zoekvraag.strip() and user is not None:
        zoekkeuze_register(
            zoekvraag=zoekvraag,
            artikel=versie.artikel,
            bron=ZoekKeuze.Bron.KCC,
            wie=f"user:{user.pk}",
        )
    return contactverzoek_close(
        verzoek=verzoek,
        user=user,
        resultaat=tekst,
        kanaal="e-mail",
        kennisartikel_versie=versie,
        email_volledig=True,
        email_onderwerp=onderwerp.strip()[:200],
        antwoord_op=laatste.message_id if laatste else "",
        referenties=laatste.referenties if laatste else "",
    )
