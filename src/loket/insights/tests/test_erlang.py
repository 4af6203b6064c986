import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.insights import erlang


def test_issue_vector_with_14_agents():
    a = erlang.traffic(calls=100, aht_seconds=180, interval_seconds=1800)
    assert a == pytest.approx(10.0)
    assert erlang.p_wait(agents=14, traffic_erlangs=a) == pytest.approx(0.1741, abs=5e-5)
    assert erlang.service_level(
        agents=14, traffic_erlangs=a, aht_seconds=180, target_seconds=20
    ) == pytest.approx(0.8884, abs=5e-5)
    assert erlang.asa(agents=14, traffic_erlangs=a, aht_seconds=180) == pytest.approx(
        7.84, abs=5e-3
    )
    assert erlang.occupancy(agents=14, traffic_erlangs=a) == pytest.approx(0.714, abs=5e-4)


def test_issue_vector_with_13_agents_and_shrinkage():
    a = erlang.traffic(calls=100, aht_seconds=180)
    assert erlang.service_level(
        agents=13, traffic_erlangs=a, aht_seconds=180, target_seconds=20
    ) == pytest.approx(0.7956, abs=5e-5)
    assert (
        erlang.agents_needed(
            traffic_erlangs=a, aht_seconds=180, target_seconds=20, service_level_target=0.8
        )
        == 14
    )
    assert erlang.rostered(agents=14, shrinkage=0.3) == 20


def test_staffing_combines_the_figures():
    s = erlang.staffing(
        calls=100, aht_seconds=180, target_seconds=20, service_level_target=0.8, shrinkage=0.3
    )
    assert (s.agents, s.rostered) == (14, 20)
    assert s.service_level == pytest.approx(0.8884, abs=5e-5)


def test_unstable_queue_and_no_traffic():
    assert erlang.p_wait(agents=10, traffic_erlangs=10) == 1.0
    assert erlang.asa(agents=9, traffic_erlangs=10, aht_seconds=180) == math.inf
    assert erlang.staffing(calls=0, aht_seconds=180).agents == 0


def test_large_numbers_do_not_overflow():
    p = erlang.p_wait(agents=1100, traffic_erlangs=1000)
    assert 0 < p < 0.01


def test_bad_shrinkage_is_refused():
    with pytest.raises(ValueError):
        erlang.rostered(agents=10, shrinkage=1.0)


@given(
    calls=st.floats(min_value=1, max_value=2000),
    aht=st.floats(min_value=10, max_value=1200),
    target=st.floats(min_value=0, max_value=120),
)
def test_more_agents_never_lower_the_service_level(calls, aht, target):
    a = erlang.traffic(calls=calls, aht_seconds=aht)
    n = math.floor(a) + 1
    levels = [
        erlang.service_level(agents=k, traffic_erlangs=a, aht_seconds=aht, target_seconds=target)
        for k in range(n, n + 5)
    ]
    assert all(0 <= x <= 1 + 1e-9 for x in levels)
    assert all(b >= c - 1e-9 for c, b in itertools.pairwise(levels))
