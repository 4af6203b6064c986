"""The e-mail reply of a knowledge answer: the same published version, in its e-mail variant.

Redacteuren write the e-mail text with a salutation and a closing; the KCM (or a template in a
mail client) sets its own, so both are replaced. A version without an e-mail text falls back to
the plain text of the web answer.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.template.loader import render_to_string

from loket.knowledge.models import ArtikelVersie

AANHEF = re.compile(r"^\s*(beste|geachte)\b[^\n]*,\s*\n", re.IGNORECASE)
SLOT = re.compile(r"\n\s*met vriendelijke groet\b.*\Z", re.IGNORECASE | re.DOTALL)
BLOCKS = {"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}


class _TextParser(HTMLParser):
    """Sanitised answer HTML → plain text: paragraphs, "- " list items, "text (link)"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.href:
            href = self.href.pop()
            if href and not href.startswith(("#", "mailto:")):
                self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [line.strip() for line in raw.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_naar_tekst(html: str) -> str:
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    return parser.text()


def email_kern(versie: ArtikelVersie) -> str:
    """The body of the reply without salutation and closing."""
    tekst = (versie.email or "").replace("\r\n", "\n").strip()
    if not tekst:
        return html_naar_tekst(versie.antwoord)
    tekst = AANHEF.sub("", tekst, count=1)
    return SLOT.sub("", tekst).strip()


def email_antwoord(
    *,
    versie: ArtikelVersie,
    aanhef: str = "Geachte heer/mevrouw",
    ondertekening: str = "Gemeente Zeventerpen",
) -> tuple[str, str]:
    """(onderwerp, tekst) of the e-mail reply built from one published version."""
    onderwerp = f"Uw vraag: {versie.vraag}"
    tekst = render_to_string(
        "knowledge/email/antwoord.txt",
        {
            "aanhef": aanhef.strip().rstrip(","),
            "kern": email_kern(versie),
            "ondertekening": ondertekening.strip(),
        },
    )
    return onderwerp, tekst.strip() + "\n"
