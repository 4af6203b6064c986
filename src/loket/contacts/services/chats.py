"""The web chat (issue 17): the inwoner asks on the website, the digital assistant answers from
the knowledge base (the same search and the same published version as the agent's panel), and
on request an agent takes over. When the agent closes the chat, its transcript becomes a
klantcontact on kanaal chat with reason and outcome, through the use case every channel calls.

Every change wakes the other side through the broker (`loket.core.broker`) after it commits.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.contacts.chat_selectors import chat_calendar, chat_is_open, chat_wait_estimate
from loket.contacts.constants import Afhandeling
from loket.contacts.models import (
    ChatAfzender,
    ChatBericht,
    ChatSessie,
    ChatStatus,
    Contactreden,
    Klantcontact,
)
from loket.contacts.services.contactredenen import contactreden_create
from loket.contacts.services.klantcontacten import VerzoekInput, VraagInput
from loket.contacts.services.vastleggen import klantcontact_register
from loket.core.broker import broker_publish
from loket.core.errors import DomainError
from loket.knowledge.email import html_naar_tekst
from loket.knowledge.models import ArtikelVersie, ZoekKeuze
from loket.knowledge.selectors import kennis_search
from loket.knowledge.services import zoekkeuze_register
from loket.parties.models import Partij

TEKST_MAX = 1000
BERICHTEN_MAX = 300
# An inwoner whose browser stopped asking for news this long ago has left (the chat is marked
# "verlaten"; an agent's open chat waits for the agent to close it).
VERLATEN_NA = dt.timedelta(minutes=2)
CONTACTREDEN = "Vraag via de chat"
TEAM_SLUG = "kcc"
ASSISTENT_KORT_MAX = 600

WELKOM = (
    "Welkom bij de chat van gemeente Zeventerpen. Ik ben de digitale assistent. Stel uw vraag in "
    "uw eigen woorden, dan zoek ik het antwoord. Wilt u liever een medewerker spreken? Kies dan "
    "‘Ik wil een medewerker’."
)
GEEN_ANTWOORD = (
    "Daar heb ik helaas geen antwoord op gevonden. Probeer het met andere woorden, of kies "
    "‘Ik wil een medewerker’."
)


def topic(sessie: ChatSessie | int) -> str:
    return f"chat:{sessie if isinstance(sessie, int) else sessie.pk}"


WACHTRIJ = "chat:wachtrij"


def _add(
    sessie: ChatSessie,
    afzender: str,
    tekst: str,
    *,
    now: dt.datetime,
    versie: ArtikelVersie | None = None,
    link: str = "",
    zoekvraag: str = "",
) -> ChatBericht:
    bericht = ChatBericht.objects.create(
        sessie=sessie,
        afzender=afzender,
        tekst=tekst,
        verstuurd_op=now,
        kennisartikel_versie=versie,
        link=link[:300],
        zoekvraag=zoekvraag[:500],
    )
    broker_publish(topic(sessie))
    return bericht


def _clean(tekst: str) -> str:
    tekst = (tekst or "").replace("\x00", "").strip()
    if not tekst:
        raise DomainError("Typ eerst uw bericht.", field="tekst")
    if len(tekst) > TEKST_MAX:
        raise DomainError(f"Uw bericht is te lang: ten hoogste {TEKST_MAX} tekens.", field="tekst")
    return tekst


def _locked(sessie: ChatSessie) -> ChatSessie:
    return ChatSessie.objects.select_for_update().get(pk=sessie.pk)


def chat_start(*, partij: Partij | None = None, now: dt.datetime | None = None) -> ChatSessie:
    """A new chat with the assistant's welcome; `partij` when the inwoner is logged in."""
    now = now or timezone.now()
    with transaction.atomic():
        sessie = ChatSessie.objects.create(
            sleutel=secrets.token_urlsafe(32), partij=partij, gestart_op=now, laatst_gezien_op=now
        )
        _add(sessie, ChatAfzender.SYSTEEM, WELKOM, now=now)
    return sessie


def _check_open_for_inwoner(sessie: ChatSessie) -> None:
    if sessie.status in (ChatStatus.GESLOTEN, ChatStatus.VERLATEN) or sessie.beeindigd_op:
        raise DomainError("Deze chat is beëindigd. Begin een nieuwe chat.", field="tekst")
    if ChatBericht.objects.filter(sessie=sessie).count() >= BERICHTEN_MAX:
        raise DomainError("Deze chat is te lang geworden. Begin een nieuwe chat.", field="tekst")


def chat_post_citizen(
    *, sessie: ChatSessie, tekst: str, now: dt.datetime | None = None
) -> list[ChatBericht]:
    """The inwoner's message; with the assistant still answering, its answer as well."""
    now = now or timezone.now()
    tekst = _clean(tekst)
    with transaction.atomic():
        sessie = _locked(sessie)
        _check_open_for_inwoner(sessie)
        berichten = [_add(sessie, ChatAfzender.INWONER, tekst, now=now)]
        ChatSessie.objects.filter(pk=sessie.pk).update(laatst_gezien_op=now)
        if sessie.status == ChatStatus.ASSISTENT:
            berichten.extend(_assistent_antwoord(sessie, tekst, now=now))
    return berichten


def _assistent_antwoord(sessie: ChatSessie, vraag: str, *, now: dt.datetime) -> list[ChatBericht]:
    resultaat = kennis_search(q=vraag, kanaal="kort", limit=3)
    berichten = []
    for hulplijn in resultaat.hulplijnen:
        berichten.append(
            _add(
                sessie,
                ChatAfzender.ASSISTENT,
                f"{hulplijn.naam}: {hulplijn.tekst} ({hulplijn.nummer})",
                now=now,
            )
        )
    artikelen = [a for a in resultaat.antwoorden if a.versie is not None]
    if not artikelen:
        berichten.append(_add(sessie, ChatAfzender.ASSISTENT, GEEN_ANTWOORD, now=now))
        return berichten
    beste = artikelen[0]
    versie = beste.versie
    assert versie is not None
    tekst = html_naar_tekst(beste.tekst).strip()
    if len(tekst) > ASSISTENT_KORT_MAX:
        tekst = tekst[:ASSISTENT_KORT_MAX].rsplit(" ", 1)[0] + " …"
    berichten.append(
        _add(
            sessie,
            ChatAfzender.ASSISTENT,
            f"{versie.vraag}\n\n{tekst}",
            now=now,
            versie=versie,
            link=f"/zoeken/antwoord/{versie.artikel.slug}/",
            zoekvraag=vraag,
        )
    )
    anders = [a.versie for a in artikelen[1:] if a.versie is not None]
    if anders:
        berichten.append(
            _add(
                sessie,
                ChatAfzender.ASSISTENT,
                "Bedoelt u iets anders? Misschien: "
                + "; ".join(f"‘{v.vraag}’" for v in anders)
                + ".",
                now=now,
            )
        )
    ChatSessie.objects.filter(pk=sessie.pk).update(
        assistent_antwoorden=F("assistent_antwoorden") + 1
    )
    return berichten


def chat_rate(
    *, sessie: ChatSessie, bericht_id: int, geholpen: bool, now: dt.datetime | None = None
) -> ChatBericht:
    """'Heeft dit geholpen?' on an answer of the assistant: kept on the chat, and the search
    learns from the pair (question, article) as it does from the website's buttons."""
    now = now or timezone.now()
    bericht = (
        ChatBericht.objects.select_related("kennisartikel_versie__artikel")
        .filter(pk=bericht_id, sessie=sessie, afzender=ChatAfzender.ASSISTENT)
        .exclude(kennisartikel_versie=None)
        .first()
    )
    if bericht is None or bericht.kennisartikel_versie is None:
        raise DomainError("Dit antwoord hoort niet bij deze chat.", field="bericht")
    with transaction.atomic():
        ChatSessie.objects.filter(pk=sessie.pk).update(geholpen=geholpen)
        if bericht.zoekvraag:
            zoekkeuze_register(
                zoekvraag=bericht.zoekvraag,
                artikel=bericht.kennisartikel_versie.artikel,
                bron=ZoekKeuze.Bron.CHAT,
                wie=f"chat:{sessie.sleutel}",
                geholpen=geholpen,
            )
        _add(
            sessie,
            ChatAfzender.ASSISTENT,
            "Fijn dat het antwoord u verder heeft geholpen. Heeft u nog een vraag? Typ hem hieronder."
            if geholpen
            else "Jammer. Probeer uw vraag anders te stellen, of kies ‘Ik wil een medewerker’.",
            now=now,
        )
    return bericht


def chat_request_agent(*, sessie: ChatSessie, now: dt.datetime | None = None) -> ChatSessie:
    """'Ik wil een medewerker': into the queue with a waiting estimate while the chat is staffed;
    outside its hours the assistant offers a callback request or the question form instead."""
    now = now or timezone.now()
    with transaction.atomic():
        sessie = _locked(sessie)
        _check_open_for_inwoner(sessie)
        if sessie.status != ChatStatus.ASSISTENT:
            return sessie
        if not chat_is_open(now):
            calendar = chat_calendar()
            assert calendar is not None
            volgende = timezone.localtime(calendar.next_opening(now))
            _add(
                sessie,
                ChatAfzender.SYSTEEM,
                "De chat met een medewerker is nu gesloten; we zijn er weer op "
                f"{volgende:%d-%m-%Y} om {volgende:%H:%M}. Laat uw telefoonnummer achter, dan "
                "bellen wij u terug, of stel uw vraag via het formulier.",
                now=now,
                link="terugbellen",
            )
            return sessie
        sessie.status = ChatStatus.WACHTEND
        sessie.in_wachtrij_op = now
        sessie.save(update_fields=["status", "in_wachtrij_op"])
        positie, minuten = chat_wait_estimate(sessie=sessie, now=now)
        wacht = "minder dan een minuut" if minuten < 1 else f"ongeveer {minuten} minuten"
        voor = {1: "U bent de eerste", 2: "Er wacht 1 persoon voor u"}.get(
            positie, f"Er wachten {positie - 1} mensen voor u"
        )
        _add(
            sessie,
            ChatAfzender.SYSTEEM,
            f"Een ogenblik, u wordt doorgezet naar een medewerker. {voor}; de verwachte wachttijd "
            f"is {wacht}.",
            now=now,
        )
        broker_publish(WACHTRIJ)
    return sessie


def chat_leave(*, sessie: ChatSessie, now: dt.datetime | None = None) -> ChatSessie:
    """The inwoner ends the chat. A chat with an agent stays open until the agent closes it
    (and registers the contact); one with the assistant or in the queue ends here."""
    now = now or timezone.now()
    with transaction.atomic():
        sessie = _locked(sessie)
        if sessie.status in (ChatStatus.GESLOTEN, ChatStatus.VERLATEN) or sessie.beeindigd_op:
            return sessie
        sessie.beeindigd_op = now
        if sessie.status != ChatStatus.ACTIEF:
            if sessie.status == ChatStatus.WACHTEND:
                broker_publish(WACHTRIJ)
            sessie.status = ChatStatus.VERLATEN
        sessie.save(update_fields=["status", "beeindigd_op"])
        _add(sessie, ChatAfzender.SYSTEEM, "De inwoner heeft de chat beëindigd.", now=now)
    return sessie


def chat_take(*, sessie: ChatSessie, user: User, now: dt.datetime | None = None) -> ChatSessie:
    """An agent takes a waiting chat (one agent wins when two click at once), within the number
    of chats an agent may have at once."""
    now = now or timezone.now()
    maximum = settings.LOKET_CHAT_MAX_PER_MEDEWERKER
    with transaction.atomic():
        lopend = ChatSessie.objects.filter(medewerker=user, status=ChatStatus.ACTIEF).count()
        if lopend >= maximum:
            raise DomainError(
                f"U heeft al {lopend} chats open (ten hoogste {maximum}). Sluit eerst een chat af.",
                field="chat",
            )
        taken = ChatSessie.objects.filter(pk=sessie.pk, status=ChatStatus.WACHTEND).update(
            status=ChatStatus.ACTIEF, medewerker=user, opgepakt_op=now
        )
        if not taken:
            raise DomainError(
                "Deze chat wacht niet meer: een collega heeft hem al, of de inwoner is weg.",
                field="chat",
            )
        sessie = ChatSessie.objects.get(pk=sessie.pk)
        naam = user.first_name or "een medewerker"
        _add(sessie, ChatAfzender.SYSTEEM, f"U chat nu met {naam} van de gemeente.", now=now)
        broker_publish(WACHTRIJ)
    return sessie


def _own_active(sessie: ChatSessie, user: User) -> ChatSessie:
    sessie = _locked(sessie)
    if sessie.status != ChatStatus.ACTIEF or sessie.medewerker_id != user.pk:
        raise DomainError("Deze chat is niet (meer) van u.", field="chat")
    return sessie


def chat_post_agent(
    *,
    sessie: ChatSessie,
    user: User,
    tekst: str,
    versie: ArtikelVersie | None = None,
    zoekvraag: str = "",
    now: dt.datetime | None = None,
) -> ChatBericht:
    """The agent's message; an answer from the knowledge base names its article version."""
    now = now or timezone.now()
    tekst = _clean(tekst)
    with transaction.atomic():
        sessie = _own_active(sessie, user)
        if sessie.beeindigd_op:
            raise DomainError("De inwoner heeft de chat al verlaten.", field="tekst")
        link = f"/zoeken/antwoord/{versie.artikel.slug}/" if versie is not None else ""
        return _add(
            sessie,
            ChatAfzender.MEDEWERKER,
            tekst,
            now=now,
            versie=versie,
            link=link,
            zoekvraag=zoekvraag,
        )


def chat_identify(*, sessie: ChatSessie, user: User, partij: Partij) -> ChatSessie:
    """The agent links the klant after identifying him in the chat."""
    with transaction.atomic():
        sessie = _own_active(sessie, user)
        sessie.partij = partij
        sessie.save(update_fields=["partij"])
    return sessie


def chat_transcript(sessie: ChatSessie) -> str:
    regels = []
    for b in sessie.berichten.order_by("pk"):
        tijd = timezone.localtime(b.verstuurd_op)
        regels.append(f"[{tijd:%H:%M}] {b.get_afzender_display()}: {b.tekst}")
    return "\n".join(regels)


def chat_close(
    *,
    sessie: ChatSessie,
    user: User,
    contactreden: Contactreden,
    afhandeling: str,
    notitie: str = "",
    now: dt.datetime | None = None,
) -> Klantcontact:
    """The agent closes the chat: its transcript becomes a klantcontact on kanaal chat with the
    reason and outcome, and the last article the agent sent recorded as the answer. A retry
    returns the same contact."""
    now = now or timezone.now()
    if afhandeling not in (
        Afhandeling.BEANTWOORD,
        Afhandeling.DOORVERWEZEN,
        Afhandeling.NIET_BEANTWOORD,
    ):
        raise DomainError(
            "Kies hoe de vraag is afgehandeld: afgehandeld, doorverwezen of niet beantwoord.",
            field="afhandeling",
        )
    if not contactreden.is_actief:
        raise DomainError("Deze contactreden wordt niet meer gebruikt.", field="contactreden")
    with transaction.atomic():
        sessie = _locked(sessie)
        if sessie.status == ChatStatus.GESLOTEN and sessie.klantcontact_id:
            return Klantcontact.objects.get(pk=sessie.klantcontact_id)
        sessie = _own_active(sessie, user)
        berichten = list(sessie.berichten.order_by("pk").select_related("kennisartikel_versie"))
        vragen_inwoner = [b.tekst for b in berichten if b.afzender == ChatAfzender.INWONER]
        artikel = next(
            (
                b
                for b in reversed(berichten)
                if b.afzender == ChatAfzender.MEDEWERKER and b.kennisartikel_versie_id
            ),
            None,
        )
        inhoud = chat_transcript(sessie)
        if notitie.strip():
            inhoud = f"Notitie medewerker: {notitie.strip()}\n\n{inhoud}"
        eerste = vragen_inwoner[0] if vragen_inwoner else "(geen vraag getypt)"
        vastgelegd = klantcontact_register(
            kanaal="chat",
            medewerker=user,
            partij=sessie.partij,
            plaatsgevonden_op=sessie.gestart_op,
            duur=(sessie.beeindigd_op or now) - sessie.gestart_op,
            onderwerp=eerste[:200],
            inhoud=inhoud,
            vragen=[
                VraagInput(
                    vraagtekst=eerste[:2000],
                    contactreden=contactreden,
                    afhandeling=afhandeling,
                    antwoord=artikel.tekst if artikel else notitie.strip(),
                    kennisartikel_versie=artikel.kennisartikel_versie if artikel else None,
                    zoekvraag=artikel.zoekvraag if artikel else "",
                )
            ],
            idempotency_key=f"chat:{sessie.uuid}",
            idempotency_client="chat",
        )
        sessie.status = ChatStatus.GESLOTEN
        sessie.klantcontact = vastgelegd.klantcontact
        sessie.beeindigd_op = sessie.beeindigd_op or now
        sessie.save(update_fields=["status", "klantcontact", "beeindigd_op"])
        _add(
            sessie,
            ChatAfzender.SYSTEEM,
            "De medewerker heeft de chat afgesloten. Bedankt voor uw vraag; het gesprek is "
            f"vastgelegd onder nummer {vastgelegd.klantcontact.referentienummer}.",
            now=now,
        )
    return vastgelegd.klantcontact


def _chat_reden() -> Contactreden:
    reden = Contactreden.objects.filter(naam=CONTACTREDEN, hoofdreden=None).first()
    return reden or contactreden_create(naam=CONTACTREDEN)


def chat_request_callback(
    *,
    sessie: ChatSessie,
    telefoonnummer: str,
    now: dt.datetime | None = None,
) -> Klantcontact:
    """Outside the chat's hours: a callback request for the KCC with the chat so far, due by
    the norm; the chat ends."""
    now = now or timezone.now()
    team = Team.objects.filter(slug=TEAM_SLUG).first()
    if team is None:
        raise DomainError("Er is geen KCC-team om terug te bellen.", field="telefoonnummer")
    if not (telefoonnummer or "").strip():
        raise DomainError("Vul uw telefoonnummer in.", field="telefoonnummer")
    with transaction.atomic():
        sessie = _locked(sessie)
        _check_open_for_inwoner(sessie)
        if sessie.status != ChatStatus.ASSISTENT:
            raise DomainError("Deze chat staat al bij een medewerker.", field="telefoonnummer")
        vragen_inwoner = list(
            sessie.berichten.filter(afzender=ChatAfzender.INWONER)
            .order_by("pk")
            .values_list("tekst", flat=True)
        )
        eerste = vragen_inwoner[0] if vragen_inwoner else "Terugbelverzoek uit de chat"
        vastgelegd = klantcontact_register(
            kanaal="chat",
            medewerker=None,
            partij=sessie.partij,
            plaatsgevonden_op=sessie.gestart_op,
            onderwerp=eerste[:200],
            inhoud=chat_transcript(sessie),
            vragen=[
                VraagInput(
                    vraagtekst="\n".join(vragen_inwoner)[:2000] or eerste,
                    contactreden=_chat_reden(),
                    afhandeling=Afhandeling.CONTACTVERZOEK,
                    verzoek=VerzoekInput(
                        team=team,
                        gevraagde_handeling="Bel de inwoner terug over zijn vraag in de chat.",
                        terugbelnummer=telefoonnummer.strip(),
                    ),
                )
            ],
            idempotency_key=f"chat:{sessie.uuid}",
            idempotency_client="chat",
        )
        sessie.status = ChatStatus.GESLOTEN
        sessie.klantcontact = vastgelegd.klantcontact
        sessie.beeindigd_op = now
        sessie.save(update_fields=["status", "klantcontact", "beeindigd_op"])
        _add(
            sessie,
            ChatAfzender.SYSTEEM,
            "Dank u. We bellen u terug op het nummer dat u gaf, binnen de termijn van de "
            f"gemeente. Uw nummer: {vastgelegd.klantcontact.referentienummer}.",
            now=now,
        )
    return vastgelegd.klantcontact


def chat_seen(*, sessie: ChatSessie, now: dt.datetime | None = None) -> None:
    """The inwoner's browser is still there (at most one write per 30 seconds)."""
    now = now or timezone.now()
    ChatSessie.objects.filter(
        pk=sessie.pk, laatst_gezien_op__lt=now - dt.timedelta(seconds=30)
    ).update(laatst_gezien_op=now)


def chats_expire(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The worker's sweep: a chat whose inwoner left without saying so (with the assistant or in
    the queue) is marked 'verlaten'; chats that ended past their retention are deleted (the
    klantcontact keeps the transcript under its own term)."""
    now = now or timezone.now()
    weg = ChatSessie.objects.filter(
        status__in=[ChatStatus.ASSISTENT, ChatStatus.WACHTEND],
        laatst_gezien_op__lt=now - VERLATEN_NA,
    )
    wachtend = weg.filter(status=ChatStatus.WACHTEND).exists()
    verlaten = weg.update(status=ChatStatus.VERLATEN, beeindigd_op=now)
    if wachtend:
        broker_publish(WACHTRIJ)
    # With an agent: the agent is told, and closes the chat (registering the contact) himself.
    stil = ChatSessie.objects.filter(
        status=ChatStatus.ACTIEF,
        beeindigd_op__isnull=True,
        laatst_gezien_op__lt=now - VERLATEN_NA,
    )
    for sessie in stil:
        with transaction.atomic():
            if ChatSessie.objects.filter(pk=sessie.pk, beeindigd_op__isnull=True).update(
                beeindigd_op=now
            ):
                _add(
                    sessie,
                    ChatAfzender.SYSTEEM,
                    "De inwoner is niet meer verbonden (de pagina is gesloten). Sluit de chat af.",
                    now=now,
                )
                verlaten += 1
    termijn = now - dt.timedelta(days=settings.LOKET_CHAT_BEWAARTERMIJN_DAGEN)
    oud = ChatSessie.objects.filter(
        status__in=[ChatStatus.GESLOTEN, ChatStatus.VERLATEN], beeindigd_op__lt=termijn
    )
    verwijderd = ChatBericht.objects.filter(sessie__in=oud).delete()[0]
    oud.delete()
    return {"verlaten": verlaten, "berichten_verwijderd": verwijderd}
