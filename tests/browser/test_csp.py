"""The Content-Security-Policy in a real browser (finding 10 of issue 14): the main pages of the
public and of every role load without a single CSP violation, and scripts still run (htmx,
Plotly, Swagger UI, the idle warning)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    None: ["/", "/meldingen/", "/formulieren/", "/inloggen/"],
    "kcc-medewerker": ["/kcc/", "/kennis/", "/training/"],
    "backoffice-medewerker": ["/backoffice/", "/backoffice/zaken/", "/backoffice/meldingen/"],
    "teamleider": ["/inzicht/", "/inzicht/maandrapport/", "/backoffice/werkvoorraad/"],
    "redacteur": ["/kennis/redactie/", "/kennis/redactie/nieuw/", "/catalogusbeheer/"],
    "beheerder": ["/beheer/", "/beheer/auditlog/", "/proactief/", "/api/v1/docs/"],
}


@pytest.mark.parametrize("role", list(PAGES), ids=[r or "publiek" for r in PAGES])
def test_pages_load_without_csp_violations(page, live_server, make_user, login, role):
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    if role:
        make_user(role, username="gebruiker", password="geheim-123")
        login("gebruiker", "geheim-123")
    for path in PAGES[role]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")
        if path == PAGES[role][0]:
            # The page's own scripts ran: htmx is loaded, staff pages know when to warn.
            assert page.evaluate("typeof window.htmx") == "object"
            if role:
                assert page.locator('meta[name="loket-inactief"]').count() == 1
        if path == "/api/v1/docs/":
            # Swagger UI ran (its start script comes from a URL, not inline).
            page.wait_for_selector(".swagger-ui .info", timeout=15_000)
    assert not violations, "\n".join(violations)


def test_the_idle_warning_appears_and_keeps_the_session(
    page, live_server, make_user, login, settings
):
    settings.LOKET_MEDEWERKER_INACTIEF_MINUTEN = 3  # warn after one minute
    make_user("kcc-medewerker", username="kim", password="geheim-123")
    login("kim", "geheim-123")
    page.clock.install()
    page.goto(f"{live_server.url}/kcc/")
    page.clock.run_for(61_000)
    warning = page.get_by_role("alertdialog")
    assert "over 2 minuten uitgelogd" in warning.inner_text()
    page.get_by_role("button", name="Ingelogd blijven").click()
    warning.wait_for(state="detached")
