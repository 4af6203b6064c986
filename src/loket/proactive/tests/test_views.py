import pytest
from django.urls import reverse

from loket.messaging.models import Bericht, BerichtStatus
from loket.messaging.services import bericht_queue
from loket.proactive.models import Regel, Signaal, SignaalStatus
from loket.proactive.services import signalen_compute
from loket.proactive.tests.conftest import paspoort_verloopt

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client, make_user):
    user = make_user("beheerder")
    client.force_login(user)
    return user


def test_outbox_page_is_for_beheerders_only(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(reverse("proactive:outbox")).status_code == 403
    assert client.get(reverse("proactive:regels")).status_code == 403


def test_outbox_shows_failed_message_with_reason_and_retries_it(client, beheerder, inwoner):
    _brp, partij = inwoner
    bericht, _ = bericht_queue(sleutel="k", onderwerp="Uw paspoort", tekst="T", partij=partij)
    Bericht.objects.filter(pk=bericht.pk).update(
        status=BerichtStatus.MISLUKT, laatste_fout="Ongeldig e-mailadres: 'x@'.", pogingen=1
    )
    response = client.get(reverse("proactive:outbox"), {"status": "mislukt"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reden: Ongeldig e-mailadres: &#x27;x@&#x27;." in html
    assert "Opnieuw versturen" in html

    response = client.post(reverse("proactive:bericht_opnieuw", args=[bericht.uuid]))
    assert response.status_code == 302
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.WACHTRIJ and bericht.pogingen == 0


def test_rule_form_refuses_unknown_product_and_keeps_the_input(client, beheerder, producten):
    data = {
        "code": "parkeren",
        "naam": "Parkeren na verhuizing",
        "actief": "on",
        "trigger": "levensgebeurtenis",
        "gebeurtenis": "verhuizing",
        "producten": "parkeervergunning\nvliegende auto",
        "kanaal": "voorkeur",
        "onderwerp": "U bent verhuisd",
        "tekst": "Beste {naam}",
    }
    response = client.post(reverse("proactive:regel_nieuw"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Onbekend product &#x27;vliegende auto&#x27;" in html
    assert "Parkeren na verhuizing" in html  # what was typed stays
    assert not Regel.objects.exists()

    data["producten"] = "parkeervergunning"
    data["weken_vooraf"] = "-1"
    response = client.post(reverse("proactive:regel_nieuw"), data)
    assert "Het aantal weken vooraf kan niet negatief zijn." in response.content.decode()

    data["weken_vooraf"] = "0"
    response = client.post(reverse("proactive:regel_nieuw"), data)
    assert response.status_code == 302
    regel = Regel.objects.get(code="parkeren")
    assert [p.upl_naam for p in regel.producten.all()] == ["parkeervergunning"]


def test_klantbeeld_shows_the_offer_and_the_kcm_records_it(client, make_user, regels, inwoner):
    brp, partij = inwoner
    paspoort_verloopt(brp, soort="rijbewijs", over_dagen=43)
    signalen_compute()
    kcm = make_user("kcc-medewerker")
    client.force_login(kcm)
    url = reverse("kcc:klantbeeld", kwargs={"uuid": partij.uuid})
    html = client.get(url).content.decode()
    assert "Rijbewijs verloopt over 6 weken — bied online verlengen aan" in html

    signaal = Signaal.objects.get()
    response = client.post(
        reverse("proactive:signaal_aangeboden", args=[signaal.pk]),
        {"contact": "open-contact-1", "terug": url},
    )
    assert response.status_code == 302 and response["Location"].startswith(url)
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.AANGEBODEN
    assert (signaal.aangeboden_door, signaal.contact_sleutel) == (kcm, "open-contact-1")
    assert "verloopt over 6 weken" not in client.get(url).content.decode()
