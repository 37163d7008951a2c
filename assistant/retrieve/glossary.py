"""Question words in English or German rendered in the corpus' French (data/glossary.json),
so that BM25, coverage scoring and refusals work on the same terms as for French."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "glossary.json"


@lru_cache(maxsize=1)
def _entries() -> dict[str, list[tuple[re.Pattern, str]]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    out = {}
    for lang in ("en", "de", "fr"):
        pairs = sorted(data.get(lang, {}).items(), key=lambda kv: -len(kv[0]))
        out[lang] = [(re.compile(rf"\b{re.escape(k)}\b", re.IGNORECASE), v) for k, v in pairs]
    return out


def french_terms(question: str, lang: str) -> str:
    """The corpus' French words for the glossary words of a question: translations for an
    English or German question, the corpus' own synonym for a French one ('mail' -> 'courriel')."""
    found = []
    table = _entries()["fr"] if lang == "fr" else _entries().get(lang, []) + _entries()["fr"]
    for rx, french in table:
        if rx.search(question) and french not in found:
            found.append(french)
    return " ".join(found)


def known_word(word: str) -> bool:
    """Whether the glossary (any language) knows the word."""
    return any(rx.fullmatch(word) for table in _entries().values() for rx, _ in table)


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def word_classes() -> dict[str, tuple[str, ...]]:
    """Words of one kind that a follow-up may swap for one another, longest first."""
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in _data().get("classes", {}).items()}


def qualifiers() -> frozenset[str]:
    """Words that narrow a question to one language or nationality (folded, lower case)."""
    from assistant.textnorm import fold_accents

    return frozenset(fold_accents(w).lower() for w in _data().get("qualifiers", []))
