"""Seed the BOR MELD categories with default terms (meldingen lived in cases then). The list and
the terms are kept once, in meldingen.0002 (reference data in meldingen/data)."""

import importlib

from django.db import migrations


def seed(apps, schema_editor):
    seeding = importlib.import_module("loket.meldingen.migrations.0002_bor_meld_categorieen")
    seeding.seed_categories(apps.get_model("cases", "MeldCategorie"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_statusovergang_zaakdocument_zaakgebeurtenis_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
