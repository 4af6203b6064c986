"""The signals that put a contact in the review queue ahead of the sample (issue 20), beside the
repeat contact and the answer without an article (services.signalen_select):

- *klacht*: after the contact (within HERHAAL_DAGEN days) the answer's article got a complaint
  (an ArtikelFeedback of a KCM: onjuist, onvolledig, onduidelijk; not one the redactie rejected)
  on that version, or a citizen's "niet geholpen" on it (ZoekKeuze, portal or chat), or the same
  partij came back with a complaint (a question whose contactreden or hoofdreden is a "Klacht").
  An article's complaint points at its latest KLACHT_PER_ARTIKEL contacts of the month.
- *verzoek niet nodig*: a contactverzoek made at the contact that the back office closed because
  it was not needed: its result says so (NIET_NODIG_WOORDEN, e.g. "niet nodig", "stond in de
  kennisbank"), or the back office answered from a knowledge-article version that was already
  published when the contact took place (the front office could have given that answer).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from loket.contacts.constants import ContactverzoekStatus, GebeurtenisSoort
from loket.contacts.models import Contactverzoek, ContactverzoekGebeurtenis, Klantcontact, Vraag
from loket.knowledge.models import ArtikelFeedback, FeedbackStatus, ZoekKeuze
from loket.kwaliteit.constants import HERHAAL_DAGEN, KLACHT_PER_ARTIKEL, NIET_NODIG_WOORDEN

KLACHT_SOORTEN = (
    ArtikelFeedback.Soort.ONJUIST,
    ArtikelFeedback.Soort.ONVOLLEDIG,
    ArtikelFeedback.Soort.ONDUIDELIJK,
)


def _venster_eind() -> ExpressionWrapper:
    return ExpressionWrapper(
        OuterRef("klantcontact__plaatsgevonden_op") + dt.timedelta(days=HERHAAL_DAGEN),
        output_field=DateTimeField(),
    )


def klacht_select(contacten: QuerySet[Klantcontact]) -> set[int]:
    """Contacts whose answer drew a complaint or a "niet geholpen" (see the module)."""
    start = OuterRef("klantcontact__plaatsgevonden_op")
    feedback = ArtikelFeedback.objects.filter(
        Q(versie__isnull=True) | Q(versie=OuterRef("kennisartikel_versie")),
        artikel=OuterRef("kennisartikel_versie__artikel"),
        soort__in=KLACHT_SOORTEN,
        created_at__gte=start,
        created_at__lte=_venster_eind(),
    ).exclude(status=FeedbackStatus.AFGEWEZEN)
    niet_geholpen = ZoekKeuze.objects.filter(
        artikel=OuterRef("kennisartikel_versie__artikel"),
        geholpen=False,
        afgewezen=False,
        gekozen_op__gte=start,
        gekozen_op__lte=_venster_eind(),
    )
    per_artikel: dict[int, list[tuple[dt.datetime, int]]] = defaultdict(list)
    for pk, artikel_id, op in (
        Vraag.objects.filter(klantcontact__in=contacten, kennisartikel_versie__isnull=False)
        .filter(Exists(feedback) | Exists(niet_geholpen))
        .values_list(
            "klantcontact_id", "kennisartikel_versie__artikel_id", "klantcontact__plaatsgevonden_op"
        )
    ):
        per_artikel[artikel_id].append((op, pk))
    gekozen: set[int] = set()
    for rijen in per_artikel.values():
        gekozen |= {pk for _, pk in sorted(set(rijen), reverse=True)[:KLACHT_PER_ARTIKEL]}

    klacht_later = Vraag.objects.filter(
        Q(contactreden__naam__icontains="klacht")
        | Q(contactreden__hoofdreden__naam__icontains="klacht"),
        klantcontact__partij=OuterRef("klantcontact__partij"),
        klantcontact__plaatsgevonden_op__gt=start,
        klantcontact__plaatsgevonden_op__lte=_venster_eind(),
    )
    gekozen |= set(
        Vraag.objects.filter(klantcontact__in=contacten, klantcontact__partij__isnull=False)
        .exclude(
            Q(contactreden__naam__icontains="klacht")
            | Q(contactreden__hoofdreden__naam__icontains="klacht")
        )
        .filter(Exists(klacht_later))
        .values_list("klantcontact_id", flat=True)
    )
    return gekozen


def verzoek_niet_nodig_select(contacten: QuerySet[Klantcontact]) -> set[int]:
    """Contacts with a contactverzoek that was not needed (see the module)."""
    verzoeken = list(
        Contactverzoek.objects.filter(
            klantcontact__in=contacten, status=ContactverzoekStatus.VERWERKT
        ).values_list("pk", "klantcontact_id", "resultaat", "klantcontact__plaatsgevonden_op")
    )
    gekozen = {
        contact_id
        for _, contact_id, resultaat, _ in verzoeken
        if any(woord in (resultaat or "").lower() for woord in NIET_NODIG_WOORDEN)
    }
    # The closing contact of each verzoek (its reference is in the close's history entry).
    sluit: dict[int, str] = {}
    for verzoek_id, detail in ContactverzoekGebeurtenis.objects.filter(
        verzoek_id__in=[v[0] for v in verzoeken], soort=GebeurtenisSoort.AFGESLOTEN
    ).values_list("verzoek_id", "detail"):
        if isinstance(detail, dict) and detail.get("klantcontact"):
            sluit[verzoek_id] = detail["klantcontact"]
    gepubliceerd: dict[str, list[dt.datetime]] = defaultdict(list)
    for ref, op in Vraag.objects.filter(
        klantcontact__referentienummer__in=set(sluit.values()),
        kennisartikel_versie__isnull=False,
    ).values_list("klantcontact__referentienummer", "kennisartikel_versie__gepubliceerd_op"):
        gepubliceerd[ref].append(op)
    for verzoek_id, contact_id, _, op in verzoeken:
        if any(p <= op for p in gepubliceerd.get(sluit.get(verzoek_id, ""), [])):
            gekozen.add(contact_id)
    return gekozen
