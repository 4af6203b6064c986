"""Finding 3 of issue 14: every read that shows a person's data records who, when, which
persons and why, and a privacy officer who searches that person (by BSN) finds it — list
reads included (one entry per person shown, never one "*" row for the whole list)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.accounts.constants import Role
from loket.core.audit import audit_entry_list
from loket.messaging.services import bericht_queue
from tests.security.conftest import DOEL, api_session, api_token, session_client

pytestmark = pytest.mark.django_db

DOEL_HEADER = {"HTTP_X_LOKET_DOEL": DOEL}


@dataclass(frozen=True)
class Read:
    """One door that shows the person of `world.eigen`: who opens it and how."""

    name: str
    call: Callable  # (world) -> response


def _page(role, url_of):
    return lambda w: session_client(w.users[role]).get(url_of(w))


def _admin(url_of):
    def call(w):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("admin", "a@zeventerpen.nl", "x-12345")
        return session_client(admin).get(url_of(w))

    return call


def _api(url_of, params=None, who="token"):
    def call(w):
        client = api_token(w.tokens["alle"]) if who == "token" else api_session(w.users[who])
        return client.get(url_of(w), params(w) if params else None, **DOEL_HEADER)

    return call


READS = [
    # staff pages
    Read(
        "klantbeeld",
        _page(Role.KCC, lambda w: reverse("kcc:klantbeeld", args=[w.eigen.persoon.uuid])),
    ),
    Read(
        "werkvoorraad contactverzoeken",
        _page(Role.BACKOFFICE, lambda w: reverse("backoffice:home") + "?lijst=team"),
    ),
    Read(
        "contactverzoek",
        _page(Role.BACKOFFICE, lambda w: reverse("backoffice:detail", args=[w.eigen.verzoek.pk])),
    ),
    Read(
        "werkvoorraad zaken",
        _page(
            Role.BACKOFFICE, lambda w: reverse("backoffice:zaken") + "?lijst=team&team=burgerzaken"
        ),
    ),
    Read(
        "zaak", _page(Role.BACKOFFICE, lambda w: reverse("backoffice:zaak", args=[w.eigen.zaak.pk]))
    ),
    Read(
        "melding",
        _page(Role.BACKOFFICE, lambda w: reverse("backoffice:melding", args=[w.eigen.melding.pk])),
    ),
    Read("outbox", _page(Role.BEHEERDER, lambda w: reverse("proactive:outbox"))),
    # the admin
    Read("admin berichten", _admin(lambda w: "/admin/messaging/bericht/")),
    Read("admin bericht", _admin(lambda w: f"/admin/messaging/bericht/{w.bericht.pk}/change/")),
    Read("admin signalen", _admin(lambda w: "/admin/proactive/signaal/")),
    Read("admin zaken", _admin(lambda w: "/admin/cases/zaak/")),
    Read("admin klantcontacten", _admin(lambda w: "/admin/contacts/klantcontact/")),
    Read(
        "admin contactverzoek",
        _admin(lambda w: f"/admin/contacts/contactverzoek/{w.eigen.verzoek.pk}/change/"),
    ),
    Read("admin meldingen", _admin(lambda w: "/admin/meldingen/melding/")),
    Read("admin partijen", _admin(lambda w: "/admin/parties/partij/")),
    # the API, by token and by a medewerker's session
    Read("api partijen bsn", _api(lambda w: "/api/v1/partijen/", lambda w: {"bsn": "999993653"})),
    Read("api partij", _api(lambda w: f"/api/v1/partijen/{w.eigen.persoon.uuid}/")),
    Read("api klantcontacten", _api(lambda w: "/api/v1/klantcontacten/")),
    Read(
        "api klantcontact",
        _api(lambda w: f"/api/v1/klantcontacten/{w.eigen.verzoek.klantcontact.uuid}/"),
    ),
    Read("api interne taken", _api(lambda w: "/api/v1/interne-taken/")),
    Read("api interne taken sessie", _api(lambda w: "/api/v1/interne-taken/", who=Role.BACKOFFICE)),
    Read("api interne taak", _api(lambda w: f"/api/v1/interne-taken/{w.eigen.verzoek.uuid}/")),
    Read("api zaken", _api(lambda w: "/api/v1/zaken/")),
    Read("api zaken sessie", _api(lambda w: "/api/v1/zaken/", who=Role.BACKOFFICE)),
    Read("api zaak", _api(lambda w: f"/api/v1/zaken/{w.eigen.zaak.uuid}/")),
    Read(
        "api statussen", _api(lambda w: "/api/v1/statussen/", lambda w: {"zaak": w.eigen.zaak.uuid})
    ),
    Read("api berichten", _api(lambda w: "/api/v1/berichten/")),
    Read("api bericht", _api(lambda w: f"/api/v1/berichten/{w.bericht.uuid}/")),
]


@pytest.fixture
def audited_world(world):
    from loket.proactive.models import Regel, Signaal

    world.bericht, _created = bericht_queue(
        partij=world.eigen.persoon,
        onderwerp="Uw paspoort verloopt",
        tekst="Beste J. Eigen, uw paspoort verloopt binnenkort.",
        kanaal="email",
        adres="eigen@example.nl",
        sleutel="test:audit",
    )
    regel = Regel.objects.create(code="test-paspoort", naam="Paspoort verloopt", trigger="document")
    Signaal.objects.create(
        regel=regel, partij=world.eigen.persoon, aanleiding="test", datum=timezone.localdate()
    )
    return world


@pytest.mark.parametrize("read", READS, ids=[read.name for read in READS])
def test_a_read_is_found_by_the_persons_bsn(audited_world, read):
    bsn = "999993653"
    before = audit_entry_list(persoon=bsn).count()
    response = read.call(audited_world)
    assert response.status_code == 200, response.content[:500]
    entries = list(audit_entry_list(persoon=bsn)[: audit_entry_list(persoon=bsn).count() - before])
    assert entries, f"{read.name}: no audit entry that a search for the BSN finds"
    assert all(entry.purpose for entry in entries)
    # The other team's person was not on this page (or was recorded only if shown).
    assert all(entry.object_id != "*" for entry in entries)


def test_the_audit_log_page_finds_a_list_read_by_bsn(audited_world):
    client = api_session(audited_world.users[Role.BACKOFFICE])
    client.get("/api/v1/zaken/", **DOEL_HEADER)
    beheerder = session_client(audited_world.users[Role.BEHEERDER])
    page = beheerder.get(reverse("beheer:audit_log"), {"kenmerk": "999993653"}).content.decode()
    assert DOEL in page
    other = beheerder.get(reverse("beheer:audit_log"), {"kenmerk": "999990019"}).content.decode()
    assert DOEL not in other  # the other team's person was not shown to this behandelaar


def test_reads_without_a_purpose_are_refused(audited_world):
    token = api_token(audited_world.tokens["alle"])
    for url in ["/api/v1/zaken/", "/api/v1/interne-taken/", "/api/v1/klantcontacten/"]:
        response = token.get(url)
        assert response.status_code == 400, url
        assert "X-Loket-Doel" in response.content.decode()
    zaak = audited_world.eigen.zaak
    assert token.get("/api/v1/statussen/", {"zaak": zaak.uuid}).status_code == 400
    assert token.get(f"/api/v1/zaken/{zaak.uuid}/").status_code == 400
