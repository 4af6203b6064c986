"""Seed the managed list of contact channels (idempotent; existing channels are left alone)."""

from django.db import migrations
from django.db.models import ProtectedError

KANALEN = [
    # (code, naam, soort)
    ("telefoon", "Telefoon", "call"),
    ("balie", "Balie", "face"),
    ("e-mail", "E-mail", "email"),
    ("website", "Website/formulier", "click"),
    ("chat", "Chat", "click"),
    ("brief", "Brief", "overig"),
    ("sociale-media", "Sociale media", "overig"),
    ("app", "App", "click"),
]


def seed(apps, schema_editor):
    Kanaal = apps.get_model("core", "Kanaal")
    for volgorde, (code, naam, soort) in enumerate(KANALEN, start=1):
        if Kanaal.objects.filter(code=code).exists() or Kanaal.objects.filter(
            naam__iexact=naam
        ).exists():
            continue
        Kanaal.objects.create(code=code, naam=naam, soort=soort, volgorde=volgorde * 10)


def unseed(apps, schema_editor):
    Kanaal = apps.get_model("core", "Kanaal")
    # Only channels nothing refers to can go; PROTECT keeps the rest.
    for code, _naam, _soort in KANALEN:
        try:
            Kanaal.objects.filter(code=code).delete()
        except ProtectedError:  # a channel that contacts refer to stays
            pass


class Migration(migrations.Migration):
    dependencies = [("core", "0002_kanaal")]

    operations = [migrations.RunPython(seed, unseed)]
