import pytest


@pytest.mark.django_db
def test_a_beheerder_sets_routing_and_terms_of_meldcategorieen(client, make_user):
    from loket.accounts.services import team_create
    from loket.meldingen.models import MeldCategorie

    team = team_create(name="Buitendienst", slug="buitendienst")
    categorie = MeldCategorie.objects.get(subcategorie="Grofvuil")
    client.force_login(make_user("beheerder"))
    url = f"/admin/meldingen/meldcategorie/{categorie.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "team": team.pk,
            "afhandeltermijn_werkdagen": 3,
            "trefwoorden": "bankstel",
            "is_actief": "on",
        },
    )
    assert response.status_code == 302
    categorie.refresh_from_db()
    assert (categorie.team, categorie.afhandeltermijn_werkdagen) == (team, 3)
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(url).status_code in (302, 403)  # not staff: to the admin login
