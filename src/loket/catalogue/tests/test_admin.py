import pytest


@pytest.mark.django_db
def test_a_beheerder_enriches_products_but_cannot_add_them(client, make_user, products):
    client.force_login(make_user("beheerder"))
    listing = client.get("/admin/catalogue/product/?q=paspoort")
    assert listing.status_code == 200
    assert "paspoort" in listing.content.decode()
    assert client.get("/admin/catalogue/product/add/").status_code == 403
    paspoort = products["paspoort"]
    response = client.post(
        f"/admin/catalogue/product/{paspoort.pk}/change/",
        {"titel": "Paspoort", "samenvatting": "Voor reizen.", "is_actief": "on"},
    )
    assert response.status_code == 302
    paspoort.refresh_from_db()
    assert paspoort.samenvatting == "Voor reizen."
    assert paspoort.upl_naam == "paspoort"
