"""Costs and terms read by value from Dutch text."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.training.feiten import BEDRAG, EURO, TERMIJN, Feit, feiten


@pytest.mark.parametrize(
    "tekst",
    ["€ 75,80", "€75.80", "75,80 euro", "75 euro 80", "75 euro en 80 cent", "Het kost €75,80."],
)
def test_an_amount_is_read_by_value_in_every_dutch_notation(tekst):
    assert feiten(tekst) == [Feit(BEDRAG, EURO, Decimal("75.80"))]


def test_different_amounts_and_terms_are_different_facts():
    assert feiten("€ 57,80") != feiten("€ 75,80")
    assert feiten("10 werkdagen") == [Feit(TERMIJN, "werkdagen", Decimal(10))]
    assert feiten("5 werkdagen") != feiten("5 dagen")  # a working day is not a day


def test_words_html_and_round_amounts():
    assert [f.label for f in feiten("<p>Binnen drie dagen, <strong>dertig euro</strong></p>")] == [
        "3 dagen",
        "€ 30",
    ]
    assert [f.label for f in feiten("€ 30,- of € 1.084,50; een week")] == [
        "€ 30",
        "€ 1084,50",
        "1 week",
    ]
    assert feiten("Bel 088-227 7700 of kom met max 25 kilo") == []


@given(euro=st.integers(min_value=0, max_value=9999), cent=st.integers(min_value=0, max_value=99))
def test_every_notation_of_an_amount_reads_as_the_same_value(euro, cent):
    waarde = Decimal(euro) + Decimal(cent) / 100
    schrijfwijzen = [
        f"€ {euro},{cent:02d}",
        f"€{euro}.{cent:02d}",
        f"{euro},{cent:02d} euro",
        f"{euro} euro {cent:02d}" if cent else f"{euro} euro",
    ]
    for tekst in schrijfwijzen:
        assert feiten(f"Het kost {tekst} per keer.") == [Feit(BEDRAG, EURO, waarde)], tekst
    label = Feit(BEDRAG, EURO, waarde).label
    assert feiten(label) == [Feit(BEDRAG, EURO, waarde)]


@given(aantal=st.integers(min_value=1, max_value=400))
def test_a_term_reads_as_its_number_and_unit(aantal):
    for eenheid in ("werkdagen", "dagen", "weken", "maanden"):
        assert feiten(f"binnen {aantal} {eenheid}") == [Feit(TERMIJN, eenheid, Decimal(aantal))]
