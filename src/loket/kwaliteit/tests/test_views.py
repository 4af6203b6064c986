"""The pages (issue 20): the review with the rubric as data, the score reaching the dashboard and
the agent's own page, calibration, and who may see what."""

import pytest
from django.urls import reverse

from loket.core.models import AuditEntry
from loket.kwaliteit.constants import JUISTHEID_CODE, BeoordelingStatus, Oordeel
from loket.kwaliteit.models import Beoordeling, Criterium
from loket.kwaliteit.selectors import REVIEW_PURPOSE
from loket.kwaliteit.services import rubriek_actief, steekproef_draw

from .conftest import VORIGE_MAAND, moment

pytestmark = pytest.mark.django_db


def _queued(wereld, **kwargs) -> Beoordeling:
    contact = wereld.contact(**kwargs)
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=5)
    return Beoordeling.objects.get(klantcontact=contact)


def _post(client, beoordeling, juist: int, feedback: str = "", overig: int = Oordeel.VOLDOET):
    data = {"feedback": feedback}
    for c in rubriek_actief().criteria.filter(actief=True):
        data[f"criterium_{c.pk}"] = str(juist if c.code == JUISTHEID_CODE else overig)
    return client.post(reverse("kwaliteit:beoordeling", kwargs={"pk": beoordeling.pk}), data)


def test_the_review_page_shows_the_contact_and_audits_the_read(client, wereld):
    beoordeling = _queued(wereld)
    client.force_login(wereld.teamleider)
    response = client.get(reverse("kwaliteit:beoordeling", kwargs={"pk": beoordeling.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wanneer is mijn paspoort klaar?" in html
    assert "Na vijf werkdagen." in html
    assert "(versie 1)" in html
    assert "Juist en volledig antwoord" in html
    assert " required" not in html
    entry = AuditEntry.objects.get(purpose=REVIEW_PURPOSE)
    assert entry.user == wereld.teamleider


def test_the_rubric_is_data_a_new_criterion_appears_in_the_form(client, wereld):
    beoordeling = _queued(wereld)
    Criterium.objects.create(
        rubriek=rubriek_actief(), code="privacy", vraag="Identiteit gecontroleerd", volgorde=99
    )
    client.force_login(wereld.teamleider)
    url = reverse("kwaliteit:beoordeling", kwargs={"pk": beoordeling.pk})
    assert "Identiteit gecontroleerd" in client.get(url).content.decode()
    # Left unanswered, the new criterion is asked for.
    data = {"feedback": ""}
    for c in rubriek_actief().criteria.exclude(code="privacy"):
        data[f"criterium_{c.pk}"] = "2"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kies een oordeel (of n.v.t.)." in response.content.decode()
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.OPEN


def test_a_score_reaches_the_dashboard_and_the_agents_own_page(client, wereld):
    goed = _queued(wereld, op=moment(4))
    tweede = wereld.contact(op=moment(6))
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=5)
    fout = Beoordeling.objects.get(klantcontact=tweede)
    client.force_login(wereld.teamleider)
    _post(client, goed, Oordeel.VOLDOET, feedback="Helder uitgelegd, goed gedaan.")
    html = client.get(reverse("kwaliteit:dashboard")).content.decode()
    assert 'data-juistheid="kcc">100,0%' in html
    _post(client, fout, Oordeel.VOLDOET_NIET, feedback="De kosten ontbraken.")
    html = client.get(reverse("kwaliteit:dashboard")).content.decode()
    assert 'data-juistheid="kcc">50,0%' in html
    assert "Juistheid van antwoorden (kwaliteitsbeoordeling) ≥ 90 procent" in html
    assert ">nee<" in html

    client.force_login(wereld.agent)
    eigen = client.get(reverse("kwaliteit:mijn")).content.decode()
    assert "Helder uitgelegd, goed gedaan." in eigen
    assert "De kosten ontbraken." in eigen
    assert reverse("knowledge:artikel", kwargs={"slug": "paspoort-klaar"}) in eigen
    assert "50,0%" in eigen


def test_calibration_shows_where_two_reviewers_differ(client, wereld):
    beoordeling = _queued(wereld)
    client.force_login(wereld.teamleider)
    _post(client, beoordeling, Oordeel.VOLDOET)
    client.force_login(wereld.tweede_teamleider)
    response = client.post(reverse("kwaliteit:kalibreren", kwargs={"pk": beoordeling.pk}))
    tweede = Beoordeling.objects.get(reviewer=wereld.tweede_teamleider)
    assert response["Location"] == reverse("kwaliteit:beoordeling", kwargs={"pk": tweede.pk})
    _post(client, tweede, Oordeel.DEELS)
    html = client.get(reverse("kwaliteit:kalibratie")).content.decode()
    assert "1 verschil" in html
    assert "Voldoet" in html and "Deels" in html
    # A contact is reviewed once per reviewer.
    client.post(reverse("kwaliteit:kalibreren", kwargs={"pk": beoordeling.pk}))
    assert Beoordeling.objects.filter(klantcontact=beoordeling.klantcontact).count() == 2


def test_an_agent_sees_neither_the_queue_nor_others_reviews(client, wereld):
    beoordeling = _queued(wereld, medewerker=wereld.collega)
    client.force_login(wereld.teamleider)
    _post(client, beoordeling, Oordeel.VOLDOET, feedback="Voor de collega.")

    client.force_login(wereld.agent)
    for name, kwargs in [
        ("kwaliteit:wachtrij", {}),
        ("kwaliteit:beoordeling", {"pk": beoordeling.pk}),
        ("kwaliteit:kalibratie", {}),
        ("kwaliteit:dashboard", {}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
    assert "Voor de collega." not in client.get(reverse("kwaliteit:mijn")).content.decode()
    client.force_login(wereld.collega)
    assert "Voor de collega." in client.get(reverse("kwaliteit:mijn")).content.decode()


def test_a_teamleider_of_another_team_does_not_get_the_queue(client, wereld):
    beoordeling = _queued(wereld)
    client.force_login(wereld.buiten)
    response = client.get(reverse("kwaliteit:wachtrij"))
    assert beoordeling.klantcontact.referentienummer not in response.content.decode()
    url = reverse("kwaliteit:beoordeling", kwargs={"pk": beoordeling.pk})
    assert client.get(url).status_code == 404


def test_a_long_queue_comes_a_page_at_a_time_with_the_count(client, wereld, monkeypatch):
    from loket.kwaliteit import views

    for dag in range(1, 8):
        wereld.contact(op=moment(dag))
        wereld.contact(op=moment(dag), medewerker=wereld.collega)
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=20)
    open_ = Beoordeling.objects.filter(status=BeoordelingStatus.OPEN).count()
    assert open_ > 5
    client.force_login(wereld.teamleider)
    monkeypatch.setattr(views, "WACHTRIJ_PER_PAGINA", 5)
    eerste = client.get(reverse("kwaliteit:wachtrij")).content.decode()
    laatste = client.get(reverse("kwaliteit:wachtrij"), {"pagina": "9999"}).content.decode()
    pagina_s = -(-open_ // 5)
    assert f"{open_} open beoordelingen." in eerste
    assert eerste.count('href="/kwaliteit/beoordeling/') == 5
    assert f"Pagina 1 van {pagina_s}" in eerste and 'rel="next"' in eerste
    assert f"Pagina {pagina_s} van {pagina_s}" in laatste and 'rel="next"' not in laatste
