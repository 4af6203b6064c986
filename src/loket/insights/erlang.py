"""Erlang C for the telephone queue: pure functions, no Django.

Traffic A (erlangs) = calls per interval × AHT / interval length. For N agents (N > A):
P(wait) = (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)); service level =
1 − P(wait)·e^(−(N−A)·T/AHT); ASA = P(wait)·AHT/(N−A); occupancy = A/N. The terms A^k/k! are built
iteratively (each from the previous), so large N does not overflow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def traffic(*, calls: float, aht_seconds: float, interval_seconds: float = 1800) -> float:
    """Offered traffic in erlangs."""
    if calls < 0 or aht_seconds <= 0 or interval_seconds <= 0:
        raise ValueError("calls >= 0, aht_seconds > 0 and interval_seconds > 0 are required")
    return calls * aht_seconds / interval_seconds


def p_wait(*, agents: int, traffic_erlangs: float) -> float:
    """Probability that a call has to wait (Erlang C). 1.0 when the queue is unstable (N <= A)."""
    a, n = traffic_erlangs, agents
    if a <= 0:
        return 0.0
    if n <= a:
        return 1.0
    # Inverse of Erlang B by recursion (stable for large N), then Erlang C from Erlang B.
    inv_b = 1.0
    for k in range(1, n + 1):
        inv_b = 1.0 + inv_b * k / a
    erlang_b = 1.0 / inv_b
    return erlang_b / (1.0 - (a / n) * (1.0 - erlang_b))


def service_level(
    *, agents: int, traffic_erlangs: float, aht_seconds: float, target_seconds: float
) -> float:
    """Share of calls answered within `target_seconds`."""
    if traffic_erlangs <= 0:
        return 1.0
    if agents <= traffic_erlangs:
        return 0.0
    pw = p_wait(agents=agents, traffic_erlangs=traffic_erlangs)
    return 1.0 - pw * math.exp(-(agents - traffic_erlangs) * target_seconds / aht_seconds)


def asa(*, agents: int, traffic_erlangs: float, aht_seconds: float) -> float:
    """Average speed of answer in seconds (infinite when N <= A)."""
    if traffic_erlangs <= 0:
        return 0.0
    if agents <= traffic_erlangs:
        return math.inf
    pw = p_wait(agents=agents, traffic_erlangs=traffic_erlangs)
    return pw * aht_seconds / (agents - traffic_erlangs)


def occupancy(*, agents: int, traffic_erlangs: float) -> float:
    if agents <= 0:
        return 0.0
    return min(1.0, traffic_erlangs / agents)


def agents_needed(
    *,
    traffic_erlangs: float,
    aht_seconds: float,
    target_seconds: float,
    service_level_target: float,
    max_agents: int = 10_000,
) -> int:
    """The fewest agents that reach the service-level target (0 when there is no traffic)."""
    if traffic_erlangs <= 0:
        return 0
    n = max(1, math.floor(traffic_erlangs) + 1)
    while n <= max_agents:
        sl = service_level(
            agents=n,
            traffic_erlangs=traffic_erlangs,
            aht_seconds=aht_seconds,
            target_seconds=target_seconds,
        )
        if sl >= service_level_target:
            return n
        n += 1
    raise ValueError("service level not reachable within max_agents")


def rostered(*, agents: int, shrinkage: float) -> int:
    """Positions to roster so that `agents` are on the phone after shrinkage (0 <= s < 1)."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be in [0, 1)")
    # Round before ceil so 14 / 0.7 = 20.000000000000004 gives 20, not 21.
    return math.ceil(round(agents / (1 - shrinkage), 9))


@dataclass(frozen=True)
class Staffing:
    calls: float
    traffic: float
    agents: int
    rostered: int
    service_level: float
    p_wait: float
    asa: float
    occupancy: float


def staffing(
    *,
    calls: float,
    aht_seconds: float,
    target_seconds: float = 30,
    service_level_target: float = 0.8,
    shrinkage: float = 0.3,
    interval_seconds: float = 1800,
) -> Staffing:
    """Agents and rostered positions for one interval, with the figures they achieve."""
    a = traffic(calls=calls, aht_seconds=aht_seconds, interval_seconds=interval_seconds)
    n = agents_needed(
        traffic_erlangs=a,
        aht_seconds=aht_seconds,
        target_seconds=target_seconds,
        service_level_target=service_level_target,
    )
    return Staffing(
        calls=calls,
        traffic=a,
        agents=n,
        rostered=rostered(agents=n, shrinkage=shrinkage),
        service_level=service_level(
            agents=n, traffic_erlangs=a, aht_seconds=aht_seconds, target_seconds=target_seconds
        )
        if n
        else 1.0,
        p_wait=p_wait(agents=n, traffic_erlangs=a) if n else 0.0,
        asa=asa(agents=n, traffic_erlangs=a, aht_seconds=aht_seconds) if n else 0.0,
        occupancy=occupancy(agents=n, traffic_erlangs=a),
    )
