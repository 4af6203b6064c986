"""Demo data for meldingen openbare ruimte (called after the zaken in `loket demo`): routing
rules (all BOR MELD categories to Openbare Ruimte; the terms are seeded) and a few hundred
meldingen in Zeventerpen, classified by the real classifier, some in triage."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from loket.core.calendar import get_calendar
from loket.meldingen.classification import get_classifier, read_examples
from loket.meldingen.models import MeldCategorie, Melding, MeldingStatus

# A box around Zeventerpen (fictitious): about 3.3 km north-south, 4 km east-west.
BOX = (52.235, 52.265, 6.13, 6.19)
VAGUE = [
    "Kunnen jullie even komen kijken, het is hier niet in orde",
    "Er is iets raars aan de hand bij ons in de straat",
    "Al weken last van dit probleem, graag actie",
    "Zie foto, dit moet opgelost worden",
    "Het is hier een zooitje",
]
PLACES = ["voor nummer", "bij nummer", "tegenover nummer", "naast huisnummer"]


def build(builder, summary) -> dict | None:

    rng = builder.rng
    calendar = get_calendar()
    counts: dict[str, int] = {}

    # --- meldingen openbare ruimte ----------------------------------------------------------
    team = builder.teams.get("openbare-ruimte")
    if team is not None:
        MeldCategorie.objects.update(team=team)
    categories = {c.code: c for c in MeldCategorie.objects.select_related("team")}
    by_pair = {(c.hoofdcategorie, c.subcategorie): c for c in categories.values()}
    phrases = [text for pair, texts in read_examples().items() if pair in by_pair for text in texts]
    from loket.registries.models import BagAdres

    # A melding at "Kerkstraat 12" lies at that address's BAG point (any woonplaats), nudged by
    # the same random draws that used to place it anywhere in the box.
    points: dict[tuple[str, int], tuple[float, float]] = {}
    for straat, nummer, lat, lon in BagAdres.objects.filter(lat__isnull=False).values_list(
        "straatnaam", "huisnummer", "lat", "lon"
    ):
        if lat is not None and lon is not None:
            points.setdefault((straat, nummer), (lat, lon))
    classifier = get_classifier()
    threshold = settings.LOKET_MELDING_DREMPEL
    n = min(3000, max(150, builder.scale.persons // 25))
    now = timezone.now()
    today = builder.today
    meldingen, moments = [], []
    for i in range(n):
        text = rng.choice(VAGUE) if rng.random() < 0.06 else rng.choice(phrases)
        text = text[0].upper() + text[1:]
        street = rng.choice(builder.straatnamen)
        number = rng.randint(1, 120)
        if rng.random() < 0.5:
            text = f"{text}, {rng.choice(PLACES)} {number}"
        result = classifier.classify(text)
        voorstel = categories.get(result.code) if result.code else None
        confident = voorstel is not None and result.zekerheid >= threshold
        created = now - dt.timedelta(minutes=rng.randint(5, 60 * 24 * 60))
        start = timezone.localdate(created)
        term = voorstel.afhandeltermijn_werkdagen if voorstel else 5
        streefdatum = calendar.add_working_days(start, term)
        if not confident:
            status = MeldingStatus.GEMELD
        elif streefdatum < today and rng.random() < 0.85:
            status = MeldingStatus.AFGEHANDELD
        else:
            status = rng.choice(
                [MeldingStatus.GEMELD, MeldingStatus.IN_BEHANDELING, MeldingStatus.INGEPLAND]
            )
        has_point = rng.random() < 0.8
        point_lat = point_lon = None
        if has_point:
            box_lat, box_lon = rng.uniform(BOX[0], BOX[1]), rng.uniform(BOX[2], BOX[3])
            point_lat, point_lon = box_lat, box_lon
        if has_point and (street, number) in points:
            lat0, lon0 = points[(street, number)]
            # within about 15 m of the address, on the street side
            point_lat = lat0 + (box_lat - BOX[0]) / (BOX[1] - BOX[0]) * 0.00025 - 0.000125
            point_lon = lon0 + (box_lon - BOX[2]) / (BOX[3] - BOX[2]) * 0.0004 - 0.0002
        moments.append(created)
        meldingen.append(
            Melding(
                referentie=f"tmp-demo-{i}",
                tekst=text,
                adres=f"{street} {number}, Zeventerpen",
                lat=round(point_lat, 6) if point_lat is not None else None,
                lon=round(point_lon, 6) if point_lon is not None else None,
                melder_id=rng.choice(builder.person_partij_ids)
                if builder.person_partij_ids and rng.random() < 0.4
                else None,
                email=f"melder{i}@example.org" if rng.random() < 0.3 else "",
                kanaal=rng.choices(["web", "telefoon", "open311", "balie"], [60, 25, 10, 5])[0],
                categorie=voorstel if confident else None,
                voorgestelde_categorie=voorstel,
                zekerheid=result.zekerheid,
                hoofd_zekerheid=result.hoofd_zekerheid,
                in_triage=not confident,
                status=status,
                team=voorstel.team if confident and voorstel is not None else None,
                streefdatum=streefdatum,
                afgehandeld_op=created + dt.timedelta(days=rng.randint(1, 4))
                if status == MeldingStatus.AFGEHANDELD
                else None,
                afhandeling="Opgelost door de buitendienst."
                if status == MeldingStatus.AFGEHANDELD
                else "",
            )
        )
    Melding.objects.bulk_create(meldingen, batch_size=1000)
    if meldingen and meldingen[0].pk is None:  # a backend without RETURNING on bulk_create
        by_ref = dict(
            Melding.objects.filter(referentie__startswith="tmp-demo-").values_list(
                "referentie", "pk"
            )
        )
        for melding in meldingen:
            melding.pk = by_ref[melding.referentie]
    for melding, moment in zip(meldingen, moments, strict=True):
        melding.referentie = f"MOR-{moment.year}-{melding.pk:06d}"
        melding.created_at = moment  # auto_now_add set "now"; the spread is written here
        melding.updated_at = melding.afgehandeld_op or moment
    Melding.objects.bulk_update(
        meldingen, ["referentie", "created_at", "updated_at"], batch_size=1000
    )
    rows = meldingen
    counts["Meldingen openbare ruimte"] = len(rows)
    counts["Meldingen in triage"] = sum(1 for m in meldingen if m.in_triage)
    return counts
