# The worker's daily-job ledger moves from proactive to core (core.jobs); state only, the table
# proactive_planning stays (created by proactive 0002).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_auditaction_lockout"),
        ("proactive", "0002_regels_signalen_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Planning",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("taak", models.CharField(max_length=60, verbose_name="taak")),
                        ("datum", models.DateField(verbose_name="datum")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                        ),
                    ],
                    options={
                        "verbose_name": "geplande taak",
                        "verbose_name_plural": "geplande taken",
                        "db_table": "proactive_planning",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("taak", "datum"), name="unique_planning_per_dag"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
