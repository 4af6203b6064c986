from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='default_purpose',
            field=models.CharField(blank=True, db_default='', default='', help_text='Het doel dat in het auditlog komt wanneer een verzoek van deze koppeling geen doel noemt (header X-Loket-Doel). Leeg: elk verzoek moet zelf een doel noemen.', max_length=255, verbose_name='standaarddoel'),
        ),
    ]
