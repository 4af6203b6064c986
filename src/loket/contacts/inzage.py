"""The contacts' part of an inzage (privacy.inzage): contacts with what was asked and answered,
contactverzoeken, chats."""

from __future__ import annotations

from loket.contacts.models import ChatSessie, Contactverzoek, Klantcontact, KlantcontactConcept
from loket.contacts.retention import _anonymise
from loket.privacy.erasure import Uitkomst, Wisser, register_wisser
from loket.privacy.inzage import Bron, register_bron, text


def _naam(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _contacten(partij) -> list[dict]:
    rows = []
    contacts = (
        Klantcontact.objects.filter(partij=partij)
        .select_related("kanaal", "medewerker")
        .prefetch_related("vragen__contactreden", "vragen__product")
        .order_by("-plaatsgevonden_op")
    )
    for c in contacts:
        vragen = list(c.vragen.all())
        rows.append(
            {
                "nummer": c.referentienummer,
                "wanneer": text(c.plaatsgevonden_op),
                "kanaal": c.kanaal.naam,
                "onderwerp": c.onderwerp,
                "inhoud": c.inhoud,
                "vragen": " | ".join(v.vraagtekst for v in vragen),
                "antwoorden": " | ".join(v.antwoord for v in vragen if v.antwoord),
                "reden": ", ".join(v.contactreden.naam for v in vragen if v.contactreden_id),
                "product": ", ".join(
                    v.product.titel or v.product.upl_naam for v in vragen if v.product is not None
                ),
                "afhandeling": ", ".join(v.get_afhandeling_display() for v in vragen),
                "vertrouwelijk": text(c.vertrouwelijk),
                "medewerker": _naam(c.medewerker),
            }
        )
    return rows


def _verzoeken(partij) -> list[dict]:
    verzoeken = (
        Contactverzoek.objects.filter(partij=partij)
        .select_related("team", "medewerker", "klantcontact")
        .order_by("-created_at")
    )
    return [
        {
            "aangemaakt": text(v.created_at),
            "bij contact": v.klantcontact.referentienummer,
            "gevraagd": v.gevraagde_handeling,
            "terugbelnummer": v.terugbelnummer,
            "e-mailadres": v.email,
            "team": v.team.name if v.team is not None else "",
            "status": v.get_status_display(),
            "resultaat": v.resultaat,
            "afgehandeld": text(v.afgehandeld_op),
            "medewerker": _naam(v.medewerker),
        }
        for v in verzoeken
    ]


def _chats(partij) -> list[dict]:
    sessies = (
        ChatSessie.objects.filter(partij=partij)
        .prefetch_related("berichten")
        .order_by("-gestart_op")
    )
    return [
        {
            "gestart": text(s.gestart_op),
            "status": s.get_status_display(),
            "gesprek": " | ".join(
                f"{b.get_afzender_display()}: {b.tekst}" for b in s.berichten.all()
            ),
        }
        for s in sessies
    ]


def _wissen(partij) -> Uitkomst:
    """Every contact of the partij anonymised as after its retention term (the figures stay),
    its open verzoeken too, its chats' messages and its drafts deleted."""
    pks = list(Klantcontact.objects.filter(partij=partij).values_list("pk", flat=True))
    gewist = _anonymise(pks, "anonimiseren") if pks else 0
    gewist += Contactverzoek.objects.filter(partij=partij).update(
        partij=None, terugbelnummer="", email="", toelichting="", gevraagde_handeling=""
    )
    for sessie in ChatSessie.objects.filter(partij=partij):
        gewist += sessie.berichten.all().delete()[0]
    ChatSessie.objects.filter(partij=partij).update(partij=None)
    gewist += KlantcontactConcept.objects.filter(partij=partij).delete()[0]
    return Uitkomst(gewist)


def register_bronnen() -> None:
    register_wisser(Wisser("klantcontacten", "Contacten, verzoeken en chats", _wissen, 20))
    register_bron(Bron("klantcontacten", "Contacten met de gemeente", _contacten, 20))
    register_bron(Bron("contactverzoeken", "Terugbel- en contactverzoeken", _verzoeken, 21))
    register_bron(Bron("chats", "Chatgesprekken", _chats, 22))
