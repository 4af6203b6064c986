"""Form funnels as day counters (issue 21, docs/digitaal-gebruik.md).

The services that move a concept on (`concept_start`, `concept_save`, submitting, the Flits
automation) count here: per form, step and day how many concepts reached a step, finished it or
were refused, how long a step took (a histogram, no single duration kept), which validation
message refused it (the message with what the citizen typed taken out), and the submissions and
automatic completions. Nothing here names a concept or a person.

The daily job `formulier_afhakers_tellen` (`afhakers_count`) counts, once a day's 7 days have
passed, the concepts last touched that day that were never submitted, and how many of them were
followed within 7 days by a call or a visit to the counter of the same partij about the form's
product: it reads the concepts and contacts, and writes only the counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from loket.contacts.models import Vraag
from loket.core.models import KanaalSoort
from loket.selfservice.models import (
    Concept,
    Formulier,
    FormulierDagTotaal,
    FormulierFoutDagTotaal,
    FormulierStapDagTotaal,
    FormulierStapDuurDagTotaal,
)

# Upper bounds (seconds) of the duration classes; 0 is "longer than the last".
DUUR_KLASSEN = (10, 30, 60, 120, 300, 600, 1800, 3600)
# After abandoning, a call or counter visit within this many days counts as "called anyway".
AFHAAK_CONTACT_DAGEN = 7
# Days whose concepts still exist (concepts live 30 days after their last change).
AFHAAK_HERBEREKEN_DAGEN = 29

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’")
_BRACKETS = re.compile(r"\([^)]*\)")
_DIGITS = re.compile(r"\d+")


def melding_anonymise(message: str) -> str:
    """A validation message as a code for counting: what the citizen typed (quoted), dates and
    numbers (in brackets or not) are taken out, so the same rule counts as one message."""
    text = _QUOTED.sub("…", message)
    text = _BRACKETS.sub("(…)", text)
    text = _DIGITS.sub("…", text)
    return " ".join(text.split())[:300]


def duur_klasse(seconden: float) -> int:
    for bound in DUUR_KLASSEN:
        if seconden <= bound:
            return bound
    return 0


def _add(model: type[models.Model], keys: Mapping[str, Any], **amounts: int) -> None:
    """Add to a day counter; the row is made on first use (safe when two requests race)."""
    increments = {k: F(k) + v for k, v in amounts.items()}
    manager = model._default_manager
    if manager.filter(**keys).update(**increments):
        return
    try:
        with transaction.atomic():
            manager.create(**keys, **amounts)
    except IntegrityError:
        manager.filter(**keys).update(**increments)


def _today() -> dt.date:
    return timezone.localdate()


def trechter_count_start(*, formulier: Formulier) -> None:
    """A new concept: the form started (step 1 reached)."""
    _add(FormulierStapDagTotaal, {"formulier": formulier, "stap": 0, "dag": _today()}, bereikt=1)


def trechter_count_step(
    *, formulier: Formulier, stap: int, seconden: float | None, volgende: int
) -> None:
    """A concept finished step `stap` for the first time and reached step `volgende` (the check
    page when it equals the number of steps), after `seconden` on the step."""
    dag = _today()
    _add(FormulierStapDagTotaal, {"formulier": formulier, "stap": stap, "dag": dag}, voltooid=1)
    _add(FormulierStapDagTotaal, {"formulier": formulier, "stap": volgende, "dag": dag}, bereikt=1)
    if seconden is not None:
        _add(
            FormulierStapDuurDagTotaal,
            {
                "formulier": formulier,
                "stap": stap,
                "dag": dag,
                "tot_seconden": duur_klasse(seconden),
            },
            aantal=1,
        )


def trechter_count_refusal(
    *, formulier: Formulier, stap: int, errors: Mapping[str, list[str]]
) -> None:
    """A step refused: one attempt, and per field its first message (anonymised)."""
    dag = _today()
    with transaction.atomic():
        _add(
            FormulierStapDagTotaal, {"formulier": formulier, "stap": stap, "dag": dag}, afgewezen=1
        )
        for veld, meldingen in errors.items():
            if not meldingen:
                continue
            _add(
                FormulierFoutDagTotaal,
                {
                    "formulier": formulier,
                    "stap": stap,
                    "dag": dag,
                    "veld": str(veld)[:60],
                    "melding": melding_anonymise(str(meldingen[0])),
                },
                aantal=1,
            )


def trechter_count_submission(*, formulier: Formulier) -> None:
    _add(FormulierDagTotaal, {"formulier": formulier, "dag": _today()}, ingediend=1)


def trechter_count_automatic(*, formulier: Formulier) -> None:
    _add(FormulierDagTotaal, {"formulier": formulier, "dag": _today()}, automatisch=1)


def _day_bounds(dag: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(dag, dt.time.min, tzinfo=tz)
    return lo, dt.datetime.combine(dag + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


@transaction.atomic
def afhakers_count(*, vandaag: dt.date | None = None) -> int:
    """Count the abandoned concepts of each day whose 7 days have passed (and recount the days
    whose concepts still exist: a concept resumed later moves to its new day). Returns the
    number of form-days written. Only counts are stored."""
    vandaag = vandaag or _today()
    laatste = vandaag - dt.timedelta(days=AFHAAK_CONTACT_DAGEN + 1)
    eerste = vandaag - dt.timedelta(days=AFHAAK_HERBEREKEN_DAGEN)
    lo, _hi = _day_bounds(eerste)
    _lo, hi = _day_bounds(laatste)
    contact = Vraag.objects.filter(
        klantcontact__partij=OuterRef("partij"),
        product=OuterRef("formulier__product"),
        klantcontact__kanaal__soort__in=[KanaalSoort.CALL, KanaalSoort.FACE],
        klantcontact__plaatsgevonden_op__gt=OuterRef("updated_at"),
        klantcontact__plaatsgevonden_op__lte=OuterRef("updated_at")
        + dt.timedelta(days=AFHAAK_CONTACT_DAGEN),
    )
    per_dag: dict[tuple[int, dt.date], dict[str, int]] = {}
    concepten = (
        Concept.objects.filter(inzending__isnull=True, updated_at__gte=lo, updated_at__lt=hi)
        .annotate(gebeld=Exists(contact))
        .values_list("formulier_id", "updated_at", "partij_id", "gebeld")
    )
    for formulier_id, updated_at, partij_id, gebeld in concepten.iterator():
        telling = per_dag.setdefault(
            (formulier_id, timezone.localdate(updated_at)),
            {"afgehaakt": 0, "afgehaakt_ingelogd": 0, "afgehaakt_contact": 0},
        )
        telling["afgehaakt"] += 1
        if partij_id is not None:
            telling["afgehaakt_ingelogd"] += 1
            telling["afgehaakt_contact"] += int(bool(gebeld))
    # Days in the window without abandoned concepts are written as zero (counted, none).
    FormulierDagTotaal.objects.filter(dag__gte=eerste, dag__lte=laatste).update(
        afgehaakt=0, afgehaakt_ingelogd=0, afgehaakt_contact=0, afhakers_geteld=True
    )
    for (formulier_id, dag), telling in per_dag.items():
        FormulierDagTotaal.objects.update_or_create(
            formulier_id=formulier_id,
            dag=dag,
            defaults={**telling, "afhakers_geteld": True},
        )
    return len(per_dag)
