"""Satisfaction per channel (issue 20): who is invited after a contact, through which channel,
how often; the survey form; the results per channel, product, team and formula; the open
answers to search."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from loket.accounts.tests.factories import TeamFactory, UserFactory
from loket.catalogue.models import Dienstverleningsformule
from loket.contacts.constants import Afhandeling
from loket.contacts.services import VraagInput, contact_register
from loket.core.errors import DomainError
from loket.insights.models import Tevredenheidsmeting
from loket.insights.selectors import filters_from_params, norm_map
from loket.insights.selectors.tevredenheid import opmerkingen_search, tevredenheid_tabel
from loket.insights.services import (
    tevredenheid_invite,
    tevredenheid_invite_after_contact,
    tevredenheid_submit,
)
from loket.messaging.models import Bericht, BerichtKanaal
from loket.messaging.services import toestemming_record
from loket.parties.constants import SoortDigitaalAdres
from loket.parties.services import digitaal_adres_add
from loket.parties.tests.factories import PersoonFactory


@pytest.fixture
def agent(db):
    return UserFactory(role="kcc-medewerker", teams=[TeamFactory(name="Team Balie en KCC")])


@pytest.fixture
def inwoner(db):
    partij = PersoonFactory(geslachtsnaam="Visser")
    digitaal_adres_add(
        partij=partij,
        soort=SoortDigitaalAdres.EMAIL,
        adres="visser@example.nl",
        is_standaard_adres=True,
        verified=True,
        user=None,
    )
    return partij


def _contact(kanaal, *, partij, medewerker, product=None, reden=None):
    return contact_register(
        kanaal=kanaal,
        medewerker=medewerker,
        partij=partij,
        vragen=[
            VraagInput(
                vraagtekst="Hoe vraag ik een paspoort aan?",
                contactreden=reden,
                afhandeling=Afhandeling.BEANTWOORD,
                product=product,
                antwoord="Maak een afspraak.",
            )
        ],
    )


def _uitnodigingen(partij):
    return Bericht.objects.filter(partij=partij, aanleiding_type="tevredenheidsmeting")


# --- who is invited, and how often -------------------------------------------------------------


def test_no_survey_without_consent(inwoner, agent, kanalen, reden):
    _contact(kanalen["telefoon"], partij=inwoner, medewerker=agent, reden=reden)
    assert not Tevredenheidsmeting.objects.exists()
    assert not _uitnodigingen(inwoner).exists()
    # E-mail and proactive messages allowed is not consent to a survey.
    toestemming_record(partij=inwoner, email=True, proactief=True)
    _contact(kanalen["balie"], partij=inwoner, medewerker=agent, reden=reden)
    assert not _uitnodigingen(inwoner).exists()


def test_with_consent_a_phone_call_is_followed_by_one_survey_by_email(
    inwoner, agent, kanalen, reden, product
):
    toestemming_record(partij=inwoner, tevredenheid=True)
    contact = _contact(
        kanalen["telefoon"], partij=inwoner, medewerker=agent, product=product, reden=reden
    )
    meting = Tevredenheidsmeting.objects.get(klantcontact=contact)
    assert (meting.partij, meting.kanaal.code, meting.product, meting.ces_gevraagd) == (
        inwoner,
        "telefoon",
        product,
        True,
    )
    bericht = _uitnodigingen(inwoner).get()
    assert (bericht.kanaal, bericht.adres) == (BerichtKanaal.EMAIL, "visser@example.nl")
    assert f"/tevredenheid/{meting.token}/" in bericht.tekst
    assert "aan de telefoon" in bericht.tekst
    # Called again the same week: the period holds, nothing new.
    _contact(kanalen["balie"], partij=inwoner, medewerker=agent, reden=reden)
    assert Tevredenheidsmeting.objects.count() == 1 and _uitnodigingen(inwoner).count() == 1
    # A retry for the same contact finds the first survey and queues nothing.
    assert tevredenheid_invite_after_contact(klantcontact=contact) == meting
    assert _uitnodigingen(inwoner).count() == 1


@override_settings(LOKET_TEVREDENHEID_INTERVAL_DAGEN=30)
def test_the_period_is_respected(inwoner, agent, kanalen, reden):
    toestemming_record(partij=inwoner, tevredenheid=True)
    eerste = _contact(kanalen["chat"], partij=inwoner, medewerker=agent, reden=reden)
    meting = Tevredenheidsmeting.objects.get(klantcontact=eerste)
    Tevredenheidsmeting.objects.filter(pk=meting.pk).update(
        uitgenodigd_op=timezone.now() - dt.timedelta(days=29)
    )
    _contact(kanalen["telefoon"], partij=inwoner, medewerker=agent, reden=reden)
    assert _uitnodigingen(inwoner).count() == 1
    Tevredenheidsmeting.objects.filter(pk=meting.pk).update(
        uitgenodigd_op=timezone.now() - dt.timedelta(days=31)
    )
    derde = _contact(kanalen["telefoon"], partij=inwoner, medewerker=agent, reden=reden)
    assert Tevredenheidsmeting.objects.filter(klantcontact=derde).exists()
    assert _uitnodigingen(inwoner).count() == 2


def test_withdrawn_consent_and_anonymous_and_other_channels_get_no_survey(
    inwoner, agent, kanalen, reden
):
    toestemming_record(partij=inwoner, tevredenheid=True)
    toestemming_record(partij=inwoner, tevredenheid=False)
    _contact(kanalen["telefoon"], partij=inwoner, medewerker=agent, reden=reden)
    toestemming_record(partij=inwoner, tevredenheid=True)
    _contact(kanalen["telefoon"], partij=None, medewerker=agent, reden=reden)  # anonymous
    _contact(kanalen["website"], partij=inwoner, medewerker=None, reden=reden)
    _contact(kanalen["e-mail"], partij=inwoner, medewerker=None, reden=reden)  # incoming mail
    assert not Tevredenheidsmeting.objects.exists()
    # The answer to the e-mail (registered by the agent) is followed by the survey, a day later.
    _contact(kanalen["e-mail"], partij=inwoner, medewerker=agent, reden=reden)
    bericht = _uitnodigingen(inwoner).get()
    assert bericht.volgende_poging_op > timezone.now() + dt.timedelta(hours=23)


def test_sms_only_with_sms_consent_and_no_channel_means_no_survey(agent, kanalen, reden):
    partij = PersoonFactory(geslachtsnaam="Bakker")
    digitaal_adres_add(
        partij=partij,
        soort=SoortDigitaalAdres.EMAIL,
        adres="niet-bevestigd@example.nl",
        user=None,
    )
    digitaal_adres_add(
        partij=partij, soort=SoortDigitaalAdres.TELEFOON, adres="0612345678", user=None
    )
    toestemming_record(partij=partij, tevredenheid=True, sms=False)
    _contact(kanalen["balie"], partij=partij, medewerker=agent, reden=reden)
    assert not Tevredenheidsmeting.objects.exists()  # unverified e-mail, no SMS consent
    toestemming_record(partij=partij, sms=True)
    _contact(kanalen["balie"], partij=partij, medewerker=agent, reden=reden)
    bericht = _uitnodigingen(partij).get()
    assert bericht.kanaal == BerichtKanaal.SMS and "/tevredenheid/" in bericht.tekst


@pytest.mark.django_db(transaction=True)
def test_two_contacts_at_the_same_moment_give_one_invitation(kanalen, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    from loket.contacts.services import contactreden_create

    reden = contactreden_create(naam="Afval")
    agent = make_user("kcc-medewerker")
    partij = PersoonFactory(geslachtsnaam="Smit")
    digitaal_adres_add(
        partij=partij,
        soort=SoortDigitaalAdres.EMAIL,
        adres="smit@example.nl",
        verified=True,
        user=None,
    )
    toestemming_record(partij=partij, tevredenheid=True)
    barrier = threading.Barrier(2)

    def register():
        try:
            barrier.wait()
            _contact(kanalen["telefoon"], partij=partij, medewerker=agent, reden=reden)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _uitnodigingen(partij).count() == 1


def test_a_finished_zaak_carries_the_survey_link_only_with_consent_and_outside_the_period(
    inwoner, agent, kanalen, reden
):
    from loket.cases.services import zaak_create, zaak_set_status, zaaktype_create

    zaaktype = zaaktype_create(
        identificatie="afvalpas",
        omschrijving="Afvalpas",
        doorlooptijd_werkdagen=5,
        servicenorm_werkdagen=2,
        statustypen=[("Ontvangen", False, ""), ("Afgehandeld", True, "Uw pas is onderweg.")],
    )

    def afsluiten():
        zaak = zaak_create(zaaktype=zaaktype, initiator=inwoner)
        zaak_set_status(zaak=zaak, statustype=zaaktype.statustypen.get(volgnummer=2))
        return zaak, Bericht.objects.get(partij=inwoner, aanleiding_id=str(zaak.uuid))

    zaak, bericht = afsluiten()
    assert "/tevredenheid/" not in bericht.tekst
    assert not Tevredenheidsmeting.objects.filter(zaak=zaak).exists()
    toestemming_record(partij=inwoner, tevredenheid=True)
    zaak, bericht = afsluiten()
    meting = Tevredenheidsmeting.objects.get(zaak=zaak)
    assert f"/tevredenheid/{meting.token}/" in bericht.tekst and meting.partij == inwoner
    zaak, bericht = afsluiten()  # within the period: no second survey
    assert "/tevredenheid/" not in bericht.tekst
    # ... and a phone call the same day neither.
    _contact(kanalen["telefoon"], partij=inwoner, medewerker=agent, reden=reden)
    assert Tevredenheidsmeting.objects.count() == 1


# --- the survey ----------------------------------------------------------------------------------


def test_survey_asks_ces_when_it_fits_and_names_the_field_in_errors(
    client, inwoner, agent, kanalen, reden, product
):
    met_product = _contact(
        kanalen["balie"], partij=inwoner, medewerker=agent, product=product, reden=reden
    )
    zonder = _contact(kanalen["chat"], partij=inwoner, medewerker=agent, reden=reden)
    a = tevredenheid_invite(klantcontact=met_product)
    b = tevredenheid_invite(klantcontact=zonder)
    assert a.ces_gevraagd and not b.ces_gevraagd
    html = client.get(f"/tevredenheid/{a.token}/").content.decode()
    assert "Het was makkelijk om mijn vraag geregeld te krijgen" in html
    assert "aanbeveelt" not in html  # no NPS after a single contact
    assert "makkelijk om mijn vraag" not in client.get(f"/tevredenheid/{b.token}/").content.decode()
    r = client.post(f"/tevredenheid/{a.token}/", {"moeite": "9", "opmerking": "Snel"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Tevredenheid: kies een cijfer van 1 tot en met 5." in html
    assert "Makkelijk geregeld: kies een cijfer van 1 tot en met 7." in html
    assert 'href="#moeite-1"' in html and 'id="moeite-1"' in html
    r = client.post(f"/tevredenheid/{a.token}/", {"score": "5", "moeite": "6", "opmerking": "Snel"})
    assert r.status_code == 200 and "Dank u wel" in r.content.decode()
    with pytest.raises(DomainError) as exc:
        tevredenheid_submit(token=a.token, score=1)
    assert exc.value.code == "done"
    a.refresh_from_db()
    assert (a.score, a.moeite, a.opmerking) == (5, 6, "Snel")


# --- the results ---------------------------------------------------------------------------------


def _beantwoord(contact, *, score, moeite=None, opmerking=""):
    meting = tevredenheid_invite(klantcontact=contact)
    return tevredenheid_submit(token=meting.token, score=score, moeite=moeite, opmerking=opmerking)


@pytest.fixture
def antwoorden(inwoner, agent, kanalen, reden, product, product2):
    formule = Dienstverleningsformule.objects.order_by("pk").first()
    if formule is not None:
        product.dienstverleningsformule = formule
        product.save()
    return [
        _beantwoord(
            _contact(
                kanalen["telefoon"], partij=inwoner, medewerker=agent, product=product, reden=reden
            ),
            score=5,
            moeite=7,
            opmerking="Vriendelijk en snel geholpen aan de telefoon",
        ),
        _beantwoord(
            _contact(
                kanalen["telefoon"], partij=inwoner, medewerker=agent, product=product, reden=reden
            ),
            score=4,
            moeite=5,
        ),
        _beantwoord(
            _contact(
                kanalen["balie"], partij=inwoner, medewerker=agent, product=product2, reden=reden
            ),
            score=2,
            moeite=2,
            opmerking="Lange wachttijd bij de balie, drie kwartier",
        ),
        _beantwoord(
            _contact(kanalen["chat"], partij=inwoner, medewerker=agent, reden=reden),
            score=1,
            opmerking="De chat begreep mijn vraag niet",
        ),
    ]


def _vandaag():
    return filters_from_params({})


def test_results_per_channel_product_and_formula_with_the_norm(antwoorden, product):
    normen = norm_map()
    per_kanaal = {r[0]: r for r in tevredenheid_tabel(_vandaag(), normen, "kanaal").rijen}
    assert per_kanaal["Telefoon"][1:5] == [2, 2, 100.0, "ja"]
    assert per_kanaal["Telefoon"][6] == 6.0 and per_kanaal["Telefoon"][7] == "ja"
    assert per_kanaal["Balie"][1:5] == [1, 0, 0.0, "nee"]
    assert per_kanaal["Chat"][5:8] == [0, None, "—"]  # no CES asked in a chat without product
    per_product = {r[0]: r for r in tevredenheid_tabel(_vandaag(), normen, "product").rijen}
    assert per_product[product.naam][1] == 2 and per_product["(geen product)"][1] == 1
    per_formule = {r[0]: r[1] for r in tevredenheid_tabel(_vandaag(), normen, "formule").rijen}
    assert sum(per_formule.values()) == 4
    if product.dienstverleningsformule_id:
        assert per_formule[product.dienstverleningsformule.naam] == 2


def test_dashboard_shows_csat_and_ces_per_channel(teamleider_client, antwoorden):
    html = teamleider_client.get("/inzicht/").content.decode()
    assert 'id="tabel-tevredenheid-kanaal"' in html
    assert "Tevredenheid per kanaal" in html and "Balie" in html
    assert 'id="kpi-ces"' in html


def test_results_page_and_search_of_open_answers(teamleider_client, antwoorden, client):
    r = teamleider_client.get("/inzicht/tevredenheid/?zoek=wachttijd")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Lange wachttijd bij de balie" in html
    assert "Vriendelijk en snel" not in html
    assert "Visser" not in html and "visser@example.nl" not in html  # no personal data
    for tabel in ("kanaal", "product", "team", "formule"):
        assert f'id="tabel-tevredenheid-{tabel}"' in html
    export = teamleider_client.get("/inzicht/export/tevredenheid/tevredenheid-kanaal.csv")
    assert export.status_code == 200 and "Telefoon" in export.content.decode("utf-8-sig")


def test_search_finds_by_word_in_any_case_with_all_words(antwoorden):
    f = _vandaag()
    assert [a.opmerking for a in opmerkingen_search(f=f, zoek="CHAT").antwoorden] == [
        "De chat begreep mijn vraag niet"
    ]
    assert opmerkingen_search(f=f, zoek="balie wachttijd").totaal == 1
    assert opmerkingen_search(f=f, zoek="balie vriendelijk").totaal == 0
    assert opmerkingen_search(f=f).totaal == 3  # the answer without a comment is not listed
    telefoon = filters_from_params({"kanaal": "call"})
    assert opmerkingen_search(f=telefoon, zoek="").totaal == 1


def test_results_page_needs_the_insights_permission(client, make_user):
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/inzicht/tevredenheid/").status_code == 403


@pytest.fixture
def teamleider_client(client, make_user):
    client.force_login(make_user("teamleider"))
    return client


def test_retention_forgets_who_was_invited_after_its_term_and_keeps_the_answer(
    inwoner, agent, kanalen, reden
):
    from loket.privacy.retention import retention_run

    contact = _contact(kanalen["telefoon"], partij=inwoner, medewerker=agent, reden=reden)
    oud = _beantwoord(contact, score=4, opmerking="Goed geholpen")
    Tevredenheidsmeting.objects.filter(pk=oud.pk).update(partij=inwoner)
    jong = tevredenheid_invite(
        klantcontact=_contact(kanalen["balie"], partij=inwoner, medewerker=agent, reden=reden),
        partij=inwoner,
    )
    Tevredenheidsmeting.objects.filter(pk=oud.pk).update(
        uitgenodigd_op=timezone.now() - dt.timedelta(days=366)
    )
    retention_run(now=timezone.now(), soorten=["tevredenheidsmetingen"])
    oud.refresh_from_db()
    jong.refresh_from_db()
    assert oud.partij is None and (oud.score, oud.opmerking) == (4, "Goed geholpen")
    assert jong.partij == inwoner


def test_the_persons_surveys_are_in_their_inzage_and_go_with_an_erasure(
    inwoner, agent, kanalen, reden
):
    from loket.privacy.erasure import partij_erase
    from loket.privacy.inzage import inzage_collect

    toestemming_record(partij=inwoner, tevredenheid=True)
    contact = _contact(kanalen["telefoon"], partij=inwoner, medewerker=agent, reden=reden)
    meting = Tevredenheidsmeting.objects.get(klantcontact=contact)
    tevredenheid_submit(token=meting.token, score=2, opmerking="Te lang gewacht")
    inzage = inzage_collect(partij=inwoner, user=agent, voor_inwoner=True)
    sectie = next(s for s in inzage.secties if s.code == "tevredenheidsmetingen")
    assert [(r["tevredenheid (1-5)"], r["toelichting"]) for r in sectie.rijen] == [
        ("2", "Te lang gewacht")
    ]
    partij_erase(partij=inwoner, user=agent, reden="Verzoek van de inwoner (art. 17)")
    assert not Tevredenheidsmeting.objects.filter(pk=meting.pk).exists()
