import re

import pytest

from loket.accounts.views import LOGIN_ERROR_ID, role_sections

LOGIN_URL = "/medewerker/inloggen/"
DEMO_HINT = "Demo-omgeving: inloggen met bijvoorbeeld gebruikersnaam kcc en wachtwoord zeventerpen"


def text(response) -> str:
    """The page text without tags and with collapsed whitespace."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def input_tag(response, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode()).group(0)


@pytest.mark.django_db
def test_login_page_has_labelled_fields(client):
    html = client.get(LOGIN_URL).content.decode()
    assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam</label>' in html
    assert '<label class="utrecht-form-label" for="id_password">Wachtwoord</label>' in html


@pytest.mark.django_db
def test_login_fields_are_utrecht_textboxes_with_autocomplete(client):
    response = client.get(LOGIN_URL)
    username = input_tag(response, "username")
    password = input_tag(response, "password")
    assert 'autocomplete="username"' in username
    assert 'autocomplete="current-password"' in password
    assert "utrecht-textbox--html-input" in username
    assert "utrecht-textbox--html-input" in password


@pytest.mark.django_db
def test_login_page_is_dutch_with_landmarks_and_a_skip_link(client):
    html = client.get(LOGIN_URL).content.decode()
    assert '<html lang="nl">' in html
    assert "<title>Inloggen · Gemeente Zeventerpen</title>" in html
    assert 'href="#main">Direct naar de inhoud</a>' in html
    assert 'id="main"' in html
    for role in ("banner", "main", "contentinfo"):
        assert f'role="{role}"' in html


@pytest.mark.django_db
def test_wrong_password_gets_a_dutch_error(client, make_user):
    make_user("kcc-medewerker", username="anna")
    response = client.post(LOGIN_URL, {"username": "anna", "password": "fout"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord is onjuist" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_error_is_above_the_form_and_describes_both_fields(client, make_user):
    make_user("kcc-medewerker", username="anna")
    response = client.post(LOGIN_URL, {"username": "anna", "password": "fout"})
    html = response.content.decode()
    assert f'id="{LOGIN_ERROR_ID}"' in html
    assert html.index(f'id="{LOGIN_ERROR_ID}"') < html.index("<form")
    assert "<title>Fout: Inloggen" in html
    for name in ("username", "password"):
        tag = input_tag(response, name)
        assert f'aria-describedby="{LOGIN_ERROR_ID}"' in tag
        assert 'aria-invalid="true"' in tag


@pytest.mark.django_db
def test_empty_login_lists_field_errors_linked_to_the_fields(client):
    response = client.post(LOGIN_URL, {"username": "", "password": ""})
    html = response.content.decode()
    assert 'href="#id_username">Gebruikersnaam: Dit veld is vereist.</a>' in html
    assert 'id="id_username_error"' in html
    assert 'aria-describedby="id_username_error"' in input_tag(response, "username")


@pytest.mark.django_db
def test_demo_hint_is_shown_when_the_setting_is_on(client, settings):
    settings.DEBUG = False
    settings.LOKET_SHOW_DEMO_LOGINS = True
    assert DEMO_HINT in text(client.get(LOGIN_URL))


@pytest.mark.django_db
def test_demo_hint_is_hidden_when_the_setting_is_off(client, settings):
    settings.DEBUG = True
    settings.LOKET_SHOW_DEMO_LOGINS = False
    assert "Demo-omgeving" not in text(client.get(LOGIN_URL))


@pytest.mark.django_db
def test_login_sends_a_beheerder_to_the_beheer_home(client, make_user):
    make_user("beheerder", username="bea", password="geheim-123")
    response = client.post(LOGIN_URL, {"username": "bea", "password": "geheim-123"})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"


@pytest.mark.django_db
def test_login_page_sends_a_logged_in_user_on(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    response = client.get(LOGIN_URL)
    assert response.status_code == 302
    assert response["Location"] == "/kcc/"  # the KCC role's start page


@pytest.mark.django_db
def test_staff_pages_require_login(client):
    response = client.get("/medewerker/")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerker/inloggen/")


@pytest.mark.django_db
def test_logout_goes_to_the_start_page_with_a_message(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    response = client.post("/medewerker/uitloggen/", follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "U bent uitgelogd." in text(response)
    assert client.get("/medewerker/").status_code == 302


@pytest.mark.django_db
def test_home_shows_a_section_per_role_with_unbuilt_features_marked(client, make_user):
    from loket.accounts.services import user_create

    user = user_create(
        username="karin", password="x", first_name="Karin", roles=["kcc-medewerker", "redacteur"]
    )
    client.force_login(user)
    response = client.get("/medewerker/")
    page = text(response)
    assert response.status_code == 200
    assert "Welkom, Karin" in page
    assert "KCC-medewerker" in page
    assert "Redacteur" in page
    assert 'href="/kennis/">Kennisbank raadplegen</a>' in response.content.decode()
    assert 'href="/kennis/redactie/">Kennisartikelen beheren</a>' in response.content.decode()
    assert 'href="/catalogusbeheer/">Producten, dienstverleningsformules' in (
        response.content.decode()
    )
    assert 'href="/kcc/">Klant zoeken en klantcontact registreren</a>' in response.content.decode()
    assert "Backoffice-medewerker" not in page
    html = response.content.decode()
    assert 'href="/beheer/auditlog/"' not in html
    assert 'href="/admin/"' not in html


@pytest.mark.django_db
def test_home_for_a_beheerder_links_to_audit_log_and_gegevensbeheer(client, make_user):
    client.force_login(make_user("beheerder"))
    response = client.get("/medewerker/")
    assert response.status_code == 200  # the overview, no redirect to the role's start page
    html = response.content.decode()
    assert 'href="/beheer/auditlog/">Auditlog</a>' in html
    assert 'href="/admin/">Gegevensbeheer</a>' in html
    assert 'href="/admin/">API-tokens</a>' in html


@pytest.mark.django_db
def test_home_without_a_role_says_so(client, make_user):
    client.force_login(make_user(None))
    assert "U heeft nog geen rol in Loket" in text(client.get("/medewerker/"))


@pytest.mark.django_db
def test_staff_nav_only_shows_links_the_user_may_use(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    html = client.get("/medewerker/").content.decode()
    nav = html[html.index('aria-label="Hoofdmenu"') : html.index("</nav>")]
    assert 'href="/medewerker/" aria-current="page">Start</a>' in nav
    assert "/beheer/" not in nav
    assert "/admin/" not in nav

    client.force_login(make_user("beheerder"))
    html = client.get("/medewerker/").content.decode()
    nav = html[html.index('aria-label="Hoofdmenu"') : html.index("</nav>")]
    assert 'href="/beheer/"' in nav
    assert 'href="/beheer/auditlog/"' in nav
    assert 'href="/admin/"' in nav


@pytest.mark.django_db
def test_role_sections_follow_the_order_of_roles(make_user):
    from loket.accounts.services import user_create

    user = user_create(
        username="alles", password="x", roles=["beheerder", "teamleider", "backoffice-medewerker"]
    )
    sections = role_sections(user=user)
    assert [section.role for section in sections] == [
        "backoffice-medewerker",
        "teamleider",
        "beheerder",
    ]
    teamleider = {link.label: link.url for link in sections[1].links}
    assert teamleider["Werk verdelen"] == "/backoffice/zaken/"
    assert teamleider["Stuurinformatie"] == "/inzicht/"
    assert teamleider["Trainingsresultaten van uw team"] == "/training/team/"


@pytest.mark.django_db
def test_home_for_a_backoffice_medewerker_links_to_the_worklist(client, make_user):
    client.force_login(make_user("backoffice-medewerker"))
    html = client.get("/medewerker/").content.decode()
    assert 'href="/backoffice/">Contactverzoeken van uw team</a>' in html
