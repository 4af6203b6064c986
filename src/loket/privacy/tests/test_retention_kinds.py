"""Retention of the kinds added later (issue 19): the files of a submission, the copy a
submitted concept keeps, search words, employees' training records; and the engine's batches
that walk each record once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from loket.accounts.tests.factories import UserFactory
from loket.knowledge.models import ZoekLog
from loket.privacy import retention
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, retention_run
from loket.selfservice.models import Bijlage, Concept, Inzending, InzendingStatus
from loket.selfservice.tests.factories import FormulierFactory, InzendingFactory
from loket.training.models import Kennistoets, Oefenklant, TrainingSessie

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _regel(verslag, soort: str):
    return verslag.regels.get(soort=soort, sleutel="")


def _bijlage(**kwargs) -> Bijlage:
    bijlage = Bijlage(veld="bewijs", naam="paspoort.pdf", content_type="application/pdf", grootte=4)
    bijlage.bestand.save("paspoort.pdf", ContentFile(b"%PDF"), save=False)
    for key, value in kwargs.items():
        setattr(bijlage, key, value)
    bijlage.save()
    return bijlage


def test_an_expired_submission_loses_its_files_and_a_young_one_keeps_them(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    oud = InzendingFactory(status=InzendingStatus.AFGEHANDELD, gegevens={"naam": "Piet"})
    jong = InzendingFactory(status=InzendingStatus.AFGEHANDELD, gegevens={"naam": "Kees"})
    Inzending.objects.filter(pk=oud.pk).update(ingediend_op=NOW - dt.timedelta(days=366))
    Inzending.objects.filter(pk=jong.pk).update(ingediend_op=NOW - dt.timedelta(days=364))
    weg, blijft = _bijlage(inzending=oud), _bijlage(inzending=jong)
    storage = weg.bestand.storage
    assert storage.exists(weg.bestand.name) and storage.exists(blijft.bestand.name)

    with django_capture_on_commit_callbacks(execute=True):
        verslag = retention_run(now=NOW, soorten=["inzendingen"])

    assert _regel(verslag, "inzendingen").aantal == 1
    assert Inzending.objects.get(pk=oud.pk).gegevens == {}
    assert not Bijlage.objects.filter(pk=weg.pk).exists()
    assert not storage.exists(weg.bestand.name)
    assert Bijlage.objects.filter(pk=blijft.pk).exists()
    assert storage.exists(blijft.bestand.name)


def test_a_submitted_concept_goes_after_its_term_an_unsubmitted_one_is_left_to_its_expiry():
    formulier = FormulierFactory()
    inzending = InzendingFactory(formulier=formulier)

    def concept(dagen: int, ingediend: bool) -> Concept:
        c = Concept.objects.create(
            formulier=formulier,
            token=f"t-{dagen}-{ingediend}",
            sleutel=f"s-{dagen}-{ingediend}",
            gegevens={"bsn": "999993653"},
            verloopt_op=NOW + dt.timedelta(days=30),
            inzending=inzending if ingediend else None,
        )
        Concept.objects.filter(pk=c.pk).update(updated_at=NOW - dt.timedelta(days=dagen))
        return c

    oud, jong, open_ = concept(31, True), concept(29, True), concept(31, False)

    verslag = retention_run(now=NOW, soorten=["concepten"])

    assert _regel(verslag, "concepten").aantal == 1
    assert set(Concept.objects.values_list("pk", flat=True)) == {jong.pk, open_.pk}
    assert Inzending.objects.filter(pk=inzending.pk).exists()
    assert not Concept.objects.filter(pk=oud.pk).exists()


def test_search_words_go_after_a_year():
    oud = ZoekLog.objects.create(q="jan jansen kerkstraat 4", kanaal="web", aantal_resultaten=0)
    jong = ZoekLog.objects.create(q="paspoort kwijt", kanaal="web", aantal_resultaten=0)
    ZoekLog.objects.filter(pk=oud.pk).update(gezocht_op=NOW - dt.timedelta(days=366))
    ZoekLog.objects.filter(pk=jong.pk).update(gezocht_op=NOW - dt.timedelta(days=364))

    verslag = retention_run(now=NOW, soorten=["zoekvragen"])

    assert _regel(verslag, "zoekvragen").aantal == 1
    assert list(ZoekLog.objects.values_list("q", flat=True)) == ["paspoort kwijt"]


def test_training_sessions_and_tests_go_after_two_years():
    medewerker = UserFactory(role="kcc-medewerker")
    klant = Oefenklant.objects.create(ref="weduwe", naam="Mevrouw Test")

    def sessie(dagen: int) -> TrainingSessie:
        return TrainingSessie.objects.create(
            medewerker=medewerker,
            scenario="overlijden",
            scenario_titel="Overlijden",
            domein="burgerzaken",
            kanaal="telefoon",
            oefenklant=klant,
            gestart_op=NOW - dt.timedelta(days=dagen),
        )

    def toets(dagen: int) -> Kennistoets:
        return Kennistoets.objects.create(
            medewerker=medewerker, gestart_op=NOW - dt.timedelta(days=dagen)
        )

    oude_sessie, jonge_sessie = sessie(731), sessie(729)
    oude_toets, jonge_toets = toets(731), toets(729)

    verslag = retention_run(now=NOW, soorten=["trainingssessies", "kennistoetsen"])

    assert _regel(verslag, "trainingssessies").aantal == 1
    assert _regel(verslag, "kennistoetsen").aantal == 1
    assert list(TrainingSessie.objects.values_list("pk", flat=True)) == [jonge_sessie.pk]
    assert list(Kennistoets.objects.values_list("pk", flat=True)) == [jonge_toets.pk]
    assert oude_sessie.pk != jonge_sessie.pk and oude_toets.pk != jonge_toets.pk
    assert Oefenklant.objects.filter(pk=klant.pk).exists()


def test_each_record_is_processed_once_even_when_processing_leaves_it_matching():
    """The batches walk the keys forward: a kind whose processing does not take a record out of
    the match (a fault in a kind's code) still ends, counting each record once."""
    ZoekLog.objects.bulk_create(
        [ZoekLog(q=f"vraag {i}", kanaal="web", aantal_resultaten=0) for i in range(7)]
    )
    gezien: list[int] = []

    def verwerken(pks, actie):
        gezien.extend(pks)
        return len(pks)

    soort = Soort(
        code="proef-blijft",
        label="Blijft staan",
        standaard=Termijn(dagen=0, actie=Actie.VERNIETIGEN),
        verlopen=lambda cutoff, sleutel, andere: ZoekLog.objects.all(),
        verwerken=verwerken,
    )
    retention.register(soort)
    try:
        verslag = retention_run(now=NOW, soorten=["proef-blijft"], batch=3)
    finally:
        retention._soorten.pop("proef-blijft")

    assert sorted(gezien) == sorted(ZoekLog.objects.values_list("pk", flat=True))
    assert len(gezien) == 7
    assert _regel(verslag, "proef-blijft").aantal == 7
