"""The URL conf as a list of concrete URLs to try, one per route, with sample arguments taken
from the security world (so a route about a record finds one)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

ADMIN_PREFIXES = ("admin/", "catalogusbeheer/")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"; unnamed routes get their pattern
    pattern: str

    def url(self, world) -> str:
        return "/" + _fill(self, world)


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or str(pattern.pattern)
            yield Route(f"{namespace}:{name}" if namespace else name, prefix + str(pattern.pattern))


def routes() -> list[Route]:
    """Every route outside the Django admin sites (those are checked as a whole)."""
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns):
        if route.pattern.startswith(ADMIN_PREFIXES):
            continue
        seen.setdefault(route.name, route)
    return list(seen.values())


RANDOM_UUID = str(uuid.UUID(int=0x1234))


def _sample(route: Route, world, converter: str, name: str) -> str:
    eigen = world.eigen
    records = {
        "backoffice:detail": eigen.verzoek.pk,
        "backoffice:zaak": eigen.zaak.pk,
        "backoffice:melding": eigen.melding.pk,
    }
    if (
        route.name
        in ("inbox:item", "inbox:beantwoorden", "inbox:klant_koppelen", "inbox:toewijzen")
        and name == "pk"
    ):
        return str(world.inbox_verzoek.pk)
    if route.name == "inbox:terugbellen" and name == "pk":
        return str(world.inbox_terugbel.pk)
    if route.name == "inbox:bijlage" and name == "pk":
        return str(world.bijlage.pk)
    for prefix, value in records.items():
        if route.name.startswith(prefix) and name == "pk":
            return str(value)
    if route.name.startswith("backoffice:verzoek") or "/verzoek/" in route.pattern:
        return str(eigen.verzoek.pk)
    if "/zaak/" in route.pattern and name == "pk":
        return str(eigen.zaak.pk)
    if "/melding/" in route.pattern and name == "pk":
        return str(eigen.melding.pk)
    if route.name.startswith("kcc:") and name == "uuid":
        return str(eigen.persoon.uuid)
    if converter == "uuid" or name in ("uuid", "key", "product"):
        return RANDOM_UUID
    if converter == "int" or name in ("pk", "versie", "stap"):
        return "1"
    if name == "methode":
        return "digid"
    return "onbekend"


_TYPED = re.compile(r"<(?:(?P<conv>[a-z]+):)?(?P<name>\w+)>")
_REGEX = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
_REGEX_SAMPLES = {"pagina": "home", "tabel": "kanalen", "formaat": "csv", "app_label": "cases"}


def _fill(route: Route, world) -> str:
    path = _REGEX.sub(lambda m: _REGEX_SAMPLES.get(m["name"], "x"), route.pattern)
    path = _TYPED.sub(lambda m: _sample(route, world, m["conv"] or "str", m["name"]), path)
    return path.replace("^", "").replace("$", "").replace("\\.", ".")
