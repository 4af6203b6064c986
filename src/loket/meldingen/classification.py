"""Classification of public-space reports into BOR MELD hoofd- and subcategorie.

No large corpus exists for a municipality of our size, so the classifier is carried by text we
can write and keep: the BOR MELD items, synonyms and example phrasings in citizens' words per
subcategorie (data/meld-voorbeelden.txt), the beheerder's keywords (MeldCategorie.trefwoorden)
and every correction staff make in the triage queue (ClassificatieCorrectie).

Text analysis: lowercase and accents off, a small stopword list that keeps the words that
matter in reports ("niet", "geen", "kapot"), Snowball dutch_porter stems, compounds split
against the training vocabulary ("lantaarnpaal" → lantaarn + paal, "rioolputje" → riool + put)
and typos mapped to the nearest vocabulary word (rapidfuzz, ratio ≥ 84 on words of 5+ letters).

Scoring: multinomial naive Bayes over the subcategorieën with idf-weighted term counts, each
example phrase weighted equally; the posterior is a softmax with a temperature so that the
confidence spreads over candidates. The hoofdcategorie is the one with the largest sum of its
subcategorieën's posteriors; the subcategorie is the best one inside it.
"""

from __future__ import annotations

import csv
import functools
import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Count, Max
from django.utils.text import slugify
from rapidfuzz import fuzz, process

from loket.knowledge.search.analyzer import normalise, split_compound, stem
from loket.meldingen.models import ClassificatieCorrectie, MeldCategorie

DATA_DIR = Path(__file__).resolve().parent / "data"
CATEGORIES_CSV = DATA_DIR / "bor-meld-categorieen.csv"
EXAMPLES_TXT = DATA_DIR / "meld-voorbeelden.txt"

_TOKEN = re.compile(r"[a-z]+")
# Function words only: negations and words like "kapot", "stuk", "vol" carry meaning here.
STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "als",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "ik",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "in",
        "is",
        "je",
        "jij",
        "maar",
        "me",
        "men",
        "met",
        "mij",
        "mijn",
        "na",
        "naar",
        "nu",
        "of",
        "om",
        "onder",
        "ons",
        "onze",
        "op",
        "te",
        "ten",
        "ter",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "voor",
        "was",
        "wat",
        "we",
        "wel",
        "wie",
        "wij",
        "worden",
        "wordt",
        "ze",
        "zij",
        "zijn",
        "zo",
        "zou",
        "al",
        "af",
        "toe",
        "ook",
        "nog",
        "heel",
        "erg",
        "echt",
        "gewoon",
        "even",
        "sinds",
        "alweer",
        "steeds",
        "the",
        "and",
        "a",
        "hebben",
        "heeft",
        "heb",
        "had",
        "waar",
        "wanneer",
        "welke",
        "zelf",
        "dus",
        "want",
        "omdat",
        "toen",
        "jullie",
        "hem",
        "haar",
        "zich",
        "kan",
        "kunnen",
        "kunt",
        "zal",
        "zullen",
        "moet",
        "moeten",
        "mag",
        "graag",
        "alstublieft",
        "aub",
        "svp",
        "dag",
        "goedemorgen",
        "hallo",
        "beste",
        "meneer",
        "mevrouw",
        "gemeente",
        "melding",
        "melden",
        "wil",
        "wilde",
        "willen",
        # Words that say nothing about the kind of problem ("er is iets raars aan de hand").
        "iets",
        "raar",
        "raars",
        "hand",
        "ding",
        "dingen",
        "probleem",
        "problemen",
        "alles",
        "kijken",
        "komen",
        "zie",
        "foto",
        "zooitje",
        "orde",
        "actie",
        "weken",
        "dagen",
        "lang",
    ]
)
ANDERS = "anders zie vrij opmerkingenveld"
# Prefix of a compound's modifier part: a weaker feature than the word itself.
MODIFIER = "~"


def _words(text: str) -> list[str]:
    return [w for w in _TOKEN.findall(normalise(text)) if w not in STOPWORDS and len(w) > 1]


@dataclass(frozen=True)
class Candidate:
    code: str
    hoofdcategorie: str
    subcategorie: str
    zekerheid: float


@dataclass(frozen=True)
class Classificatie:
    code: str | None
    hoofdcategorie: str | None
    subcategorie: str | None
    zekerheid: float  # posterior of the subcategorie
    hoofd_zekerheid: float  # summed posterior of its hoofdcategorie
    alternatieven: tuple[Candidate, ...] = field(default=())


@dataclass
class CategoryTexts:
    code: str
    hoofdcategorie: str
    subcategorie: str
    texts: list[str]


class MeldClassifier:
    """Trained once from category texts; `classify(text)` is pure and thread-safe."""

    ALPHA = 0.3
    TEMPERATURE = 1.6
    FUZZY_CUTOFF = 84

    def __init__(self, categories: list[CategoryTexts]) -> None:
        self.categories = categories
        raw_words: set[str] = set()
        for cat in categories:
            for text in cat.texts:
                raw_words.update(_words(text))
        self.vocabulary = frozenset(raw_words | {stem(w) for w in raw_words})
        self._fuzzy_words = sorted(w for w in raw_words if len(w) >= 4)
        # Term weights per category: each phrase counts as one unit, spread over its features.
        counts: list[Counter] = []
        doc_freq: Counter = Counter()
        for cat in categories:
            counter: Counter = Counter()
            for text in cat.texts:
                feats = [f.lstrip(MODIFIER) for f in self._features(text, fuzzy=False)]
                if not feats:
                    continue
                share = 1.0 / math.sqrt(len(feats))
                for feat in feats:
                    counter[feat] += share
            counts.append(counter)
            doc_freq.update(set(counter))
        n = len(categories)
        self.idf = {f: math.log(1 + n / df) for f, df in doc_freq.items()}
        self.features = frozenset(self.idf)
        self.log_prob: list[dict[str, float]] = []
        self.log_unknown: list[float] = []
        size = len(self.features)
        for counter in counts:
            weighted = {f: c * self.idf[f] for f, c in counter.items()}
            total = sum(weighted.values()) + self.ALPHA * size
            self.log_prob.append(
                {f: math.log((w + self.ALPHA) / total) for f, w in weighted.items()}
            )
            self.log_unknown.append(math.log(self.ALPHA / total))

    # --- analysis -----------------------------------------------------------------------------
    def _features(self, text: str, *, fuzzy: bool = True) -> list[str]:
        feats: list[str] = []
        for word in _words(text):
            feats.extend(self._word_features(word, fuzzy=fuzzy))
        return feats

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one classifier per process
    def _word_features(self, word: str, *, fuzzy: bool) -> tuple[str, ...]:
        stemmed = stem(word)
        known = stemmed in self.vocabulary or word in self.vocabulary
        out: list[str] = [stemmed] if known else []
        if len(word) >= 7:
            parts = split_compound(word, self.vocabulary)
            if parts:
                # The head of a Dutch compound is its last part (lichtpaal is a paal): it counts
                # in full, a modifier only when the whole word is unknown.
                out.append(stem(parts[-1]))
                if not known:
                    out.extend(MODIFIER + stem(p) for p in parts[:-1])
        if out:
            return tuple(dict.fromkeys(out))
        if fuzzy and len(word) >= 5 and self._fuzzy_words:
            match = process.extractOne(
                word, self._fuzzy_words, scorer=fuzz.ratio, score_cutoff=self.FUZZY_CUTOFF
            )
            if match is not None:
                return self._word_features(match[0], fuzzy=False)
        return (stemmed,)

    # --- scoring ------------------------------------------------------------------------------
    def classify(self, text: str) -> Classificatie:
        feats = [
            f.lstrip(MODIFIER)
            for f in self._features(text or "")
            if f.lstrip(MODIFIER) in self.features
        ]
        weights = [
            0.4 if f.startswith(MODIFIER) else 1.0
            for f in self._features(text or "")
            if f.lstrip(MODIFIER) in self.features
        ]
        if not feats or not self.categories:
            return Classificatie(None, None, None, 0.0, 0.0)
        scores = []
        for log_prob, unknown in zip(self.log_prob, self.log_unknown, strict=True):
            scores.append(
                sum(
                    log_prob.get(f, unknown) * self.idf[f] * w
                    for f, w in zip(feats, weights, strict=True)
                )
            )
        top = max(scores)
        exps = [math.exp((s - top) / self.TEMPERATURE) for s in scores]
        total = sum(exps)
        post = [e / total for e in exps]
        per_hoofd: dict[str, float] = defaultdict(float)
        for cat, p in zip(self.categories, post, strict=True):
            per_hoofd[cat.hoofdcategorie] += p
        hoofd = max(per_hoofd, key=per_hoofd.get)
        ranked = sorted(range(len(post)), key=lambda i: -post[i])
        best = next(i for i in ranked if self.categories[i].hoofdcategorie == hoofd)
        cat = self.categories[best]
        alternatives = tuple(
            Candidate(
                self.categories[i].code,
                self.categories[i].hoofdcategorie,
                self.categories[i].subcategorie,
                round(post[i], 4),
            )
            for i in ranked[:5]
        )
        return Classificatie(
            code=cat.code,
            hoofdcategorie=cat.hoofdcategorie,
            subcategorie=cat.subcategorie,
            zekerheid=round(post[best], 4),
            hoofd_zekerheid=round(per_hoofd[hoofd], 4),
            alternatieven=alternatives,
        )


# --- the training texts ---------------------------------------------------------------------


def category_code(hoofdcategorie: str, subcategorie: str) -> str:

    return slugify(f"{hoofdcategorie} {subcategorie}")[:80]


def read_bor_categories() -> list[tuple[str, str, list[str]]]:
    """(hoofdcategorie, subcategorie, items) in the order of the BOR MELD table."""
    grouped: dict[tuple[str, str], list[str]] = {}
    with CATEGORIES_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["hoofdcategorie"].strip(), row["subcategorie"].strip())
            grouped.setdefault(key, []).append(row["item"].strip())
    return [(hoofd, sub, items) for (hoofd, sub), items in grouped.items()]


def read_examples() -> dict[tuple[str, str], list[str]]:
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    key = None
    for line in EXAMPLES_TXT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("# "):
            continue
        if line.startswith("## "):
            hoofd, _sep, sub = line[3:].partition("::")
            key = (hoofd.strip(), sub.strip())
            continue
        if key is not None:
            examples[key].append(line)
    return examples


def _item_texts(hoofd: str, sub: str, items: list[str]) -> list[str]:
    texts = [sub]
    for item in items:
        clean = item.replace("anders, zie vrij opmerkingenveld", "").replace(
            "Anders, zie vrij opmerkingenveld", ""
        )
        if normalise(clean).strip() and ANDERS not in normalise(item):
            texts.append(clean)
    return texts


def texts_from_files() -> list[CategoryTexts]:
    examples = read_examples()
    return [
        CategoryTexts(
            code=category_code(hoofd, sub),
            hoofdcategorie=hoofd,
            subcategorie=sub,
            texts=_item_texts(hoofd, sub, items) + examples.get((hoofd, sub), []),
        )
        for hoofd, sub, items in read_bor_categories()
    ]


@functools.lru_cache(maxsize=1)
def classifier_from_files() -> MeldClassifier:
    """The classifier from the shipped texts alone (classify-eval without a database)."""
    return MeldClassifier(texts_from_files())


_lock = threading.Lock()
_cached: tuple[tuple, MeldClassifier] | None = None


def get_classifier() -> MeldClassifier:
    """The classifier of this installation: shipped texts + the active categories' keywords +
    staff corrections. Rebuilt when categories or corrections change."""
    global _cached

    cats = list(MeldCategorie.objects.filter(is_actief=True).order_by("pk"))
    corrections = ClassificatieCorrectie.objects.aggregate(n=Count("pk"), last=Max("pk"))
    key = (
        tuple((c.pk, c.code, hash(c.trefwoorden)) for c in cats),
        corrections["n"],
        corrections["last"],
    )
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    if not cats:
        classifier = classifier_from_files()
    else:
        shipped = {c.code: c for c in texts_from_files()}
        extra: dict[int, list[str]] = defaultdict(list)
        for categorie_id, tekst in ClassificatieCorrectie.objects.values_list(
            "categorie_id", "tekst"
        ):
            extra[categorie_id].append(tekst)
        texts = []
        for cat in cats:
            base = shipped.get(cat.code)
            lines = list(base.texts) if base else [cat.subcategorie, *cat.items.splitlines()]
            lines += [line for line in cat.trefwoorden.splitlines() if line.strip()]
            lines += extra.get(cat.pk, [])
            texts.append(CategoryTexts(cat.code, cat.hoofdcategorie, cat.subcategorie, lines))
        classifier = MeldClassifier(texts)
    with _lock:
        _cached = (key, classifier)
    return classifier


def evaluate(lines: list[tuple[str, str, str]], classifier: MeldClassifier) -> dict:
    """Accuracy on both levels over (text, hoofdcategorie, subcategorie) lines."""
    hoofd_ok = sub_ok = 0
    misses = []
    for text, hoofd, sub in lines:
        result = classifier.classify(text)
        h = (result.hoofdcategorie or "").casefold() == hoofd.casefold()
        s = h and (result.subcategorie or "").casefold() == sub.casefold()
        hoofd_ok += h
        sub_ok += s
        if not s:
            misses.append(
                (text, f"{hoofd} / {sub}", f"{result.hoofdcategorie} / {result.subcategorie}")
            )
    n = len(lines)
    return {
        "hoofd_accuracy": round(hoofd_ok / n, 4) if n else 0.0,
        "sub_accuracy": round(sub_ok / n, 4) if n else 0.0,
        "n": n,
        "misses": misses,
    }
