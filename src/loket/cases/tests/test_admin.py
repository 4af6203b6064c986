import pytest

from loket.cases.services import zaak_create


@pytest.mark.django_db
def test_the_zaak_admin_shows_the_status_history_read_only(admin_client, zaaktype):
    zaak = zaak_create(zaaktype=zaaktype)
    response = admin_client.get(f"/admin/cases/zaak/{zaak.pk}/change/")
    assert response.status_code == 200
    assert "Ontvangen" in response.content.decode()
    assert admin_client.get("/admin/cases/zaak/add/").status_code == 403


@pytest.mark.django_db
def test_the_zaaktype_admin_refuses_a_servicenorm_beyond_the_legal_term(admin_client, zaaktype):
    data = {
        "identificatie": "nieuw",
        "omschrijving": "Nieuw",
        "doorlooptijd_werkdagen": 5,
        "servicenorm_werkdagen": 8,
        "verlengingstermijn_werkdagen": 0,
        "opschortingstermijn_werkdagen": 0,
        "resultaattypen-TOTAL_FORMS": 1,
        "resultaattypen-INITIAL_FORMS": 0,
        "resultaattypen-0-omschrijving": "Verleend",
        "overgangen-TOTAL_FORMS": 0,
        "overgangen-INITIAL_FORMS": 0,
        "statustypen-TOTAL_FORMS": 2,
        "statustypen-INITIAL_FORMS": 0,
        "statustypen-MIN_NUM_FORMS": 2,
        "statustypen-MAX_NUM_FORMS": 1000,
        "statustypen-0-volgnummer": 1,
        "statustypen-0-omschrijving": "Open",
        "statustypen-1-volgnummer": 2,
        "statustypen-1-omschrijving": "Klaar",
    }
    response = admin_client.post("/admin/cases/zaaktype/add/", data)
    assert response.status_code == 200
    assert "mag niet langer zijn dan de wettelijke termijn" in response.content.decode()
    data["servicenorm_werkdagen"] = 5
    assert admin_client.post("/admin/cases/zaaktype/add/", data).status_code == 302
    from loket.cases.models import Zaaktype

    assert list(
        Zaaktype.objects.get(identificatie="nieuw").resultaattypen.values_list(
            "omschrijving", flat=True
        )
    ) == ["Verleend"]
