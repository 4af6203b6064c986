"""Confidential contacts (issue 19): who reads the content of a vertrouwelijk klantcontact,
its contactverzoeken and a confidential zaak note, and the redacted form everyone else sees. The
one rule for every page, fragment and API of Loket (docs/security.md, "Confidential contacts").

- A klantcontact with `vertrouwelijk` names the team that may read it (`vertrouwelijk_team`).
  Its members read the subject, content, questions and answers; every other medewerker (KCC,
  other teams, teamleiders and beheerders of other teams) sees that the contact exists, its
  date and channel, and "Vertrouwelijk — vraag team X".
- A contactverzoek of a confidential contact is as confidential as the contact: the contact's
  team reads it, and so do its own handlers (the verzoek's medewerker and the members of its
  team), who need it to call back.
- A zaak note (cases.ZaakNotitie) with a `vertrouwelijk_team` follows the same rule.
- An API token reads the content only with the scope `vertrouwelijk:lezen` (default not).
- Loket itself (a service run by the worker) and the privacy inzage read the models directly.
- A confidential contact without a team (the VNG Klantinteracties API has no field for it) is
  read by no medewerker: it fails closed (a token with the scope still reads it).

Every read of a confidential record's content is audited against the record (detail
`{"vertrouwelijk": "gelezen"}`), and so is a refused attempt to open one
(`{"vertrouwelijk": "geweigerd"}`); a list that shows the redacted row records no refusal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.db.models import Q, QuerySet

from loket.accounts.models import Team, User
from loket.contacts.models import (
    Contactverzoek,
    ContactverzoekGebeurtenis,
    Klantcontact,
    Vraag,
)
from loket.core.access import api_token, is_system
from loket.core.audit import audit_record
from loket.core.models import AuditAction
from loket.core.types import Actor

VERTROUWELIJK_READ_SCOPE = "vertrouwelijk:lezen"
GELEZEN = "gelezen"
GEWEIGERD = "geweigerd"


def _member_of(user: Actor | None, team_id: int | None) -> bool:
    if team_id is None or not isinstance(user, User) or not user.is_authenticated:
        return False
    # `teams` may be prefetched by the caller; `.all()` then costs no query.
    return any(team.pk == team_id for team in user.teams.all())


def vertrouwelijk_may_read(user: Actor | None, *, team_id: int | None) -> bool:
    """The rule for any confidential record that names its team (a klantcontact, a zaak's
    note): Loket itself, a token with `vertrouwelijk:lezen`, a member of the team."""
    if is_system(user):
        return True
    token = api_token(user)
    if token is not None:
        return bool(token.has_scope(VERTROUWELIJK_READ_SCOPE))
    return _member_of(user, team_id)


def klantcontact_may_read(user: Actor | None, contact: Klantcontact) -> bool:
    """Whether the caller may read this contact's content (subject, content, questions,
    answers). Always for a contact that is not confidential."""
    if not contact.vertrouwelijk:
        return True
    return vertrouwelijk_may_read(user, team_id=contact.vertrouwelijk_team_id)


def klantcontact_readable_q(user: Actor | None, *, prefix: str = "") -> Q:
    """`klantcontact_may_read` as a filter on klantcontacten (`prefix`: the path to one, e.g.
    "klantcontact__"), for lists that leave out what they cannot show redacted."""
    if is_system(user):
        return Q()
    open_ = Q(**{f"{prefix}vertrouwelijk": False})
    token = api_token(user)
    if token is not None:
        return Q() if token.has_scope(VERTROUWELIJK_READ_SCOPE) else open_
    if not isinstance(user, User) or not user.is_authenticated:
        return open_
    return open_ | Q(**{f"{prefix}vertrouwelijk_team__in": user.teams.values("pk")})


def contactverzoek_readable_q(user: Actor | None) -> Q:
    """`contactverzoek_may_read` as a filter on contactverzoeken."""
    readable = klantcontact_readable_q(user, prefix="klantcontact__")
    if isinstance(user, User) and user.is_authenticated and api_token(user) is None:
        readable |= Q(medewerker=user) | Q(team__in=user.teams.values("pk"))
    return readable


def contactverzoek_may_read(user: Actor | None, verzoek: Contactverzoek) -> bool:
    """Whether the caller may read a verzoek's content (gevraagde handeling, toelichting,
    resultaat, the question): as for its contact, and also for its own handlers."""
    contact = verzoek.klantcontact
    if klantcontact_may_read(user, contact):
        return True
    if api_token(user) is not None:
        return False
    if isinstance(user, User) and user.is_authenticated and verzoek.medewerker_id == user.pk:
        return True
    return _member_of(user, verzoek.team_id)


def vertrouwelijk_vraag_team(contact: Klantcontact) -> str:
    """The line shown instead of the content: whom to ask."""
    return vertrouwelijk_afscherming(contact.vertrouwelijk_team)


def vertrouwelijk_afscherming(team: Team | None) -> str:
    """ "Vertrouwelijk — vraag team X", for any confidential record of that team."""
    if team is None:
        return "Vertrouwelijk — vraag de functionaris gegevensbescherming welk team inzage heeft"
    return f"Vertrouwelijk — vraag team {team.name}"


def _audit(
    *, user: Actor | None, obj: Klantcontact | Contactverzoek, purpose: str, uitkomst: str
) -> None:
    if is_system(user):
        return
    contact = obj.klantcontact if isinstance(obj, Contactverzoek) else obj
    audit_record(
        user=user,
        action=AuditAction.READ,
        obj=obj,
        purpose=purpose,
        detail={
            "gegevens": "vertrouwelijk klantcontact",
            "klantcontact": contact.referentienummer,
            "vertrouwelijk": uitkomst,
        },
    )


def _redact_contact(contact: Klantcontact) -> None:
    """Blank the content in memory; the instance cannot be saved any more (Klantcontact.save)."""
    contact.afgeschermd = True
    contact.afscherming = vertrouwelijk_vraag_team(contact)
    contact.onderwerp = ""
    contact.inhoud = ""
    # The questions are content: `contact.vragen.all()` answers none (Django's prefetch cache).
    cache = getattr(contact, "_prefetched_objects_cache", None)
    if cache is None:
        cache = {}
        setattr(contact, "_prefetched_objects_cache", cache)  # noqa: B010 (not in the stubs)
    cache["vragen"] = Vraag.objects.none()


def _without_toelichting(gebeurtenis: ContactverzoekGebeurtenis) -> None:
    """What was said on a callback attempt and the result are content too; whether the klant
    was reached, and who forwarded it to whom, are not."""
    gebeurtenis.detail = {
        k: v for k, v in (gebeurtenis.detail or {}).items() if k not in ("toelichting", "resultaat")
    }


def _redact_verzoek(verzoek: Contactverzoek) -> None:
    verzoek.afgeschermd = True
    verzoek.afscherming = vertrouwelijk_vraag_team(verzoek.klantcontact)
    verzoek.gevraagde_handeling = ""
    verzoek.toelichting = ""
    verzoek.resultaat = ""
    if Contactverzoek.vraag.is_cached(verzoek):
        verzoek.vraag.vraagtekst = ""
        verzoek.vraag.antwoord = ""
    for gebeurtenis in getattr(verzoek, "_prefetched_objects_cache", {}).get("gebeurtenissen", []):
        _without_toelichting(gebeurtenis)


def klantcontact_redact(
    *, user: Actor | None, contact: Klantcontact, purpose: str, attempt: bool = False
) -> Klantcontact:
    """The contact as this caller may see it: unchanged, or with its content blanked
    (`contact.afgeschermd`). A confidential contact's read is audited; `attempt` (the caller
    asked for this one record) also audits a refusal. Its contactverzoeken, when prefetched,
    are redacted by the same rule."""
    if contact.vertrouwelijk:
        if klantcontact_may_read(user, contact):
            _audit(user=user, obj=contact, purpose=purpose, uitkomst=GELEZEN)
        else:
            if attempt:
                _audit(user=user, obj=contact, purpose=purpose, uitkomst=GEWEIGERD)
            _redact_contact(contact)
    cache = getattr(contact, "_prefetched_objects_cache", {})
    if contact.vertrouwelijk and "contactverzoeken" in cache:
        for verzoek in cache["contactverzoeken"]:
            verzoek.klantcontact = contact
            if not contactverzoek_may_read(user, verzoek):
                _redact_verzoek(verzoek)
    return contact


def klantcontacten_redact(
    *, user: Actor | None, contacts: Iterable[Klantcontact], purpose: str
) -> list[Klantcontact]:
    """A list of contacts (a timeline, an API page) as this caller may see them: each
    confidential one read is audited, the others are redacted (a list shows no refusal)."""
    return [klantcontact_redact(user=user, contact=c, purpose=purpose) for c in contacts]


def contactverzoek_redact(
    *, user: Actor | None, verzoek: Contactverzoek, purpose: str, attempt: bool = False
) -> Contactverzoek:
    """The verzoek as this caller may see it (content blanked, `verzoek.afgeschermd`, when he
    may not read it), audited as `klantcontact_redact`."""
    if verzoek.klantcontact.vertrouwelijk:
        if contactverzoek_may_read(user, verzoek):
            _audit(user=user, obj=verzoek, purpose=purpose, uitkomst=GELEZEN)
        else:
            if attempt:
                _audit(user=user, obj=verzoek, purpose=purpose, uitkomst=GEWEIGERD)
            _redact_verzoek(verzoek)
    return verzoek


def terugbelpoging_redact(
    *,
    user: Actor | None,
    poging: ContactverzoekGebeurtenis,
    purpose: str,
    attempt: bool = False,
) -> ContactverzoekGebeurtenis:
    """A callback attempt as this caller may see it: its verzoek redacted as above and, when
    he may not read it, without what was said."""
    contactverzoek_redact(user=user, verzoek=poging.verzoek, purpose=purpose, attempt=attempt)
    if poging.verzoek.afgeschermd:
        _without_toelichting(poging)
    return poging


class _TeamBound(Protocol):
    pk: Any
    vertrouwelijk_team_id: int | None
    vertrouwelijk_team: Team | None
    tekst: str
    afscherming: str


def notitie_redact(*, user: Actor | None, notitie: _TeamBound, purpose: str) -> bool:
    """A note with its own `vertrouwelijk_team` (cases.ZaakNotitie): True when the caller may
    read it (the read is audited), else its text is blanked in memory, `afscherming` set."""
    if notitie.vertrouwelijk_team_id is None:
        return True
    if vertrouwelijk_may_read(user, team_id=notitie.vertrouwelijk_team_id):
        if not is_system(user):
            audit_record(
                user=user,
                action=AuditAction.READ,
                obj=notitie,  # type: ignore[arg-type]  # a model instance
                purpose=purpose,
                detail={"gegevens": "vertrouwelijke notitie", "vertrouwelijk": GELEZEN},
            )
        return True
    notitie.tekst = ""
    notitie.afscherming = vertrouwelijk_afscherming(notitie.vertrouwelijk_team)
    return False


def contactverzoeken_redact(
    *, user: Actor | None, verzoeken: Iterable[Contactverzoek], purpose: str
) -> list[Contactverzoek]:
    return [contactverzoek_redact(user=user, verzoek=v, purpose=purpose) for v in verzoeken]


def vertrouwelijk_team_choices() -> QuerySet[Team]:
    """The teams a confidential contact can name: the active ones."""
    return Team.objects.filter(is_actief=True).order_by("name")
