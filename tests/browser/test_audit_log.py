"""The audit log filter swaps the rows through htmx, without reloading the page."""

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
