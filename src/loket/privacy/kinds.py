"""The kinds of personal data the kernel keeps: the audit log (core.AuditEntry)."""

from __future__ import annotations

from loket.core.models import AuditEntry
from loket.privacy.models import Actie
from loket.privacy.retention import Soort, Termijn, register


def _audit_verlopen(cutoff, sleutel, andere):
    return AuditEntry.objects.filter(occurred_at__lt=cutoff)


def _audit_verwerken(pks, actie):
    return AuditEntry.objects.filter(pk__in=pks).delete()[0]


def register_core() -> None:
    register(
        Soort(
            code="auditlog",
            label="Auditlog (wie las welke persoonsgegevens, waarom)",
            standaard=Termijn(
                dagen=2 * 365,
                actie=Actie.VERNIETIGEN,
                bron="Loket-standaard: twee jaar, zodat een inwoner zijn inzageverzoek over de "
                "afgelopen periode beantwoord krijgt; de gemeente stelt de termijn vast.",
            ),
            verlopen=_audit_verlopen,
            verwerken=_audit_verwerken,
        )
    )
