"""The personal data the knowledge base keeps, for the retention engine (privacy.retention): the
words citizens and agents typed into a search that found nothing good (ZoekLog). People type
names, addresses and numbers into a search box; the words go when their term passes. (The
judgements learned from use, ZoekKeuze, keep no question with digits and are purged by the
job `zoekkeuzes_opruimen` after the term the search uses them.)"""

from __future__ import annotations

from loket.knowledge.models import Antwoordbezoek, ZoekLog, Zoektocht
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    return ZoekLog.objects.filter(gezocht_op__lt=cutoff)


def _verwijderen(pks, actie):
    return ZoekLog.objects.filter(pk__in=pks).delete()[0]


def _zoektochten_verlopen(cutoff, sleutel, andere):
    """Searches still holding the logged-in citizen (the daily job links them after 24 hours
    and clears the partij; this is the safety net when the job did not run)."""
    return Zoektocht.objects.filter(partij__isnull=False, gezocht_op__lt=cutoff)


def _zoektochten_ontkoppelen(pks, actie):
    return Zoektocht.objects.filter(pk__in=pks).update(partij=None)


def _antwoordbezoeken_verlopen(cutoff, sleutel, andere):
    return Antwoordbezoek.objects.filter(partij__isnull=False, bezocht_op__lt=cutoff)


def _antwoordbezoeken_ontkoppelen(pks, actie):
    return Antwoordbezoek.objects.filter(pk__in=pks).update(partij=None)


_KOPPELING = (
    "Loket-standaard: de dagelijkse taak koppelt na 24 uur aan een contact en wist dan de "
    "inwoner; na twee dagen wist deze termijn hem in elk geval. De telling blijft "
    "(docs/digitaal-gebruik.md)."
)


def register_kinds() -> None:
    register(
        Soort(
            code="zoektochten",
            label="Zoektochten op de website: wie zocht (ingelogd), tot de koppeling met een contact",
            standaard=Termijn(dagen=2, actie=Actie.ANONIMISEREN, bron=_KOPPELING),
            verlopen=_zoektochten_verlopen,
            verwerken=_zoektochten_ontkoppelen,
        )
    )
    register(
        Soort(
            code="antwoordbezoeken",
            label="Gelezen antwoorden op de website: wie las (ingelogd), tot de koppeling",
            standaard=Termijn(dagen=2, actie=Actie.ANONIMISEREN, bron=_KOPPELING),
            verlopen=_antwoordbezoeken_verlopen,
            verwerken=_antwoordbezoeken_ontkoppelen,
        )
    )
    register(
        Soort(
            code="zoekvragen",
            label="Zoekvragen zonder goed antwoord (de getypte woorden)",
            standaard=Termijn(
                dagen=365,
                actie=Actie.VERNIETIGEN,
                bron="Loket-standaard: een jaar, genoeg voor de redactie om ontbrekende "
                "antwoorden te zien en voor de inzichten per maand; de gemeente stelt de "
                "termijn vast.",
            ),
            verlopen=_verlopen,
            verwerken=_verwijderen,
        )
    )
