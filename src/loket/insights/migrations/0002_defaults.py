"""Default norms (issue 7 and the domain reference), channel costs and personas."""

from django.db import migrations

from loket.insights.constants import DEFAULT_KOSTEN, DEFAULT_NORMS

PERSONAS = [
    ("Starter op de woningmarkt", "starter", "Jonge inwoner die gaat samenwonen of een eerste woning koopt.", ["starter"]),
    ("Oudere met zorgvraag", "oudere-zorg", "Inwoner van 75 jaar of ouder, vaak met een Wmo-vraag.", ["oudere", "zorg"]),
    ("Gezin met kinderen", "gezin", "Ouders met jonge kinderen.", ["gezin"]),
    ("Ondernemer", "ondernemer", "Bedrijf of zzp'er in de gemeente.", ["ondernemer"]),
]


def forwards(apps, schema_editor):
    Norm = apps.get_model("insights", "Norm")
    KanaalKosten = apps.get_model("insights", "KanaalKosten")
    Persona = apps.get_model("insights", "Persona")
    from loket.insights.constants import NormCode

    for code, waarde, eenheid, richting, parameter, parameter_eenheid in DEFAULT_NORMS:
        Norm.objects.get_or_create(
            code=code.value,
            defaults={
                "naam": str(NormCode(code).label),
                "streefwaarde": waarde,
                "eenheid": eenheid.value,
                "richting": richting.value,
                "parameter": parameter,
                "parameter_eenheid": parameter_eenheid,
            },
        )
    for soort, bedrag in DEFAULT_KOSTEN.items():
        KanaalKosten.objects.get_or_create(soort=soort, defaults={"kosten_per_contact": bedrag})
    for order, (naam, slug, omschrijving, tags) in enumerate(PERSONAS):
        Persona.objects.get_or_create(
            slug=slug, defaults={"naam": naam, "omschrijving": omschrijving, "tags": tags, "volgorde": order}
        )


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
