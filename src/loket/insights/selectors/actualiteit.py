"""How current the summaries are: the dashboard only reads them; the worker's job
`inzicht_bijwerken` (core.jobs, every round) rebuilds the days a change marked."""

from __future__ import annotations

from loket.insights.models import VerouderdeDag


def dagen_wachtend() -> int:
    """How many (source, day) summaries a change marked and the worker has not rebuilt yet."""

    return VerouderdeDag.objects.count()
