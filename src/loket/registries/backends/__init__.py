"""One interface to the BRP, BAG and KVK; `settings.LOKET_REGISTRY_BACKEND` picks the backend.

    from loket.registries.backends import get_brp
    persoon = get_brp().persoon("999990019")  # PersoonData | None

"demo" reads the registries tables (Zeventerpen); "http" speaks the Haal Centraal-style APIs at
the addresses in `settings.LOKET_REGISTRY_HTTP`. Settings are read per call, never at import.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from loket.registries.backends.base import (
    AdresData,
    BagBackend,
    BrpBackend,
    DocumentData,
    KvkBackend,
    PersoonData,
    StraatData,
    VestigingData,
)

__all__ = [
    "AdresData",
    "BagBackend",
    "BrpBackend",
    "DocumentData",
    "KvkBackend",
    "PersoonData",
    "StraatData",
    "VestigingData",
    "get_bag",
    "get_brp",
    "get_kvk",
]

BACKENDS = ("demo", "http")


def _backend_name() -> str:
    name = settings.LOKET_REGISTRY_BACKEND or "demo"
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"LOKET_REGISTRY_BACKEND moet 'demo' of 'http' zijn, niet {name!r}."
        )
    return name


def get_brp() -> BrpBackend:
    if _backend_name() == "http":
        from loket.registries.backends.http import HttpBrp

        return HttpBrp()
    from loket.registries.backends.demo import DemoBrp

    return DemoBrp()


def get_bag() -> BagBackend:
    if _backend_name() == "http":
        from loket.registries.backends.http import HttpBag

        return HttpBag()
    from loket.registries.backends.demo import DemoBag

    return DemoBag()


def get_kvk() -> KvkBackend:
    if _backend_name() == "http":
        from loket.registries.backends.http import HttpKvk

        return HttpKvk()
    from loket.registries.backends.demo import DemoKvk

    return DemoKvk()
