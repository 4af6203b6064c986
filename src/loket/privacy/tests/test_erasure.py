"""The right to erasure (AVG art. 17): one transaction across every app; what the law keeps,
stays with its reason; afterwards no table names the person."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from loket.cases.models import Zaak
from loket.contacts.models import Klantcontact
from loket.kcc.tests.test_klantbeeld import _history
from loket.parties.models import Partij
from loket.parties.tests.factories import DigitaalAdresFactory, PersoonFactory
from loket.privacy.erasure import partij_erase
from loket.privacy.models import Wisverzoek

pytestmark = pytest.mark.django_db

BSN = "999993653"
NAAM = "Zwartkruis"
EMAIL = "w.zwartkruis@example.org"


@pytest.fixture
def wereld(make_user):
    from loket.accounts.tests.factories import TeamFactory, UserFactory

    behandelaar = UserFactory(role="backoffice-medewerker", username="bob")
    behandelaar.teams.add(TeamFactory(name="Burgerzaken"))
    partij = PersoonFactory(bsn=BSN, voornamen="Willemijn", geslachtsnaam=NAAM)
    DigitaalAdresFactory(partij=partij, soort="email", adres=EMAIL)
    made = _history(partij, behandelaar)
    andere = PersoonFactory(bsn="111222333", geslachtsnaam="Anders")
    _history(andere, behandelaar)
    return partij, andere, made


def _text_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


def _rows_naming(*needles: str) -> list[str]:
    """Every row of every table whose text (or JSON) contains one of the needles."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in ("sessions", "admin", "contenttypes", "auth", "axes"):
            continue
        fields = _text_fields(model)
        if not fields:
            continue
        for needle in needles:
            query = models.Q()
            for name in fields:
                query |= models.Q(**{f"{name}__icontains": needle})
            for pk in model._default_manager.filter(query).values_list("pk", flat=True)[:5]:
                found.append(f"{model._meta.label} {pk} ({needle})")
    return found


def test_erasure_leaves_no_row_naming_the_person_except_what_the_law_keeps(wereld, make_user):
    partij, andere, _made = wereld
    officer = make_user("beheerder")
    assert _rows_naming(NAAM, EMAIL)  # the world names the person in many tables

    verzoek = partij_erase(partij=partij, user=officer, reden="Verzoek 2026-17")

    # The zaak must stay (Archiefwet), and with it the partij: reported with the reason.
    regels = {r["onderdeel"]: r for r in verzoek.regels}
    assert regels["Zaken"]["bewaard"] == 1 and "Archiefwet" in regels["Zaken"]["reden"]
    assert regels["De klant en zijn adressen"]["bewaard"] == 1
    assert Zaak.objects.filter(initiator=partij).exists()
    # Everything else that named the person is gone: only the kept partij's own rows remain.
    overgebleven = [r for r in _rows_naming(NAAM, EMAIL) if not r.startswith("parties.")]
    assert overgebleven == [], overgebleven
    assert not Klantcontact.objects.filter(partij=partij).exists()
    assert not partij.digitale_adressen.exists()
    # Another person's records are untouched.
    assert Klantcontact.objects.filter(partij=andere).exists()
    assert Wisverzoek.objects.get().door == officer.username


def test_without_records_to_keep_the_person_is_gone_entirely(make_user):
    partij = PersoonFactory(bsn=BSN, geslachtsnaam=NAAM)
    DigitaalAdresFactory(partij=partij, soort="email", adres=EMAIL)
    from loket.contacts.tests.factories import KlantcontactFactory

    KlantcontactFactory(partij=partij)
    partij_erase(partij=partij, user=make_user("beheerder"), reden="Verzoek 2026-18")
    assert not Partij.objects.filter(pk=partij.pk).exists()
    assert _rows_naming(NAAM, EMAIL, BSN) == []


def test_a_failure_midway_erases_nothing(wereld, make_user, monkeypatch):
    from loket.privacy import erasure

    partij, _, _ = wereld
    wisser = erasure._wissers["berichten"]

    def faalt(p):
        wisser.wissen(p)
        raise RuntimeError("disk full")

    from dataclasses import replace

    monkeypatch.setitem(erasure._wissers, "berichten", replace(wisser, wissen=faalt))
    with pytest.raises(RuntimeError):
        partij_erase(partij=partij, user=make_user("beheerder"), reden="Verzoek")
    assert Klantcontact.objects.filter(partij=partij).exists()
    assert not Wisverzoek.objects.exists()


def test_the_officer_erases_from_the_inzage_page(client, wereld, make_user):
    partij, _, _ = wereld
    client.force_login(make_user("beheerder"))
    zonder = client.post("/beheer/privacy/wissen/", {"bsn": BSN, "reden": "Verzoek"})
    assert zonder.status_code == 302 and not Wisverzoek.objects.exists()  # not confirmed
    response = client.post(
        "/beheer/privacy/wissen/", {"bsn": BSN, "reden": "Verzoek 12", "bevestig": "ja"}
    )
    assert response.status_code == 302
    verslag = client.get(response["Location"])
    assert "Archiefwet" in verslag.content.decode()
    assert not Klantcontact.objects.filter(partij=partij).exists()


def test_a_kcc_agent_may_not_erase(client, wereld, make_user):
    client.force_login(make_user("kcc-medewerker"))
    response = client.post("/beheer/privacy/wissen/", {"bsn": BSN, "reden": "x", "bevestig": "ja"})
    assert response.status_code == 403
    assert not Wisverzoek.objects.exists()
