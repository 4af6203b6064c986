"""Item statistics on a fixture whose figures are computed by hand below."""

import math

import pytest

from loket.training.itemstatistiek import Antwoord, item_cijfers

# Six tests of three items each (1 = right).
FIXTURE = {
    "T1": {"A": 1, "B": 1, "C": 1},
    "T2": {"A": 1, "B": 1, "C": 0},
    "T3": {"A": 1, "B": 0, "C": 1},
    "T4": {"A": 0, "B": 1, "C": 0},
    "T5": {"A": 1, "B": 0, "C": 0},
    "T6": {"A": 0, "B": 0, "C": 0},
}


def antwoorden(fixture):
    return [
        Antwoord(toets=toets, item=item, goed=bool(goed))
        for toets, items in fixture.items()
        for item, goed in items.items()
    ]


def test_p_value_point_biserial_and_upper_lower_index_by_hand():
    cijfers = item_cijfers(antwoorden(FIXTURE))
    a = cijfers["A"]
    # Item A: right in T1, T2, T3, T5 -> p = 4/6.
    assert a.n == 6 and a.p == pytest.approx(4 / 6)
    # Rest scores (the share right of B and C): T1 1, T2 .5, T3 .5, T4 .5, T5 0, T6 0.
    # Mean 2.5/6; population SD = sqrt(0.708333/6) = 0.343592.
    # M1 (right: T1 T2 T3 T5) = 2/4 = 0.5; M0 (wrong: T4 T6) = 0.5/2 = 0.25.
    # r_pb = (0.5 - 0.25) / 0.343592 * sqrt(4/6 * 2/6) = 0.7276069 * 0.4714045 = 0.342997.
    assert a.r_pb == pytest.approx(0.25 / math.sqrt(0.708333333 / 6) * math.sqrt(2 / 9))
    assert a.r_pb == pytest.approx(0.342997, abs=1e-6)
    # Upper and lower 27% of 6 = 2 answers each. Ranked by rest score (ties by test):
    # T1 (1.0), T2, T3, T4 (0.5), T5, T6 (0). Upper T1 T2: both right (1.0); lower T5 T6:
    # one right (0.5). D = 0.5.
    assert a.d == pytest.approx(0.5)

    b = cijfers["B"]
    # Item B: right in T1, T2, T4 -> p = .5; rest scores of the right ones 1, .5, 0 and of the
    # wrong ones (T3 1, T5 .5, T6 0) have the same mean: no discrimination at all.
    assert b.p == pytest.approx(0.5)
    assert b.r_pb == pytest.approx(0.0)
    assert b.d == pytest.approx(0.0)  # upper T1 (right) T3 (wrong), lower T4 (right) T6 (wrong)
    assert any("onderscheidt slecht" in s for s in b.signalen)
    assert not any("onderscheidt" in s for s in a.signalen)


def test_an_item_everyone_gets_right_is_too_easy_and_has_no_correlation():
    fixture = {t: {**items, "D": 1} for t, items in FIXTURE.items()}
    d = item_cijfers(antwoorden(fixture))["D"]
    assert d.p == 1 and d.r_pb is None
    assert "te makkelijk" in d.signalen


def test_an_item_the_weak_get_right_is_flagged_and_few_answers_give_no_figures():
    fixture = {t: {**items, "E": 1 - items["A"]} for t, items in FIXTURE.items()}
    e = item_cijfers(antwoorden(fixture))["E"]
    assert e.r_pb is not None and e.r_pb < 0
    assert any("controleer het antwoord" in s for s in e.signalen)
    weinig = {t: FIXTURE[t] for t in ("T1", "T2", "T3", "T4")}
    a = item_cijfers(antwoorden(weinig))["A"]
    assert a.n == 4 and a.p is None and a.r_pb is None
    assert "te weinig antwoorden" in a.signalen[0]
