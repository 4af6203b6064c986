import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from loket.meldingen.classification import classifier_from_files, evaluate, get_classifier


def parse_lines(text: str) -> list[tuple[str, str, str]]:
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise CommandError(
                f"Regel {number}: verwacht tekst<TAB>hoofdcategorie<TAB>subcategorie."
            )
        lines.append(tuple(p.strip() for p in parts))
    return lines


class Command(BaseCommand):
    help = (
        "Meet de classificatie van meldingen openbare ruimte: nauwkeurigheid op hoofd- en "
        "subcategorie op een bestand tekst<TAB>hoofdcategorie<TAB>subcategorie."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--json", action="store_true", help="Laatste regel als JSON.")
        parser.add_argument("--missers", action="store_true", help="Toon de gemiste meldingen.")
        parser.add_argument(
            "--alleen-bestanden",
            action="store_true",
            help="Alleen de meegeleverde teksten, zonder trefwoorden en correcties uit de database.",
        )

    def handle(self, *args, bestand, missers, alleen_bestanden, **options):
        try:
            lines = parse_lines(Path(bestand).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {bestand}") from exc
        if not lines:
            raise CommandError("Het bestand bevat geen meldingen.")
        started = time.perf_counter()
        if alleen_bestanden:
            classifier = classifier_from_files()
        else:
            try:
                classifier = get_classifier()
            except DatabaseError:
                classifier = classifier_from_files()
        result = evaluate(lines, classifier)
        elapsed = time.perf_counter() - started
        misses = result.pop("misses")
        if missers:
            for text, expected, got in misses:
                self.stdout.write(f"  mis: {text!r}: verwacht {expected}, kreeg {got}")
        self.stdout.write(
            f"hoofdcategorie {result['hoofd_accuracy']:.3f}  subcategorie "
            f"{result['sub_accuracy']:.3f}  n {result['n']}  ({elapsed:.2f} s)"
        )
        if options["json"]:
            self.stdout.write(json.dumps(result))
