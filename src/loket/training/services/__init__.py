"""Writes for the KCC simulation (Zeventerpen) and the kennistoets: sessions with a fictitious
customer, scoring, and the knowledge test. Nothing here touches real records.

One module per subdomain; callers import from `loket.training.services` (re-exported here)."""

from loket.training.services.beoordeling import (
    Beoordeling,
    Registratie,
    VraagRegistratie,
    artikel_producten,
    beoordelen,
    registratie_check,
    scenario_namen,
    sessie_afronden,
)
from loket.training.services.sessie import (
    HERHAAL_VENSTER,
    REACTIE_AANBOD,
    REACTIE_ANTWOORD,
    REACTIE_FOUT,
    REACTIE_STURING,
    REACTIE_VRAAG,
    TEKST_MAX,
    ZOEK_MIN,
    klantbeeld_resolve,
    oefenklant_get,
    sessie_actie,
    sessie_start,
    sessie_zoeken,
)
from loket.training.services.toets import toets_beantwoorden, toets_start

__all__ = [
    "HERHAAL_VENSTER",
    "REACTIE_AANBOD",
    "REACTIE_ANTWOORD",
    "REACTIE_FOUT",
    "REACTIE_STURING",
    "REACTIE_VRAAG",
    "TEKST_MAX",
    "ZOEK_MIN",
    "Beoordeling",
    "Registratie",
    "VraagRegistratie",
    "artikel_producten",
    "beoordelen",
    "klantbeeld_resolve",
    "oefenklant_get",
    "registratie_check",
    "scenario_namen",
    "sessie_actie",
    "sessie_afronden",
    "sessie_start",
    "sessie_zoeken",
    "toets_beantwoorden",
    "toets_start",
]
