"""The web chat on every portal page (issue 17), as JSON for the widget (portal/chat.js). The
inwoner's chat is found through his browser session only; views parse, call and answer."""

from __future__ import annotations

import functools

from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST

from loket.contacts.chat_selectors import (
    chat_get_for_citizen,
    chat_is_open,
    chat_message_json,
    chat_messages_after,
    chat_messages_wait,
    chat_wait_seconds,
)
from loket.contacts.models import ChatBericht, ChatSessie, ChatStatus
from loket.contacts.services.chats import (
    chat_leave,
    chat_post_citizen,
    chat_rate,
    chat_request_agent,
    chat_request_callback,
    chat_seen,
    chat_start,
)
from loket.core.errors import DomainError
from loket.parties.citizen_auth import citizen_partij

SESSION_KEY = "loket_chat"


def _state(sessie: ChatSessie | None, berichten: list[ChatBericht] | None = None) -> JsonResponse:
    if sessie is None:
        return JsonResponse({"status": None, "open": chat_is_open(), "berichten": []})
    sessie.refresh_from_db(fields=["status", "beeindigd_op"])
    return JsonResponse(
        {
            "status": sessie.status,
            "beeindigd": bool(sessie.beeindigd_op)
            or sessie.status in (ChatStatus.GESLOTEN, ChatStatus.VERLATEN),
            "open": chat_is_open(),
            "berichten": [chat_message_json(b) for b in berichten or []],
        }
    )


def _fout(exc: DomainError) -> JsonResponse:
    return JsonResponse({"fout": exc.message, "veld": exc.field}, status=400)


def _with_chat(view):
    """The chat of this browser, or 404 in Dutch when there is none."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        sessie = chat_get_for_citizen(sleutel=request.session.get(SESSION_KEY, ""))
        if sessie is None:
            return JsonResponse({"fout": "Er is geen chat; begin een nieuwe."}, status=404)
        try:
            return view(request, sessie, *args, **kwargs)
        except DomainError as exc:
            return _fout(exc)

    return wrapper


@require_GET
def toestand(request):
    """The chat of this browser with all its messages (after a reload), or none."""
    sessie = chat_get_for_citizen(sleutel=request.session.get(SESSION_KEY, ""))
    if sessie is None:
        return _state(None)
    return _state(sessie, chat_messages_after(sessie_id=sessie.pk, na=0))


@require_POST
def starten(request):
    sessie = chat_get_for_citizen(sleutel=request.session.get(SESSION_KEY, ""))
    if sessie is None or sessie.status in (ChatStatus.GESLOTEN, ChatStatus.VERLATEN):
        sessie = chat_start(partij=citizen_partij(request))
        request.session[SESSION_KEY] = sessie.sleutel
    return _state(sessie, chat_messages_after(sessie_id=sessie.pk, na=0))


def _na(request) -> int:
    value = request.POST.get("na", request.GET.get("na", "0"))
    return int(value) if value.isdigit() else 0


@require_POST
@_with_chat
def bericht(request, sessie):
    chat_post_citizen(sessie=sessie, tekst=request.POST.get("tekst", ""))
    return _state(sessie, chat_messages_after(sessie_id=sessie.pk, na=_na(request)))


@require_POST
@_with_chat
def medewerker(request, sessie):
    chat_request_agent(sessie=sessie)
    return _state(sessie, chat_messages_after(sessie_id=sessie.pk, na=_na(request)))


@require_POST
@_with_chat
def geholpen(request, sessie):
    bericht_id = request.POST.get("bericht", "")
    if not bericht_id.isdigit() or request.POST.get("geholpen") not in ("ja", "nee"):
        return _fout(DomainError("Kies ja of nee bij een antwoord.", field="geholpen"))
    chat_rate(sessie=sessie, bericht_id=int(bericht_id), geholpen=request.POST["geholpen"] == "ja")
    return _state(sessie, chat_messages_after(sessie_id=sessie.pk, na=_na(request)))


@require_POST
@_with_chat
def terugbellen(request, sessie):
    chat_request_callback(sessie=sessie, telefoonnummer=request.POST.get("telefoonnummer", ""))
    return _state(sessie, chat_messages_after(sessie_id=sessie.pk, na=_na(request)))


@require_POST
@_with_chat
def stoppen(request, sessie):
    chat_leave(sessie=sessie)
    return _state(sessie, chat_messages_after(sessie_id=sessie.pk, na=_na(request)))


@require_GET
@_with_chat
def wachten(request, sessie):
    """A long poll: the messages after `na`, as soon as there are any (at most 25 s)."""
    chat_seen(sessie=sessie)
    berichten = chat_messages_wait(
        sessie_id=sessie.pk, na=_na(request), timeout=chat_wait_seconds()
    )
    return _state(sessie, berichten)
