"""Which language a question is in (fr, en or de), from function words."""
from __future__ import annotations

import re

_WORDS = {
    "en": {"the", "which", "what", "who", "how", "does", "do", "is", "are", "with", "of", "and", "partner", "partners",
           "when", "where", "many", "much", "about", "states", "state", "german", "signed", "work", "can", "should"},
    "de": {"welche", "welcher", "wer", "wie", "mit", "und", "der", "die", "das", "ist", "sind", "arbeiten", "zusammen",
           "partner", "akademien", "akademie", "wann", "gibt", "es", "den", "dem", "bundesland", "bundesländer"},
    "fr": {"quel", "quels", "quelle", "quelles", "qui", "comment", "est", "sont", "les", "des", "avec", "le", "la",
           "de", "du", "et", "pour", "quand", "combien", "académie", "partenaires", "l", "d", "un", "une", "au", "aux"},
}


def detect(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _WORDS.items()}
    best = max(scores, key=lambda k: (scores[k], k == "fr"))
    return best if scores[best] > scores["fr"] else "fr"


# Words that carry no topic, per language (for analysing English and German questions).
FUNCTION_WORDS = {
    "en": _WORDS["en"] | {"a", "an", "to", "in", "on", "for", "from", "by", "at", "it", "its", "their", "be", "has",
                          "have", "was", "were", "did", "give", "gives", "tell", "me", "please", "there", "this"},
    "de": _WORDS["de"] | {"ein", "eine", "einen", "im", "in", "von", "zu", "für", "auf", "an", "welchen", "welchem",
                          "hat", "haben", "wird", "werden", "sich"},
}
