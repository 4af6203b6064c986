import re
import uuid

import pytest
from django.utils import timezone

from loket.contacts.constants import Afhandeling
from loket.contacts.models import Klantcontact
from loket.contacts.tests.factories import KlantcontactFactory
from loket.core.models import AuditEntry
from loket.kcc.selectors import PURPOSE_KLANTBEELD, PURPOSE_ZOEKEN

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def contact_post(*, redenen, vragen=1, key=None, **extra):
    data = {
        "kanaal": "telefoon",
        "duur": "95",
        "idempotency_key": key or str(uuid.uuid4()),
        "inhoud": "",
        "vraag-TOTAL_FORMS": str(vragen),
        "vraag-INITIAL_FORMS": "0",
        "vraag-MIN_NUM_FORMS": "0",
        "vraag-MAX_NUM_FORMS": "20",
    }
    for i in range(vragen):
        data.update(
            {
                f"vraag-{i}-product": "",
                f"vraag-{i}-contactreden": "",
                f"vraag-{i}-vraagtekst": "",
                f"vraag-{i}-antwoord": "",
                f"vraag-{i}-afhandeling": Afhandeling.BEANTWOORD,
            }
        )
    data.update(extra)
    return data


def open_contact(client, partij=None) -> str:
    """Start a contact (a tab in the session) the way the button does; returns its page URL."""
    data = {"partij": str(partij.uuid)} if partij is not None else {}
    response = client.post("/kcc/contact/nieuw/", data)
    assert response.status_code == 302, response
    return response["Location"]


@pytest.mark.parametrize("url", ["/kcc/", "/kcc/contact/nieuw/"])
def test_redacteur_may_not_use_the_kcc_pages(client, make_user, url):
    client.force_login(make_user("redacteur"))
    assert client.get(url).status_code == 403


def test_kcc_medewerker_sees_the_search_page_with_the_labels(client, kcc_user):
    client.force_login(kcc_user)
    response = client.get("/kcc/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("BSN", "Achternaam", "Geboortedatum", "Postcode", "Huisnummer", "KVK-nummer"):
        assert re.search(rf"<label[^>]*>{label}(<| )", html), label
    assert ">Zoeken</button>" in html
    assert "Anoniem contact" in html


def test_klantbeeld_of_unknown_partij_is_404(client, kcc_user):
    client.force_login(kcc_user)
    assert client.get(f"/kcc/partij/{uuid.uuid4()}/").status_code == 404


def test_bad_bsn_shows_the_validator_message_at_the_field(client, kcc_user):
    client.force_login(kcc_user)
    response = client.get("/kcc/", {"zoek": "bsn", "bsn": "123456789"})
    html = response.content.decode()
    assert "BSN: &#x27;123456789&#x27; voldoet niet aan de elfproef." in html
    assert 'id="id_bsn_error"' in html
    assert 'aria-invalid="true"' in html


def test_bad_postcode_shows_the_validator_message_at_the_field(client, kcc_user):
    client.force_login(kcc_user)
    response = client.get("/kcc/", {"zoek": "adres", "postcode": "12AB", "huisnummer": "3"})
    assert 'id="id_postcode_error"' in response.content.decode()
    assert "is geen geldige postcode" in text(response)


def test_search_by_bsn_shows_brp_data_and_is_audited(client, kcc_user, partij, brp_persoon):
    client.force_login(kcc_user)
    response = client.get("/kcc/", {"zoek": "bsn", "bsn": brp_persoon.bsn}, HTTP_HX_REQUEST="true")
    page = text(response)
    assert "Fenna Terpstra" in page
    assert "geboren 17-05-1980" in page
    assert "Gegevens uit de BRP: alleen ter verificatie" in page
    assert "<html" not in response.content.decode()  # the htmx fragment only
    assert AuditEntry.objects.filter(
        user=kcc_user, purpose=PURPOSE_ZOEKEN, object_id=str(partij.pk)
    ).exists()


def test_search_by_name_and_birth_date_finds_the_person(client, kcc_user, partij):
    client.force_login(kcc_user)
    response = client.get(
        "/kcc/", {"zoek": "naam", "achternaam": "terp", "geboortedatum": "1980-05-17"}
    )
    assert "Fenna Terpstra" in text(response)


def test_unknown_bsn_in_brp_can_be_taken_over(client, kcc_user, brp_persoon):
    client.force_login(kcc_user)
    response = client.get("/kcc/", {"zoek": "bsn", "bsn": brp_persoon.bsn})
    assert "nog niet bekend in Loket" in text(response)
    response = client.post("/kcc/brp-overnemen/", {"bsn": brp_persoon.bsn})
    assert response.status_code == 302
    assert response["Location"].startswith("/kcc/partij/")


def test_klantbeeld_shows_brp_data_and_writes_an_audit_entry_with_the_purpose(
    client, kcc_user, partij
):
    client.force_login(kcc_user)
    response = client.get(f"/kcc/partij/{partij.uuid}/", {"contact": "KC-2026-000001"})
    page = text(response)
    assert response.status_code == 200
    assert "Bron: BRP (demo)" in page
    assert "Terpstraat" in page
    assert "geldig tot 01-01-2099" in page
    assert AuditEntry.objects.filter(
        user=kcc_user,
        object_type="parties.partij",
        object_id=str(partij.pk),
        purpose=f"{PURPOSE_KLANTBEELD} KC-2026-000001",
    ).exists()


def _register(partij, redenen, product=None, medewerker=None, vraagtekst="Wat kost een paspoort?"):
    return KlantcontactFactory(
        medewerker=medewerker,
        partij=partij,
        vraagtekst=vraagtekst,
        contactreden=redenen["paspoort"],
        product=product,
    )


def test_repeat_question_box_appears_for_the_same_product(
    client, kcc_user, partij, redenen, paspoort
):
    client.force_login(kcc_user)
    assert "Eerder gevraagd" not in text(client.get(f"/kcc/partij/{partij.uuid}/"))
    _register(partij, redenen, product=paspoort)
    _register(partij, redenen, product=paspoort, vraagtekst="Is mijn paspoort al klaar?")
    page = text(client.get(f"/kcc/partij/{partij.uuid}/"))
    assert "Eerder gevraagd" in page
    assert "herhaald contact" in page
    assert "Is mijn paspoort al klaar?" in page


def test_timeline_filter_by_soort_returns_the_fragment(client, kcc_user, partij, redenen):
    _register(partij, redenen)
    client.force_login(kcc_user)
    url = f"/kcc/partij/{partij.uuid}/"
    response = client.get(url, {"soort": "zaak"}, HTTP_HX_REQUEST="true")
    assert "Niets in de tijdlijn met dit filter" in text(response)
    response = client.get(url, {"soort": "contact", "kanaal": "telefoon"}, HTTP_HX_REQUEST="true")
    assert "Wat kost een paspoort?" in text(response)


def test_contact_without_a_question_is_refused_and_nothing_is_saved(
    client, kcc_user, partij, redenen
):
    client.force_login(kcc_user)
    response = client.post(open_contact(client, partij), contact_post(redenen=redenen))
    assert response.status_code == 200
    assert "Leg ten minste één vraag vast." in text(response)
    assert Klantcontact.objects.count() == 0


def test_contact_is_registered_once_on_double_submit(client, kcc_user, partij, redenen, paspoort):
    client.force_login(kcc_user)
    key = str(uuid.uuid4())
    data = contact_post(
        redenen=redenen,
        key=key,
        **{
            "vraag-0-product": str(paspoort.pk),
            "vraag-0-contactreden": str(redenen["paspoort"].pk),
            "vraag-0-vraagtekst": "Hoe lang duurt een paspoort?",
            "vraag-0-antwoord": "Vijf werkdagen.",
        },
    )
    url = open_contact(client, partij)
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert first["Location"].startswith(f"/kcc/partij/{partij.uuid}/")
    contact = Klantcontact.objects.get()
    assert contact.partij == partij
    assert contact.medewerker == kcc_user
    assert 0 <= contact.duur.total_seconds() < 60  # measured from the tab's start, not posted
    assert contact.idempotency_key == url.rstrip("/").rsplit("/", 1)[-1]
    assert contact.vragen.get().product == paspoort
    assert f"Klantcontact {contact.referentienummer} is vastgelegd." in text(second)


def test_anonymous_contact_goes_back_to_the_search(client, kcc_user, redenen):
    client.force_login(kcc_user)
    data = contact_post(
        redenen=redenen,
        vragen=2,
        **{
            "vraag-0-contactreden": str(redenen["verloren"].pk),
            "vraag-0-vraagtekst": "Ik ben mijn ID-kaart kwijt.",
        },
    )
    response = client.post(open_contact(client), data, follow=True)
    assert response.redirect_chain[-1][0] == "/kcc/"
    contact = Klantcontact.objects.get()
    assert contact.partij is None
    assert contact.vragen.count() == 1  # the untouched second question is ignored
    assert "is vastgelegd" in text(response)


def test_question_without_contactreden_is_refused_at_the_field(client, kcc_user, redenen):
    client.force_login(kcc_user)
    data = contact_post(redenen=redenen, **{"vraag-0-vraagtekst": "Wanneer is de markt?"})
    response = client.post(open_contact(client), data)
    assert 'id="id_vraag-0-contactreden_error"' in response.content.decode()
    assert Klantcontact.objects.count() == 0


def test_new_contact_form_presets_telefoon_and_only_offers_subredenen(client, kcc_user, redenen):
    client.force_login(kcc_user)
    html = client.get(open_contact(client), follow=True).content.decode()
    assert re.search(r'<option value="telefoon" selected>', html)
    assert '<optgroup label="Reisdocumenten">' in html
    assert "Contact annuleren" in html


def test_product_search_returns_options(client, kcc_user, paspoort):
    client.force_login(kcc_user)
    html = client.get("/kcc/producten/", {"q": "pasp"}).content.decode()
    assert f'<option value="{paspoort.pk}">' in html


def test_kcc_nav_link_is_shown_for_kcc_only(client, make_user, kcc_user):
    client.force_login(kcc_user)
    assert 'href="/kcc/"' in client.get("/medewerker/").content.decode()
    client.force_login(make_user("redacteur"))
    assert 'href="/kcc/"' not in client.get("/medewerker/").content.decode()


def test_contact_timestamp_is_now(client, kcc_user, partij, redenen):
    contact = _register(partij, redenen, medewerker=kcc_user)
    assert abs((timezone.now() - contact.plaatsgevonden_op).total_seconds()) < 60
