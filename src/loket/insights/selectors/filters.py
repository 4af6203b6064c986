"""The insight pages' filters: parsed and validated from the query string."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils import timezone

from loket.accounts.models import Team
from loket.catalogue.models import Product
from loket.core.errors import DomainError
from loket.core.models import KanaalSoort

PERIODES = {"week": "week", "maand": "maand"}
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Filters:
    van: dt.date
    tot: dt.date
    kanaalsoort: str | None = None
    team: Team | None = None
    product: Product | None = None
    per: str = "week"

    def as_params(self) -> dict[str, str]:
        params = {"van": self.van.isoformat(), "tot": self.tot.isoformat(), "per": self.per}
        if self.kanaalsoort:
            params["kanaal"] = self.kanaalsoort
        if self.team is not None:
            params["team"] = self.team.slug
        if self.product is not None:
            params["product"] = str(self.product.pk)
        return params

    def narrow(self, qs: QuerySet[M], *, kanaalsoort: str = "kanaalsoort") -> QuerySet[M]:
        """`qs` within the chosen kind of channel (at the lookup `kanaalsoort`), team and
        product: the filters every summary and survey query applies alike."""
        if self.kanaalsoort:
            qs = qs.filter(**{kanaalsoort: self.kanaalsoort})
        if self.team is not None:
            qs = qs.filter(team=self.team)
        if self.product is not None:
            qs = qs.filter(product=self.product)
        return qs

    @property
    def omschrijving(self) -> str:
        parts = [f"{self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"]
        if self.kanaalsoort:
            parts.append(f"kanaal {KanaalSoort(self.kanaalsoort).label}")
        if self.team is not None:
            parts.append(f"team {self.team}")
        if self.product is not None:
            parts.append(f"product {self.product}")
        return ", ".join(parts)


def _parse_date(value: str, field_name: str, label: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DomainError(
            f"De {label} '{value}' is geen geldige datum; gebruik de vorm 2026-01-31.",
            field=field_name,
        ) from None
    if not 2000 <= day.year <= 2100:
        raise DomainError(
            f"De {label} '{value}' ligt buiten de periode 2000–2100.", field=field_name
        )
    return day


def filters_from_params(params: Mapping[str, Any], *, today: dt.date | None = None) -> Filters:
    """Parse and validate the dashboard filters (GET parameters). Bad input: DomainError."""

    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def fail(exc: DomainError) -> None:
        errors.setdefault(exc.field or "", []).append(exc.message)

    tot = today
    van = today - dt.timedelta(days=364)
    try:
        if params.get("tot"):
            tot = _parse_date(params["tot"], "tot", "einddatum")
    except DomainError as exc:
        fail(exc)
    try:
        if params.get("van"):
            van = _parse_date(params["van"], "van", "begindatum")
        elif params.get("tot"):
            van = tot - dt.timedelta(days=364)
    except DomainError as exc:
        fail(exc)
    if not errors and tot < van:
        errors["tot"] = ["De einddatum ligt vóór de begindatum."]
    if not errors and (tot - van).days > 3 * 366:
        errors["van"] = ["Kies een periode van ten hoogste drie jaar."]

    kanaal = (params.get("kanaal") or "").strip() or None
    if kanaal and kanaal not in KanaalSoort.values:
        errors["kanaal"] = [
            f"Onbekend kanaal '{kanaal}'; kies uit {', '.join(KanaalSoort.values)}."
        ]
    team = None
    team_value = (params.get("team") or "").strip()
    if team_value:
        team = Team.objects.filter(slug=team_value).first()
        if team is None:
            errors["team"] = [f"Onbekend team '{team_value}'."]
    product = None
    product_value = (params.get("product") or "").strip()
    if product_value:
        product = (
            Product.objects.filter(pk=int(product_value)).first()
            if product_value.isdigit()
            else None
        )
        if product is None:
            errors["product"] = [f"Onbekend product '{product_value}'."]
    per = params.get("per") or ""
    if per and per not in PERIODES:
        errors["per"] = ["Kies per week of per maand."]
    if errors:
        first_field, messages = next(iter(errors.items()))
        raise DomainError(messages[0], field=first_field, errors=errors)
    if not per:
        per = "maand" if (tot - van).days > 120 else "week"
    return Filters(van=van, tot=tot, kanaalsoort=kanaal, team=team, product=product, per=per)
