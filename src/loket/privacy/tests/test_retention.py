"""Retention (issue 19): what passed its term goes, what did not stays; legal holds, dry runs,
a killed run that resumes, and the figures that stay correct."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from loket.cases.models import Zaak, ZaakNotitie
from loket.cases.tests.factories import ZaakFactory, ZaaktypeFactory
from loket.contacts.models import Contactverzoek, Klantcontact
from loket.contacts.tests.factories import ContactverzoekFactory, KlantcontactFactory
from loket.core.models import AuditEntry
from loket.messaging.models import Bericht, BerichtStatus
from loket.messaging.tests.factories import BerichtFactory
from loket.privacy import retention
from loket.privacy.models import Actie, Vernietigingsverslag
from loket.privacy.retention import retention_run
from loket.privacy.services import bewaarplicht_create, bewaartermijn_set, bewaartermijnen_job

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _contact(days_ago: float, **kwargs) -> Klantcontact:
    contact = KlantcontactFactory(**kwargs)
    Klantcontact.objects.filter(pk=contact.pk).update(
        plaatsgevonden_op=NOW - dt.timedelta(days=days_ago)
    )
    contact.refresh_from_db()
    return contact


def _regel(verslag: Vernietigingsverslag, soort: str, sleutel: str = ""):
    return verslag.regels.get(soort=soort, sleutel=sleutel)


def test_a_contact_one_day_past_its_term_is_anonymised_and_one_a_day_before_is_not():
    bewaartermijn_set(soort="klantcontacten", dagen=365, actie=Actie.ANONIMISEREN)
    from loket.contacts.constants import Afhandeling

    oud = _contact(366, afhandeling=Afhandeling.CONTACTVERZOEK)
    from loket.accounts.tests.factories import TeamFactory

    team = TeamFactory()
    from loket.accounts.tests.factories import UserFactory

    UserFactory(role="backoffice-medewerker", teams=[team])
    verzoek = ContactverzoekFactory(klantcontact=oud, team=team, terugbelnummer="0612345678")
    jong = _contact(364)
    partij = oud.partij

    verslag = retention_run(now=NOW)

    oud.refresh_from_db()
    jong.refresh_from_db()
    assert oud.geanonimiseerd_op is not None and oud.partij is None and oud.inhoud == ""
    assert oud.vragen.get().vraagtekst == ""
    # What the figures need stays: channel, moment, reason, handling.
    assert oud.vragen.get().contactreden is not None and oud.kanaal is not None
    verzoek = Contactverzoek.objects.get(pk=verzoek.pk)
    assert verzoek.terugbelnummer == "" and verzoek.partij is None
    assert jong.geanonimiseerd_op is None and jong.partij is not None
    assert _regel(verslag, "klantcontacten").aantal == 1
    assert not Klantcontact.objects.filter(partij=partij).exists()


def test_anonymising_leaves_the_day_summaries_as_they_were():
    from loket.insights import summaries
    from loket.insights.models import ContactDagTotaal, VerouderdeDag

    _contact(400)
    summaries.rebuild_all()
    before = list(ContactDagTotaal.objects.values_list("datum", "kanaal_id", "contacten"))
    VerouderdeDag.objects.all().delete()

    retention_run(now=NOW)

    assert not VerouderdeDag.objects.exists()  # no day marked for a rebuild
    assert before
    assert list(ContactDagTotaal.objects.values_list("datum", "kanaal_id", "contacten")) == before


def test_a_dry_run_counts_and_touches_nothing():
    _contact(400)
    _contact(500)
    verslag = retention_run(now=NOW, proef=True)
    assert verslag.proefrun
    assert _regel(verslag, "klantcontacten").aantal == 2
    assert not Klantcontact.objects.filter(geanonimiseerd_op__isnull=False).exists()


def test_a_legal_hold_on_a_partij_stops_destruction():
    held = _contact(400)
    other = _contact(400)
    bewaarplicht_create(partij_id=held.partij_id, reden="Bezwaarprocedure loopt")
    verslag = retention_run(now=NOW)
    held.refresh_from_db()
    other.refresh_from_db()
    assert held.geanonimiseerd_op is None and held.partij is not None
    assert other.geanonimiseerd_op is not None
    regel = _regel(verslag, "klantcontacten")
    assert (regel.aantal, regel.tegengehouden) == (1, 1)


def test_a_killed_run_resumes_without_loss_or_duplication(monkeypatch):
    contacts = [_contact(400 + i) for i in range(5)]
    kind = retention.soort_get("klantcontacten")
    calls = {"n": 0}

    def dies_in_the_second_batch(pks, actie):
        calls["n"] += 1
        if calls["n"] == 2:
            kind.verwerken(pks, actie)  # half the work is done, then the process dies
            raise SystemExit("killed")
        return kind.verwerken(pks, actie)

    from dataclasses import replace

    monkeypatch.setitem(
        retention._soorten, "klantcontacten", replace(kind, verwerken=dies_in_the_second_batch)
    )
    with pytest.raises(SystemExit):
        retention_run(now=NOW, batch=2, soorten=["klantcontacten"])
    eerste = Vernietigingsverslag.objects.get()
    assert _regel(eerste, "klantcontacten").aantal == 2  # the first batch, committed with its count
    assert Klantcontact.objects.filter(geanonimiseerd_op__isnull=False).count() == 2
    assert eerste.klaar_op is None

    monkeypatch.setitem(retention._soorten, "klantcontacten", kind)
    tweede = retention_run(now=NOW, batch=2, soorten=["klantcontacten"])
    assert _regel(tweede, "klantcontacten").aantal == 3
    assert Klantcontact.objects.filter(geanonimiseerd_op__isnull=False).count() == len(contacts)


def test_zaken_follow_the_term_of_their_zaaktype_and_bewaren_keeps_them():
    vergunning = ZaaktypeFactory(identificatie="omgevingsvergunning")
    melding = ZaaktypeFactory(identificatie="melding-evenement")
    bewaartermijn_set(soort="zaken", sleutel="omgevingsvergunning", dagen=1, actie=Actie.BEWAREN)
    bewaartermijn_set(soort="zaken", dagen=30, actie=Actie.VERNIETIGEN)
    bewaard = ZaakFactory(zaaktype=vergunning, omschrijving="Dakkapel")
    weg = ZaakFactory(zaaktype=melding, omschrijving="Buurtfeest")
    ZaakNotitie.objects.create(zaak=weg, tekst="Belde over de vergunning", op=NOW)
    Zaak.objects.update(einddatum=(NOW - dt.timedelta(days=31)).date())

    verslag = retention_run(now=NOW)

    bewaard.refresh_from_db()
    weg.refresh_from_db()
    assert bewaard.geanonimiseerd_op is None and bewaard.initiator is not None
    assert weg.geanonimiseerd_op is not None and weg.initiator is None and weg.omschrijving == ""
    assert not weg.notities.exists()
    assert weg.identificatie and weg.zaaktype == melding  # the number stays for the figures
    assert _regel(verslag, "zaken").aantal == 1
    assert not verslag.regels.filter(soort="zaken", sleutel="omgevingsvergunning").exists()


def test_sent_messages_go_after_their_term_and_waiting_ones_stay():
    verzonden = BerichtFactory(status=BerichtStatus.VERZONDEN)
    wachtend = BerichtFactory(status=BerichtStatus.WACHTRIJ)
    Bericht.objects.update(created_at=NOW - dt.timedelta(days=400))
    retention_run(now=NOW)
    assert not Bericht.objects.filter(pk=verzonden.pk).exists()
    assert Bericht.objects.filter(pk=wachtend.pk).exists()


def test_the_audit_log_is_kept_two_years_by_default(make_user):
    from loket.core.audit import audit_record
    from loket.core.models import AuditAction

    user = make_user("kcc-medewerker")
    oud = audit_record(user=user, action=AuditAction.READ, obj=user, purpose="Test")
    jong = audit_record(user=user, action=AuditAction.READ, obj=user, purpose="Test 2")
    AuditEntry.objects.filter(pk=oud.pk).update(occurred_at=NOW - dt.timedelta(days=731))
    retention_run(now=NOW)
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [jong.pk]


def test_the_job_writes_a_dry_run_unless_switched_on(settings):
    _contact(400)
    settings.LOKET_VERNIETIGEN = "proef"
    assert bewaartermijnen_job(NOW)["aantal"] >= 1
    assert Vernietigingsverslag.objects.get().proefrun
    assert not Klantcontact.objects.filter(geanonimiseerd_op__isnull=False).exists()
    settings.LOKET_VERNIETIGEN = "uit"
    assert bewaartermijnen_job(NOW) == {"modus": "uit"}
    settings.LOKET_VERNIETIGEN = "aan"
    bewaartermijnen_job(NOW)
    assert Klantcontact.objects.filter(geanonimiseerd_op__isnull=False).exists()


def test_terms_and_holds_are_validated():
    from loket.core.errors import DomainError

    with pytest.raises(DomainError) as fout:
        bewaartermijn_set(soort="klantcontacten", dagen=30, actie=Actie.VERNIETIGEN)
    assert fout.value.field == "actie"
    with pytest.raises(DomainError) as fout:
        bewaartermijn_set(soort="klantcontacten", dagen=0, actie=Actie.ANONIMISEREN)
    assert fout.value.field == "dagen"
    with pytest.raises(DomainError) as fout:
        bewaartermijn_set(soort="onbekend", dagen=10, actie=Actie.VERNIETIGEN)
    assert fout.value.field == "soort"
    with pytest.raises(DomainError) as fout:
        bewaarplicht_create(reden="")
    assert fout.value.field == "reden"


def test_closed_meldingen_handled_forms_and_old_calls_lose_their_personal_data():
    from loket.insights.models import Gesprek
    from loket.meldingen.models import Melding, MeldingStatus
    from loket.meldingen.tests.factories import MeldingFactory
    from loket.parties.tests.factories import PersoonFactory
    from loket.selfservice.models import Inzending, InzendingStatus
    from loket.selfservice.tests.factories import InzendingFactory

    melder = PersoonFactory()
    gesloten = MeldingFactory(
        melder=melder, naam="Piet", email="piet@example.org", status=MeldingStatus.AFGEHANDELD
    )
    open_ = MeldingFactory(melder=melder, naam="Piet", status=MeldingStatus.IN_BEHANDELING)
    Melding.objects.update(updated_at=NOW - dt.timedelta(days=400))
    oud = InzendingFactory(
        partij=melder, status=InzendingStatus.AFGEHANDELD, gegevens={"naam": "Piet"}
    )
    Inzending.objects.filter(pk=oud.pk).update(ingediend_op=NOW - dt.timedelta(days=400))
    Gesprek.objects.create(
        gesprek_id="g-oud",
        wachtrij="kcc",
        aangeboden_op=NOW - dt.timedelta(days=91),
        beller="+31612345678",
    )
    Gesprek.objects.create(
        gesprek_id="g-jong", wachtrij="kcc", aangeboden_op=NOW, beller="+31687654321"
    )

    verslag = retention_run(now=NOW)

    gesloten.refresh_from_db()
    open_.refresh_from_db()
    assert gesloten.melder is None and gesloten.naam == "" and gesloten.email == ""
    assert open_.melder == melder  # still being handled
    assert Inzending.objects.get(pk=oud.pk).gegevens == {}
    assert dict(Gesprek.objects.values_list("gesprek_id", "beller")) == {
        "g-oud": "",
        "g-jong": "+31687654321",
    }
    assert _regel(verslag, "meldingen").aantal == 1
    assert _regel(verslag, "inzendingen").aantal == 1
    assert _regel(verslag, "telefoongesprekken").aantal == 1
