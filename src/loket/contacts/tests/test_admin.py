import pytest

from loket.contacts.models import Contactreden
from loket.contacts.services import VraagInput, contact_register

ADD = "/admin/contacts/contactreden/add/"


@pytest.mark.django_db
def test_a_beheerder_adds_a_subreden_with_a_derived_code(client, make_user, redenen):
    client.force_login(make_user("beheerder"))
    response = client.post(
        ADD,
        {
            "naam": "Rijbewijs",
            "hoofdreden": redenen["documenten"].pk,
            "volgorde": 5,
            "is_actief": "on",
            "subredenen-TOTAL_FORMS": 0,
            "subredenen-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    assert Contactreden.objects.get(naam="Rijbewijs").code == "reisdocumenten-rijbewijs"


@pytest.mark.django_db
def test_the_admin_form_applies_the_service_rules(client, make_user, redenen):
    client.force_login(make_user("beheerder"))
    response = client.post(
        ADD,
        {
            "naam": "paspoort aanvragen",
            "hoofdreden": redenen["documenten"].pk,
            "volgorde": 0,
            "subredenen-TOTAL_FORMS": 0,
            "subredenen-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "bestaat al onder" in response.content.decode()
    assert Contactreden.objects.filter(naam__iexact="paspoort aanvragen").count() == 1


@pytest.mark.django_db
def test_a_kcc_medewerker_cannot_maintain_contactredenen(client, make_user, redenen):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(ADD).status_code in (302, 403)


@pytest.mark.django_db
def test_klantcontacten_are_read_only_in_the_admin(admin_client, telefoon, redenen):
    contact = contact_register(
        kanaal=telefoon,
        medewerker=None,
        vragen=[
            VraagInput(
                vraagtekst="Wanneer?", contactreden=redenen["afval"], afhandeling="beantwoord"
            )
        ],
    )
    response = admin_client.get(f"/admin/contacts/klantcontact/{contact.pk}/change/")
    assert response.status_code == 200
    assert "Wanneer?" in response.content.decode()
    assert admin_client.get("/admin/contacts/klantcontact/add/").status_code == 403
