# Quality monitoring (issue 20): the norm "juistheid" (its default row comes from 0002_defaults,
# which reseeds after every migrate).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0005_klantreis_dagtotaal"),
    ]

    operations = [
        migrations.AlterField(
            model_name="norm",
            name="code",
            field=models.SlugField(
                choices=[
                    ("fcr", "Afgehandeld bij eerste contact"),
                    ("zelfservice", "Zelfservicegraad"),
                    ("serviceniveau", "Telefoon: opgenomen binnen de norm"),
                    ("verlaten", "Telefoon: opgehangen in de wachtrij"),
                    ("asa", "Telefoon: gemiddelde wachttijd"),
                    ("email", "E-mail beantwoord binnen de termijn"),
                    ("contactverzoek", "Contactverzoeken op tijd afgehandeld"),
                    ("balie", "Baliebezoekers binnen de wachttijd geholpen"),
                    ("zaak_servicenorm", "Zaken binnen de servicenorm"),
                    ("zaak_termijn", "Zaken binnen de wettelijke termijn"),
                    ("formule", "Garanties van de dienstverleningsformule"),
                    ("csat", "Klanttevredenheid (CSAT)"),
                    ("nps", "Net Promoter Score"),
                    ("herhaal", "Vaker gevraagd (herhaalcontact)"),
                    ("uitval", "Uitval bij roostering (shrinkage)"),
                    ("juistheid", "Juistheid van antwoorden (kwaliteitsbeoordeling)"),
                ],
                max_length=30,
                unique=True,
                verbose_name="code",
            ),
        ),
    ]
