import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from loket.core.errors import DomainError
from loket.parties.validators import (
    normalise_email,
    normalise_phone,
    validate_bsn,
    validate_kvk_nummer,
    validate_postcode,
    validate_rsin,
    validate_vestigingsnummer,
)
from loket.registries.tests.factories import bsn_with_check_digit

eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


@st.composite
def valid_bsns(draw):
    first_eight = draw(eight_digits)
    bsn = bsn_with_check_digit(first_eight)
    assume(bsn is not None and int(bsn) != 0)
    return bsn


@given(valid_bsns())
def test_bsn_built_with_the_elfproef_is_accepted(bsn):
    assert validate_bsn(bsn) == bsn


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_changing_any_single_digit_of_a_bsn_breaks_the_elfproef(bsn, position, delta):
    changed_digit = (int(bsn[position]) + delta) % 10
    changed = bsn[:position] + str(changed_digit) + bsn[position + 1 :]
    with pytest.raises(DomainError) as excinfo:
        validate_bsn(changed)
    assert excinfo.value.field == "bsn"
    assert "elfproef" in excinfo.value.message


@given(valid_bsns())
def test_rsin_uses_the_same_elfproef(rsin):
    assert validate_rsin(rsin) == rsin


def test_bsn_message_names_the_field_and_the_value():
    with pytest.raises(DomainError) as excinfo:
        validate_bsn("123456789")
    assert excinfo.value.message == "BSN: '123456789' voldoet niet aan de elfproef."
    assert excinfo.value.as_dict() == {"bsn": ["BSN: '123456789' voldoet niet aan de elfproef."]}


@pytest.mark.parametrize("value", ["12345678", "1234567890", "12345678a", "", "١٢٣٤٥٦٧٨٢"])
def test_bsn_must_be_nine_ascii_digits(value):
    with pytest.raises(DomainError) as excinfo:
        validate_bsn(value)
    assert excinfo.value.field == "bsn"


def test_bsn_of_only_zeros_is_refused_although_the_sum_is_zero():
    with pytest.raises(DomainError):
        validate_bsn("000000000")


def test_bsn_spaces_and_dots_are_ignored():
    assert validate_bsn(" 1112.22.333 ") == "111222333"


def test_rsin_error_names_rsin():
    with pytest.raises(DomainError) as excinfo:
        validate_rsin("123456789")
    assert excinfo.value.field == "rsin"
    assert excinfo.value.message.startswith("RSIN:")


@given(eight_digits)
def test_any_eight_digits_are_a_kvk_nummer(value):
    assert validate_kvk_nummer(value) == value


@pytest.mark.parametrize("value", ["1234567", "123456789", "1234567a"])
def test_kvk_nummer_must_be_eight_digits(value):
    with pytest.raises(DomainError) as excinfo:
        validate_kvk_nummer(value)
    assert excinfo.value.field == "kvk_nummer"
    assert "8 cijfers" in excinfo.value.message


def test_field_can_be_named_by_the_caller():
    with pytest.raises(DomainError) as excinfo:
        validate_kvk_nummer("12", field="kvkNummer")
    assert excinfo.value.as_dict().keys() == {"kvkNummer"}


def test_vestigingsnummer_is_twelve_digits():
    assert validate_vestigingsnummer("000012345678") == "000012345678"
    with pytest.raises(DomainError) as excinfo:
        validate_vestigingsnummer("12345678901")
    assert excinfo.value.field == "vestigingsnummer"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1234 ab", "1234AB"), ("1234AB", "1234AB"), (" 9999zz ", "9999ZZ"), ("1011 a b", "1011AB")],
)
def test_postcode_is_normalised(value, expected):
    assert validate_postcode(value) == expected


@pytest.mark.parametrize("value", ["0123AB", "123AB", "12345A", "1234ABC", "ABCD12", "1234 é b"])
def test_malformed_postcode_is_refused(value):
    with pytest.raises(DomainError) as excinfo:
        validate_postcode(value)
    assert excinfo.value.field == "postcode"


@pytest.mark.parametrize("letters", ["SA", "SD", "SS", "sa"])
def test_postcode_letters_sa_sd_ss_are_not_used(letters):
    with pytest.raises(DomainError) as excinfo:
        validate_postcode(f"1234{letters}")
    assert "SA, SD en SS" in excinfo.value.message


@given(
    st.integers(1000, 9999),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    st.sampled_from("BCEFGHZ"),
)
def test_postcode_round_trips_with_space_and_lower_case(digits, first, second):
    assert validate_postcode(f"{digits} {first}{second}".lower()) == f"{digits}{first}{second}"


def test_email_is_trimmed_and_its_domain_lower_cased():
    assert normalise_email("  Jan.Jansen@Zeventerpen.NL ") == "Jan.Jansen@zeventerpen.nl"


@pytest.mark.parametrize("value", ["jan", "jan@", "@zeventerpen.nl", "jan @x.nl", ""])
def test_invalid_email_is_refused(value):
    with pytest.raises(DomainError) as excinfo:
        normalise_email(value, field="adres")
    assert excinfo.value.field == "adres"
    assert excinfo.value.message.startswith("E-mailadres:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("06-12345678", "+31612345678"),
        ("0612345678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("020 - 555 1234", "+31205551234"),
        ("0032 2 555 12 34", "+3225551234"),
    ],
)
def test_phone_is_normalised_to_e164(value, expected):
    assert normalise_phone(value) == expected


@pytest.mark.parametrize("value", ["12345", "06-1234", "abc", "", "+31 0000000000"])
def test_invalid_phone_is_refused(value):
    with pytest.raises(DomainError) as excinfo:
        normalise_phone(value)
    assert excinfo.value.field == "telefoonnummer"
