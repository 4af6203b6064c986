"""The signals of issue 20 beyond the repeat contact: a complaint or "niet geholpen" on the
answer's article, and a contactverzoek that was not needed."""

import datetime as dt

import pytest

from loket.accounts.tests.factories import UserFactory
from loket.contacts.models import Contactverzoek
from loket.contacts.services import (
    VerzoekInput,
    VraagInput,
    contact_register,
    contactreden_create,
    contactverzoek_close,
    klantcontact_register,
)
from loket.knowledge.models import ArtikelFeedback, FeedbackStatus, ZoekKeuze
from loket.knowledge.services import feedback_create, zoekkeuze_register
from loket.kwaliteit.constants import KLACHT_PER_ARTIKEL, Aanleiding
from loket.kwaliteit.models import Beoordeling
from loket.kwaliteit.selectors import beoordeling_queue
from loket.kwaliteit.services import signalen_select, steekproef_draw
from loket.parties.tests.factories import PersoonFactory

from .conftest import VORIGE_MAAND, moment

pytestmark = pytest.mark.django_db


def _feedback(wereld, op: dt.datetime, **kwargs) -> ArtikelFeedback:
    feedback = feedback_create(
        artikel=wereld.versie.artikel,
        soort=kwargs.pop("soort", ArtikelFeedback.Soort.ONJUIST),
        opmerking="De termijn klopt niet.",
        user=wereld.collega,
    )
    ArtikelFeedback.objects.filter(pk=feedback.pk).update(created_at=op, **kwargs)
    return feedback


def test_a_complaint_on_the_answers_article_within_7_days_is_a_signal(wereld):
    geklaagd = wereld.contact(op=moment(3))
    te_vroeg = wereld.contact(op=moment(1, hour=8))  # 8 days before the complaint: outside
    _feedback(wereld, moment(9, hour=9))
    signalen = signalen_select(maand=VORIGE_MAAND)
    assert signalen[geklaagd.pk] == Aanleiding.KLACHT
    assert te_vroeg.pk not in signalen


def test_a_rejected_complaint_or_one_before_the_contact_is_no_signal(wereld):
    contact = wereld.contact(op=moment(10))
    _feedback(wereld, moment(12), status=FeedbackStatus.AFGEWEZEN)
    _feedback(wereld, moment(9))
    _feedback(wereld, moment(12), soort=ArtikelFeedback.Soort.ANDERS)
    assert contact.pk not in signalen_select(maand=VORIGE_MAAND)


def test_niet_geholpen_on_the_article_is_a_signal_capped_per_article(wereld):
    contacten = [wereld.contact(op=moment(10, hour=9 + i)) for i in range(KLACHT_PER_ARTIKEL + 2)]
    keuze = zoekkeuze_register(
        zoekvraag="paspoort klaar",
        artikel=wereld.versie.artikel,
        bron=ZoekKeuze.Bron.PORTAAL,
        wie="sessie-1",
        geholpen=False,
    )
    ZoekKeuze.objects.filter(pk=keuze.pk).update(gekozen_op=moment(11))
    signalen = signalen_select(maand=VORIGE_MAAND)
    # The latest contacts before the "niet geholpen", at most KLACHT_PER_ARTIKEL of them.
    assert [c.pk for c in contacten if c.pk in signalen] == [
        c.pk for c in contacten[-KLACHT_PER_ARTIKEL:]
    ]
    assert {signalen[c.pk] for c in contacten[-KLACHT_PER_ARTIKEL:]} == {Aanleiding.KLACHT}


def test_the_same_partij_coming_back_with_a_complaint_is_a_signal(wereld):
    partij = PersoonFactory()
    eerste = wereld.contact(partij=partij, op=moment(4))
    klacht = contactreden_create(naam="Klacht")
    contact_register(
        kanaal="telefoon",
        medewerker=wereld.collega,
        partij=partij,
        plaatsgevonden_op=moment(6),
        vragen=[
            VraagInput(
                vraagtekst="Ik ben verkeerd geïnformeerd over mijn paspoort.",
                contactreden=klacht,
                afhandeling="beantwoord",
            )
        ],
    )
    signalen = signalen_select(maand=VORIGE_MAAND)
    assert signalen[eerste.pk] == Aanleiding.KLACHT
    # The complaint itself is not "a contact that drew a complaint".
    assert all(s != Aanleiding.KLACHT or pk == eerste.pk for pk, s in signalen.items())


def _met_verzoek(wereld, op: dt.datetime):
    return klantcontact_register(
        kanaal="telefoon",
        medewerker=wereld.agent,
        partij=PersoonFactory(),
        plaatsgevonden_op=op,
        vragen=[
            VraagInput(
                vraagtekst="Wanneer is mijn paspoort klaar?",
                contactreden=wereld.reden,
                afhandeling="contactverzoek",
                verzoek=VerzoekInput(
                    team=wereld.team,
                    gevraagde_handeling="Graag terugbellen.",
                    terugbelnummer="0612345678",
                ),
            )
        ],
    ).klantcontact


def test_a_contactverzoek_that_was_not_needed_is_a_signal(wereld):
    backoffice = UserFactory(role="backoffice-medewerker", username="bo", teams=[wereld.team])
    niet_nodig = _met_verzoek(wereld, moment(5))
    uit_kennisbank = _met_verzoek(wereld, moment(6))
    nodig = _met_verzoek(wereld, moment(7))
    open_verzoek = _met_verzoek(wereld, moment(8))
    verzoek = Contactverzoek.objects.get
    contactverzoek_close(
        verzoek=verzoek(klantcontact=niet_nodig),
        user=backoffice,
        resultaat="Niet nodig: de klant had het antwoord al gekregen.",
    )
    # Answered from an article version published before the contact: the answer was there.
    type(wereld.versie).objects.filter(pk=wereld.versie.pk).update(gepubliceerd_op=moment(1))
    contactverzoek_close(
        verzoek=verzoek(klantcontact=uit_kennisbank),
        user=backoffice,
        resultaat="Na vijf werkdagen, zie het artikel.",
        kennisartikel_versie=wereld.versie,
    )
    contactverzoek_close(
        verzoek=verzoek(klantcontact=nodig),
        user=backoffice,
        resultaat="Aanvraag nagekeken in de basisregistratie en teruggebeld.",
    )
    signalen = signalen_select(maand=VORIGE_MAAND)
    assert signalen[niet_nodig.pk] == Aanleiding.VERZOEK_NIET_NODIG
    assert signalen[uit_kennisbank.pk] == Aanleiding.VERZOEK_NIET_NODIG
    assert nodig.pk not in signalen
    assert open_verzoek.pk not in signalen

    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=0)
    wachtrij = list(beoordeling_queue(user=wereld.teamleider))
    assert [b.klantcontact_id for b in wachtrij] == [niet_nodig.pk, uit_kennisbank.pk]
    assert set(Beoordeling.objects.values_list("aanleiding", flat=True)) == {
        Aanleiding.VERZOEK_NIET_NODIG
    }


def test_the_queue_orders_the_signals_before_the_sample(wereld):
    klacht = wereld.contact(op=moment(3))
    _feedback(wereld, moment(4))
    zonder = wereld.contact(versie=False, op=moment(20))
    for dag in (21, 22, 23):
        wereld.contact(op=moment(dag))
    steekproef_draw(maand=VORIGE_MAAND, per_kanaal=1)
    wachtrij = list(beoordeling_queue(user=wereld.teamleider))
    assert [b.klantcontact_id for b in wachtrij[:2]] == [zonder.pk, klacht.pk]
    assert [b.aanleiding for b in wachtrij] == [
        Aanleiding.GEEN_ARTIKEL,
        Aanleiding.KLACHT,
        Aanleiding.STEEKPROEF,
    ]
