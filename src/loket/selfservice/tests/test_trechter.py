"""Form funnels as day counters (issue 21): the counts match the concepts and submissions."""

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone

from loket.contacts.tests.factories import KlantcontactFactory
from loket.core.errors import DomainError
from loket.parties.tests.factories import PersoonFactory
from loket.selfservice.models import (
    Concept,
    FormulierDagTotaal,
    FormulierFoutDagTotaal,
    FormulierStapDagTotaal,
    FormulierStapDuurDagTotaal,
    Inzending,
    Route,
)
from loket.selfservice.services import concept_save, concept_start, inzending_submit
from loket.selfservice.services.trechter import afhakers_count, melding_anonymise


def _stap(formulier, stap, veld):
    return (
        FormulierStapDagTotaal.objects.filter(formulier=formulier, stap=stap).aggregate(
            n=Sum(veld)
        )["n"]
        or 0
    )


def _fill(formulier, partij, gegevens):
    concept = concept_start(formulier=formulier, partij=partij)
    concept_save(concept=concept, stap=0, gegevens=gegevens, partij=partij)
    return concept


@pytest.fixture
def trechter(wereld):
    """Four citizens on the BRP extract form (one step): one submits, one reaches the check page
    after a refusal, one stops at once, one is refused on the conditional field."""
    formulier = wereld.formulieren["uittreksel-brp"]
    ingediend = _fill(formulier, wereld.partij, {"doel": "werkgever"})
    inzending_submit(
        formulier=formulier,
        gegevens=ingediend.gegevens,
        idempotency_key=ingediend.sleutel,
        partij=wereld.partij,
        concept=ingediend,
    )
    tweede = PersoonFactory()
    concept = concept_start(formulier=formulier, partij=tweede)
    with pytest.raises(DomainError):
        concept_save(concept=concept, stap=0, gegevens={}, partij=tweede)
    concept_save(
        concept=concept, stap=0, gegevens={"doel": "anders", "doel_anders": "Visum"}, partij=tweede
    )
    derde = PersoonFactory()
    concept_start(formulier=formulier, partij=derde)
    vierde = PersoonFactory()
    concept = concept_start(formulier=formulier, partij=vierde)
    with pytest.raises(DomainError):
        concept_save(concept=concept, stap=0, gegevens={"doel": "anders"}, partij=vierde)
    return formulier, derde


def test_funnel_counts_match_the_concepts_and_submissions(trechter):
    formulier, _derde = trechter
    concepten = Concept.objects.filter(formulier=formulier)

    assert _stap(formulier, 0, "bereikt") == concepten.count() == 4
    assert _stap(formulier, 1, "bereikt") == concepten.filter(stap__gte=1).count() == 2
    assert _stap(formulier, 0, "voltooid") == 2
    assert _stap(formulier, 0, "afgewezen") == 2
    dag = FormulierDagTotaal.objects.get(formulier=formulier)
    assert dag.ingediend == Inzending.objects.filter(formulier=formulier).count() == 1
    assert (
        dag.automatisch
        == Inzending.objects.filter(formulier=formulier, route=Route.FLITS).count()
        == 1
    )
    fouten = dict(
        FormulierFoutDagTotaal.objects.filter(formulier=formulier).values_list("veld", "aantal")
    )
    assert fouten == {"doel": 1, "doel_anders": 1}
    assert (
        FormulierStapDuurDagTotaal.objects.filter(formulier=formulier).aggregate(n=Sum("aantal"))[
            "n"
        ]
        == 2
    )


def test_a_refusal_is_counted_although_the_save_rolled_back(wereld):
    formulier = wereld.formulieren["uittreksel-brp"]
    concept = concept_start(formulier=formulier, partij=wereld.partij)
    for _ in range(3):
        with pytest.raises(DomainError):
            concept_save(concept=concept, stap=0, gegevens={"doel": "kapot"}, partij=wereld.partij)
    assert _stap(formulier, 0, "afgewezen") == 3
    concept.refresh_from_db()
    assert concept.stap == 0


def test_the_message_code_holds_nothing_the_citizen_typed():
    melding = melding_anonymise(
        "Huisnummer: '12a' is geen huisnummer; vul alleen cijfers in (een letter apart)."
    )
    assert "12" not in melding
    assert melding == "Huisnummer: … is geen huisnummer; vul alleen cijfers in (…)."
    assert "1980" not in melding_anonymise("Verhuisdatum: vóór de dag (17-05-1980).")


def test_abandoned_concepts_followed_by_a_call_within_7_days_are_counted(trechter, wereld):
    formulier, derde = trechter
    tien_dagen_terug = timezone.now() - dt.timedelta(days=10)
    Concept.objects.filter(formulier=formulier, inzending__isnull=True).update(
        updated_at=tien_dagen_terug
    )
    # The third citizen calls about the product 3 days later; the fourth calls about another.
    KlantcontactFactory(
        partij=derde,
        kanaal="telefoon",
        product=formulier.product,
        plaatsgevonden_op=tien_dagen_terug + dt.timedelta(days=3),
    )
    KlantcontactFactory(
        partij=derde,
        kanaal="telefoon",
        product=formulier.product,
        plaatsgevonden_op=tien_dagen_terug - dt.timedelta(days=1),  # before: does not count
    )

    assert afhakers_count() == 1
    dag = FormulierDagTotaal.objects.get(
        formulier=formulier, dag=timezone.localdate(tien_dagen_terug)
    )
    assert (dag.afgehaakt, dag.afgehaakt_ingelogd, dag.afgehaakt_contact) == (3, 3, 1)
    assert dag.afhakers_geteld
    # Run again (the next day's job): the same figures, not added up.
    afhakers_count()
    dag.refresh_from_db()
    assert (dag.afgehaakt, dag.afgehaakt_contact) == (3, 1)
