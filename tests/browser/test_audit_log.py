"""The audit log filter swaps the rows through htmx, without reloading the page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_on_kenmerk_updates_the_rows_in_place(page, live_server, make_user, login):
    from loket.core.audit import audit_record

    bea = make_user("beheerder", username="bea", password="geheim-123")
    for object_id in ("111", "222", "222"):
        audit_record(
            user=bea,
            action="read",
            object_type="parties.persoon",
            object_id=object_id,
            object_label=f"Persoon {object_id}",
            purpose="Klantvraag beantwoorden",
        )
    login("bea", "geheim-123")
    page.goto(f"{live_server.url}/beheer/auditlog/")
    rows = page.locator("#audit-rows tbody tr")
    assert rows.count() == 3
    page.evaluate("window.loketMarker = 'zelfde pagina'")

    page.get_by_label("BSN, naam, KC- of zaaknummer").fill("222")
    with page.expect_response(lambda response: "kenmerk=222" in response.url) as response_info:
        page.get_by_role("button", name="Filteren").click()
    assert response_info.value.request.headers.get("hx-request") == "true"

    expect(page.locator("#audit-rows tbody tr")).to_have_count(2)
    assert page.evaluate("window.loketMarker") == "zelfde pagina"
    assert "kenmerk=222" in page.url
    assert "111" not in page.locator("#audit-rows").inner_text()
    assert page.locator("#audit-status").inner_text() == "2 regels gevonden voor kenmerk ‘222’."
    assert page.get_by_role("heading", level=1).count() == 1


def test_privacy_officer_finds_who_looked_at_one_citizen(
    page, live_server, make_user, login, axe_check, screenshot
):
    """Issue 16, item 16: search by name, employees by their full name, the employee and date
    filters and the export link, in place through htmx; axe clean."""
    from loket.core.audit import audit_record
    from loket.parties.tests.factories import PersoonFactory

    make_user("beheerder", username="bea", password="geheim-123")
    karin = make_user("kcc-medewerker", username="kdk")
    karin.first_name, karin.last_name = "Karin", "de Klant"
    karin.save()
    piet = make_user("kcc-medewerker", username="pp")
    jansen = PersoonFactory(bsn="999993653", geslachtsnaam="Jansen", voornamen="Anna")
    bakker = PersoonFactory(bsn="999990019", geslachtsnaam="Bakker", voornamen="Bo")
    for user, partij in [(karin, jansen), (piet, jansen), (piet, bakker)]:
        audit_record(
            user=user,
            action="read",
            obj=partij,
            purpose="Klantvraag beantwoorden",
            detail={"gegevens": "klantcontacten"},
        )
    login("bea", "geheim-123")
    page.goto(f"{live_server.url}/beheer/auditlog/")
    rows = page.locator("#audit-rows tbody tr")
    expect(rows).to_have_count(3)

    page.get_by_label("BSN, naam, KC- of zaaknummer").fill("anna jansen")
    page.get_by_role("button", name="Filteren").click()
    expect(rows).to_have_count(2)
    expect(page.locator("#audit-status")).to_have_text(
        "2 regels gevonden voor kenmerk ‘anna jansen’."
    )
    page.get_by_label("Medewerker").select_option(label="Karin de Klant (kdk)")
    page.get_by_role("button", name="Filteren").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Karin de Klant")
    expect(rows.first).to_contain_text("klantcontacten")
    export = page.get_by_role("link", name="Deze 1 regel exporteren als CSV")
    expect(export).to_have_attribute("href", re.compile(r"/beheer/auditlog/export/\?kenmerk=anna"))
    axe_check("auditlog-zoeken")
    screenshot("auditlog-zoeken")
