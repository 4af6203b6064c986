"""The rubric Loket starts with (issue 20): the criteria of the Antwoord quality norms. Reseeded
after every migrate or flush (KwaliteitConfig.ready) while no rubric exists."""

from django.db import migrations

from loket.kwaliteit.constants import STANDAARD_CRITERIA


def forwards(apps, schema_editor):
    Rubriek = apps.get_model("kwaliteit", "Rubriek")
    Criterium = apps.get_model("kwaliteit", "Criterium")
    if Rubriek.objects.exists():
        return
    rubriek = Rubriek.objects.create(naam="Kwaliteit klantcontact (Antwoord)", actief=True)
    for volgorde, (code, vraag, gewicht) in enumerate(STANDAARD_CRITERIA, start=1):
        Criterium.objects.create(
            rubriek=rubriek, code=code, vraag=vraag, gewicht=gewicht, volgorde=volgorde * 10
        )


class Migration(migrations.Migration):
    dependencies = [("kwaliteit", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
