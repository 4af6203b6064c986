"""Seed the BOR MELD categories (reference data shipped in cases/data) with default terms."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

CSV = Path(__file__).resolve().parent.parent / "data" / "bor-meld-categorieen.csv"
# Handling terms in working days: urgent (safety, water in the house) 3, the rest 5.
URGENT = {
    ("Verlichting en verkeer", "Beschadigd / omgevallen"),
    ("Groen", "Boomoverlast en boomschade"),
    ("Verharding en civiele constructies", "Onveilige verkeerssituatie"),
    ("Verharding en civiele constructies", "Gladheidsbestrijding"),
    ("Riolering en water", "Riolering"),
    ("Riolering en water", "Wateroverlast binnenshuis"),
}


def seed(apps, schema_editor):
    MeldCategorie = apps.get_model("cases", "MeldCategorie")
    grouped: dict[tuple[str, str], list[str]] = {}
    with CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["hoofdcategorie"].strip(), row["subcategorie"].strip())
            grouped.setdefault(key, []).append(row["item"].strip())
    for (hoofd, sub), items in grouped.items():
        MeldCategorie.objects.get_or_create(
            hoofdcategorie=hoofd,
            subcategorie=sub,
            defaults={
                "code": slugify(f"{hoofd} {sub}")[:80],
                "items": "\n".join(items),
                "afhandeltermijn_werkdagen": 3 if (hoofd, sub) in URGENT else 5,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_statusovergang_zaakdocument_zaakgebeurtenis_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
