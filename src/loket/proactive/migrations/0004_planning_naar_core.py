# Planning moved to core (core.jobs keeps the worker's schedule); state only, the table stays.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_planning"),
        ("proactive", "0003_outbox_naar_messaging"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Planning")],
            database_operations=[],
        ),
    ]
