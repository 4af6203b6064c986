"""Reads of the inbox: the written questions waiting for the KCC (e-mails, questions from Mijn
Loket), with age, deadline and "te laat", and one question with its e-mail thread."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from loket.accounts.models import Team, User
from loket.accounts.permissions import ANSWER_WRITTEN, DISTRIBUTE_WORK, HANDLE_CASES
from loket.contacts.constants import ContactverzoekStatus
from loket.contacts.models import ChatSessie, ChatStatus, Contactverzoek
from loket.contacts.selectors import contactverzoek_access_filter
from loket.contacts.vertrouwelijk import (
    contactverzoek_may_read,
    contactverzoek_redact,
    contactverzoeken_redact,
)
from loket.core.audit import audit_persons_read, audit_record
from loket.core.models import AuditAction, KanaalSoort
from loket.inbox.models import EmailBijlage, InkomendeEmail

# Written questions: e-mail, and the website (Mijn Loket "Stel een vraag").
SCHRIFTELIJK = (KanaalSoort.EMAIL, KanaalSoort.CLICK)
PURPOSE_INBOX = "Schriftelijke vragen beantwoorden (inbox)"


def _may_use(user: User | None) -> User:
    if user is None or not (user.has_perm(ANSWER_WRITTEN) or user.has_perm(HANDLE_CASES)):
        raise PermissionDenied("U mag de inbox met schriftelijke vragen niet inzien.")
    return user


def _visible(user: User, qs: QuerySet[Contactverzoek]) -> QuerySet[Contactverzoek]:
    if user.has_perm(DISTRIBUTE_WORK):
        return qs
    # An agent sees his teams' questions and those assigned to him (as every work queue).
    return qs.filter(contactverzoek_access_filter(user))


def _open_schriftelijk(user: User) -> QuerySet[Contactverzoek]:
    """Open written questions; a callback request (a terugbelnummer, e.g. from the chat outside
    its hours) is a call to make, listed under Terugbellen."""
    qs = (
        Contactverzoek.objects.filter(klantcontact__kanaal__soort__in=SCHRIFTELIJK)
        .exclude(status=ContactverzoekStatus.VERWERKT)
        .filter(terugbelnummer="")
    )
    return _visible(user, qs)


def _open_terugbellen(user: User) -> QuerySet[Contactverzoek]:
    qs = Contactverzoek.objects.exclude(status=ContactverzoekStatus.VERWERKT).exclude(
        terugbelnummer=""
    )
    return _visible(user, qs)


@dataclass(frozen=True)
class InboxRegel:
    verzoek: Contactverzoek
    kanaal: str
    ontvangen_op: dt.datetime
    te_laat: bool
    onderwerp: str
    afzender: str

    @property
    def leeftijd(self) -> dt.timedelta:
        return timezone.now() - self.ontvangen_op


@dataclass(frozen=True)
class Belasting:
    """The load per channel, for the top of the inbox and the teamleider."""

    kanaal: str
    code: str
    open: int
    te_laat: int


PAGINA = 50


# What a page of verzoeken shows (one query, not one per row).
_VERZOEK_RELATED = (
    "klantcontact__kanaal",
    "klantcontact__vertrouwelijk_team",
    "partij",
    "vraag",
    "team",
    "medewerker",
)


def _page_read(
    *, user: User, qs: QuerySet[Contactverzoek], pagina: int, gegevens: str
) -> list[Contactverzoek]:
    """One page (PAGINA) of open verzoeken, the earliest deadline first, redacted for the user;
    every person on the page is audited."""
    verzoeken = contactverzoeken_redact(
        user=user,
        verzoeken=qs.select_related(*_VERZOEK_RELATED).order_by("deadline", "pk")[
            (pagina - 1) * PAGINA : pagina * PAGINA
        ],
        purpose=PURPOSE_INBOX,
    )
    audit_persons_read(
        user=user,
        persons=(v.partij for v in verzoeken),
        purpose=PURPOSE_INBOX,
        detail={"gegevens": gegevens, "pagina": pagina},
    )
    return verzoeken


@dataclass(frozen=True)
class InboxPagina:
    regels: list[InboxRegel]
    pagina: int
    paginas: int
    totaal: int


def inbox_list(*, user: User | None, kanaal: str = "", pagina: int = 1) -> InboxPagina:
    """One page (PAGINA rows) of the open written questions the user may answer, the earliest
    deadline first. Every person on the page is audited."""
    user = _may_use(user)
    now = timezone.now()
    qs = _open_schriftelijk(user)
    if kanaal:
        qs = qs.filter(klantcontact__kanaal__code=kanaal)
    totaal = qs.count()
    paginas = max(1, -(-totaal // PAGINA))
    pagina = min(max(1, pagina), paginas)
    verzoeken = _page_read(user=user, qs=qs, pagina=pagina, gegevens="inbox schriftelijke vragen")
    eerste_mail = {
        kc: (onderwerp, afzender)
        for kc, onderwerp, afzender in InkomendeEmail.objects.filter(
            klantcontact_id__in=[v.klantcontact_id for v in verzoeken]
        )
        .order_by("-ontvangen_op")
        .values_list("klantcontact_id", "onderwerp", "afzender")
    }
    regels = []
    for verzoek in verzoeken:
        contact = verzoek.klantcontact
        onderwerp, afzender = eerste_mail.get(contact.pk, (contact.onderwerp, verzoek.email))
        if verzoek.afgeschermd:
            onderwerp = verzoek.afscherming
        regels.append(
            InboxRegel(
                verzoek=verzoek,
                kanaal=contact.kanaal.naam,
                ontvangen_op=contact.plaatsgevonden_op,
                te_laat=verzoek.deadline < now,
                onderwerp=onderwerp or contact.onderwerp or "(geen onderwerp)",
                afzender=str(verzoek.partij) if verzoek.partij_id else (afzender or "onbekend"),
            )
        )
    return InboxPagina(regels=regels, pagina=pagina, paginas=paginas, totaal=totaal)


def inbox_belasting(*, user: User | None) -> list[Belasting]:
    """Per channel: open written questions and how many are past their deadline."""
    user = _may_use(user)
    now = timezone.now()
    rows = (
        _open_schriftelijk(user)
        .values("klantcontact__kanaal__naam", "klantcontact__kanaal__code")
        .annotate(open=Count("pk"), te_laat=Count("pk", filter=Q(deadline__lt=now)))
        .order_by("klantcontact__kanaal__naam")
    )
    belasting = [
        Belasting(
            r["klantcontact__kanaal__naam"],
            r["klantcontact__kanaal__code"],
            r["open"],
            r["te_laat"],
        )
        for r in rows
    ]
    terug = _open_terugbellen(user).aggregate(
        open=Count("pk"), te_laat=Count("pk", filter=Q(deadline__lt=now))
    )
    belasting.append(Belasting("Terugbellen", TERUGBELLEN, terug["open"], terug["te_laat"]))
    return belasting


TERUGBELLEN = "terugbellen"
# A chat waits at most this long for an agent before it counts as late.
CHAT_WACHTNORM = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class ChatBelasting:
    wachtend: int
    te_laat: int
    langst: dt.timedelta | None


def inbox_chat_belasting(*, now: dt.datetime | None = None) -> ChatBelasting:
    """The chats waiting for an agent (their own queue is /kcc/chats/), for the inbox's load."""
    now = now or timezone.now()
    wachtend = list(
        ChatSessie.objects.filter(status=ChatStatus.WACHTEND).values_list(
            "in_wachtrij_op", flat=True
        )
    )
    tijden = [now - t for t in wachtend if t is not None]
    return ChatBelasting(
        wachtend=len(wachtend),
        te_laat=sum(1 for t in tijden if t > CHAT_WACHTNORM),
        langst=max(tijden) if tijden else None,
    )


@dataclass(frozen=True)
class TerugbelRegel:
    verzoek: Contactverzoek
    te_laat: bool
    vandaag: bool


def inbox_callbacks(*, user: User | None, pagina: int = 1) -> tuple[list[TerugbelRegel], int]:
    """The open callback requests the user may make, the earliest deadline first (PAGINA per
    page), and how many there are; every person on the page is audited."""
    user = _may_use(user)
    now = timezone.now()
    einde_dag = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    qs = _open_terugbellen(user)
    totaal = qs.count()
    pagina = max(1, pagina)
    verzoeken = _page_read(user=user, qs=qs, pagina=pagina, gegevens="terugbelverzoeken")
    return [
        TerugbelRegel(v, te_laat=v.deadline < now, vandaag=v.deadline <= einde_dag)
        for v in verzoeken
    ], totaal


def inbox_callback_get(*, pk: int, user: User | None) -> Contactverzoek:
    """One open callback request with its attempts; audited."""
    user = _may_use(user)
    verzoek = (
        _open_terugbellen(user)
        .select_related(*_VERZOEK_RELATED)
        .prefetch_related("gebeurtenissen")
        .filter(pk=pk)
        .first()
    )
    if verzoek is None:
        raise PermissionDenied("Dit terugbelverzoek staat niet (meer) in uw inbox.")
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=verzoek.partij or verzoek.klantcontact,
        purpose=PURPOSE_INBOX,
        detail={"gegevens": "terugbelverzoek", "contactverzoek": verzoek.pk},
    )
    return contactverzoek_redact(user=user, verzoek=verzoek, purpose=PURPOSE_INBOX, attempt=True)


@dataclass(frozen=True)
class InboxItem:
    verzoek: Contactverzoek
    emails: list[InkomendeEmail]
    te_laat: bool


def inbox_item_visible(*, pk: int, user: User | None) -> bool:
    """Whether the written question is open in the user's inbox (no audit: nothing is shown)."""
    return _open_schriftelijk(_may_use(user)).filter(pk=pk).exists()


def inbox_callback_visible(*, pk: int, user: User | None) -> bool:
    return _open_terugbellen(_may_use(user)).filter(pk=pk).exists()


def inbox_item_check(*, pk: int, user: User | None) -> None:
    """PermissionDenied unless the question (or callback request) is open in the user's inbox
    (no audit: nothing is shown)."""
    if not (inbox_item_visible(pk=pk, user=user) or inbox_callback_visible(pk=pk, user=user)):
        raise PermissionDenied("Deze vraag staat niet (meer) in uw inbox.")


def inbox_teams() -> list[Team]:
    """The teams a question can be forwarded to."""
    return list(Team.objects.filter(is_actief=True).order_by("name"))


def inbox_item_get(*, pk: int, user: User | None) -> InboxItem:
    """One written question with its e-mail thread (oldest first) and attachments; the read is
    audited with its purpose."""
    user = _may_use(user)
    verzoek = (
        _open_schriftelijk(user)
        .select_related(
            "klantcontact__kanaal",
            "klantcontact__vertrouwelijk_team",
            "partij",
            "vraag",
            "team",
            "medewerker",
        )
        .filter(pk=pk)
        .first()
    )
    if verzoek is None:
        closed = Contactverzoek.objects.filter(
            pk=pk, klantcontact__kanaal__soort__in=SCHRIFTELIJK
        ).exists()
        raise PermissionDenied(
            "Deze vraag is al beantwoord." if closed else "Deze vraag staat niet in uw inbox."
        )
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=verzoek.partij or verzoek.klantcontact,
        purpose=PURPOSE_INBOX,
        detail={"gegevens": "schriftelijke vraag", "contactverzoek": verzoek.pk},
    )
    contactverzoek_redact(user=user, verzoek=verzoek, purpose=PURPOSE_INBOX, attempt=True)
    # The e-mails of a confidential question are its content: none for whom may not read it.
    emails = (
        []
        if verzoek.afgeschermd
        else list(
            InkomendeEmail.objects.filter(klantcontact=verzoek.klantcontact)
            .prefetch_related("bijlagen")
            .order_by("ontvangen_op", "pk")
        )
    )
    return InboxItem(verzoek=verzoek, emails=emails, te_laat=verzoek.deadline < timezone.now())


def inbox_bijlage_get(*, pk: int, user: User | None) -> EmailBijlage:
    """An attachment of a question in the user's inbox (stored, not refused); audited."""
    user = _may_use(user)
    bijlage = (
        EmailBijlage.objects.select_related("email__klantcontact")
        .filter(pk=pk)
        .exclude(bestand="")
        .first()
    )
    if bijlage is None or bijlage.email.klantcontact_id is None:
        raise PermissionDenied("Deze bijlage bestaat niet.")
    verzoek = (
        _open_schriftelijk(user)
        .filter(klantcontact_id=bijlage.email.klantcontact_id)
        .select_related("klantcontact")
        .first()
    )
    if verzoek is None:
        raise PermissionDenied("Deze bijlage hoort niet bij een vraag in uw inbox.")
    if not contactverzoek_may_read(user, verzoek):
        contactverzoek_redact(user=user, verzoek=verzoek, purpose=PURPOSE_INBOX, attempt=True)
        raise PermissionDenied(verzoek.afscherming)
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=bijlage.email.klantcontact,
        purpose=PURPOSE_INBOX,
        detail={"gegevens": "bijlage", "bestand": bijlage.bestandsnaam},
    )
    return bijlage
