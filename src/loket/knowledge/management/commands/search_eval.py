import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loket.core.errors import DomainError
from loket.knowledge.search.evaluation import evaluate, parse_lines


class Command(BaseCommand):
    help = "Meet de kennisbankzoeker: P@1, MRR@5 en snelheid op een bestand vraag<TAB>UPL-namen."

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--json", action="store_true", help="Laatste regel als JSON.")
        parser.add_argument(
            "--mode",
            choices=["auto", "keyword"],
            default="auto",
            help="keyword: alleen de trefwoordzoeker (zonder embeddings).",
        )
        parser.add_argument("--missers", action="store_true", help="Toon de gemiste vragen.")

    def handle(self, *args, bestand, mode, missers, **options):
        as_json = options["json"]
        path = Path(bestand)
        try:
            lines = parse_lines(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {bestand}") from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        result = evaluate(lines, mode=mode)
        misses = result.pop("misses")
        if missers:
            for miss in misses:
                self.stdout.write(f"  mis: {miss}")
        self.stdout.write(
            f"P@1 {result['p_at_1']:.3f}  MRR@5 {result['mrr_at_5']:.3f}  n {result['n']}  "
            f"latentie p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms"
        )
        if as_json:
            self.stdout.write(json.dumps(result))
