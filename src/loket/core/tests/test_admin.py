import pytest

from loket.core.models import Kanaal


@pytest.mark.django_db
def test_beheerder_cannot_add_email_twice_in_another_spelling(client, make_user):
    client.force_login(make_user("beheerder"))
    response = client.post(
        "/admin/core/kanaal/add/",
        {"naam": "email", "code": "email2", "soort": "email", "is_actief": "on", "volgorde": 5},
    )
    assert response.status_code == 200
    assert "Het kanaal &#x27;E-mail&#x27; bestaat al." in response.content.decode()
    assert not Kanaal.objects.filter(code="email2").exists()


@pytest.mark.django_db
def test_beheerder_adds_a_new_channel(client, make_user):
    client.force_login(make_user("beheerder"))
    response = client.post(
        "/admin/core/kanaal/add/",
        {
            "naam": "WhatsApp",
            "code": "whatsapp",
            "soort": "click",
            "is_actief": "on",
            "volgorde": 90,
        },
    )
    assert response.status_code == 302
    assert Kanaal.objects.get(code="whatsapp").naam == "WhatsApp"


@pytest.mark.django_db
def test_kcc_medewerker_cannot_manage_channels(client, make_user):
    user = make_user("kcc-medewerker")
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/core/kanaal/").status_code == 403
