import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from loket.accounts.models import User
from loket.cases.models import Zaak
from loket.contacts.models import Klantcontact, Vraag
from loket.core.errors import DomainError
from loket.demo.identifiers import demo_bsns, elfproef_check_digit
from loket.demo.services import database_is_empty, demo_build
from loket.parties.models import Partij, Persoon
from loket.registries.models import BrpPersoon, Reisdocument

# The small demo is built once for this module (about 25 s); its tests share one xdist worker,
# or each worker that gets some of them builds it again.
pytestmark = pytest.mark.xdist_group("demo-test_demo")


def test_demo_bsns_start_in_the_test_range_and_pass_the_elfproef():
    numbers = demo_bsns()
    first = [next(numbers) for _ in range(9_200)]
    assert all(stdnum_bsn.is_valid(n) for n in first)
    assert all(n.startswith("9999") for n in first[:9_000])
    assert len(set(first)) == len(first)
    # Past the 9,091 numbers of 9999…, the range continues downward.
    assert first[-1].startswith("9998")


def test_check_digit_is_none_when_no_digit_satisfies_the_proef():
    # 11-proef: the weighted sum modulo 11 must equal the last digit; 10 is impossible.
    misses = [p for p in (f"9999{t:04d}" for t in range(200)) if elfproef_check_digit(p) is None]
    assert misses, "some prefixes have no valid check digit"
    for prefix in misses:
        assert not any(stdnum_bsn.is_valid(prefix + str(d)) for d in range(10))


@pytest.fixture(scope="module")
def small_demo(module_transaction):
    """One small build shared by this module's tests, rolled back afterwards."""
    with module_transaction():
        yield demo_build(scale="small", seed=7, progress=False)


@pytest.mark.django_db
def test_small_demo_has_residents_staff_and_a_year_of_history(small_demo):
    assert small_demo.persons == BrpPersoon.objects.count() == 600
    assert Persoon.objects.count() == 600
    # A year of history, plus the e-mails in the demo's mailbox (inbox.demo).
    assert small_demo.contacts == 4_000
    assert small_demo.counts["e-mails in de inbox"] == 4
    assert Klantcontact.objects.count() == 4_000 + 4
    # Each e-mail is one work item in the inbox (not also one of the history's verzoeken).
    from loket.contacts.models import Contactverzoek

    per_email = Contactverzoek.objects.filter(klantcontact__emails__isnull=False)
    assert per_email.count() == per_email.values("klantcontact").distinct().count() == 4
    assert Vraag.objects.count() >= 4_000
    assert Zaak.objects.count() == 1_200
    assert Reisdocument.objects.filter(soort="rijbewijs").exists()
    assert all(stdnum_bsn.is_valid(b) for b in Persoon.objects.values_list("bsn", flat=True))
    for username in ["kcc", "backoffice", "teamleider", "redacteur", "beheerder"]:
        assert User.objects.get(username=username).check_password("zeventerpen")
    assert 35 <= User.objects.count() <= 45
    from loket.knowledge.models import Kennisartikel

    assert Kennisartikel.objects.filter(gepubliceerde_versie__isnull=False).count() >= 150


@pytest.mark.django_db
def test_channel_mix_follows_the_realistic_shares(small_demo):
    # A municipality moving online: over the year about half the contacts are on the website,
    # and the website's share grows from the first quarter to the last (issue 16, item 13).
    mix = Counter(Klantcontact.objects.values_list("kanaal__code", flat=True))
    total = sum(mix.values())
    assert 0.17 < mix["telefoon"] / total < 0.30
    assert 0.48 < mix["website"] / total < 0.66
    assert 0.05 < mix["balie"] / total < 0.11
    assert 0.05 < mix["e-mail"] / total < 0.10
    today = timezone.localdate()

    def web_share(van, tot):
        codes = list(
            Klantcontact.objects.filter(
                plaatsgevonden_op__date__gte=van, plaatsgevonden_op__date__lte=tot
            ).values_list("kanaal__code", flat=True)
        )
        return codes.count("website") / len(codes)

    first = web_share(today - dt.timedelta(days=364), today - dt.timedelta(days=274))
    last = web_share(today - dt.timedelta(days=90), today)
    assert last > first + 0.1, (first, last)


@pytest.mark.django_db
def test_every_zaak_has_a_current_status_and_deadlines_in_order(small_demo):
    assert not Zaak.objects.filter(status__isnull=True).exists()
    for zaak in Zaak.objects.select_related("status__statustype")[:200]:
        assert zaak.startdatum <= zaak.einddatum_gepland <= zaak.uiterlijke_einddatum_afdoening
        assert zaak.status.zaak_id == zaak.pk
        last = zaak.statussen.order_by("-datum_status_gezet", "-id").first()
        assert zaak.status_id == last.pk


@pytest.mark.django_db
def test_a_second_build_is_refused_and_changes_nothing(small_demo):
    before = Partij.objects.count()
    assert not database_is_empty()
    with pytest.raises(DomainError):
        demo_build(scale="small", seed=7, progress=False)
    assert Partij.objects.count() == before


@pytest.mark.django_db
def test_demo_command_with_if_empty_does_nothing_on_a_loaded_database(small_demo, capsys):
    before = Klantcontact.objects.count()
    call_command("demo", "--if-empty", "--scale", "small", "--no-progress")
    assert "niets gedaan" in capsys.readouterr().out
    assert Klantcontact.objects.count() == before
    with pytest.raises(CommandError, match="lege database"):
        call_command("demo", "--scale", "small", "--no-progress")


@pytest.mark.django_db
def test_demo_numbers_follow_the_services_so_new_contacts_never_collide(small_demo):
    import re

    from loket.contacts.constants import Afhandeling
    from loket.contacts.models import Contactreden
    from loket.contacts.services import VraagInput, contact_register

    assert all(
        re.fullmatch(r"KC-\d{4}-\d{6,}", ref)
        for ref in Klantcontact.objects.values_list("referentienummer", flat=True)[:500]
    )
    assert all(
        re.fullmatch(r"ZAAK-\d{4}-\d{7,}", ident)
        for ident in Zaak.objects.values_list("identificatie", flat=True)[:500]
    )
    new = contact_register(
        kanaal="telefoon",
        medewerker=User.objects.get(username="kcc"),
        vragen=[
            VraagInput(
                vraagtekst="Wanneer wordt grofvuil opgehaald?",
                contactreden=Contactreden.objects.filter(hoofdreden__isnull=False).first(),
                afhandeling=Afhandeling.BEANTWOORD,
            )
        ],
    )
    assert Klantcontact.objects.filter(referentienummer=new.referentienummer).count() == 1


@pytest.mark.django_db
def test_demo_referrals_name_the_organisation_when_organisations_are_bundled(small_demo):
    from loket.catalogue.models import Organisatie
    from loket.contacts.constants import Afhandeling

    doorverwezen = Vraag.objects.filter(afhandeling=Afhandeling.DOORVERWEZEN)
    assert doorverwezen.exists()
    if not Organisatie.objects.filter(slug="rijksoverheid").exists():
        pytest.skip("organisaties.json (met rijksoverheid) is niet meegeleverd")
    assert not doorverwezen.filter(doorverwezen_naar__isnull=True).exists()


@pytest.mark.django_db
def test_rows_created_after_the_build_get_fresh_keys(small_demo):
    # The history is inserted with keys assigned by the builder (core.bulk); PostgreSQL's
    # sequences are reset afterwards and SQLite's AUTOINCREMENT follows the explicit keys.
    from loket.cases.models import Status, Zaaktype
    from loket.core.models import Kanaal

    highest = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first()
        for model in (BrpPersoon, Partij, Klantcontact, Zaak, Status)
    }
    assert all(highest.values())
    now = timezone.now()
    today = timezone.localdate()
    brp = BrpPersoon.objects.create(
        bsn="123456782",
        voornamen="Nieuw",
        geslachtsnaam="Inwoner",
        geslacht="V",
        geboortedatum=today,
    )
    partij = Partij.objects.create(soort="persoon", weergavenaam="Nieuw Inwoner")
    contact = Klantcontact.objects.create(
        referentienummer="KC-NIEUW",
        kanaal=Kanaal.objects.get(code="telefoon"),
        partij=partij,
        plaatsgevonden_op=now,
    )
    zaaktype = Zaaktype.objects.first()
    zaak = Zaak.objects.create(
        identificatie="ZAAK-NIEUW",
        zaaktype=zaaktype,
        initiator=partij,
        startdatum=today,
        einddatum_gepland=today,
        uiterlijke_einddatum_afdoening=today,
    )
    status = Status.objects.create(
        zaak=zaak, statustype=zaaktype.statustypen.first(), datum_status_gezet=now
    )
    created = {BrpPersoon: brp, Partij: partij, Klantcontact: contact, Zaak: zaak, Status: status}
    for model, row in created.items():
        assert row.pk > highest[model], model


@pytest.mark.django_db
def test_the_demos_first_retention_run_destroyed_what_was_past_its_term(small_demo):
    """Issue 19: the year of history holds records past the demo's terms; a dry run lists them
    and the first run destroys them, each with a report; a legal hold keeps a resident's."""
    from loket.privacy.models import Bewaarplicht, Vernietigingsverslag

    proef = Vernietigingsverslag.objects.get(proefrun=True, door="demo: proefrun")
    echt = Vernietigingsverslag.objects.get(proefrun=False, door="demo: eerste run")
    gaan = {r.soort: r.aantal for r in proef.regels.all() if r.aantal}
    gegaan = {r.soort: r.aantal for r in echt.regels.all() if r.aantal}
    assert gaan.get("klantcontacten") and gaan.get("zaken"), gaan
    assert gegaan == gaan
    assert small_demo.counts["bewaartermijnen: eerste run, vernietigd of geanonimiseerd"] == sum(
        gegaan.values()
    )
    grens = timezone.now() - dt.timedelta(days=270)
    gehouden = Bewaarplicht.objects.values_list("partij_id", flat=True)
    oud = Klantcontact.objects.filter(plaatsgevonden_op__lt=grens).exclude(partij__in=gehouden)
    assert oud.exists()
    assert not oud.filter(geanonimiseerd_op__isnull=True).exists()
    assert not oud.filter(partij__isnull=False).exists()
    assert Klantcontact.objects.filter(plaatsgevonden_op__gte=grens, partij__isnull=False).exists()
