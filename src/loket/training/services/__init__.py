"""Writes for the KCC simulation (Zeventerpen) and the kennistoets: sessions with a fictitious
customer, scoring, and the knowledge test. Nothing here touches real records.

One module per subdomain; callers import from `loket.training.services` (re-exported here)."""

from loket.training.services.beoordeling import (
    Beoordeling,
    Registratie,
    VraagRegistratie,
    artikel_producten,
    registratie_check,
    scenario_namen,
    scenario_score,
    sessie_finish,
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
    artikel_kernen,
    klantbeeld_resolve,
    oefenklant_get,
    sessie_actie,
    sessie_search,
    sessie_start,
)
from loket.training.services.toets import toets_answer, toets_start

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
    "artikel_kernen",
    "artikel_producten",
    "klantbeeld_resolve",
    "oefenklant_get",
    "registratie_check",
    "scenario_namen",
    "scenario_score",
    "sessie_actie",
    "sessie_finish",
    "sessie_search",
    "sessie_start",
    "toets_answer",
    "toets_start",
]
