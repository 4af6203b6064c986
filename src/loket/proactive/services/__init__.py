"""Writes for proactive service: rules (regels), the signals they raise for citizens, and offering
them.

One module per subdomain; callers import from `loket.proactive.services` (re-exported here)."""

from loket.proactive.services.regels import regel_save, standaardregels_load
from loket.proactive.services.signalen import (
    CHUNK,
    PHONE_KANALEN,
    PORTAL_KANALEN,
    SCAN_GEBEURTENISSEN,
    ScanResultaat,
    levensgebeurtenis_signal,
    signaal_offer,
    signalen_compute,
    signalen_link_to_contacten,
    zaakstatus_signal,
)

__all__ = [
    "CHUNK",
    "PHONE_KANALEN",
    "PORTAL_KANALEN",
    "SCAN_GEBEURTENISSEN",
    "ScanResultaat",
    "levensgebeurtenis_signal",
    "regel_save",
    "signaal_offer",
    "signalen_compute",
    "signalen_link_to_contacten",
    "standaardregels_load",
    "zaakstatus_signal",
]
