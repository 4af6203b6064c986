"""Where e-mail comes from: an IMAP mailbox (Exchange, Microsoft 365, any IMAP server) or, for the
demo and a single machine, a Maildir on disk. Both hand out (uid, raw bytes) after a bookmark.

LOKET_POSTVAK_URL names the mailbox:
- `imap://user@host:143/INBOX` or `imaps://user@host:993/INBOX` (STARTTLS is not used on
  plain imap; use imaps outside a test). The password comes from LOKET_POSTVAK_WACHTWOORD (or
  the URL), never from the repository.
- `maildir:///path/to/Maildir` — new mail in `new/`, as any MDA writes it.
"""

from __future__ import annotations

import contextlib
import imaplib
import mailbox
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

from loket.core.errors import DomainError

IMAP_TIMEOUT = 30
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")


@dataclass(frozen=True)
class Ruwbericht:
    uid: str
    data: bytes


class ImapPostvak:
    """Read-only access to one IMAP folder: the UIDs after a bookmark, oldest first, fetched with
    BODY.PEEK[] so the \\Seen flag stays for the people who also read the mailbox."""

    def __init__(self, url: str, wachtwoord: str = "") -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("imap", "imaps") or not parts.hostname:
            raise DomainError(f"Onbekend postvak '{url}'.", field="LOKET_POSTVAK_URL")
        self.ssl = parts.scheme == "imaps"
        self.host = parts.hostname
        self.port = parts.port or (993 if self.ssl else 143)
        self.gebruiker = unquote(parts.username or "")
        self.wachtwoord = wachtwoord or unquote(parts.password or "")
        self.map = unquote(parts.path.lstrip("/")) or "INBOX"
        # The name in the bookkeeping: without the password.
        self.naam = f"{parts.scheme}://{self.gebruiker}@{self.host}:{self.port}/{self.map}"[:200]
        self.uidvalidity = ""
        self._imap: imaplib.IMAP4 | None = None

    def __enter__(self) -> ImapPostvak:
        imap: imaplib.IMAP4
        if self.ssl:
            imap = imaplib.IMAP4_SSL(
                self.host, self.port, ssl_context=ssl.create_default_context(), timeout=IMAP_TIMEOUT
            )
        else:
            imap = imaplib.IMAP4(self.host, self.port, timeout=IMAP_TIMEOUT)
        self._imap = imap
        imap.login(self.gebruiker, self.wachtwoord)
        status, _data = imap.select(_quote(self.map), readonly=True)
        if status != "OK":
            raise imaplib.IMAP4.error(f"Map {self.map} bestaat niet of is niet te openen.")
        _typ, values = imap.response("UIDVALIDITY")
        self.uidvalidity = (values[0] or b"").decode() if values and values[0] else ""
        return self

    def __exit__(self, *exc) -> None:
        if self._imap is not None:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                self._imap.logout()
            self._imap = None

    def nieuwe(self, *, na_uid: int, bekend: set[str], limit: int) -> Iterator[Ruwbericht]:
        assert self._imap is not None
        status, data = self._imap.uid("SEARCH", f"UID {na_uid + 1}:*")
        if status != "OK":
            raise imaplib.IMAP4.error("Zoeken in het postvak mislukte.")
        # "n:*" also returns the highest UID when it is below n: keep only the new ones.
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > na_uid)
        for uid in uids[:limit]:
            status, parts = self._imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
            if status != "OK":
                raise imaplib.IMAP4.error(f"Bericht {uid} ophalen mislukte.")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
            if raw is None:  # expunged between SEARCH and FETCH
                continue
            yield Ruwbericht(str(uid), raw)


class MaildirPostvak:
    """A Maildir on disk (the demo's `var/postvak`): every message not taken in yet, oldest
    first. Its keys are the UIDs; the bookkeeping is the set already taken in."""

    def __init__(self, pad: str | Path) -> None:
        self.pad = Path(pad)
        self.naam = f"maildir://{self.pad}"[:200]
        self.uidvalidity = "maildir"
        self._box: mailbox.Maildir | None = None

    def __enter__(self) -> MaildirPostvak:
        self._box = mailbox.Maildir(self.pad, factory=None, create=True)
        return self

    def __exit__(self, *exc) -> None:
        self._box = None

    def nieuwe(self, *, na_uid: int, bekend: set[str], limit: int) -> Iterator[Ruwbericht]:
        assert self._box is not None
        box = self._box
        keys = [k for k in box.keys() if k not in bekend]  # noqa: SIM118 (iterating gives messages)

        def ontvangen(key: str) -> float:
            return box.get_message(key).get_date()

        for key in sorted(keys, key=lambda k: (ontvangen(k), k))[:limit]:
            with box.get_file(key) as fh:
                yield Ruwbericht(key, fh.read())


def _quote(naam: str) -> str:
    return naam if re.fullmatch(r"[A-Za-z0-9._/-]+", naam) else '"' + naam.replace('"', r"\"") + '"'


def postvak_uit_instellingen() -> ImapPostvak | MaildirPostvak | None:
    """The configured mailbox, or None when LOKET_POSTVAK_URL is empty (no e-mail intake)."""
    url = (settings.LOKET_POSTVAK_URL or "").strip()
    if not url:
        return None
    if url.startswith("maildir://"):
        return MaildirPostvak(unquote(urlsplit(url).path))
    return ImapPostvak(url, wachtwoord=settings.LOKET_POSTVAK_WACHTWOORD)
