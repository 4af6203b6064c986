"""`loket training_check`: check every scenario's references against this database."""

from django.core.management.base import BaseCommand, CommandError

from loket.training.scenarios import scenario_list, scenario_references_check


class Command(BaseCommand):
    help = (
        "Controleer de trainingsscenario's (training/data/scenarios.json): bestaan de "
        "kennisartikelen, producten, kanalen, teams, organisaties en contactredenen?"
    )

    def handle(self, *args, **options):
        problems = scenario_references_check()
        for problem in problems:
            self.stderr.write(f"- {problem}")
        if problems:
            raise CommandError(f"{len(problems)} probleem/problemen in de scenario's.")
        self.stdout.write(self.style.SUCCESS(f"{len(scenario_list())} scenario's in orde."))
