import re

import pytest

from loket.core.audit import audit_record


def text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def audit_entries(make_user):
    actor = make_user("kcc-medewerker", username="anna")
    for object_id in ("111", "222", "222"):
        audit_record(
            user=actor,
            action="read",
            object_type="parties.persoon",
            object_id=object_id,
            object_label=f"Persoon {object_id}",
            purpose="Klantvraag beantwoorden",
        )


@pytest.mark.django_db
def test_start_page_links_to_the_staff_login(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/medewerker/inloggen/">Inloggen voor medewerkers</a>' in html
    assert "<title>Welkom · Gemeente Zeventerpen</title>" in html
    assert 'aria-label="Hoofdmenu"' not in html


@pytest.mark.django_db
def test_start_page_sends_a_logged_in_medewerker_to_their_start_page(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert 'href="/medewerker/">Naar uw startpagina</a>' in client.get("/").content.decode()


@pytest.mark.django_db
def test_health_answers_ok(client):
    assert client.get("/gezond/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_beheer_requires_login(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerker/inloggen/")


@pytest.mark.django_db
def test_beheer_is_refused_in_dutch_without_the_permission(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    response = client.get("/beheer/auditlog/")
    assert response.status_code == 403
    assert "Geen toegang" in text(response)


@pytest.mark.django_db
def test_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text(response)


@pytest.mark.django_db
def test_beheer_home_links_to_audit_log_and_gegevensbeheer(client, make_user):
    client.force_login(make_user("beheerder"))
    html = client.get("/beheer/").content.decode()
    assert 'href="/beheer/auditlog/"' in html
    assert 'href="/admin/"' in html
    assert "API-tokens beheren" in html
    # What the cards promise, linked straight to its page (issue 16, item 15).
    for url in (
        "/admin/accounts/user/",
        "/admin/accounts/team/",
        "/admin/api/apitoken/",
        "/admin/insights/norm/",
    ):
        assert f'href="{url}"' in html


@pytest.mark.django_db
def test_audit_log_full_page_lists_entries(client, make_user, audit_entries):
    client.force_login(make_user("beheerder"))
    response = client.get("/beheer/auditlog/")
    assert response.status_code == 200
    page = text(response)
    assert "3 regels gevonden." in page
    assert '<label class="utrecht-form-label" for="id_kenmerk">BSN, naam, KC- of zaaknummer' in (
        response.content.decode()
    )
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_audit_log_filters_on_kenmerk(client, make_user, audit_entries):
    client.force_login(make_user("beheerder"))
    response = client.get("/beheer/auditlog/", {"kenmerk": "222"})
    page = text(response)
    assert "2 regels gevonden voor kenmerk ‘222’." in page
    assert "Persoon 111" not in page


@pytest.mark.django_db
def test_audit_log_htmx_request_gets_only_the_rows(client, make_user, audit_entries):
    client.force_login(make_user("beheerder"))
    response = client.get("/beheer/auditlog/", {"kenmerk": "111"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "<table" in html
    assert "Persoon 111" in html
    assert "Persoon 222" not in html
    # The count above the form is updated out of band.
    assert 'id="audit-status" hx-swap-oob="innerHTML"' in html
    assert "1 regel gevonden voor kenmerk ‘111’." in text(response)


@pytest.mark.django_db
def test_audit_log_history_restore_gets_the_whole_page(client, make_user, audit_entries):
    client.force_login(make_user("beheerder"))
    response = client.get(
        "/beheer/auditlog/",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" in html
    assert "hx-swap-oob" not in html


@pytest.mark.django_db
def test_audit_log_pagination_keeps_the_filter(client, make_user):
    actor = make_user("beheerder")
    for _ in range(51):
        audit_record(
            user=actor, action="read", object_type="parties.persoon", object_id="7", purpose="Test"
        )
    client.force_login(actor)
    html = client.get("/beheer/auditlog/", {"kenmerk": "7"}).content.decode()
    assert 'href="?kenmerk=7&amp;pagina=2"' in html
    assert "Pagina 1 van 2" in html
