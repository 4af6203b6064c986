"""A teamleider turns a reviewed contact into a training scenario (issue 20), anonymised: the
scenario holds none of the partij's identifying data (checked against the partij's own data
and the BRP), nor the agent's name."""

import datetime as dt

import pytest
from django.urls import reverse

from loket.contacts.services import VraagInput, contact_register
from loket.kwaliteit.constants import Oordeel
from loket.kwaliteit.models import Beoordeling, Oefenscenario
from loket.kwaliteit.services import oefenscenario_create, steekproef_draw
from loket.parties.models import DigitaalAdres
from loket.parties.tests.factories import PersoonFactory
from loket.registries.tests.factories import BagAdresFactory, BrpPersoonFactory

from .conftest import VORIGE_MAAND, moment
from .test_views import _post

pytestmark = pytest.mark.django_db


def _burger():
    brp = BrpPersoonFactory(
        voornamen="Sanne Maria",
        voorvoegsel="van",
        geslachtsnaam="Kuipers",
        geboortedatum=dt.date(1987, 3, 9),
        adres=BagAdresFactory(straatnaam="Brink", huisnummer=7, postcode="7872BK"),
    )
    partij = PersoonFactory(
        bsn=brp.bsn,
        voornamen="Sanne Maria",
        voorvoegsel_geslachtsnaam="van",
        geslachtsnaam="Kuipers",
        geboortedatum=dt.date(1987, 3, 9),
    )
    DigitaalAdres.objects.create(partij=partij, soort="telefoonnummer", adres="06-41234567")
    DigitaalAdres.objects.create(partij=partij, soort="email", adres="s.kuipers@voorbeeld.nl")
    return partij, brp


def _gereviewd(client, wereld, partij, brp):
    wereld.agent.first_name, wereld.agent.last_name = "Willemijn", "Terpstra"
    wereld.agent.save()
    contact = contact_register(
        kanaal="telefoon",
        medewerker=wereld.agent,
        partij=partij,
        plaatsgevonden_op=moment(5),
        inhoud="Mevrouw Kuipers belde terug.",
        vragen=[
            VraagInput(
                vraagtekst=(
                    f"U spreekt met Sanne van Kuipers, BSN {brp.bsn}, geboren 09-03-1987. Ik woon "
                    "op Brink 7, 7872 BK. Wanneer is mijn paspoort klaar? Bel me op 06-41234567 "
                    "of 0641234567 of mail s.kuipers@voorbeeld.nl."
                ),
                contactreden=wereld.reden,
                afhandeling="beantwoord",
                antwoord="Na vijf werkdagen.",
                kennisartikel_versie=wereld.versie,
            ),
            VraagInput(
                vraagtekst="Mag mijn buurman Piet het ophalen? Hij woont op Dorpsweg 12a.",
                contactreden=wereld.reden,
                afhandeling="beantwoord",
            ),
        ],
    )
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=5)
    beoordeling = Beoordeling.objects.get(klantcontact=contact)
    client.force_login(wereld.teamleider)
    _post(
        client,
        beoordeling,
        Oordeel.DEELS,
        feedback="Willemijn noemde Sanne de kosten niet; € 84,50 hoort erbij.",
    )
    beoordeling.refresh_from_db()
    return beoordeling


def _identificerend(partij, brp) -> list[str]:
    """Everything that identifies the partij, read from the partij and the BRP themselves."""
    persoon = partij.persoon
    waarden = [
        *persoon.voornamen.split(),
        persoon.geslachtsnaam,
        persoon.bsn,
        f"{persoon.geboortedatum:%d-%m-%Y}",
        brp.adres.straatnaam,
        brp.adres.postcode,
        f"{brp.adres.postcode[:4]} {brp.adres.postcode[4:]}",
        *DigitaalAdres.objects.filter(partij=partij).values_list("adres", flat=True),
        "0641234567",
    ]
    return [w.lower() for w in waarden]


def test_the_button_makes_an_anonymised_scenario_from_the_review(client, wereld):
    partij, brp = _burger()
    beoordeling = _gereviewd(client, wereld, partij, brp)
    url = reverse("kwaliteit:beoordeling", kwargs={"pk": beoordeling.pk})
    assert "Maak er een oefenscenario van" in client.get(url).content.decode()

    response = client.post(reverse("kwaliteit:oefenscenario", kwargs={"pk": beoordeling.pk}))
    assert response["Location"] == url
    scenario = Oefenscenario.objects.get(beoordeling=beoordeling)
    tekst = " ".join(
        [scenario.titel, scenario.opening, *scenario.vervolg, scenario.bevindingen]
    ).lower()
    for waarde in _identificerend(partij, brp):
        assert waarde not in tekst, waarde
    # Nor the agent's name, nor the neighbour's street address.
    assert "willemijn" not in tekst and "terpstra" not in tekst
    assert "dorpsweg 12a" not in tekst
    # What remains is the question, the article and the findings.
    assert "wanneer is mijn paspoort klaar?" in scenario.opening.lower()
    assert "[bsn]" in tekst and "[telefoonnummer]" in tekst and "[e-mailadres]" in tekst
    assert "[adres]" in tekst and "[postcode]" in tekst and "[naam]" in tekst
    assert scenario.artikel == "paspoort-klaar"
    assert scenario.afhandeling == "beantwoord"
    assert "€ 84,50" in scenario.bevindingen
    assert "Juist en volledig antwoord: deels" in scenario.bevindingen
    assert scenario.titel in client.get(url).content.decode()


def test_a_scenario_is_made_once_and_needs_an_article(wereld, client):
    partij, brp = _burger()
    beoordeling = _gereviewd(client, wereld, partij, brp)
    eerste = oefenscenario_create(beoordeling=beoordeling, user=wereld.teamleider)
    assert oefenscenario_create(beoordeling=beoordeling, user=wereld.teamleider) == eerste

    zonder = wereld.contact(versie=False, op=moment(9))
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=5)
    open_ = Beoordeling.objects.get(klantcontact=zonder)
    response = client.post(reverse("kwaliteit:oefenscenario", kwargs={"pk": open_.pk}))
    assert not Oefenscenario.objects.filter(beoordeling=open_).exists()
    _post(client, open_, Oordeel.VOLDOET_NIET)
    response = client.post(reverse("kwaliteit:oefenscenario", kwargs={"pk": open_.pk}), follow=True)
    assert "een oefenscenario heeft het kennisartikel" in response.content.decode()
    assert not Oefenscenario.objects.filter(beoordeling=open_).exists()


def test_an_agent_cannot_make_a_scenario(client, wereld):
    partij, brp = _burger()
    beoordeling = _gereviewd(client, wereld, partij, brp)
    client.force_login(wereld.agent)
    response = client.post(reverse("kwaliteit:oefenscenario", kwargs={"pk": beoordeling.pk}))
    assert response.status_code == 403
    assert not Oefenscenario.objects.exists()
