"""Chats in the KCC workspace (issue 17): the queue, taking a chat, answering (with knowledge
articles), identifying the klant, and closing it into a klantcontact. Views parse, call and
render; the long poll answers JSON for kcc/chat.js."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from loket.accounts.permissions import REGISTER_CONTACT
from loket.contacts.chat_selectors import (
    PURPOSE_CHAT,
    chat_get_for_agent,
    chat_message_json,
    chat_messages_after,
    chat_messages_wait,
    chat_queue,
    chat_wait_seconds,
    chat_waiting_count,
)
from loket.contacts.constants import Afhandeling
from loket.contacts.models import ChatSessie, ChatStatus
from loket.contacts.services.chats import (
    chat_close,
    chat_identify,
    chat_post_agent,
    chat_take,
)
from loket.core.errors import DomainError
from loket.kcc.forms import contactreden_choices
from loket.knowledge.models import ArtikelVersie
from loket.knowledge.selectors import kennis_search
from loket.parties.selectors import persoon_get_by_bsn

AFHANDELINGEN = [
    (Afhandeling.BEANTWOORD, Afhandeling.BEANTWOORD.label),
    (Afhandeling.DOORVERWEZEN, Afhandeling.DOORVERWEZEN.label),
    (Afhandeling.NIET_BEANTWOORD, Afhandeling.NIET_BEANTWOORD.label),
]

chat_permission = permission_required(REGISTER_CONTACT, raise_exception=True)


@login_required
@chat_permission
def wachtrij(request):
    """The chats waiting and the agent's own; the list refreshes itself (htmx)."""
    context = {"wachtrij": chat_queue(user=request.user)}
    if request.headers.get("HX-Request"):
        return render(request, "kcc/_chat_wachtrij.html", context)
    return render(request, "kcc/chats.html", context)


@login_required
@chat_permission
@require_GET
def teller(request):
    """The number of waiting chats for the badge in every page of an agent."""
    return render(request, "kcc/_chat_teller.html", {"aantal": chat_waiting_count()})


@login_required
@chat_permission
@require_POST
def oppakken(request, uuid: UUID):
    sessie = ChatSessie.objects.filter(uuid=uuid).first()
    try:
        if sessie is None:
            raise DomainError("Deze chat bestaat niet.", field="chat")
        chat_take(sessie=sessie, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("kcc:chats")
    return redirect("kcc:chat", uuid=uuid)


def _chat(request, uuid: UUID) -> ChatSessie:
    sessie = chat_get_for_agent(uuid=uuid, user=request.user)
    if sessie is None:
        raise Http404("Deze chat bestaat niet of is van een collega.")
    return sessie


def _versie(value: str) -> ArtikelVersie | None:
    if not value.isdigit():
        return None
    return ArtikelVersie.objects.select_related("artikel").filter(pk=int(value)).first()


def _context(request, sessie: ChatSessie, **extra) -> dict:
    q = request.GET.get("q", "")[:500]
    redenen, _by_pk = contactreden_choices()
    return {
        "sessie": sessie,
        "berichten": chat_messages_after(sessie_id=sessie.pk, na=0),
        "q": q,
        "resultaat": kennis_search(q=q, kanaal="kort", limit=5) if q.strip() else None,
        "redenen": redenen[1:],  # the groups, after the empty choice
        "afhandelingen": AFHANDELINGEN,
        "actief": sessie.status == ChatStatus.ACTIEF,
        **extra,
    }


@login_required
@chat_permission
@require_GET
def gesprek(request, uuid: UUID):
    sessie = _chat(request, uuid)
    return render(request, "kcc/chat.html", _context(request, sessie))


@login_required
@chat_permission
@require_GET
def wachten(request, uuid: UUID):
    """A long poll for the agent's screen: the messages after `na` as soon as there are any."""
    sessie = ChatSessie.objects.filter(uuid=uuid, medewerker=request.user).first()
    if sessie is None:
        return JsonResponse({"fout": "Deze chat bestaat niet of is van een collega."}, status=404)
    na = request.GET.get("na", "0")
    berichten = chat_messages_wait(
        sessie_id=sessie.pk, na=int(na) if na.isdigit() else 0, timeout=chat_wait_seconds()
    )
    sessie.refresh_from_db(fields=["status", "beeindigd_op"])
    return JsonResponse(
        {
            "status": sessie.status,
            "beeindigd": bool(sessie.beeindigd_op),
            "berichten": [chat_message_json(b) for b in berichten],
        }
    )


@login_required
@chat_permission
@require_POST
def bericht(request, uuid: UUID):
    sessie = _chat(request, uuid)
    try:
        nieuw = chat_post_agent(
            sessie=sessie,
            user=request.user,
            tekst=request.POST.get("tekst", ""),
            versie=_versie(request.POST.get("versie", "")),
            zoekvraag=request.POST.get("zoekvraag", "")[:500],
        )
    except DomainError as exc:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"fout": exc.message, "veld": exc.field}, status=400)
        messages.error(request, exc.message)
        return redirect("kcc:chat", uuid=uuid)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"bericht": chat_message_json(nieuw)})
    return redirect("kcc:chat", uuid=uuid)


@login_required
@chat_permission
@require_POST
def klant(request, uuid: UUID):
    """The klant identified in the chat (by BSN): the klantbeeld opens beside the chat."""
    sessie = _chat(request, uuid)
    try:
        partij = persoon_get_by_bsn(
            bsn=request.POST.get("bsn", ""), user=request.user, purpose=PURPOSE_CHAT
        )
        if partij is None:
            raise DomainError("BSN: er is geen klant met dit BSN.", field="bsn")
        chat_identify(sessie=sessie, user=request.user, partij=partij)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"De chat is gekoppeld aan {partij.weergavenaam}.")
    return redirect("kcc:chat", uuid=uuid)


@login_required
@chat_permission
@require_POST
def afsluiten(request, uuid: UUID):
    sessie = _chat(request, uuid)
    _choices, by_pk = contactreden_choices()
    reden = by_pk.get(request.POST.get("contactreden", ""))
    try:
        if reden is None:
            raise DomainError("Contactreden: kies de reden van het contact.", field="contactreden")
        contact = chat_close(
            sessie=sessie,
            user=request.user,
            contactreden=reden,
            afhandeling=request.POST.get("afhandeling", ""),
            notitie=request.POST.get("notitie", "")[:2000],
        )
    except DomainError as exc:
        context = _context(request, sessie, fout=exc)
        return render(request, "kcc/chat.html", context, status=422)
    messages.success(
        request, f"De chat is afgesloten en vastgelegd als klantcontact {contact.referentienummer}."
    )
    return redirect("kcc:chats")
