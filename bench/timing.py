"""Latency figures shared by the benchmarks: nearest-rank percentiles and one printed line."""

from __future__ import annotations

import statistics


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank p-th percentile (p in 0..100)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def figures(
    name: str, seconds: list[float], *, width: int = 20, with_n: bool = False
) -> dict[str, float]:
    """p50, p95 and max in milliseconds as `<name>_p50_ms`, ...; prints them on one line."""
    ms = [s * 1000 for s in seconds]
    result: dict[str, float] = {f"{name}_n": len(ms)} if with_n else {}
    result |= {
        f"{name}_p50_ms": round(statistics.median(ms), 1),
        f"{name}_p95_ms": round(percentile(ms, 95), 1),
        f"{name}_max_ms": round(max(ms), 1),
    }
    print(
        f"{name:<{width}} n={len(ms):<4} p50={result[f'{name}_p50_ms']:>7.1f} ms  "
        f"p95={result[f'{name}_p95_ms']:>7.1f} ms  max={result[f'{name}_max_ms']:>7.1f} ms"
    )
    return result
