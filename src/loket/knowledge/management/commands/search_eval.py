import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loket.core.errors import DomainError
from loket.knowledge.evaluation import blind_files, evaluate_by_kind, lines_parse


class Command(BaseCommand):
    help = (
        "Meet de kennisbankzoeker: P@1, MRR@5 en snelheid op bestanden met regels "
        "vraag<TAB>UPL-namen[<TAB>soort], in totaal en per soort vraag."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestanden", nargs="*", metavar="bestand")
        parser.add_argument(
            "--blind",
            action="store_true",
            help="Neem ook de meegeleverde blinde vragensets (knowledge/evaluation/blind-*.tsv).",
        )
        parser.add_argument("--json", action="store_true", help="Laatste regel als JSON.")
        parser.add_argument(
            "--mode",
            choices=["auto", "keyword", "model"],
            default="auto",
            help="keyword: alleen de trefwoordzoeker; model: de vraag ingebed door het volledige model in plaats van de woordvectortabel.",
        )
        parser.add_argument("--missers", action="store_true", help="Toon de gemiste vragen.")

    def handle(self, *args, bestanden, blind, mode, missers, **options):
        paths = [Path(b) for b in bestanden] + (blind_files() if blind else [])
        if not paths:
            raise CommandError("Geef een bestand met vragen, of --blind.")
        lines = []
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError as exc:
                raise CommandError(f"Bestand niet gevonden: {path}") from exc
            try:
                lines += lines_parse(text, source=path.name if len(paths) > 1 else "")
            except DomainError as exc:
                raise CommandError(exc.message) from exc
        try:
            result = evaluate_by_kind(lines, mode=mode)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        misses = result.pop("misses")
        if missers:
            for kind, kind_misses in sorted(misses.items()):
                if kind:
                    self.stdout.write(f"{kind}:")
                for miss in kind_misses:
                    self.stdout.write(f"  mis: {miss}")
        for kind, figures in result.get("per_soort", {}).items():
            self.stdout.write(
                f"{kind:<12} P@1 {figures['p_at_1']:.3f}  MRR@5 {figures['mrr_at_5']:.3f}  "
                f"n {figures['n']}  latentie p50 {figures['latency_ms']['p50']} ms, "
                f"p95 {figures['latency_ms']['p95']} ms"
            )
        self.stdout.write(
            f"P@1 {result['p_at_1']:.3f}  MRR@5 {result['mrr_at_5']:.3f}  n {result['n']}  "
            f"latentie p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms"
        )
        if options["json"]:
            self.stdout.write(json.dumps(result))
