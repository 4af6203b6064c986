"""Sections of the /inzicht/ dashboard that other apps add (dependency inversion).

insights sits in one layer with its siblings (kwaliteit, proactive, …) and imports none of
them; an app that has figures for the dashboard registers a builder in its AppConfig.ready():

    register_sectie("juistheid", juistheid_sectie)

A builder takes the dashboard's filters and the norms by code (insights.Norm) and returns a
`Sectie` (or None: nothing to show). dashboard_get places the registered sections after the
first section (FCR, self-service, repeat contact), in the order they were registered."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no import at run time: selectors.dashboard imports this module
    from loket.insights.selectors.filters import Filters
    from loket.insights.selectors.presentation import Sectie

SectieBouwer = Callable[["Filters", dict], "Sectie | None"]

_bouwers: dict[str, SectieBouwer] = {}


def register_sectie(key: str, bouwer: SectieBouwer) -> None:
    """Register (or replace) the builder of one extra dashboard section."""
    _bouwers[key] = bouwer


def extra_secties(filters: Filters, normen: dict) -> list[Sectie]:
    secties = []
    for bouwer in _bouwers.values():
        sectie = bouwer(filters, normen)
        if sectie is not None:
            secties.append(sectie)
    return secties
