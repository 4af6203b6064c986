import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from loket.cases.models import Zaak, Zaaktype
from loket.core.errors import DomainError
from loket.core.models import Kanaal
from loket.messaging.models import Bericht, BerichtKanaal, BerichtSoort
from loket.messaging.selectors import bericht_list_for_partij
from loket.messaging.services import bericht_queue, toestemming_record
from loket.parties.models import DigitaalAdres
from loket.proactive.models import Regel, Signaal, SignaalStatus
from loket.proactive.selectors import aanbod_open_for_partij
from loket.proactive.services import (
    levensgebeurtenis_signal,
    regel_save,
    signaal_offer,
    signalen_compute,
)
from loket.proactive.tests.conftest import make_inwoner, paspoort_verloopt
from loket.registries.tests.factories import BrpPersoonFactory, ReisdocumentFactory

pytestmark = pytest.mark.django_db


def _nonzero(per_regel):
    return {code: n for code, n in per_regel.items() if n}


def test_expiring_passport_gets_exactly_one_offer(regels, inwoner):
    brp, partij = inwoner
    document = paspoort_verloopt(brp, over_dagen=42)

    eerste = signalen_compute()
    tweede = signalen_compute()

    assert eerste.per_regel.get("paspoort-verloopt") == 1
    assert tweede.signalen == 0
    signaal = Signaal.objects.get(partij=partij)
    assert signaal.regel.code == "paspoort-verloopt"
    assert signaal.datum == document.datum_einde_geldigheid
    berichten = Bericht.objects.filter(partij=partij, soort=BerichtSoort.AANBOD)
    assert berichten.count() == 1
    bericht = berichten.get()
    assert bericht.kanaal == BerichtKanaal.EMAIL
    assert bericht.adres == "inwoner@voorbeeld.example"
    assert "paspoort" in bericht.tekst
    assert "Vraag online aan en maak direct een afspraak." in bericht.tekst
    assert signaal.bericht == bericht


def test_passport_outside_the_lead_time_gets_no_offer(regels, inwoner):
    brp, _partij = inwoner
    paspoort_verloopt(brp, over_dagen=8 * 7 + 3)
    assert signalen_compute().signalen == 0


def test_person_with_an_open_zaak_for_the_passport_gets_no_offer(regels, producten, inwoner):
    brp, partij = inwoner
    paspoort_verloopt(brp)
    zaaktype = Zaaktype.objects.create(
        identificatie="paspoort",
        omschrijving="Paspoort aanvragen",
        product=producten["paspoort"],
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=5,
    )
    vandaag = timezone.localdate()
    Zaak.objects.create(
        identificatie="ZAAK-1",
        zaaktype=zaaktype,
        initiator=partij,
        startdatum=vandaag,
        einddatum_gepland=vandaag,
        uiterlijke_einddatum_afdoening=vandaag,
    )
    assert signalen_compute().signalen == 0
    assert not Bericht.objects.filter(partij=partij).exists()


def test_person_who_already_has_a_newer_passport_gets_no_offer(regels, inwoner):
    brp, _partij = inwoner
    paspoort_verloopt(brp)
    ReisdocumentFactory(persoon=brp, soort="paspoort", datum_einde_geldigheid=dt.date(2099, 1, 1))
    assert signalen_compute().signalen == 0


def test_each_document_rule_signals_its_own_document(regels, inwoner):
    brp, partij = inwoner
    paspoort_verloopt(brp, soort="rijbewijs", over_dagen=40)
    resultaat = signalen_compute()
    assert _nonzero(resultaat.per_regel) == {"rijbewijs-verloopt": 1}
    [aanbod] = aanbod_open_for_partij(partij)
    assert aanbod.tip == "Rijbewijs verloopt over 5 weken — bied online verlengen aan"


def test_turning_18_gets_stemrecht_and_identiteitsbewijs(regels):
    vandaag = timezone.localdate()
    geboren = vandaag.replace(year=vandaag.year - 18) + dt.timedelta(days=5)
    if (geboren.month, geboren.day) == (2, 29):
        geboren += dt.timedelta(days=1)
    _brp, partij = make_inwoner(geboortedatum=geboren)
    assert _nonzero(signalen_compute().per_regel) == {"18-jaar": 1}
    bericht = Bericht.objects.get(partij=partij)
    assert "Stemrecht" in bericht.tekst and "Identiteitskaart" in bericht.tekst


def test_birth_in_the_registry_signals_the_parents(regels):
    ouder, partij = make_inwoner()
    BrpPersoonFactory(
        geboortedatum=timezone.localdate() - dt.timedelta(days=3), ouder1_bsn=ouder.bsn
    )
    assert _nonzero(signalen_compute().per_regel) == {"geboorte": 1}
    assert Signaal.objects.get(partij=partij).regel.code == "geboorte"


def test_verhuizing_signals_once_per_occasion_with_all_products(regels, inwoner):
    _brp, partij = inwoner
    eerste = levensgebeurtenis_signal(
        partij=partij, gebeurtenis="verhuizing", sleutel="inzending-1", datum=timezone.localdate()
    )
    nogmaals = levensgebeurtenis_signal(
        partij=partij, gebeurtenis="verhuizing", sleutel="inzending-1"
    )
    assert len(eerste) == 1 and nogmaals == []
    bericht = Bericht.objects.get(partij=partij)
    for naam in ("Parkeervergunning", "Afvalpas", "Hondenbelasting"):
        assert naam in bericht.tekst
    # A new move is a new occasion.
    assert (
        len(
            levensgebeurtenis_signal(partij=partij, gebeurtenis="verhuizing", sleutel="inzending-2")
        )
        == 1
    )


def test_levensgebeurtenis_is_part_of_the_callers_transaction(regels, inwoner):
    _brp, partij = inwoner
    with pytest.raises(RuntimeError), transaction.atomic():
        levensgebeurtenis_signal(partij=partij, gebeurtenis="verhuizing", sleutel="x")
        raise RuntimeError("de verhuismelding mislukt")
    assert not Signaal.objects.exists()
    assert not Bericht.objects.exists()


def test_unknown_life_event_is_refused(regels, inwoner):
    with pytest.raises(DomainError) as exc:
        levensgebeurtenis_signal(partij=inwoner[1], gebeurtenis="emigratie", sleutel="x")
    assert exc.value.field == "gebeurtenis"


def test_rule_with_unknown_product_is_refused(producten):
    with pytest.raises(DomainError) as exc:
        regel_save(
            code="x",
            naam="X",
            trigger="document",
            document_soort="paspoort",
            weken_vooraf=8,
            producten=["paspoort", "ruimteschip"],
            onderwerp="O",
            tekst="T",
        )
    assert exc.value.field == "producten"
    assert "Onbekend product 'ruimteschip'" in exc.value.message
    assert not Regel.objects.exists()


def test_rule_with_negative_lead_time_is_refused(producten):
    with pytest.raises(DomainError) as exc:
        regel_save(
            code="x",
            naam="X",
            trigger="document",
            document_soort="paspoort",
            weken_vooraf=-2,
            producten=["paspoort"],
            onderwerp="O",
            tekst="T",
        )
    assert exc.value.field == "weken_vooraf"
    assert exc.value.message == "Het aantal weken vooraf kan niet negatief zijn."


def test_citizen_without_consent_for_offers_gets_no_message_but_the_kcm_sees_it(regels, inwoner):
    brp, partij = inwoner
    toestemming_record(partij=partij, proactief=False)
    paspoort_verloopt(brp)
    assert signalen_compute().signalen == 1
    assert not Bericht.objects.exists()
    assert len(aanbod_open_for_partij(partij)) == 1


def test_preferred_phone_with_sms_consent_gets_an_sms(regels):
    brp, partij = make_inwoner()
    DigitaalAdres.objects.create(
        partij=partij, soort="telefoonnummer", adres="+31612345678", is_standaard_adres=True
    )
    partij.voorkeurskanaal = Kanaal.objects.get(code="telefoon")
    partij.save()
    toestemming_record(partij=partij, sms=True)
    paspoort_verloopt(brp)
    signalen_compute()
    bericht = Bericht.objects.get(partij=partij)
    assert (bericht.kanaal, bericht.adres) == (BerichtKanaal.SMS, "+31612345678")


def test_without_email_the_offer_goes_to_the_mijn_loket_inbox(regels):
    brp, partij = make_inwoner(email=None)
    paspoort_verloopt(brp)
    signalen_compute()
    bericht = Bericht.objects.get(partij=partij)
    assert bericht.kanaal == BerichtKanaal.INBOX
    assert list(bericht_list_for_partij(partij)) == [bericht]


def test_kcm_records_the_offer_once(regels, inwoner, make_user):
    brp, partij = inwoner
    paspoort_verloopt(brp)
    signalen_compute()
    signaal = Signaal.objects.get()
    kcm = make_user("kcc-medewerker")
    signaal_offer(signaal=signaal, user=kcm)
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.AANGEBODEN and signaal.aangeboden_door == kcm
    assert aanbod_open_for_partij(partij) == []
    with pytest.raises(DomainError):
        signaal_offer(signaal=signaal, user=kcm)


def test_bericht_queue_stores_one_message_per_key(inwoner):
    _brp, partij = inwoner
    eerste, nieuw = bericht_queue(sleutel="k1", onderwerp="O", tekst="T", partij=partij)
    tweede, nogmaals = bericht_queue(sleutel="k1", onderwerp="O2", tekst="T2", partij=partij)
    assert nieuw and not nogmaals and eerste.pk == tweede.pk
    assert Bericht.objects.count() == 1


def test_planned_message_shows_in_the_inbox_only_when_due(inwoner):
    _brp, partij = inwoner
    later = timezone.now() + dt.timedelta(days=2)
    bericht_queue(sleutel="k2", onderwerp="O", tekst="T", partij=partij, versturen_op=later)
    assert list(bericht_list_for_partij(partij)) == []


def test_case_status_rule_offers_once_per_status(producten, inwoner):
    from loket.proactive.services import zaakstatus_signal

    _brp, partij = inwoner
    zaaktype = Zaaktype.objects.create(
        identificatie="rijbewijs",
        omschrijving="Rijbewijs aanvragen",
        product=producten["rijbewijs"],
        doorlooptijd_werkdagen=10,
        servicenorm_werkdagen=5,
    )
    regel_save(
        code="na-rijbewijs",
        naam="Na rijbewijs: parkeervergunning",
        trigger="zaakstatus",
        zaaktype=zaaktype,
        statusvolgnummer=3,
        producten=["parkeervergunning"],
        onderwerp="Uw rijbewijs is klaar",
        tekst="Beste {naam}, denk ook aan {producten}.",
    )
    vandaag = timezone.localdate()
    zaak = Zaak.objects.create(
        identificatie="ZAAK-9",
        zaaktype=zaaktype,
        initiator=partij,
        startdatum=vandaag,
        einddatum_gepland=vandaag,
        uiterlijke_einddatum_afdoening=vandaag,
    )
    assert zaakstatus_signal(zaak=zaak, volgnummer=2) == []
    assert len(zaakstatus_signal(zaak=zaak, volgnummer=3)) == 1
    assert zaakstatus_signal(zaak=zaak, volgnummer=3) == []
    assert "Parkeervergunning" in Bericht.objects.get(partij=partij).tekst


def test_offer_recorded_in_an_open_contact_is_linked_once_the_contact_is_saved(
    regels, inwoner, make_user
):
    from loket.contacts.constants import Afhandeling
    from loket.contacts.services import VraagInput, contact_register, contactreden_create
    from loket.proactive.services import signalen_link_to_contacten

    brp, partij = inwoner
    paspoort_verloopt(brp)
    signalen_compute()
    kcm = make_user("kcc-medewerker")
    signaal = signaal_offer(signaal=Signaal.objects.get(), user=kcm, contact_sleutel="tab-1")
    assert signaal.klantcontact is None  # the contact is still open
    contact = contact_register(
        kanaal="telefoon",
        medewerker=kcm,
        partij=partij,
        vragen=[
            VraagInput(
                vraagtekst="Wat kost een paspoort?",
                contactreden=contactreden_create(naam="Paspoort"),
                afhandeling=Afhandeling.BEANTWOORD,
            )
        ],
        idempotency_key="tab-1",
    )
    assert signalen_link_to_contacten(partij_id=partij.pk) == 1
    signaal.refresh_from_db()
    assert signaal.klantcontact == contact
