"""Safety lines above the answers when a question signals danger (issue 23)."""

import pytest

from loket.knowledge.search.hulplijnen import (
    NOODNUMMER,
    VEILIG_THUIS,
    ZELFMOORDPREVENTIE,
    hulplijnen,
)


@pytest.mark.parametrize(
    "vraag",
    [
        "mijn man slaat me als hij gedronken heeft",
        "Mijn vriend duwt me en sluit me op in huis",
        "het buurjongetje heeft steeds blauwe plekken en zijn vader gaat tekeer",
        "ik denk dat mijn opa wordt mishandeld door zijn kleinzoon",
        "mijn ex bedreigt mij via whatsapp",
        "ze wordt door haar familie gedwongen te trouwen",
        "Ik ben doodsbang voor mijn ex, hij mag mijn nieuwe adres niet weten",
        "HUISELIJK GEWELD melden",
        "mijn broer geeft zijn geld aan vrienden die hem misbruiken",
    ],
)
def test_violence_calls_for_veilig_thuis_after_112(vraag):
    assert hulplijnen(vraag)[:2] == [NOODNUMMER, VEILIG_THUIS]


@pytest.mark.parametrize(
    "vraag",
    [
        "ik wil niet meer leven",
        "mijn zoon praat over zelfmoord",
        "Ik zie het niet meer zitten en wil er niet meer zijn",
        "gedachten over zelfdoding",
        # Said without the words above (a miss of the third blind set: a neighbour "would
        # rather be dead" ranked the death registration first).
        "mijn opa zegt steeds dat hij liever dood is",
        "ik wou dat ik dood was",
        "mijn vriendin wil er een eind aan maken",
        "ik zie geen zin meer in mijn leven",
    ],
)
def test_thoughts_of_suicide_call_for_113(vraag):
    lines = hulplijnen(vraag)
    assert lines[0] == NOODNUMMER and ZELFMOORDPREVENTIE in lines


@pytest.mark.parametrize(
    "vraag",
    [
        "paspoort verlengen",
        "de kliko is niet geleegd",
        "wat een geweldig initiatief, kan ik subsidie krijgen",
        "mijn paspoort dreigt te verlopen",
        "iemand heeft mijn identiteit misbruikt voor een abonnement",
        "ik wil mijn overleden moeder laten begraven",
        "",
    ],
)
def test_ordinary_questions_get_no_safety_line(vraag):
    assert hulplijnen(vraag) == []


@pytest.mark.django_db
def test_portal_and_agent_panel_show_the_safety_line_first(client, make_user, bundled_kennis):
    vraag = "mijn man slaat me, waar kan ik heen met de kinderen"
    portal = client.get("/zoeken/", {"q": vraag}).content.decode()
    assert "0800-2000" in portal and "Bel 112" in portal
    assert portal.index("data-hulplijnen") < portal.index("portaal-resultaten")
    client.force_login(make_user("kcc-medewerker"))
    panel = client.get("/kcc/kennis/", {"q": vraag}).content.decode()
    assert "Wijs de beller op hulp" in panel and "0800-2000" in panel
    assert panel.index("data-hulplijnen") < panel.index("kcc-kennis-lijst")
    quiet = client.get("/kcc/kennis/", {"q": "paspoort verlengen"}).content.decode()
    assert "data-hulplijnen" not in quiet


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("vraag", "verwacht"),
    [
        # Before: a residence permit, and a stillborn child, ranked first.
        ("mijn man slaat me waar kan ik heen", "meldcode huiselijk geweld en kindermishandeling"),
        ("ik wil niet meer leven", "openbare geestelijke gezondheidszorg (oggz)"),
    ],
)
def test_a_question_that_signals_danger_finds_the_help_first(bundled_kennis, vraag, verwacht):
    from loket.knowledge.selectors import kennis_search

    eerste = kennis_search(q=vraag, kanaal="web").antwoorden[0]
    names = {p.upl_naam for p in eerste.producten}
    assert verwacht in names or {"vrouwenopvang", "tijdelijk huisverbod"} & names, eerste.titel
