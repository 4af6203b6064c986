"""The anonymiser's second pass: what Loket does not know of a person is caught by its form;
dates, amounts and ordinary numbers stay."""

import pytest

from loket.kwaliteit.anonimiseren import partij_gegevens, tekst_anonymise

LEEG = partij_gegevens(None)


@pytest.mark.parametrize(
    ("tekst", "label", "weg"),
    [
        ("Mail mijn dochter op lies.bakker@voorbeeld.nl.", "[e-mailadres]", "lies.bakker"),
        ("Haar nummer is +31 6 1234 5678.", "[telefoonnummer]", "1234 5678"),
        ("Bel 020-1234567 na vijven.", "[telefoonnummer]", "1234567"),
        ("Mijn BSN is 1234.56.782.", "[nummer]", "56.782"),
        ("Ze woont op Dorpsweg 12a in Oosterterp.", "[adres]", "Dorpsweg 12a"),
        ("De postcode is 7872 BK.", "[postcode]", "7872 BK"),
    ],
)
def test_what_loket_does_not_know_is_caught_by_its_form(tekst, label, weg):
    uit = tekst_anonymise(tekst, LEEG)
    assert label in uit
    assert weg not in uit


def test_dates_amounts_and_terms_stay():
    tekst = "Op 12-03-2025 betaalde ik € 84,50; het duurt 5 werkdagen (2025-2026)."
    assert tekst_anonymise(tekst, LEEG) == tekst


def test_known_values_go_first_longest_first():
    gegevens = {**LEEG, "naam": ["Jan", "Jan de Boer", "de Boer"]}
    assert tekst_anonymise("Jan de Boer en jan", gegevens) == "[naam] en [naam]"
