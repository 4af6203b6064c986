"""The personal data training keeps, for the retention engine (privacy.retention): an
employee's training sessions (what they said and scored) and knowledge tests. Scores of
employees are personal data too; they serve the employee's development, not a file for ever."""

from __future__ import annotations

from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register
from loket.training.models import Kennistoets, TrainingSessie

_BRON = (
    "Loket-standaard: twee jaar na de start, lang genoeg om een ontwikkeling te volgen; de "
    "gemeente stelt de termijn vast met de ondernemingsraad."
)


def _sessies_verlopen(cutoff, sleutel, andere):
    return TrainingSessie.objects.filter(gestart_op__lt=cutoff)


def _sessies_verwijderen(pks, actie):
    return TrainingSessie.objects.filter(pk__in=pks).delete()[1].get(TrainingSessie._meta.label, 0)


def _toetsen_verlopen(cutoff, sleutel, andere):
    return Kennistoets.objects.filter(gestart_op__lt=cutoff)


def _toetsen_verwijderen(pks, actie):
    return Kennistoets.objects.filter(pk__in=pks).delete()[1].get(Kennistoets._meta.label, 0)


def register_kinds() -> None:
    register(
        Soort(
            code="trainingssessies",
            label="Trainingssessies van medewerkers (gesprek, registratie en score)",
            standaard=Termijn(dagen=2 * 365, actie=Actie.VERNIETIGEN, bron=_BRON),
            verlopen=_sessies_verlopen,
            verwerken=_sessies_verwijderen,
        )
    )
    register(
        Soort(
            code="kennistoetsen",
            label="Kennistoetsen van medewerkers (vragen, antwoorden en uitslag)",
            standaard=Termijn(dagen=2 * 365, actie=Actie.VERNIETIGEN, bron=_BRON),
            verlopen=_toetsen_verlopen,
            verwerken=_toetsen_verwijderen,
        )
    )
