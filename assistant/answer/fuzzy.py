"""Misspelt or unaccented words resolved against the gazetteer and the corpus vocabulary
('bordo' -> Bordeaux, 'montpelier' -> Montpellier, 'partenere' -> partenaire), only when
one reading is clearly best; a word no reading fits is left as the user wrote it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from assistant.answer.vocabulary import Vocabulary, fold, phonetic
from assistant.gazetteer import Gazetteer
from assistant.index.analyzer import tokenize
from assistant.retrieve.glossary import known_word

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Correction:
    start: int
    end: int
    surface: str  # as the user wrote it
    replacement: str


def _is_known(word: str, vocabulary: Vocabulary) -> bool:
    stems = tokenize(word)
    return (not stems or vocabulary.knows(word) or known_word(word)
            or all(s in vocabulary.idf for s in stems))


@lru_cache(maxsize=8)
def _names(gazetteer: Gazetteer) -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
    """Folded alias -> display name; folded alias -> entity ids (to tell ambiguous ones);
    phonetic key -> folded aliases."""
    names: dict[str, str] = {}
    ids: dict[str, set[str]] = {}
    sounds: dict[str, set[str]] = {}
    for e in gazetteer.entities:
        for alias in e.aliases:
            key = " ".join(fold(alias).replace("-", " ").split())
            if len(key) >= 4 and not alias.isupper():
                names.setdefault(key, alias)
                ids.setdefault(key, set()).add(f"{e.kind}:{e.id}")
                sounds.setdefault(phonetic(key.replace(" ", "")), set()).add(key)
    return names, ids, sounds


def _best_name(phrase: str, gazetteer: Gazetteer, min_ratio: float) -> str | None:
    names, ids, sounds = _names(gazetteer)
    key = " ".join(fold(phrase).replace("-", " ").split())
    sound = phonetic(key.replace(" ", ""))
    same_sound = sounds.get(sound, set()) if len(sound) >= 4 else set()
    # A name's distinctive part alone ('nancy' for Nancy-Metz) names it when no other has it.
    part_of = {n for n in names if len(key) >= 5 and f" {key} " in f" {n} "}
    if same_sound:
        found = same_sound
    elif part_of:
        found = part_of
    else:
        scored = process.extract(key, list(names), scorer=fuzz.ratio, score_cutoff=min_ratio, limit=5)
        if not scored:
            return None
        top = scored[0][1]
        found = {n for n, s, _ in scored if s >= top - 3}
    entities = set().union(*(ids[n] for n in found))
    if len(entities) != 1:
        return None  # two places read alike: leave it to the user
    return names[sorted(found, key=lambda n: (-len(n), n))[0]] if len(found) > 1 else names[next(iter(found))]


_INFLECTED = re.compile(r"(?:ent|ons|ez|ais|ait|aient|iez|ions)$")


def _best_word(word: str, vocabulary: Vocabulary, min_length: int) -> str | None:
    key = fold(word)
    if _INFLECTED.search(key):
        return None  # a conjugated verb the stemmer missed ('travaillent'), not a typo
    sound = phonetic(key)
    options = [w for w in vocabulary.by_sound.get(sound, ()) if len(sound) >= 4]
    if not options and len(key) >= min_length + 1:
        options = [w for w, d, _ in process.extract(key, list(vocabulary.forms), scorer=Levenshtein.distance,
                                                      score_cutoff=1, limit=5) if d <= 1]
    stems = {tuple(tokenize(w)) for w in options}
    if not options or len(stems) != 1:
        return None
    best = max(options, key=lambda w: vocabulary.counts.get(w, 0))
    return vocabulary.forms[best]


def corrections(text: str, gazetteer: Gazetteer, vocabulary: Vocabulary, lang: str = "fr", *,
                min_length: int = 5, min_ratio: float = 88.0) -> list[Correction]:
    """Corrections for the words of text that neither the corpus, the glossary nor the
    gazetteer know. Names are tried on one to three words ('aix marseile'); other words
    only in French (the corpus' language), capitalised words only as names."""
    covered = [(m.start, m.end) for m in gazetteer.find(text)]
    tokens = [m for m in _TOKEN.finditer(text) if not any(s <= m.start() < e for s, e in covered)]
    out: list[Correction] = []
    i = 0
    while i < len(tokens):
        m = tokens[i]
        word = m.group(0)
        if len(word) < 4 or word.isupper() or vocabulary.knows(word) or known_word(word):
            i += 1
            continue
        fixed = None
        # Longest phrase first ('aix marseile' before 'marseile'), possibly starting at the
        # short word before the unknown one.
        spans = sorted(((j, k) for j in (i - 1, i) for k in (i, i + 1, i + 2, i + 3) if 0 <= j and k < len(tokens)
                        and (j == i or len(tokens[j].group(0)) <= 3)), key=lambda jk: jk[0] - jk[1])
        for j, k in spans:
            first, last = tokens[j], tokens[k]
            phrase = text[first.start():last.end()]
            if j != k and not re.fullmatch(r"[\w\s'’-]+", phrase):
                continue
            name = _best_name(phrase, gazetteer, min_ratio)
            if name:
                fixed = Correction(first.start(), last.end(), phrase, name)
                i = k + 1
                break
        if fixed is None and lang == "fr" and word[:1].islower() and not _is_known(word, vocabulary):
            form = _best_word(word, vocabulary, min_length)
            if form and fold(form) != fold(word):
                fixed = Correction(m.start(), m.end(), word, form)
            i += 1
        elif fixed is None:
            i += 1
        if fixed:
            out.append(fixed)
    return out


def apply(text: str, fixes: list[Correction]) -> str:
    for c in sorted(fixes, key=lambda c: -c.start):
        text = text[:c.start] + c.replacement + text[c.end:]
    return text
