"""The personal data the knowledge base keeps, for the retention engine (privacy.retention): the
words citizens and agents typed into a search that found nothing good (ZoekLog). People type
names, addresses and numbers into a search box; the words go when their term passes. (The
judgements learned from use, ZoekKeuze, keep no question with digits and are purged by the
job `zoekkeuzes_opruimen` after the term the search uses them.)"""

from __future__ import annotations

from loket.knowledge.models import ZoekLog
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _verlopen(cutoff, sleutel, andere):
    return ZoekLog.objects.filter(gezocht_op__lt=cutoff)


def _verwijderen(pks, actie):
    return ZoekLog.objects.filter(pk__in=pks).delete()[0]


def register_kinds() -> None:
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
