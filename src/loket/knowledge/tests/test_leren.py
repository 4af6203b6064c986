"""Learning from use (issue 23): the answers people chose teach the search, within guards."""

import datetime as dt

import pytest
from django.utils import timezone

from loket.knowledge.models import ZoekKeuze
from loket.knowledge.search import leren
from loket.knowledge.search.leren import leer_sleutel, leerstanden
from loket.knowledge.selectors import geleerd_voor, geleerde_vragen, kennis_search
from loket.knowledge.services import (
    zoekkeuze_register,
    zoekkeuze_reject,
    zoekkeuzes_purge,
)
from loket.knowledge.tests.factories import KennisartikelFactory

NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


# --- the key and the arithmetic (no database) ---------------------------------------------------


def test_the_same_words_in_another_order_share_a_key():
    assert leer_sleutel("Paspoort verlopen?") == leer_sleutel("verlopen paspoort")
    assert leer_sleutel("paspoort verlopen") != leer_sleutel("rijbewijs verlopen")


@pytest.mark.parametrize(
    "vraag",
    [
        "mijn bsn is 111222333 klopt dat",  # a number is personal data: not kept
        "bel mij op 0612345678",
        "de buurman heeft een schutting gezet en nu schrijft de gemeente mij een brief over een "
        "vergunning die hij niet had en ik weet niet wat ik moet doen",  # a call, not a question
        "hoe en wat",  # only stopwords
        "",
    ],
)
def test_questions_with_digits_long_texts_and_empty_ones_are_not_learned_from(vraag):
    assert leer_sleutel(vraag) == ""


def _rows(*people, artikel=1, age=dt.timedelta(0)):
    return [(artikel, wie, geholpen, NOW - age) for wie, geholpen in people]


def test_one_person_clicking_often_counts_once_and_moves_nothing():
    stand = leerstanden(_rows(*[("a", True)] * 10), now=NOW)[1]
    assert (stand.mensen_voor, stand.verschuiving) == (1, 0.0)


def test_two_people_move_an_article_up_and_more_people_further_up_to_a_cap():
    two = leerstanden(_rows(("a", True), ("b", True)), now=NOW)[1].verschuiving
    four = leerstanden(_rows(*[(w, True) for w in "abcd"]), now=NOW)[1].verschuiving
    nine = leerstanden(_rows(*[(w, True) for w in "abcdefghi"]), now=NOW)[1].verschuiving
    assert 0 < two < four == nine == leren.STAP * leren.MAX_MENSEN


def test_not_helped_moves_down_and_a_persons_latest_judgement_counts():
    down = leerstanden(_rows(("a", False), ("b", False)), now=NOW)[1]
    assert down.verschuiving < 0
    changed_mind = [
        (1, "a", False, NOW - dt.timedelta(hours=2)),
        (1, "a", True, NOW - dt.timedelta(hours=1)),
        (1, "b", True, NOW),
    ]
    stand = leerstanden(changed_mind, now=NOW)[1]
    assert (stand.mensen_voor, stand.mensen_tegen) == (2, 0) and stand.verschuiving > 0


def test_judgements_weigh_half_after_the_half_life_and_nothing_after_the_term():
    fresh = leerstanden(_rows(("a", True), ("b", True)), now=NOW)[1]
    old = leerstanden(_rows(("a", True), ("b", True), age=leren.HALFWAARDE), now=NOW)[1]
    assert old.voor == pytest.approx(fresh.voor / 2)
    gone = leerstanden(_rows(("a", True), ("b", True), age=leren.TERMIJN * 1.01), now=NOW)
    assert gone == {}


# --- recording and using it ----------------------------------------------------------------------


@pytest.fixture
def artikelen(db):
    """Two answers to "kapotte lantaarnpaal": the search prefers the one naming it."""
    eerste = KennisartikelFactory(
        slug="lantaarnpaal-melden",
        vraag="Een kapotte lantaarnpaal melden",
        antwoord="<p>Meld een kapotte lantaarnpaal online.</p>",
        trefwoorden=["lantaarnpaal", "straatverlichting"],
        gepubliceerd=True,
    )
    tweede = KennisartikelFactory(
        slug="openbare-ruimte-melden",
        vraag="Een melding openbare ruimte doen",
        antwoord="<p>Meld iets kapot op straat via het meldformulier.</p>",
        trefwoorden=["kapot", "straat"],
        gepubliceerd=True,
    )
    return eerste, tweede


def _titels(q):
    return [a.titel for a in kennis_search(q=q, kanaal="web").antwoorden]


def _score(q, artikel):
    return next(
        a.score for a in kennis_search(q=q, kanaal="web").antwoorden if a.versie.artikel == artikel
    )


@pytest.mark.django_db
def test_what_agents_gave_moves_up_for_the_same_words_and_one_cannot_do_it_alone(artikelen):
    eerste, tweede = artikelen
    vraag = "lantaarnpaal kapot"
    assert _titels(vraag)[0] == eerste.vraag
    voor = _score(vraag, tweede)
    for _ in range(5):
        zoekkeuze_register(zoekvraag=vraag, artikel=tweede, bron="kcc", wie="user:1")
    assert ZoekKeuze.objects.count() == 1  # the same person's repeats are stored once
    assert _score(vraag, tweede) == voor  # one person alone moves nothing
    zoekkeuze_register(zoekvraag="Kapot, lantaarnpaal!", artikel=tweede, bron="kcc", wie="user:2")
    assert _score(vraag, tweede) > voor
    # The search's own judgement still counts: a weak match needs more people to lead.
    assert _titels(vraag)[0] == eerste.vraag
    for wie in ("user:3", "user:4"):
        zoekkeuze_register(zoekvraag=vraag, artikel=tweede, bron="kcc", wie=wie)
    assert _titels(vraag)[0] == tweede.vraag
    assert _titels("lantaarnpaal")[0] == eerste.vraag  # other words: nothing learned
    resultaat = kennis_search(q=vraag, kanaal="web", uitleg=True)
    assert any(p["term"] == "(geleerd uit gebruik)" for p in resultaat.antwoorden[0].uitleg)


@pytest.mark.django_db
def test_an_article_the_search_missed_joins_the_results_when_people_chose_it(artikelen):
    eerste, tweede = artikelen
    vraag = "lantaarnpaal"
    assert tweede.vraag not in _titels(vraag)
    for wie in ("user:1", "user:2"):
        zoekkeuze_register(zoekvraag=vraag, artikel=tweede, bron="kcc", wie=wie)
    assert _titels(vraag)[:2] == [eerste.vraag, tweede.vraag]


@pytest.mark.django_db
def test_citizens_saying_it_did_not_help_move_an_answer_down(artikelen):
    eerste, _tweede = artikelen
    vraag = "lantaarnpaal kapot"
    voor = _score(vraag, eerste)
    for n in range(1, 5):
        zoekkeuze_register(
            zoekvraag=vraag, artikel=eerste, bron="portaal", wie=f"ip:10.0.0.{n}", geholpen=False
        )
    assert geleerd_voor(vraag)[f"artikel:{eerste.pk}"] < 0
    assert _titels(vraag)[0] != eerste.vraag
    assert _score(vraag, eerste) < voor


@pytest.mark.django_db
def test_the_redactie_sees_what_was_learned_and_can_stop_it(artikelen):
    _eerste, tweede = artikelen
    for wie in ("user:1", "user:2"):
        zoekkeuze_register(zoekvraag="lantaarnpaal kapot", artikel=tweede, bron="kcc", wie=wie)
    [geleerd] = geleerde_vragen()
    assert (geleerd.artikel, geleerd.stand.mensen_voor) == (tweede, 2)
    assert geleerd.stand.verschuiving > 0
    assert zoekkeuze_reject(sleutel=geleerd.sleutel, artikel=tweede) == 2
    assert geleerd_voor("lantaarnpaal kapot") == {}
    # A rejected pair stays rejected, also for judgements that come later.
    zoekkeuze_register(zoekvraag="lantaarnpaal kapot", artikel=tweede, bron="kcc", wie="user:3")
    assert geleerd_voor("lantaarnpaal kapot") == {} and geleerde_vragen() == []


@pytest.mark.django_db
def test_personal_data_is_not_kept_and_old_judgements_are_deleted(artikelen):
    eerste, _ = artikelen
    assert (
        zoekkeuze_register(
            zoekvraag="bsn 123456782 paspoort", artikel=eerste, bron="kcc", wie="user:1"
        )
        is None
    )
    keuze = zoekkeuze_register(zoekvraag="paspoort", artikel=eerste, bron="kcc", wie="user:1")
    assert keuze.wie != "user:1" and "1" not in keuze.wie.replace(
        leren.wie_hash("kcc", "user:1"), ""
    )
    ZoekKeuze.objects.filter(pk=keuze.pk).update(
        gekozen_op=timezone.now() - leren.TERMIJN - dt.timedelta(days=1)
    )
    zoekkeuze_register(zoekvraag="paspoort kwijt", artikel=eerste, bron="kcc", wie="user:1")
    assert zoekkeuzes_purge() == 1
    assert list(ZoekKeuze.objects.values_list("zoekvraag", flat=True)) == ["paspoort kwijt"]


@pytest.mark.django_db
def test_the_redactie_page_lists_what_was_learned_and_rejects_a_pair(client, make_user, artikelen):
    _eerste, tweede = artikelen
    for wie in ("user:1", "user:2"):
        zoekkeuze_register(zoekvraag="Lantaarnpaal kapot", artikel=tweede, bron="kcc", wie=wie)
    client.force_login(make_user("kcc-medewerker"))
    assert client.get("/kennis/redactie/geleerd/").status_code == 403
    client.force_login(make_user("redacteur"))
    html = client.get("/kennis/redactie/geleerd/").content.decode()
    assert "Lantaarnpaal kapot" in html and tweede.vraag in html and "hoger" in html
    [geleerd] = geleerde_vragen()
    response = client.post(
        "/kennis/redactie/geleerd/afwijzen/",
        {"sleutel": geleerd.sleutel, "artikel": tweede.pk},
        follow=True,
    )
    assert "leert niet meer van" in response.content.decode()
    assert geleerd_voor("lantaarnpaal kapot") == {}
    assert "Er is nog niets geleerd" in response.content.decode()
