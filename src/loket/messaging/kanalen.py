"""Channel adapters the outbox sends through: e-mail, the Mijn Loket inbox and SMS.

Every adapter receives the message's idempotency key (`Bericht.idempotentiesleutel`). A retry after
a crash carries the same key, so the receiving side can drop a second copy: the e-mail Message-ID
header, the SMS provider's client reference.
"""

from __future__ import annotations

import logging
import re
import smtplib
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class PermanenteFout(Exception):
    """Sending can never succeed (bad address, refused recipient): the message fails at once."""


class TijdelijkeFout(Exception):
    """Sending may succeed later (server down, timeout): the message is retried with backoff."""


# --- e-mail ----------------------------------------------------------------------------------


def message_id(sleutel: str) -> str:
    domain = settings.LOKET_OUTBOX_MAIL_DOMAIN or "loket.invalid"
    return f"<{sleutel}@{domain}>"


def email_valideren(adres: str) -> None:
    try:
        validate_email(adres)
    except ValidationError as exc:
        raise PermanenteFout(f"Ongeldig e-mailadres: '{adres}'.") from exc


def email_bericht(
    *,
    sleutel: str,
    adres: str,
    onderwerp: str,
    tekst: str,
    antwoord_op: str = "",
    referenties: str = "",
    automatisch: bool = False,
) -> EmailMessage:
    """The e-mail of one message. An answer to an e-mail carries In-Reply-To and References, so
    the citizen's mail program shows it in the thread; an automatic reply says so (RFC 3834:
    Auto-Submitted), so auto-responders do not answer it and no loop starts."""
    email_valideren(adres)
    headers = {"Message-ID": message_id(sleutel), "X-Loket-Bericht": sleutel}
    if antwoord_op:
        headers["In-Reply-To"] = antwoord_op
        headers["References"] = " ".join([*referenties.split(), antwoord_op][-10:])
    if automatisch:
        headers["Auto-Submitted"] = "auto-replied"
        headers["X-Auto-Response-Suppress"] = "All"  # Exchange: no out-of-office to this
    return EmailMessage(subject=onderwerp, body=tekst, to=[adres], headers=headers)


class EmailVerbinding:
    """One open connection of the configured mailer for a batch of messages."""

    def __init__(self) -> None:
        self.connection = mail.mailers.default
        self.opened = False

    def __enter__(self) -> EmailVerbinding:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.opened:
            try:
                self.connection.close()
            except Exception:
                logger.debug("closing the mail connection failed", exc_info=True)
            self.opened = False

    def send(self, message: EmailMessage) -> None:
        try:
            if not self.opened:
                self.connection.open()
                self.opened = True
            sent = self.connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanenteFout(
                f"Ontvanger geweigerd door de mailserver: {exc.recipients}"
            ) from exc
        except smtplib.SMTPDataError as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanenteFout(f"Bericht geweigerd door de mailserver: {exc}") from exc
            self.close()
            raise TijdelijkeFout(f"Mailserver: {exc}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise TijdelijkeFout(f"Mailserver niet bereikbaar: {exc}") from exc
        if not sent:
            raise TijdelijkeFout("De mailserver nam het bericht niet aan.")


# --- SMS -------------------------------------------------------------------------------------

MOBIEL = re.compile(r"^(\+316|06|00316)\d{8}$")


@dataclass(frozen=True)
class SmsResultaat:
    referentie: str


class SmsAdapter(Protocol):
    def send(self, *, telefoonnummer: str, tekst: str, sleutel: str) -> SmsResultaat: ...


def telefoon_valideren(nummer: str) -> str:
    cleaned = re.sub(r"[\s\-()]", "", nummer or "")
    if not MOBIEL.match(cleaned):
        raise PermanenteFout(f"Geen mobiel nummer voor een sms: '{nummer}'.")
    return cleaned


class LogSmsAdapter:
    """The demo adapter: logs the SMS and remembers keys, so a retry is not sent twice.

    A real provider (configured with LOKET_SMS_ADAPTER) passes `sleutel` as its client reference;
    providers drop a second message with the same reference."""

    verzonden: dict[str, SmsResultaat] = {}

    def send(self, *, telefoonnummer: str, tekst: str, sleutel: str) -> SmsResultaat:
        nummer = telefoon_valideren(telefoonnummer)
        if sleutel in self.verzonden:
            return self.verzonden[sleutel]
        logger.info("sms aan %s (%s): %s", nummer, sleutel, tekst[:160])
        resultaat = SmsResultaat(referentie=sleutel)
        self.verzonden[sleutel] = resultaat
        return resultaat


def sms_adapter() -> SmsAdapter:
    path = settings.LOKET_SMS_ADAPTER
    return import_string(path)()
