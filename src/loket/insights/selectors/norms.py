"""Norms and channel costs as beheerders set them (insights.Norm, KanaalKosten), with defaults."""

from __future__ import annotations

from decimal import Decimal

from loket.insights.constants import DEFAULT_KOSTEN, DEFAULT_NORMS, NormCode
from loket.insights.models import KanaalKosten, Norm


def norm_map() -> dict:
    """The norms by code; a norm missing from the table counts with its default (issue 7)."""

    normen = {n.code: n for n in Norm.objects.all()}
    for code, waarde, eenheid, richting, parameter, parameter_eenheid in DEFAULT_NORMS:
        if code.value not in normen:
            normen[code.value] = Norm(
                code=code.value,
                naam=str(NormCode(code).label),
                streefwaarde=Decimal(str(waarde)),
                eenheid=eenheid.value,
                richting=richting.value,
                parameter=parameter,
                parameter_eenheid=parameter_eenheid,
            )
    return normen


# The e-mail norm when none is configured, in working days, and office hours per working day.
EMAILNORM_WERKDAGEN = 2
WERKUREN_PER_DAG = 8


def emailnorm_werkuren() -> int:
    """The e-mail norm (norm "email", in working days) in office hours: the deadline of a
    written question, from the website or by e-mail."""
    return norm_parameter("email", EMAILNORM_WERKDAGEN) * WERKUREN_PER_DAG


def norm_parameter(code: str, default: int) -> int:

    value = Norm.objects.filter(code=code).values_list("parameter", flat=True).first()
    return int(value) if value else default


def kanaal_kosten() -> dict[str, Decimal]:

    kosten = {soort: Decimal(v) for soort, v in DEFAULT_KOSTEN.items()}
    kosten.update(dict(KanaalKosten.objects.values_list("soort", "kosten_per_contact")))
    return kosten
