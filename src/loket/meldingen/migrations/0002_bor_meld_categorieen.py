"""Seed the BOR MELD categories (reference data shipped in meldingen/data) with default terms.

cases.0003 seeded them when meldingen still lived in cases; it calls `seed_categories` here, so
the list and the terms are written down once. On a database that has them this is a no-op; the
app connects `seed` to post_migrate too (core.seeding), so a flush restores them."""

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


def seed_categories(MeldCategorie) -> None:
    grouped: dict[tuple[str, str], list[str]] = {}
    with CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["hoofdcategorie"].strip(), row["subcategorie"].strip())
            grouped.setdefault(key, []).append(row["item"].strip())
    # 0003 added the urgency question; the seed after a flush (post_migrate) sets it too.
    asks = any(f.name == "vraagt_urgentie" for f in MeldCategorie._meta.get_fields())
    for (hoofd, sub), items in grouped.items():
        defaults = {
            "code": slugify(f"{hoofd} {sub}")[:80],
            "items": "\n".join(items),
            "afhandeltermijn_werkdagen": 3 if (hoofd, sub) in URGENT else 5,
        }
        if asks:
            defaults["vraagt_urgentie"] = (hoofd, sub) in URGENT
        MeldCategorie.objects.get_or_create(
            hoofdcategorie=hoofd, subcategorie=sub, defaults=defaults
        )


def seed(apps, schema_editor):
    seed_categories(apps.get_model("meldingen", "MeldCategorie"))


class Migration(migrations.Migration):
    dependencies = [("meldingen", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
