"""The training pages through the test client: permissions, htmx fragments, errors, results."""

import pytest
from django.urls import reverse

from loket.accounts.services import team_add_member
from loket.training.models import TrainingSessie
from loket.training.services import sessie_start

# The reference data is loaded once for this module (conftest); its tests share one xdist worker.
pytestmark = pytest.mark.xdist_group("training-test_views")


def test_only_trainees_may_train(trainingsdata, make_user, client):
    client.force_login(make_user("redacteur"))
    assert client.get(reverse("training:home")).status_code == 403
    response = client.post(reverse("training:start", kwargs={"slug": "grofvuil-bank"}))
    assert response.status_code == 403
    assert not TrainingSessie.objects.exists()


@pytest.mark.parametrize("role", ["kcc-medewerker", "backoffice-medewerker", "teamleider"])
def test_every_front_and_back_office_role_can_train(trainingsdata, make_user, client, role):
    client.force_login(make_user(role))
    response = client.get(reverse("training:home"))
    assert response.status_code == 200
    assert "Boze beller: ID-kaart kwijt" in response.content.decode()


def test_the_workspace_shows_conversation_klantbeeld_form_and_panel(trainingsdata, trainee, client):
    client.force_login(trainee)
    sessie = sessie_start(medewerker=trainee, scenario="idkaart-kwijt-boze-terugbeller")
    html = client.get(reverse("training:sessie", kwargs={"uuid": sessie.uuid})).content.decode()
    assert "Ik heb vorige week óók al gebeld" in html
    assert "Identiteitskaart kwijt" in html  # the earlier contact in the klantbeeld
    assert 'name="vraag-0-contactreden"' in html and 'name="vraag-0-afhandeling"' in html
    assert reverse("training:kennis", kwargs={"uuid": sessie.uuid}) in html
    assert "Oefenomgeving" in html


def test_an_action_returns_the_grown_conversation_as_fragment(trainingsdata, trainee, client):
    client.force_login(trainee)
    sessie = sessie_start(medewerker=trainee, scenario="grofvuil-bank")
    url = reverse("training:actie", kwargs={"uuid": sessie.uuid})
    response = client.post(
        url, {"soort": "vraag", "actie-tekst": "Wat wilt u kwijt?"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="gesprek-regels"' in html
    assert "Wat wilt u kwijt?" in html and "Een driezitsbank en een boekenkast" in html
    response = client.post(url, {"soort": "antwoord"}, headers={"HX-Request": "true"})
    assert "Typ uw antwoord of kies een antwoord in de kennisbank" in response.content.decode()
    # An answer in the trainee's own words is accepted (and checked when scoring).
    response = client.post(
        url,
        {"soort": "antwoord", "actie-tekst": "Wij halen het op voor 30 euro."},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Wij halen het op voor 30 euro." in html and "Dertig euro, prima" in html


def test_an_invalid_registration_keeps_what_was_typed(trainingsdata, trainee, client):
    client.force_login(trainee)
    sessie = sessie_start(medewerker=trainee, scenario="grofvuil-bank")
    from loket.contacts.models import Contactreden

    response = client.post(
        reverse("training:afronden", kwargs={"uuid": sessie.uuid}),
        {
            "kanaal": "telefoon",
            "vraag-TOTAL_FORMS": "1",
            "vraag-INITIAL_FORMS": "0",
            "vraag-MIN_NUM_FORMS": "0",
            "vraag-MAX_NUM_FORMS": "20",
            "vraag-0-contactreden": Contactreden.objects.get(naam="Grofvuil ophalen").pk,
            "vraag-0-vraagtekst": "Bank en kast ophalen",
            "vraag-0-afhandeling": "contactverzoek",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies het team dat het contactverzoek oppakt." in html
    assert "Bank en kast ophalen" in html
    sessie.refresh_from_db()
    assert not sessie.is_afgerond


def test_another_employees_session_is_not_found(trainingsdata, trainee, make_user, client):
    sessie = sessie_start(medewerker=trainee, scenario="grofvuil-bank")
    client.force_login(make_user("kcc-medewerker"))
    assert client.get(reverse("training:sessie", kwargs={"uuid": sessie.uuid})).status_code == 404


def test_results_are_visible_to_the_employee_and_their_teamleider_only(
    trainingsdata, trainee, make_user, client
):
    kcc = trainingsdata["kcc"]
    team_add_member(team=kcc, user=trainee)
    leider = make_user("teamleider")
    team_add_member(team=kcc, user=leider, is_coordinator=True)
    other_leider = make_user("teamleider")
    team_add_member(team=trainingsdata["belastingen"], user=other_leider)
    from loket.training.tests.test_services import play

    play(trainee)
    client.force_login(trainee)
    assert "100 van 100" in client.get(reverse("training:resultaten")).content.decode()
    assert client.get(reverse("training:team")).status_code == 403

    client.force_login(leider)
    html = client.get(reverse("training:team")).content.decode()
    assert "Trainingsresultaten van KCC" in html and str(trainee) in html
    detail = reverse("training:medewerker", kwargs={"pk": trainee.pk})
    assert client.get(detail).status_code == 200
    sessie_url = reverse("training:team_sessie", kwargs={"uuid": TrainingSessie.objects.get().uuid})
    assert sessie_url in client.get(detail).content.decode()
    assert "Score per onderdeel" in client.get(sessie_url).content.decode()

    client.force_login(other_leider)
    assert client.get(detail).status_code == 404
    assert client.get(sessie_url).status_code == 404
    assert str(trainee) not in client.get(reverse("training:team")).content.decode()


def test_a_kennistoets_is_made_and_checked_through_the_pages(trainingsdata, trainee, client):
    from loket.training.models import Kennistoets

    client.force_login(trainee)
    response = client.post(reverse("training:toetsen"))
    toets = Kennistoets.objects.get()
    assert response.url == reverse("training:toets", kwargs={"uuid": toets.uuid})
    html = client.get(response.url).content.decode()
    assert html.count("<fieldset") == toets.aantal_vragen
    # Leaving one question open: a Dutch error at that question, the other answers kept.
    data = {}
    for vraag in toets.vragen.all():
        if vraag.opties:
            data[f"vraag_{vraag.volgnummer}"] = str(vraag.juist["optie"])
        elif "getal" in vraag.juist:
            data[f"vraag_{vraag.volgnummer}"] = str(vraag.juist["getal"])
        else:
            data[f"vraag_{vraag.volgnummer}"] = vraag.juist["woorden"][0]
    last = toets.aantal_vragen
    typed = data.pop(f"vraag_{last}")
    response = client.post(response.url, data)
    assert response.status_code == 400
    assert "Beantwoord deze vraag." in response.content.decode()
    data[f"vraag_{last}"] = typed
    response = client.post(reverse("training:toets", kwargs={"uuid": toets.uuid}), data)
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert f"{toets.aantal_vragen} van {toets.aantal_vragen}" in html
    assert "Lees het kennisartikel" in html


def test_the_demo_hook_adds_scored_training_history(trainingsdata, make_user):
    import datetime as dt
    import random
    from types import SimpleNamespace

    from loket.training import demo
    from loket.training.models import Kennistoets, TrainingSessie
    from loket.training.selectors import resultaten

    staff = [make_user("kcc-medewerker") for _ in range(3)]
    builder = SimpleNamespace(
        rng=random.Random(7), today=dt.date(2026, 6, 1), kcc_staff=[u.pk for u in staff]
    )
    counts = demo.build(builder, summary=None)
    assert counts == {"trainingsessies": 18, "kennistoetsen": 9}
    assert TrainingSessie.objects.filter(status="afgerond", totaal__isnull=False).count() == 18
    assert Kennistoets.objects.filter(aantal_goed__isnull=False).count() == 9
    uitkomst = resultaten(medewerkers=staff)
    assert uitkomst.sessies == 18 and uitkomst.perioden
    assert all(c.maximum for c in uitkomst.criteria)


def test_the_teamleider_sees_the_item_statistics_of_the_kennistoets(
    trainingsdata, make_user, client
):
    """The hand-computed fixture of test_itemstatistiek, answered by six team members."""
    import datetime as dt

    from django.utils import timezone

    from loket.training.models import Kennistoets, ToetsVraag
    from loket.training.tests.test_itemstatistiek import FIXTURE

    kcc = trainingsdata["kcc"]
    nu = timezone.now()
    for n, items in enumerate(FIXTURE.values()):
        lid = make_user("kcc-medewerker")
        team_add_member(team=kcc, user=lid)
        toets = Kennistoets.objects.create(
            medewerker=lid,
            gestart_op=nu - dt.timedelta(minutes=10 + n),
            afgerond_op=nu - dt.timedelta(minutes=n),
            aantal_vragen=3,
            aantal_goed=sum(items.values()),
        )
        for nummer, (item, goed) in enumerate(items.items(), start=1):
            ToetsVraag.objects.create(
                toets=toets,
                volgnummer=nummer,
                soort="kort",
                onderwerp="Fixture",
                vraag=f"Vraag {item}",
                juist={"getal": "5"},
                antwoord="5" if goed else "6",
                is_goed=bool(goed),
            )
    leider = make_user("teamleider")
    team_add_member(team=kcc, user=leider, is_coordinator=True)
    client.force_login(leider)
    url = reverse("training:items")
    assert url in client.get(reverse("training:team")).content.decode()
    html = client.get(url, {"team": "kcc"}).content.decode()
    rij = html[html.index("Vraag A") : html.index("</tr>", html.index("Vraag A"))]
    assert "data-n>6<" in rij
    assert "data-p>0,67<" in rij and "data-rpb>0,34<" in rij and "data-d>0,50<" in rij
    rij_b = html[html.index("Vraag B") : html.index("</tr>", html.index("Vraag B"))]
    assert "onderscheidt slecht" in rij_b
    assert html.index("Vraag B") < html.index("Vraag A")  # the weakest item first

    client.force_login(make_user("kcc-medewerker"))
    assert client.get(url).status_code == 403
    other = make_user("teamleider")
    team_add_member(team=trainingsdata["belastingen"], user=other)
    client.force_login(other)
    assert "Vraag A" not in client.get(url).content.decode()
    assert client.get(url, {"team": "kcc"}).status_code == 404
