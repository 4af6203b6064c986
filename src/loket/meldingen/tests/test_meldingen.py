"""Meldingen openbare ruimte: classification, routing, triage, corrections, duplicates,
receipt and closing message, and the classify-eval command."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from loket.core.calendar import get_calendar
from loket.core.errors import DomainError
from loket.meldingen.classification import classifier_from_files, evaluate, get_classifier
from loket.meldingen.models import ClassificatieCorrectie, MeldCategorie, Melding
from loket.meldingen.selectors import melding_duplicates, melding_triage_list
from loket.meldingen.services import (
    haversine_m,
    melding_categorise,
    melding_create,
    melding_set_status,
)
from loket.messaging.models import Bericht

DATA = Path(__file__).resolve().parent / "data"
DEV_SET = Path(__file__).resolve().parents[5] / "shared" / "data" / "dev-meldingen.tsv"
LAT, LON = 52.2551, 6.1639


def read_tsv(path):
    return [tuple(line.split("\t")) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def verlichting(team):
    categorie = MeldCategorie.objects.get(
        hoofdcategorie="Verlichting en verkeer", subcategorie="Functioneert niet goed"
    )
    categorie.team = team
    categorie.afhandeltermijn_werkdagen = 3
    categorie.save()
    return categorie


def test_bor_categories_are_seeded_with_terms(db):
    # 31 subcategory names; "Visuele hinder" occurs under two hoofdcategorieën: 32 pairs.
    assert MeldCategorie.objects.values("subcategorie").distinct().count() == 31
    assert MeldCategorie.objects.count() == 32
    assert MeldCategorie.objects.values("hoofdcategorie").distinct().count() == 8
    assert set(MeldCategorie.objects.values_list("afhandeltermijn_werkdagen", flat=True)) == {3, 5}


def test_a_clear_melding_is_routed_with_its_term_and_the_reporter_gets_a_receipt(verlichting, team):
    melding = melding_create(
        tekst="De lantaarnpaal voor mijn deur doet het al dagen niet",
        lat=LAT,
        lon=LON,
        email="melder@example.org",
    )
    assert melding.categorie == verlichting
    assert melding.zekerheid >= 0.41
    assert not melding.in_triage
    assert melding.team == team
    assert melding.streefdatum == get_calendar().add_working_days(timezone.localdate(), 3)
    assert melding.referentie.startswith("MOR-")
    receipt = Bericht.objects.get(sleutel=f"melding:{melding.uuid}:ontvangst")
    assert receipt.kanaal == "email" and receipt.adres == "melder@example.org"
    assert f"{melding.streefdatum:%d-%m-%Y}" in receipt.tekst


def test_a_vague_melding_goes_to_triage_and_the_correction_is_learnt(verlichting, team):
    melding = melding_create(tekst="Het carillon beiert onophoudelijk", adres="Markt 1")
    assert melding.voorgestelde_categorie is None and melding.zekerheid == 0
    assert melding.in_triage
    assert melding in melding_triage_list(user=_teamleider())
    melding_categorise(melding=melding, categorie=verlichting, user=None)
    melding.refresh_from_db()
    assert not melding.in_triage and melding.team == team
    correction = ClassificatieCorrectie.objects.get(melding=melding)
    assert correction.categorie == verlichting
    # The correction is now a training example: the same words now point to that category.
    assert get_classifier().classify("carillon beiert weer").code == verlichting.code


def _teamleider():
    from loket.accounts.services import user_create

    return user_create(
        username="leider-m",
        password="geheim-123",
        first_name="T",
        last_name="L",
        roles=["teamleider"],
    )


def test_categories_without_a_team_wait_in_triage(db):
    melding = melding_create(tekst="Grofvuil is niet opgehaald", adres="Markt 1")
    assert melding.voorgestelde_categorie.subcategorie == "Grofvuil"
    assert melding.in_triage  # no routing rule (team) configured yet
    with pytest.raises(DomainError, match="nog geen team"):
        melding_categorise(melding=melding, categorie=melding.voorgestelde_categorie, user=None)
    assert Melding.objects.get(pk=melding.pk).in_triage


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tekst": "oei", "adres": "Markt 1"}, "tekst"),
        ({"tekst": "De lamp is kapot", "adres": ""}, "locatie"),
        ({"tekst": "De lamp is kapot", "lat": 6.16, "lon": 52.25}, "locatie"),
        ({"tekst": "De lamp is kapot", "lat": 52.2, "lon": None}, "locatie"),
        ({"tekst": "De lamp is kapot", "adres": "Markt 1", "email": "geen-adres"}, "email"),
    ],
)
def test_bad_melding_input_is_refused_at_its_field(db, kwargs, field):
    with pytest.raises(DomainError) as exc:
        melding_create(**kwargs)
    assert exc.value.field == field
    assert not Melding.objects.exists()


def test_a_photo_must_be_an_image(db):
    with pytest.raises(DomainError) as exc:
        melding_create(
            tekst="De lamp is kapot",
            adres="Markt 1",
            foto=SimpleUploadedFile("foto.jpg", b"%PDF-1.4", content_type="image/jpeg"),
        )
    assert exc.value.field == "foto"
    assert not Melding.objects.exists()


def test_a_retried_submission_is_stored_once(verlichting):
    first = melding_create(
        tekst="Lantaarnpaal doet het niet", adres="Markt 1", idempotency_key="k1"
    )
    again = melding_create(
        tekst="Lantaarnpaal doet het niet", adres="Markt 1", idempotency_key="k1"
    )
    assert first.pk == again.pk
    assert Melding.objects.count() == 1


def test_duplicates_within_50_metres_of_the_same_open_category_in_7_days(verlichting):
    near = melding_create(tekst="lantaarnpaal doet het niet", lat=LAT, lon=LON)
    # ~33 m north: a duplicate; ~90 m east: not.
    melding_create(tekst="straatlamp is uit", lat=LAT + 0.0003, lon=LON)
    far = melding_create(tekst="straatlamp brandt niet", lat=LAT, lon=LON + 0.0013)
    assert haversine_m(LAT, LON, LAT, LON + 0.0013) > 50
    found = melding_duplicates(categorie=verlichting, lat=LAT + 0.0003, lon=LON)
    assert near in found and far not in found
    # Older than 7 days: no longer suggested.
    Melding.objects.filter(pk=near.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    assert near not in melding_duplicates(categorie=verlichting, lat=LAT, lon=LON)


def test_haversine_matches_a_known_distance():
    # Amsterdam Dam → Utrecht Dom is about 35.3 km.
    assert 35_000 < haversine_m(52.3731, 4.8926, 52.0907, 5.1214) < 35_800


def test_closing_a_melding_tells_the_reporter(verlichting):
    melding = melding_create(tekst="lantaarnpaal doet het niet", adres="Markt 1", email="a@b.nl")
    with pytest.raises(DomainError, match="Schrijf voor de melder"):
        melding_set_status(melding=melding, status="afgehandeld", user=None)
    melding_set_status(
        melding=melding, status="afgehandeld", user=None, toelichting="Lamp vervangen"
    )
    bericht = Bericht.objects.get(sleutel=f"melding:{melding.uuid}:afgehandeld:1")
    assert "Lamp vervangen" in bericht.tekst
    with pytest.raises(DomainError, match="kan niet naar"):
        melding_set_status(melding=melding, status="ingepland", user=None)


# --- the classifier ------------------------------------------------------------------------


def test_classify_eval_on_the_dev_set_meets_the_floor(db):
    if not DEV_SET.exists():
        pytest.skip("De ontwikkelset ../shared/data/dev-meldingen.tsv ontbreekt.")
    out = StringIO()
    call_command("classify_eval", str(DEV_SET), "--json", stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["n"] == 20
    assert result["hoofd_accuracy"] >= 0.9
    assert result["sub_accuracy"] >= 0.8


@pytest.mark.parametrize(
    "name",
    [
        "heldout-meldingen.tsv",
        "heldout2-meldingen.tsv",
        "heldout3-meldingen.tsv",
        # written blind by another author after the classifier was finished (hoofd 1.00, sub 0.95)
        "heldout4-meldingen.tsv",
    ],
)
def test_own_held_out_sets_in_other_words_meet_the_targets(name):
    result = evaluate(read_tsv(DATA / name), classifier_from_files())
    assert result["hoofd_accuracy"] >= 0.90, result["misses"]
    assert result["sub_accuracy"] >= 0.75, result["misses"]


def test_typos_and_compounds_are_understood():
    classifier = classifier_from_files()
    assert classifier.classify("lantarenpaal brand niet").subcategorie == "Functioneert niet goed"
    assert classifier.classify("rioolputdeksel weg").subcategorie == "Riolering"
    assert classifier.classify("").code is None


def test_confidence_is_a_probability_and_hoofd_sums_its_subs():
    result = classifier_from_files().classify("vuilniszakken naast de container")
    assert 0 < result.zekerheid <= result.hoofd_zekerheid <= 1
