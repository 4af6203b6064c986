"""Notifications to subscribers: a real HTTP server on localhost receives them. It fails the
first attempts; every message still arrives exactly once, in order per object."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from loket.contacts.tests.factories import KlantcontactFactory
from loket.notificaties.models import Aflevering, AfleverStatus, Notificatie
from loket.notificaties.services import (
    ID_HEADER,
    abonnement_create,
    aflevering_retry,
    afleveringen_claim,
    afleveringen_send,
)
from loket.parties.services import digitaal_adres_add, digitaal_adres_verify, persoon_create

pytestmark = pytest.mark.django_db


class Ontvanger:
    """A subscriber's callback: answers 503 to the first `fouten` requests, then 204."""

    def __init__(self, fouten: int = 0, status: int = 503) -> None:
        self.fouten = fouten
        self.status = status
        self.ontvangen: list[dict] = []
        self.pogingen = 0
        self.lock = threading.Lock()
        ontvanger = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with ontvanger.lock:
                    ontvanger.pogingen += 1
                    if ontvanger.fouten > 0:
                        ontvanger.fouten -= 1
                        self.send_response(ontvanger.status)
                        self.end_headers()
                        return
                    ontvanger.ontvangen.append(
                        {
                            "id": self.headers[ID_HEADER],
                            "auth": self.headers["Authorization"],
                            "bericht": json.loads(body),
                        }
                    )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/callback"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def snel(settings):
    settings.LOKET_NOTIFICATIES_BACKOFF_SECONDS = 0
    settings.LOKET_BASE_URL = "https://loket.zeventerpen.example"


def _send_all(rondes: int = 30) -> None:
    for _ in range(rondes):
        afleveringen_send()
        if not Aflevering.objects.filter(status=AfleverStatus.WACHTRIJ).exists():
            return


def test_every_message_arrives_once_and_in_order_per_object_despite_failures():
    with Ontvanger(fouten=3) as ontvanger:
        abonnement_create(
            naam="KISS", callback_url=ontvanger.url, auth="Token geheim", kanalen=["partijen"]
        )
        jansen = persoon_create(bsn="999993653", geslachtsnaam="Jansen")
        adres = digitaal_adres_add(
            partij=jansen, soort="email", adres="jansen@example.org", user=None
        )
        digitaal_adres_verify(adres=adres, user=None)
        pietersen = persoon_create(bsn="111222333", geslachtsnaam="Pietersen")
        _send_all()

    verzonden = list(Notificatie.objects.order_by("pk"))
    assert len(verzonden) == 4
    ids = [o["id"] for o in ontvanger.ontvangen]
    assert sorted(ids) == sorted(str(n.uuid) for n in verzonden)  # each exactly once
    assert ontvanger.pogingen == 4 + 3
    per_object = [(o["bericht"]["hoofdObject"], o["bericht"]["actie"]) for o in ontvanger.ontvangen]
    jansen_url = f"https://loket.zeventerpen.example/klantinteracties/api/v1/partijen/{jansen.uuid}"
    assert [actie for url, actie in per_object if url == jansen_url] == [
        "create",
        "partial_update",
        "partial_update",
    ]
    assert any(str(pietersen.uuid) in url for url, _ in per_object)
    eerste = ontvanger.ontvangen[0]
    assert eerste["auth"] == "Token geheim"
    assert set(eerste["bericht"]) == {
        "kanaal",
        "hoofdObject",
        "resource",
        "resourceUrl",
        "actie",
        "aanmaakdatum",
        "kenmerken",
    }
    assert eerste["bericht"]["kanaal"] == "partijen"
    assert eerste["bericht"]["kenmerken"] == {"soortPartij": "persoon"}
    assert not Aflevering.objects.exclude(status=AfleverStatus.VERZONDEN).exists()


def test_a_later_message_about_an_object_waits_for_an_earlier_one_being_retried(settings):
    settings.LOKET_NOTIFICATIES_BACKOFF_SECONDS = 3600
    with Ontvanger(fouten=1) as ontvanger:
        abonnement_create(naam="Zaaksysteem", callback_url=ontvanger.url, kanalen=["partijen"])
        jansen = persoon_create(bsn="999993653", geslachtsnaam="Jansen")
        digitaal_adres_add(partij=jansen, soort="email", adres="j@example.org", user=None)
        afleveringen_send()  # the first fails; the second must not overtake it
        assert ontvanger.ontvangen == []
        eerste, tweede = Aflevering.objects.order_by("pk")
        assert (eerste.pogingen, tweede.pogingen) == (1, 0)
        Aflevering.objects.update(volgende_poging_op=None)  # the hour has passed
        _send_all()
    assert [o["bericht"]["actie"] for o in ontvanger.ontvangen] == ["create", "partial_update"]


def test_a_worker_that_died_after_claiming_leaves_the_message_to_be_sent_once():
    import datetime as dt

    from django.utils import timezone

    with Ontvanger() as ontvanger:
        abonnement_create(naam="KISS", callback_url=ontvanger.url, kanalen=["partijen"])
        persoon_create(bsn="999993653", geslachtsnaam="Jansen")
        claimed = afleveringen_claim()
        assert len(claimed) == 1
        assert afleveringen_claim() == []  # claimed: no second worker takes it
        Aflevering.objects.update(geclaimd_tot=timezone.now() - dt.timedelta(seconds=1))
        _send_all()
    assert len(ontvanger.ontvangen) == 1


def test_nothing_is_published_when_the_cause_rolls_back():
    with Ontvanger() as ontvanger:
        abonnement_create(naam="KISS", callback_url=ontvanger.url)
        with pytest.raises(RuntimeError), transaction.atomic():
            persoon_create(bsn="999993653", geslachtsnaam="Jansen")
            raise RuntimeError("later step failed")
        _send_all()
    assert Notificatie.objects.count() == 0
    assert ontvanger.ontvangen == []


def test_a_refusing_subscriber_fails_at_once_and_a_beheerder_can_retry():
    with Ontvanger(fouten=1, status=401) as ontvanger:
        abonnement_create(naam="KISS", callback_url=ontvanger.url, kanalen=["partijen"])
        persoon_create(bsn="999993653", geslachtsnaam="Jansen")
        _send_all()
        aflevering = Aflevering.objects.get()
        assert aflevering.status == AfleverStatus.MISLUKT
        assert "HTTP 401" in aflevering.laatste_fout
        aflevering_retry(aflevering=aflevering)
        _send_all()
    aflevering.refresh_from_db()
    assert aflevering.status == AfleverStatus.VERZONDEN
    assert len(ontvanger.ontvangen) == 1


def test_channels_filter_and_a_klantcontact_is_a_notification_of_its_channel(make_user):
    with Ontvanger() as ontvanger:
        abonnement_create(
            naam="Alleen contacten", callback_url=ontvanger.url, kanalen=["klantcontacten"]
        )
        partij = persoon_create(bsn="999993653", geslachtsnaam="Jansen")  # not subscribed
        contact = KlantcontactFactory(partij=partij)
        _send_all()
    assert [o["bericht"]["resource"] for o in ontvanger.ontvangen] == ["klantcontact"]
    bericht = ontvanger.ontvangen[0]["bericht"]
    assert bericht["resourceUrl"].endswith(
        f"/klantinteracties/api/v1/klantcontacten/{contact.uuid}"
    )
    assert bericht["kenmerken"]["kanaal"] == contact.kanaal.code


def test_a_subscription_is_validated():
    from loket.core.errors import DomainError

    with pytest.raises(DomainError) as fout:
        abonnement_create(naam="X", callback_url="ftp://x.example/")
    assert fout.value.field == "callback_url"
    with pytest.raises(DomainError) as fout:
        abonnement_create(naam="X", callback_url="https://x.example/", kanalen=["besluiten"])
    assert fout.value.field == "kanalen"
