"""Text normalisation shared by matching, analysis and scoring."""
from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_APOS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})


def fold_accents(text: str) -> str:
    """'Académie Württemberg' -> 'Academie Wurttemberg' (keeps length-independent semantics, not offsets)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def normalize_apostrophes(text: str) -> str:
    return text.translate(_APOS)


def match_key(text: str) -> str:
    """Key for lenient matching: no accents, no case, no whitespace, no hyphens."""
    t = fold_accents(normalize_apostrophes(text)).lower()
    return re.sub(r"[\s\-‐‑–—]+", "", t)


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def simple_key(text: str) -> str:
    """Accent- and case-folded text with single spaces, hyphens kept as spaces."""
    t = fold_accents(normalize_apostrophes(text)).lower()
    t = re.sub(r"[\-‐‑–—]", " ", t)
    return collapse_ws(t)
