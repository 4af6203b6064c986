"""The search key of a digital address (issue 16, item 4): the KCC finds a klant by phone
number or e-mail address however it is typed. Existing addresses get their key here."""

from django.db import migrations, models

BATCH = 2000


def fill_zoekwaarde(apps, schema_editor):
    from loket.parties.validators import adres_zoekwaarde

    DigitaalAdres = apps.get_model("parties", "DigitaalAdres")
    batch = []
    for adres in DigitaalAdres.objects.only("pk", "soort", "adres").iterator(chunk_size=BATCH):
        adres.zoekwaarde = adres_zoekwaarde(soort=adres.soort, adres=adres.adres)
        batch.append(adres)
        if len(batch) >= BATCH:
            DigitaalAdres.objects.bulk_update(batch, ["zoekwaarde"])
            batch = []
    if batch:
        DigitaalAdres.objects.bulk_update(batch, ["zoekwaarde"])


class Migration(migrations.Migration):
    dependencies = [
        ("parties", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="digitaaladres",
            name="zoekwaarde",
            field=models.CharField(
                blank=True, editable=False, max_length=254, verbose_name="zoekwaarde"
            ),
        ),
        migrations.RunPython(fill_zoekwaarde, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="digitaaladres",
            index=models.Index(fields=["zoekwaarde", "soort"], name="digitaal_adres_zoekwaarde"),
        ),
    ]
