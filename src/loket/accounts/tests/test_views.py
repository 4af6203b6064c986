import pytest


@pytest.mark.django_db
def test_login_page_has_labelled_fields(client):
    html = client.get("/medewerker/inloggen/").content.decode()
    assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam</label>' in html
    assert '<label class="utrecht-form-label" for="id_password">Wachtwoord</label>' in html


@pytest.mark.django_db
def test_wrong_password_gets_a_dutch_error(client, make_user):
    make_user("kcc-medewerker", username="anna")
    response = client.post("/medewerker/inloggen/", {"username": "anna", "password": "fout"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord is onjuist" in response.content.decode()


@pytest.mark.django_db
def test_login_sends_a_beheerder_to_the_beheer_home(client, make_user):
    make_user("beheerder", username="bea", password="geheim-123")
    response = client.post("/medewerker/inloggen/", {"username": "bea", "password": "geheim-123"})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"


@pytest.mark.django_db
def test_staff_pages_require_login(client):
    response = client.get("/medewerker/")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerker/inloggen/")
