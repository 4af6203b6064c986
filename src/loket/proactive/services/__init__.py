"""Writes for proactive service: rules (regels), the signals they raise for citizens, and offering
them.

One module per subdomain; callers import from `loket.proactive.services` (re-exported here)."""

from loket.proactive.services.regels import regel_opslaan, standaardregels_laden
from loket.proactive.services.signalen import (
    CHUNK,
    PHONE_KANALEN,
    PORTAL_KANALEN,
    SCAN_GEBEURTENISSEN,
    ScanResultaat,
    levensgebeurtenis_signaleren,
    signaal_aanbieden,
    signalen_berekenen,
    signalen_koppelen_aan_contacten,
    zaakstatus_signaleren,
)

__all__ = [
    "CHUNK",
    "PHONE_KANALEN",
    "PORTAL_KANALEN",
    "SCAN_GEBEURTENISSEN",
    "ScanResultaat",
    "levensgebeurtenis_signaleren",
    "regel_opslaan",
    "signaal_aanbieden",
    "signalen_berekenen",
    "signalen_koppelen_aan_contacten",
    "standaardregels_laden",
    "zaakstatus_signaleren",
]
