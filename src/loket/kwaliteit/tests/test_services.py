"""Sampling and signals (issue 20): stratified per channel, reproducible, signals first."""

import datetime as dt

import pytest
from django.test import override_settings

from loket.catalogue.tests.factories import ProductFactory
from loket.kwaliteit.constants import Aanleiding
from loket.kwaliteit.models import Beoordeling, SteekproefRonde
from loket.kwaliteit.selectors import beoordeling_queue
from loket.kwaliteit.services import (
    KwaliteitError,
    beoordeling_record,
    signalen_select,
    steekproef_draw,
    steekproef_job,
    steekproef_select,
)
from loket.parties.tests.factories import PersoonFactory

from .conftest import DEZE_MAAND, VORIGE_MAAND, moment

pytestmark = pytest.mark.django_db


def _kanalen(wereld, medewerker, aantallen: dict[str, int]) -> dict[int, str]:
    kanaal_van = {}
    dag = 1
    for kanaal, n in aantallen.items():
        for _ in range(n):
            dag = dag % 28 + 1
            c = wereld.contact(medewerker=medewerker, kanaal=kanaal, op=moment(dag))
            kanaal_van[c.pk] = kanaal
    return kanaal_van


def test_the_sample_is_stratified_per_channel_and_reproducible(wereld):
    kanaal_van = _kanalen(wereld, wereld.agent, {"telefoon": 6, "e-mail": 4, "balie": 1})
    _kanalen(wereld, wereld.collega, {"telefoon": 5})

    eerste = steekproef_select(maand=VORIGE_MAAND, per_kanaal=2)
    assert eerste == steekproef_select(maand=VORIGE_MAAND, per_kanaal=2)

    gekozen = eerste[wereld.agent.pk]
    per_kanaal = {k: sum(1 for pk in gekozen if kanaal_van[pk] == k) for k in kanaal_van.values()}
    assert per_kanaal == {"telefoon": 2, "e-mail": 2, "balie": 1}
    assert len(eerste[wereld.collega.pk]) == 2
    # Another month's sample does not include November's contacts.
    assert (
        steekproef_select(maand=(VORIGE_MAAND - dt.timedelta(days=1)).replace(day=1), per_kanaal=2)
        == {}
    )


@override_settings(LOKET_KWALITEIT_STEEKPROEF_PER_KANAAL=1)
def test_drawing_twice_queues_each_contact_once_with_the_configured_size(wereld):
    _kanalen(wereld, wereld.agent, {"telefoon": 4, "chat": 3})
    assert steekproef_draw(maand=VORIGE_MAAND) == 2
    assert steekproef_draw(maand=VORIGE_MAAND) == 0
    assert Beoordeling.objects.filter(aanleiding=Aanleiding.STEEKPROEF).count() == 2


def test_signals_put_a_repeat_contact_ahead_of_the_sample(wereld):
    product = ProductFactory()
    partij = PersoonFactory()
    eerste = wereld.contact(partij=partij, product=product, op=moment(3))
    wereld.contact(medewerker=wereld.collega, partij=partij, product=product, op=moment(9))
    te_laat = wereld.contact(partij=PersoonFactory(), product=product, op=moment(12))
    wereld.contact(partij=te_laat.partij, product=product, op=moment(20))  # 8 days later
    zonder_artikel = wereld.contact(versie=False, op=moment(14))
    _kanalen(wereld, wereld.agent, {"telefoon": 6})

    signalen = signalen_select(maand=VORIGE_MAAND)
    assert signalen[eerste.pk] == Aanleiding.HERHAALCONTACT
    assert signalen[zonder_artikel.pk] == Aanleiding.GEEN_ARTIKEL
    assert te_laat.pk not in signalen

    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=2)
    wachtrij = list(beoordeling_queue(user=wereld.teamleider))
    assert [b.klantcontact_id for b in wachtrij[:2]] == [eerste.pk, zonder_artikel.pk]
    assert {b.aanleiding for b in wachtrij[2:]} == {Aanleiding.STEEKPROEF}
    # The signals come on top of the sample (2 per channel per agent), never instead.
    assert sum(1 for b in wachtrij if b.medewerker == wereld.agent) == 2 + 2


def test_confidential_and_anonymised_contacts_are_not_sampled(wereld):
    geheim = wereld.contact(op=moment(4))
    type(geheim).objects.filter(pk=geheim.pk).update(
        vertrouwelijk=True, vertrouwelijk_team=wereld.team
    )
    assert steekproef_select(maand=VORIGE_MAAND, per_kanaal=5) == {}


def test_the_monthly_job_draws_last_month_once(wereld):
    _kanalen(wereld, wereld.agent, {"telefoon": 3})
    assert steekproef_job(moment(1, maand=DEZE_MAAND, hour=6)) == 2
    assert steekproef_job(moment(2, maand=DEZE_MAAND, hour=6)) == 0
    assert SteekproefRonde.objects.get().maand == VORIGE_MAAND


def test_an_agent_does_not_review_their_own_contact(wereld):
    _kanalen(wereld, wereld.teamleider, {"telefoon": 1})
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=1)
    eigen = Beoordeling.objects.get()
    assert not beoordeling_queue(user=wereld.teamleider).filter(pk=eigen.pk).exists()
    with pytest.raises(KwaliteitError):
        beoordeling_record(beoordeling=eigen, reviewer=wereld.teamleider, oordelen={}, feedback="")
