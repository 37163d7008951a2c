"""The corpus' own words, as the question analysis needs them: which surface words and
stems the documents use, how rare each stem is, which acronyms they spell, and a
phonetic key of every word so that a misspelt one ('partenere') finds its form."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.index.analyzer import heads_index, kin
from assistant.textnorm import fold_accents

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9@]{1,}[a-z]?\b")


def fold(word: str) -> str:
    return fold_accents(word).lower()


# French spellings that sound alike ('eau' / 'o', 'ai' / 'e', 'ph' / 'f'), most specific first.
_SOUNDS = [
    (r"eaux?$", "o"), (r"eau", "o"), (r"aux$", "o"), (r"au", "o"), (r"ph", "f"), (r"qu", "k"), (r"ck", "k"),
    (r"c(?=[eiy])", "s"), (r"c", "k"), (r"g(?=[ei])", "j"), (r"ai|ei", "e"), (r"y", "i"), (r"z", "s"), (r"h", ""),
    (r"w", "v"), (r"([a-z])\1+", r"\1"), (r"(?<=.)[estxd]+$", ""),
]


def phonetic(word: str) -> str:
    """A rough French sound key: 'Bordeaux' and 'bordo', 'partenaire' and 'partenere',
    'Montpellier' and 'montpelier' get the same key."""
    key = re.sub(r"[^a-z]", "", fold(word))
    for rx, repl in _SOUNDS:
        key = re.sub(rx, repl, key)
    return key


@dataclass(frozen=True)
class Vocabulary:
    """Words of the corpus: folded surface forms (with their most frequent spelling),
    stems with their IDF, acronyms, and the phonetic index."""

    forms: dict[str, str]  # folded word -> its most frequent spelling in the corpus
    idf: dict[str, float]  # stem -> IDF (the BM25 index's)
    acronyms: frozenset[str] = frozenset()
    counts: dict[str, int] = field(default_factory=dict)  # folded word -> occurrences
    by_sound: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_head: dict[str, tuple[str, ...]] = field(default_factory=dict)  # stems by their first five letters

    @classmethod
    def from_texts(cls, texts, idf: dict[str, float]) -> "Vocabulary":
        spellings: Counter[str] = Counter()
        acronyms: set[str] = set()
        for text in texts:
            words = _WORD.findall(text)
            spellings.update(w for w in words if len(w) > 1)
            # The parts of a compound ('Bade' and 'Wurtemberg', 'Azur' of "d'Azur") too.
            spellings.update(p for w in words if "-" in w or "'" in w or "’" in w
                             for p in re.split(r"[-'’]", w) if len(p) > 2)
            acronyms.update(_ACRONYM.findall(text))
        forms: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for word, n in spellings.most_common():
            key = fold(word)
            counts[key] += n
            # The lower-case spelling wins over a capitalised one at a sentence start.
            if key not in forms or (forms[key][:1].isupper() and word[:1].islower()):
                forms[key] = word
        sounds: dict[str, list[str]] = {}
        for key in forms:
            if len(key) >= 4:
                sounds.setdefault(phonetic(key), []).append(key)
        return cls(forms, dict(idf), frozenset(acronyms), dict(counts), {k: tuple(v) for k, v in sounds.items()},
                   heads_index(idf))

    @property
    def max_idf(self) -> float:
        return max(self.idf.values()) if self.idf else 1.0

    def knows(self, word: str) -> bool:
        """Whether the corpus uses this word (any case or accents)."""
        return fold(word) in self.forms

    def family(self, stem: str) -> str | None:
        """The corpus' own stem for a stem: itself, or the most used word of its family
        ('inscript' for 'inscrir' where the documents say 'inscription': analyzer.stem_in);
        None when the corpus uses no word of it."""
        if stem in self.idf:
            return stem
        family = kin(stem, self.by_head)
        return min(family, key=lambda k: (self.idf[k], k)) if family else None
