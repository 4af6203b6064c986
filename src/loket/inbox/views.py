"""The inbox for written questions (issue 17): the list, one question with its thread, the
knowledge search in the e-mail variant, and the answer. Views parse, call and render."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from loket.accounts.models import Team
from loket.accounts.permissions import ANSWER_WRITTEN, HANDLE_CASES
from loket.contacts.models import Contactverzoek
from loket.contacts.services import (
    contactverzoek_assign_to_me,
    contactverzoek_close,
    contactverzoek_forward,
    contactverzoek_register_attempt,
    klantcontact_link_partij,
)
from loket.core.errors import DomainError
from loket.inbox.selectors import (
    PURPOSE_INBOX,
    TERUGBELLEN,
    inbox_belasting,
    inbox_bijlage_get,
    inbox_callback_get,
    inbox_callback_visible,
    inbox_callbacks,
    inbox_chat_belasting,
    inbox_item_check,
    inbox_item_get,
    inbox_item_visible,
    inbox_list,
    inbox_teams,
)
from loket.inbox.services import email_answer
from loket.knowledge.models import ArtikelVersie
from loket.knowledge.selectors import kennis_search
from loket.parties.selectors import persoon_get_by_bsn
from loket.portal.selectors import artikel_email_antwoord

KENNIS_RESULTATEN = 5


def _may_answer(view):
    """Who may answer written questions (KCC agents) or handle verzoeken; checked before
    anything else, so a refusal is a refusal whatever the method. The selectors check again."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.has_perm(ANSWER_WRITTEN) or request.user.has_perm(HANDLE_CASES)):
            raise PermissionDenied("U mag de inbox met schriftelijke vragen niet inzien.")
        return view(request, *args, **kwargs)

    return wrapper


def _post_to_a_question(view):
    """POST only; a GET is refused to who may not open the question before it is refused as
    the wrong method (no other route tells a stranger whether a question exists)."""

    @functools.wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        if request.method != "POST":
            inbox_item_check(pk=pk, user=request.user)
            return HttpResponseNotAllowed(["POST"])
        return view(request, pk, *args, **kwargs)

    return wrapper


LEEG_ANTWOORD = (
    "Geachte heer/mevrouw,\n\n\n\nMet vriendelijke groet,\n\nKlantcontactcentrum\n"
    "Gemeente Zeventerpen"
)


@login_required
@_may_answer
def inbox(request):
    kanaal = request.GET.get("kanaal", "")[:30]
    pagina = request.GET.get("pagina", "1")
    nummer = int(pagina) if pagina.isdigit() else 1
    context = {
        "kanaal": kanaal,
        "belasting": inbox_belasting(user=request.user),
        "chats": inbox_chat_belasting(),
    }
    if kanaal == TERUGBELLEN:
        context["terugbellen"], context["totaal"] = inbox_callbacks(
            user=request.user, pagina=nummer
        )
    else:
        resultaat = inbox_list(user=request.user, kanaal=kanaal, pagina=nummer)
        context |= {"resultaat": resultaat, "regels": resultaat.regels}
    return render(request, "inbox/inbox.html", context)


def _versie(value: str) -> ArtikelVersie | None:
    if not value.isdigit():
        return None
    return ArtikelVersie.objects.select_related("artikel").filter(pk=int(value)).first()


def _item_context(request, pk: int, *, tekst: str | None = None, fout: DomainError | None = None):
    item = inbox_item_get(pk=pk, user=request.user)
    q = request.GET.get("q", request.POST.get("zoekvraag"))
    if q is None:
        # First visit: search the knowledge base for the e-mail's own words at once.
        q = _eerste_zoekvraag(item)
    q = q[:500]
    versie = _versie(request.GET.get("versie", request.POST.get("versie", "")))
    if tekst is None:
        tekst = LEEG_ANTWOORD
        if versie is not None:
            _onderwerp, tekst = artikel_email_antwoord(versie)
    resultaat = kennis_search(q=q, kanaal="email", limit=KENNIS_RESULTATEN) if q else None
    return {
        "teams": inbox_teams(),
        "item": item,
        "verzoek": item.verzoek,
        "q": q,
        "resultaat": resultaat,
        "versie": versie,
        "tekst": tekst,
        "fout": fout,
    }


def _eerste_zoekvraag(item) -> str:
    """The subject, with the start of the text when the subject says little ("vraag")."""
    eerste = item.emails[0] if item.emails else None
    onderwerp = (eerste.onderwerp if eerste else item.verzoek.klantcontact.onderwerp) or ""
    tekst = eerste.tekst if eerste else item.verzoek.vraag.vraagtekst
    if len(onderwerp.split()) >= 3:
        return onderwerp
    return " ".join(f"{onderwerp} {tekst[:300]}".split())


@login_required
@_may_answer
def item(request, pk: int):
    return render(request, "inbox/item.html", _item_context(request, pk))


@login_required
@_may_answer
@_post_to_a_question
def beantwoorden(request, pk: int):
    context = _item_context(request, pk, tekst=request.POST.get("tekst", ""))
    try:
        verzoek = email_answer(
            verzoek=context["verzoek"],
            user=request.user,
            tekst=context["tekst"],
            versie=context["versie"],
            zoekvraag=context["q"],
        )
    except DomainError as exc:
        context["fout"] = exc
        return render(request, "inbox/item.html", context, status=422)
    messages.success(
        request,
        f"Uw antwoord is verstuurd naar {verzoek.email or 'de klant'} "
        f"(kenmerk {verzoek.klantcontact.referentienummer}).",
    )
    return redirect("inbox:inbox")


@login_required
@_may_answer
def bijlage(request, pk: int):
    gevonden = inbox_bijlage_get(pk=pk, user=request.user)
    response = FileResponse(
        gevonden.bestand.open("rb"), as_attachment=True, filename=gevonden.bestandsnaam
    )
    response["Content-Type"] = "application/octet-stream"
    return response


@login_required
@_may_answer
@_post_to_a_question
def klant_koppelen(request, pk: int):
    """An anonymous question linked to the klant by BSN (the citizen gave it in the e-mail)."""
    item = inbox_item_get(pk=pk, user=request.user)
    try:
        partij = persoon_get_by_bsn(
            bsn=request.POST.get("bsn", ""), user=request.user, purpose=PURPOSE_INBOX
        )
        if partij is None:
            raise DomainError("BSN: er is geen klant met dit BSN.", field="bsn")
        klantcontact_link_partij(
            klantcontact=item.verzoek.klantcontact, partij=partij, user=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"De vraag is gekoppeld aan {partij.weergavenaam}.")
    return redirect("inbox:item", pk=pk)


@login_required
@_may_answer
def terugbellen(request, pk: int):
    """A callback request: the question, the number, the attempts so far, and the call's
    outcome (not reached: an attempt; reached: what was said, and done)."""
    verzoek = inbox_callback_get(pk=pk, user=request.user)
    fout = None
    if request.method == "POST":
        bereikt = request.POST.get("bereikt") == "ja"
        toelichting = request.POST.get("toelichting", "")[:2000]
        try:
            if request.POST.get("bereikt") not in ("ja", "nee"):
                raise DomainError("Kies of u de klant heeft bereikt.", field="bereikt")
            if bereikt and request.POST.get("afsluiten"):
                if not toelichting.strip():
                    raise DomainError(
                        "Vul in wat er met de klant is besproken.", field="toelichting"
                    )
                contactverzoek_close(
                    verzoek=verzoek, user=request.user, resultaat=toelichting, kanaal="telefoon"
                )
                messages.success(request, "Het terugbelverzoek is afgehandeld.")
                return redirect(f"{reverse('inbox:inbox')}?kanaal={TERUGBELLEN}")
            contactverzoek_register_attempt(
                verzoek=verzoek,
                user=request.user,
                bereikt=bereikt,
                kanaal="telefoon",
                toelichting=toelichting,
            )
            messages.success(
                request,
                "De poging is vastgelegd." if not bereikt else "Het gesprek is vastgelegd.",
            )
            return redirect("inbox:terugbellen", pk=pk)
        except DomainError as exc:
            fout = exc
    return render(
        request,
        "inbox/terugbellen.html",
        {
            "verzoek": verzoek,
            "fout": fout,
            "pogingen": verzoek.gebeurtenissen.all(),
            "teams": inbox_teams(),
        },
        status=422 if fout else 200,
    )


@login_required
@_may_answer
@_post_to_a_question
def toewijzen(request, pk: int):
    """Take a question (or a callback request) yourself, or forward it to the team that should
    answer it (a question about a permit goes to Vergunningen)."""
    verzoek = Contactverzoek.objects.filter(pk=pk).first()
    terug = request.POST.get("terug", "")
    try:
        if verzoek is None or not (
            inbox_item_visible(pk=pk, user=request.user)
            or inbox_callback_visible(pk=pk, user=request.user)
        ):
            raise PermissionDenied("Deze vraag staat niet (meer) in uw inbox.")
        if request.POST.get("team"):
            team = Team.objects.filter(slug=request.POST["team"]).first()
            if team is None:
                raise DomainError("Team: kies een team uit de lijst.", field="team")
            contactverzoek_forward(verzoek=verzoek, team=team, user=request.user)
            messages.success(request, f"De vraag is doorgestuurd naar {team}.")
            return redirect("inbox:inbox")
        contactverzoek_assign_to_me(verzoek=verzoek, user=request.user)
        messages.success(request, "De vraag is aan u toegewezen.")
    except DomainError as exc:
        messages.error(request, exc.message)
    if terug == "terugbellen":
        return redirect("inbox:terugbellen", pk=pk)
    return redirect("inbox:item", pk=pk)
