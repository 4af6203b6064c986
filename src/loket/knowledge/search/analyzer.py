"""Dutch text analysis for the knowledge search: normalise, tokenise, drop stopwords, stem,
split compounds against the index vocabulary.

Snowball's `dutch_porter` stemmer keeps "ge-" words intact (gemeente → gemeent), unlike the plain
`dutch` stemmer (gemeente → meen). Compounds are split against the vocabulary of the index itself
("parkeervergunningaanvraag" → parkeer + vergunning + aanvraag), which costs nothing to ship.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

_STEMMER = Stemmer.Stemmer("dutch_porter")
_TOKEN = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "graag",
        "even",
        "wij",
        "jullie",
        "jij",
        "hun",
        "hen",
        "onze",
        "ga",
        "gaat",
        "wilt",
        "willen",
        "kunt",
        "kun",
        "zou",
        "zouden",
        "moeten",
        "mag",
        "mogen",
        "welke",
        "waar",
        "wanneer",
        "waarom",
        "hoeveel",
        "hoelang",
        "iets",
        "iemand",
        "nodig",
        "doe",
        "gedaan",
        "krijg",
        "krijgen",
    ]
)
# Linking letters between the parts of a Dutch compound (bestemming-s-plan, boek-en-kast).
_LINKS = ("s", "en", "e", "")
MIN_PART = 3


def normalise(text: str) -> str:
    """Lowercase, strip accents (ë → e), and turn punctuation into spaces."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("-", " ").replace("'", "")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def analyse(text: str) -> list[str]:
    """Tokens without stopwords, stemmed."""
    return [stem(tok) for tok in tokens(text) if tok not in STOPWORDS]


# A long text (an agent's summary of a call) gives its context first and the question last.
_SENTENCE = re.compile(r"[.?!;:\n]+")
FOCUS_MIN_WORDS = 12
CONTEXT_WEIGHT = 0.5


def focus(text: str) -> list[tuple[str, float]]:
    """The content words of a query, each with a weight: in a long text of several sentences the
    question (the last sentence ending in a question mark, else the last sentence) and what
    follows it count fully, the context before it at CONTEXT_WEIGHT; a short query counts every
    word fully."""
    pieces = _SENTENCE.split(text)
    ends = [*_SENTENCE.findall(text), ""]
    sentences = [
        ([t for t in tokens(piece) if t not in STOPWORDS], "?" in end)
        for piece, end in zip(pieces, ends, strict=False)
    ]
    sentences = [(words, asked) for words, asked in sentences if words]
    words = [t for sentence, _ in sentences for t in sentence]
    if len(sentences) < 2 or len(words) < FOCUS_MIN_WORDS:
        return [(t, 1.0) for t in words]
    asked = [i for i, (_, is_question) in enumerate(sentences) if is_question]
    last = asked[-1] if asked else len(sentences) - 1
    if len(sentences[last][0]) < 2 and last > 0:  # "hoe zit dat?": the one before asks it
        last -= 1
    return [
        (t, 1.0 if i >= last else CONTEXT_WEIGHT)
        for i, (sentence, _) in enumerate(sentences)
        for t in sentence
    ]


def split_compound(word: str, vocabulary: set[str] | frozenset[str]) -> list[str] | None:
    """Split `word` into parts whose stems are all in `vocabulary` (prefers fewer, longer parts).

    Returns the stems of the parts, or None when the word cannot be split.
    """
    return _split(word, vocabulary, depth=0)


def _split(word: str, vocabulary, depth: int) -> list[str] | None:
    if depth > 3:
        return None
    best: list[str] | None = None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        head_stem = stem(head)
        if head not in vocabulary and head_stem not in vocabulary:
            continue
        for link in _LINKS:
            if link and not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < MIN_PART:
                continue
            tail_stem = stem(tail)
            if tail in vocabulary or tail_stem in vocabulary:
                candidate = [
                    head_stem if head_stem in vocabulary else head,
                    tail_stem if tail_stem in vocabulary else tail,
                ]
            else:
                rest_parts = _split(tail, vocabulary, depth + 1)
                if rest_parts is None:
                    continue
                candidate = [head_stem if head_stem in vocabulary else head, *rest_parts]
            if best is None or len(candidate) < len(best):
                best = candidate
        if best is not None and len(best) == 2:
            return best
    return best
