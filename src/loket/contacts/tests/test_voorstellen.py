"""What "Gebruik dit antwoord" proposes to record: the product the question is about and the
contactreden (issue 16, item 2)."""

import pytest

from loket.catalogue.tests.factories import ProductFactory
from loket.contacts.services import VraagInput
from loket.contacts.tests.factories import ContactredenFactory, KlantcontactFactory
from loket.contacts.voorstellen import (
    BRON_ANTWOORD,
    BRON_PRODUCT,
    BRON_TEKST,
    contactreden_suggest,
    vraag_registratie_voorstel,
)
from loket.knowledge.selectors import vraag_product_match
from loket.knowledge.tests.factories import KennisartikelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reisdocumenten(db):
    """The stolen-passport article of issue 16 with its three products, and the reasons."""
    id_kaart = ProductFactory(
        upl_naam="identiteitskaart", titel="Identiteitskaart aanvragen", is_gemeente=True
    )
    paspoort = ProductFactory(upl_naam="paspoort", titel="Paspoort aanvragen", is_gemeente=True)
    reisdocument = ProductFactory(upl_naam="reisdocument", titel="Reisdocument")
    artikel = KennisartikelFactory(
        vraag="Mijn paspoort of identiteitskaart is kwijt of gestolen. Wat nu?",
        producten=[id_kaart, paspoort, reisdocument],
        gepubliceerd=True,
    )
    hoofd = ContactredenFactory(naam="Reisdocumenten en rijbewijs")
    redenen = {
        naam: ContactredenFactory(naam=naam, hoofdreden=hoofd)
        for naam in (
            "Identiteitskaart aanvragen",
            "Paspoort aanvragen",
            "Document kwijt of gestolen",
            "Rijbewijs verlengen",
        )
    }
    return {
        "id_kaart": id_kaart,
        "paspoort": paspoort,
        "reisdocument": reisdocument,
        "versie": artikel.gepubliceerde_versie,
        "redenen": redenen,
    }


def _earlier(*, reden, product=None, versie=None, n=1):
    for _ in range(n):
        KlantcontactFactory(
            vragen=[
                VraagInput(
                    "Eerdere vraag",
                    reden,
                    "beantwoord",
                    product=product,
                    kennisartikel_versie=versie,
                )
            ]
        )


def test_a_stolen_passport_is_recorded_under_the_passport_not_the_first_product(
    reisdocumenten,
):
    producten = [reisdocumenten[k] for k in ("id_kaart", "paspoort", "reisdocument")]
    assert (
        vraag_product_match(vraagtekst="Mijn paspoort is gestolen", producten=producten)
        == reisdocumenten["paspoort"]
    )


@pytest.mark.parametrize(
    ("vraag", "product"),
    [
        ("Ik ben mijn ID-kaart kwijt", "id_kaart"),
        ("identiteitsbewijs gestolen op vakantie", "id_kaart"),  # a citizen's synonym
        ("mijn pasport is weg", "paspoort"),  # a typo
        ("Wat moet ik doen als mijn paspoorten gestolen zijn?", "paspoort"),  # stemming
    ],
)
def test_the_product_is_matched_on_title_synonyms_stems_and_typos(reisdocumenten, vraag, product):
    producten = [reisdocumenten[k] for k in ("id_kaart", "paspoort", "reisdocument")]
    assert vraag_product_match(vraagtekst=vraag, producten=producten) == reisdocumenten[product]


def test_without_a_matching_word_the_municipalitys_own_product_is_kept(reisdocumenten):
    producten = [reisdocumenten[k] for k in ("reisdocument", "id_kaart", "paspoort")]
    assert (
        vraag_product_match(vraagtekst="Wat nu?", producten=producten) == reisdocumenten["id_kaart"]
    )
    inactive = ProductFactory(upl_naam="oud paspoort", titel="Oud paspoort", is_actief=False)
    assert vraag_product_match(vraagtekst="oud paspoort", producten=[inactive]) is None


def test_the_reason_follows_the_words_when_nothing_was_registered_before(reisdocumenten):
    voorstel = vraag_registratie_voorstel(
        versie=reisdocumenten["versie"], vraagtekst="Mijn paspoort is gestolen"
    )
    assert voorstel.product == reisdocumenten["paspoort"]
    assert voorstel.contactreden == reisdocumenten["redenen"]["Document kwijt of gestolen"]
    assert voorstel.bron == BRON_TEKST


def test_the_reason_most_often_registered_with_this_answer_wins(reisdocumenten):
    redenen, versie = reisdocumenten["redenen"], reisdocumenten["versie"]
    _earlier(reden=redenen["Paspoort aanvragen"], product=reisdocumenten["paspoort"], n=2)
    _earlier(reden=redenen["Rijbewijs verlengen"], versie=versie, n=2)
    _earlier(reden=redenen["Identiteitskaart aanvragen"], versie=versie, n=1)
    reden, bron = contactreden_suggest(
        vraagtekst="Mijn paspoort is gestolen", versie=versie, product=reisdocumenten["paspoort"]
    )
    assert (reden, bron) == (redenen["Rijbewijs verlengen"], BRON_ANTWOORD)

    # With this answer and this product counts before with this answer alone.
    _earlier(
        reden=redenen["Document kwijt of gestolen"],
        product=reisdocumenten["paspoort"],
        versie=versie,
    )
    reden, bron = contactreden_suggest(
        vraagtekst="Mijn paspoort is gestolen", versie=versie, product=reisdocumenten["paspoort"]
    )
    assert (reden, bron) == (redenen["Document kwijt of gestolen"], BRON_ANTWOORD)


def test_without_answer_history_or_matching_words_the_products_history_decides(reisdocumenten):
    redenen = reisdocumenten["redenen"]
    _earlier(reden=redenen["Rijbewijs verlengen"], product=reisdocumenten["reisdocument"])
    _earlier(reden=redenen["Paspoort aanvragen"], product=reisdocumenten["reisdocument"], n=3)
    reden, bron = contactreden_suggest(
        vraagtekst="Hoelang is het geldig?", versie=None, product=reisdocumenten["reisdocument"]
    )
    assert (reden, bron) == (redenen["Paspoort aanvragen"], BRON_PRODUCT)
    assert contactreden_suggest(vraagtekst="Hoelang?", versie=None, product=None) == (None, "")


def test_an_inactive_reason_is_never_proposed(reisdocumenten):
    reden = reisdocumenten["redenen"]["Document kwijt of gestolen"]
    reden.is_actief = False
    reden.save()
    voorstel = vraag_registratie_voorstel(
        versie=reisdocumenten["versie"], vraagtekst="Mijn paspoort is gestolen"
    )
    assert voorstel.contactreden != reden
