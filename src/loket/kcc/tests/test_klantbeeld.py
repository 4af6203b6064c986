"""The klantbeeld's timeline (issue 16, item 3): every kind of record of a klant, each openable
in place, read through audited selectors that respect the team walls, in a fixed number of
queries."""

import datetime as dt
import itertools
import re

import pytest
from django.utils import timezone

from loket.accounts.tests.factories import TeamFactory
from loket.balie.tests.factories import AfspraakFactory
from loket.cases.services import zaak_add_note
from loket.cases.tests.factories import ZaakFactory, ZaaktypeFactory
from loket.contacts.services import contactverzoek_register_attempt
from loket.contacts.tests.factories import ContactverzoekFactory, KlantcontactFactory
from loket.core.models import AuditEntry
from loket.meldingen.models import MeldingStatus
from loket.meldingen.tests.factories import MeldingFactory
from loket.messaging.models import BerichtStatus
from loket.messaging.tests.factories import BerichtFactory
from loket.parties.tests.factories import PersoonFactory
from loket.selfservice.tests.factories import FormulierFactory, InzendingFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def behandelaar(make_user):
    """A backoffice-medewerker of team Burgerzaken (he records the callback attempts)."""
    user = make_user("backoffice-medewerker", username="bob")
    team = TeamFactory(name="Burgerzaken")
    user.teams.add(team)
    return user


_volgnummer = itertools.count()


def _history(partij, behandelaar, *, n=1):
    """n records of every kind for `partij`; returns the last of each."""
    team = behandelaar.teams.get()
    made = {}
    for i in itertools.islice(_volgnummer, n):
        verzoek = ContactverzoekFactory(
            klantcontact__partij=partij, team=team, gevraagde_handeling=f"Terugbellen {i}"
        )
        contactverzoek_register_attempt(
            verzoek=verzoek,
            user=behandelaar,
            bereikt=False,
            kanaal="telefoon",
            toelichting=f"Voicemail ingesproken {i}",
        )
        made["poging"] = verzoek.gebeurtenissen.get(soort="terugbelpoging")
        made["afspraak"] = AfspraakFactory(partij=partij, product__upl_naam=f"paspoort {i}")
        made["melding"] = MeldingFactory(
            melder=partij, tekst=f"Lantaarnpaal {i} kapot", status=MeldingStatus.IN_BEHANDELING
        )
        made["inzending"] = InzendingFactory(
            partij=partij, formulier=FormulierFactory(titel=f"Parkeervergunning {i}")
        )
        made["bericht"] = BerichtFactory(
            partij=partij,
            onderwerp=f"Uw afspraak {i} is bevestigd",
            status=BerichtStatus.VERZONDEN,
            verzonden_op=timezone.now(),
        )
        made["zaak"] = ZaakFactory(initiator=partij)
    return made


def test_timeline_shows_every_kind_of_record_of_the_klant(client, kcc_user, partij, behandelaar):
    _history(partij, behandelaar)
    andere = PersoonFactory()
    MeldingFactory(melder=andere, tekst="Melding van een ander")
    client.force_login(kcc_user)
    page = text(client.get(f"/kcc/partij/{partij.uuid}/"))
    assert re.search(r"Afspraak Paspoort \d+ · .* komt nog", page)
    assert "Melding Afval" in page and "In behandeling" in page
    assert re.search(r"Formulier Parkeervergunning \d+", page)
    assert re.search(r"Bericht Uw afspraak \d+ is bevestigd", page)
    assert "Terugbelpoging Niet bereikt" in page
    assert re.search(r"Contactverzoek .* Terugbellen \d+", page)  # the verzoek itself
    assert "Melding van een ander" not in page


def test_timeline_reads_each_source_once_however_long_the_history(
    client, kcc_user, partij, behandelaar, django_assert_max_num_queries
):
    _history(partij, behandelaar, n=1)
    client.force_login(kcc_user)
    url = f"/kcc/partij/{partij.uuid}/"
    client.get(url)  # warm the session and permission caches like any second page
    with django_assert_max_num_queries(40) as one:
        client.get(url)
    _history(partij, behandelaar, n=4)
    with django_assert_max_num_queries(len(one.captured_queries)) as five:
        response = client.get(url)
    assert text(response).count("Terugbelpoging Niet bereikt") == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_timeline_filter_by_a_new_soort(client, kcc_user, partij, behandelaar):
    _history(partij, behandelaar)
    client.force_login(kcc_user)
    response = client.get(
        f"/kcc/partij/{partij.uuid}/", {"soort": "afspraak"}, HTTP_HX_REQUEST="true"
    )
    page = text(response)
    assert "Afspraak Paspoort" in page
    assert "Lantaarnpaal" not in page and "Terugbelpoging" not in page


@pytest.mark.parametrize(
    ("soort", "expected"),
    [
        ("poging", "Voicemail ingesproken"),
        ("afspraak", "fenna@voorbeeld.example"),
        ("melding", "Lantaarnpaal"),
        ("inzending", "Verhuizing"),
        ("bericht", "Uw aanvraag is ontvangen."),
        ("zaak", "Statussen"),
    ],
)
def test_an_item_opens_in_place_with_htmx_and_as_a_page_without(
    client, kcc_user, partij, behandelaar, soort, expected
):
    record = _history(partij, behandelaar)[soort]
    client.force_login(kcc_user)
    url = f"/kcc/partij/{partij.uuid}/tijdlijn/{soort}/{record.pk}/"
    page = text(client.get(f"/kcc/partij/{partij.uuid}/"))
    assert expected not in page  # closed in the timeline
    fragment = client.get(url, {"contact": "KC-2026-000042"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert fragment.content.decode().lstrip().startswith('<li class="kcc-timeline__item')
    assert expected in text(fragment)
    assert "Details verbergen" in text(fragment)
    # One audit row per request and person (core.audit): `gegevens` names what was read in it.
    gelezen = soort if soort != "poging" else "terugbelpoging"
    entries = AuditEntry.objects.filter(
        user=kcc_user,
        object_id=str(partij.pk),
        purpose="Klantbeeld bij klantcontact KC-2026-000042",
    )
    assert any(
        gelezen == e.detail.get("gegevens") or gelezen in (e.detail.get("gegevens") or [])
        for e in entries
    ), [e.detail for e in entries]
    dicht = client.get(url, {"dicht": "1"}, HTTP_HX_REQUEST="true")
    assert expected not in text(dicht) and "Details tonen" in text(dicht)
    pagina = client.get(url)  # no JavaScript: the link opens a page of its own
    assert "<html" in pagina.content.decode() and expected in text(pagina)
    assert "Terug naar de tijdlijn" in text(pagina)


def test_an_item_of_another_klant_is_not_found(client, kcc_user, partij, behandelaar):
    andere = PersoonFactory()
    melding = MeldingFactory(melder=andere)
    client.force_login(kcc_user)
    response = client.get(f"/kcc/partij/{partij.uuid}/tijdlijn/melding/{melding.pk}/")
    assert response.status_code == 404
    assert client.get(f"/kcc/partij/{partij.uuid}/tijdlijn/onzin/1/").status_code == 404


def test_the_teams_handling_of_a_zaak_shows_only_inside_the_team_wall(
    client, kcc_user, make_user, partij, behandelaar
):
    team = behandelaar.teams.get()
    zaak = ZaakFactory(initiator=partij, zaaktype=ZaaktypeFactory(team=team))
    zaak.team = team
    zaak.save(update_fields=["team"])
    zaak_add_note(zaak=zaak, tekst="Interne notitie: wacht op de BRP", user=behandelaar)
    url = f"/kcc/partij/{partij.uuid}/tijdlijn/zaak/{zaak.pk}/"
    client.force_login(kcc_user)
    page = text(client.get(url, HTTP_HX_REQUEST="true"))
    assert "Interne notitie" not in page
    assert "alleen zichtbaar voor dat team" in page
    client.force_login(behandelaar)
    assert "Interne notitie: wacht op de BRP" in text(client.get(url, HTTP_HX_REQUEST="true"))
    buiten = make_user("backoffice-medewerker")
    buiten.teams.add(TeamFactory(name="Belastingen"))
    client.force_login(buiten)
    assert "Interne notitie" not in text(client.get(url, HTTP_HX_REQUEST="true"))


def test_eerder_gevraagd_leaves_out_the_contact_just_registered(
    client, kcc_user, partij, redenen, paspoort
):
    eerder = KlantcontactFactory(
        partij=partij,
        vraagtekst="Wat kost een paspoort?",
        contactreden=redenen["paspoort"],
        product=paspoort,
        plaatsgevonden_op=timezone.now() - dt.timedelta(days=3),
    )
    nu = KlantcontactFactory(
        partij=partij,
        vraagtekst="Is mijn paspoort al klaar?",
        contactreden=redenen["paspoort"],
        product=paspoort,
    )
    client.force_login(kcc_user)
    page = text(client.get(f"/kcc/partij/{partij.uuid}/", {"contact": nu.referentienummer}))
    blok = page.split("Eerder gevraagd", 1)[1].split("Persoonsgegevens", 1)[0]
    assert "1 keer" in blok and "herhaald contact" not in blok
    assert "Wat kost een paspoort?" in blok
    assert "Is mijn paspoort al klaar?" not in blok
    assert eerder.referentienummer  # the earlier contact still counts


def test_eerder_gevraagd_is_absent_when_only_the_current_contact_asked(
    client, kcc_user, partij, redenen, paspoort
):
    nu = KlantcontactFactory(
        partij=partij, contactreden=redenen["paspoort"], product=paspoort, vraagtekst="Kosten?"
    )
    client.force_login(kcc_user)
    page = text(client.get(f"/kcc/partij/{partij.uuid}/", {"contact": nu.referentienummer}))
    assert "Eerder gevraagd" not in page
