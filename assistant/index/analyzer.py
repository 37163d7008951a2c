"""French analyser for BM25: elisions split off, stopwords dropped, Snowball stem,
accents folded (after stemming, which needs them)."""
from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_FRENCH

from assistant.textnorm import fold_accents, normalize_apostrophes

_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Question words carry no content in a search; the corpus' own stopwords come from bm25s.
_EXTRA_STOP = {
    "quel", "quels", "quelle", "quelles", "quoi", "comment", "combien", "pourquoi", "est", "sont", "ce", "cette",
    "the", "which", "what", "who", "how", "does", "do", "is", "are", "of", "and", "with", "in", "to", "for", "a",
    "an", "et", "ou", "y", "il", "elle", "on", "quand", "faut", "veut", "dire", "peut", "peux", "pouvez", "doit",
    "doivent", "consiste", "quoi", "lorsque", "lorsqu", "selon", "exactement", "ainsi", "si",
}
STOPWORDS = frozenset(fold_accents(w) for w in set(STOPWORDS_FRENCH) | _EXTRA_STOP)
_stemmer = Stemmer.Stemmer("french")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return fold_accents(_stemmer.stemWord(word))


def tokenize(text: str) -> list[str]:
    text = _ELISION.sub(" ", normalize_apostrophes(text).lower())
    out = []
    for tok in _TOKEN.findall(text):
        folded = fold_accents(tok)
        if folded in STOPWORDS or (len(folded) < 2 and not folded.isdigit()):
            continue
        out.append(_stem(tok))
    return out


def stem_in(term: str, present: set[str] | frozenset[str]) -> bool:
    """Exact stem, or the same word cut differently by the stemmer ('presid' / 'president',
    'modifi' / 'modif'): one stem extends the other and they share at least five letters."""
    if term in present:
        return True
    if len(term) < 5:
        return False
    return any(len(p) >= 5 and (p.startswith(term) or term.startswith(p)) or _same_family(term, p) for p in present)


def _same_family(a: str, b: str) -> bool:
    """A verb and its noun, cut differently by the stemmer ('inscrir' / 'inscript'): the
    shorter stem, short of its last letter, opens the longer, and that is six letters or more."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 7 and long_.startswith(short[:-1])


def heads_index(stems) -> dict[str, tuple[str, ...]]:
    """Stems by their first five letters: where kin() looks for a stem's family."""
    out: dict[str, list[str]] = {}
    for stem in stems:
        if isinstance(stem, str) and len(stem) >= 5:
            out.setdefault(stem[:5], []).append(stem)
    return {k: tuple(v) for k, v in out.items()}


def kin(term: str, heads: dict[str, tuple[str, ...]]) -> list[str]:
    """The stems of heads_index() that stem_in() pairs with term (its word family)."""
    return [k for k in heads.get(term[:5], ()) if stem_in(term, (k,))] if len(term) >= 5 else []

