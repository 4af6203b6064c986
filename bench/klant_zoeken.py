"""Benchmark: finding a klant in the KCC by BSN vs phone number, e-mail address and KVK-nummer
(issue 16, item 4), server-side through the search page.

    .venv/bin/python bench/klant_zoeken.py                     # throwaway var/bench/zoeken.sqlite3
    .venv/bin/python bench/klant_zoeken.py --personen 20000    # smaller set
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_zoeken .venv/bin/python bench/klant_zoeken.py

Builds a realistic register in a fresh database (dropped first): --personen residents (default
100,000, the large demo's number) with BSNs from the demo range, 65 % of the adults with an
e-mail address and 55 % with a mobile number (as the demo generator gives them), and
5,000 companies with a KVK-nummer, half with a phone number. Then measures with Django's test
Client (a kcc-medewerker, force_login) 200 searches of each kind on random klanten: BSN, phone
number as people type it ("06-12345678", "+31 6 1234 5678", "0031 6 12345678" in turn),
e-mail address in another case, KVK-nummer. Prints figures, then one JSON object as the last
line. Target: each new search's p95 within the BSN search's p95 (plus 20 % for noise).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

from timing import figures  # bench/timing.py (this folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
RUNS = 200
WARMUP = 5
BATCH = 5000


def _samples_from_db(rng: random.Random) -> dict[str, list]:
    """What to search for in a register built by an earlier run (--hergebruik)."""
    from django.db.models import Count

    from loket.parties.constants import SoortDigitaalAdres
    from loket.parties.models import DigitaalAdres, Organisatie, Persoon

    def pick(values: list) -> list:
        return rng.sample(values, min(len(values), 1000))

    uniek = (
        DigitaalAdres.objects.filter(soort=SoortDigitaalAdres.TELEFOON, partij__soort="persoon")
        .values("zoekwaarde")
        .annotate(n=Count("pk"))
        .filter(n=1)
        .values_list("zoekwaarde", flat=True)
    )
    return {
        "bsn": pick(list(Persoon.objects.values_list("bsn", flat=True))),
        "telefoon": pick(list(uniek)),
        "email": [
            e.upper()
            for e in pick(
                list(
                    DigitaalAdres.objects.filter(soort=SoortDigitaalAdres.EMAIL).values_list(
                        "adres", flat=True
                    )
                )
            )
        ],
        "kvk": pick(list(Organisatie.objects.values_list("kvk_nummer", flat=True))),
    }


def _setup(database_url: str | None, *, keep: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    os.environ["DEBUG"] = "false"  # no query log, no debug templates: measure what production does
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("LOKET_VAR_DIR", str(var))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        db = var / "zoeken.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            if not keep:
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _fresh_postgres() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    settings = connection.settings_dict
    name = settings["NAME"]
    connection.close()
    dsn = f"host={settings['HOST'] or '127.0.0.1'} port={settings['PORT'] or 5432} "
    dsn += f"user={settings['USER']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def _mobiel(rng: random.Random, gebruikt: set[str]) -> str:
    """A mobile number nobody else in the register has (one klant per number, as it's searched)."""
    while True:
        nummer = f"+316{rng.randint(10_000_000, 99_999_999)}"
        if nummer not in gebruikt:
            gebruikt.add(nummer)
            return nummer


def _build(personen: int, bedrijven: int, rng: random.Random) -> dict[str, list]:
    """The register, bulk-loaded; returns samples of what to search for."""
    import datetime as dt

    from django.db import connection, transaction

    from loket.demo.identifiers import demo_bsns
    from loket.parties.constants import SoortDigitaalAdres, SoortPartij
    from loket.parties.models import DigitaalAdres, Organisatie, Partij, Persoon
    from loket.parties.validators import adres_zoekwaarde

    namen = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Terpstra", "Bos"]
    voornamen = ["Fenna", "Jan", "Sanne", "Daan", "Ayşe", "Mohamed", "Lotte", "Sem"]
    samples: dict[str, list] = {"bsn": [], "telefoon": [], "email": [], "kvk": []}
    bsns = demo_bsns()
    gebruikt: set[str] = set()
    with transaction.atomic():
        for start in range(0, personen, BATCH):
            n = min(BATCH, personen - start)
            partijen = Partij.objects.bulk_create(
                [
                    Partij(
                        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                        soort=SoortPartij.PERSOON,
                        weergavenaam=f"{rng.choice(voornamen)[0]}. {rng.choice(namen)}",
                    )
                    for _ in range(n)
                ]
            )
            if partijen[0].pk is None:  # backends without RETURNING
                partijen = list(Partij.objects.order_by("-pk")[:n])[::-1]
            rows, adressen = [], []
            for partij in partijen:
                bsn = next(bsns)
                voornaam, naam = rng.choice(voornamen), rng.choice(namen)
                rows.append(
                    Persoon(
                        partij=partij,
                        bsn=bsn,
                        voornamen=voornaam,
                        geslachtsnaam=naam,
                        geboortedatum=dt.date(1940, 1, 1)
                        + dt.timedelta(days=rng.randint(0, 25000)),
                    )
                )
                if rng.random() < 0.01:
                    samples["bsn"].append(bsn)
                if rng.random() < 0.65:
                    local = voornaam.lower().encode("ascii", "ignore").decode()  # as the demo
                    email = f"{local}.{partij.pk}@voorbeeld.example"
                    adressen.append((partij, SoortDigitaalAdres.EMAIL, email))
                    if rng.random() < 0.01:
                        samples["email"].append(email.upper())
                if rng.random() < 0.55:
                    telefoon = _mobiel(rng, gebruikt)
                    adressen.append((partij, SoortDigitaalAdres.TELEFOON, telefoon))
                    if rng.random() < 0.01:
                        samples["telefoon"].append(telefoon)
            Persoon.objects.bulk_create(rows)
            DigitaalAdres.objects.bulk_create(
                [
                    DigitaalAdres(
                        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                        partij=partij,
                        soort=soort,
                        adres=adres,
                        zoekwaarde=adres_zoekwaarde(soort=soort, adres=adres),
                        is_standaard_adres=True,
                    )
                    for partij, soort, adres in adressen
                ]
            )
        organisaties = Partij.objects.bulk_create(
            [
                Partij(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    soort=SoortPartij.ORGANISATIE,
                    weergavenaam=f"Terpbouw {i} B.V.",
                )
                for i in range(bedrijven)
            ]
        )
        if organisaties and organisaties[0].pk is None:
            organisaties = list(Partij.objects.order_by("-pk")[:bedrijven])[::-1]
        Organisatie.objects.bulk_create(
            [
                Organisatie(partij=p, kvk_nummer=f"{60000000 + i}", handelsnaam=p.weergavenaam)
                for i, p in enumerate(organisaties)
            ]
        )
        DigitaalAdres.objects.bulk_create(
            [
                DigitaalAdres(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    partij=p,
                    soort=SoortDigitaalAdres.TELEFOON,
                    adres=f"+3120{rng.randint(1_000_000, 9_999_999)}",
                    zoekwaarde="",
                )
                for p in organisaties[::2]
            ]
        )
        for adres in DigitaalAdres.objects.filter(zoekwaarde=""):  # save() sets the key
            adres.save(update_fields=["zoekwaarde"])
        samples["kvk"] = [f"{60000000 + i}" for i in rng.sample(range(bedrijven), 50)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return samples


def _notaties(e164: str) -> list[str]:
    national = "0" + e164[3:]
    return [
        f"{national[:2]}-{national[2:]}",
        f"+31 {e164[3]} {e164[4:8]} {e164[8:]}",
        f"0031 {e164[3]} {e164[4:]}",
    ]


def _time(client, params: list[dict], expect: str) -> list[float]:
    for p in params[:WARMUP]:
        client.get("/kcc/", p)
    times = []
    for i in range(RUNS):
        p = params[i % len(params)]
        started = time.perf_counter()
        response = client.get("/kcc/", p)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        assert expect in response.content.decode(), f"{expect!r} not in the result for {p}"
    return times


def _time_interleaved(client, soorten: dict[str, list[dict]], expect: str) -> dict:
    for params in soorten.values():
        for p in params[:WARMUP]:
            client.get("/kcc/", p)
    times: dict[str, list[float]] = {soort: [] for soort in soorten}
    for i in range(RUNS):
        for soort, params in soorten.items():
            p = params[i % len(params)]
            started = time.perf_counter()
            response = client.get("/kcc/", p)
            times[soort].append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            assert expect in response.content.decode(), f"{expect!r} not in the result for {p}"
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--personen", type=int, default=100_000)
    parser.add_argument("--bedrijven", type=int, default=5_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument(
        "--hergebruik", action="store_true", help="measure on the register of an earlier run"
    )
    args = parser.parse_args()
    _setup(args.database_url, keep=args.hergebruik)
    if not args.hergebruik:
        _fresh_postgres()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from loket.accounts.services import user_create

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    rng = random.Random(16)
    if args.hergebruik:
        from loket.accounts.models import User
        from loket.parties.models import Organisatie, Persoon

        samples = _samples_from_db(rng)
        args.personen, args.bedrijven = Persoon.objects.count(), Organisatie.objects.count()
        user = User.objects.get(username="bench-kcc")
        print(f"database: {connection.vendor}; the register of an earlier run")
    else:
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrate_s = time.perf_counter() - started
        started = time.perf_counter()
        samples = _build(args.personen, args.bedrijven, rng)
        build_s = time.perf_counter() - started
        print(
            f"database: {connection.vendor}; {args.personen} personen, {args.bedrijven} "
            f"bedrijven built in {build_s:.1f} s (migrate {migrate_s:.1f} s)"
        )
        user = user_create(
            username="bench-kcc",
            password="bench-geheim-123",
            first_name="Bench",
            last_name="KCM",
            roles=["kcc-medewerker"],
        )
    client = Client()
    client.force_login(user)
    result: dict = {
        "benchmark": "klant_zoeken",
        "database": connection.vendor,
        "personen": args.personen,
        "bedrijven": args.bedrijven,
        "runs": RUNS,
    }
    telefoon = [
        {"zoek": "contact", "zoekterm": notatie}
        for e164 in samples["telefoon"]
        for notatie in _notaties(e164)
    ]
    rng.shuffle(telefoon)
    soorten = {
        "bsn": [{"zoek": "bsn", "bsn": b} for b in samples["bsn"]],
        "telefoon": telefoon,
        "email": [{"zoek": "contact", "zoekterm": e} for e in samples["email"]],
        "kvk": [{"zoek": "contact", "zoekterm": k} for k in samples["kvk"]],
    }
    # Interleaved (one search of each kind in turn), so load from other work on the machine
    # falls on every kind alike.
    times = _time_interleaved(client, soorten, "Gevonden: 1 klant")
    for soort, seconds in times.items():
        result |= figures(f"search_{soort}", seconds, width=22)
    grens = result["search_bsn_p95_ms"] * 1.2
    result["within_bsn_p95"] = all(
        result[f"search_{k}_p95_ms"] <= grens for k in ("telefoon", "email", "kvk")
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
