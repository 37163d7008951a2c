"""Text planted in a document to steer an assistant ("ignore previous instructions…").
Such lines are reported at ingest but kept: a document's words are never dropped, and
the generative prompt presents every passage as quoted data, not instructions."""
from __future__ import annotations

import re

_PATTERNS = [
    r"\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules)\b",
    r"\b(?:ignorez|ignore|oubliez|oublie|négligez)\b[^.\n]{0,40}\b(?:instructions?|consignes?|règles)\b",
    r"\b(?:ignoriere|vergiss)\b[^.\n]{0,40}\b(?:anweisungen|regeln)\b",
    r"\bsystem\s*prompt\b|\bprompt\s+syst[èe]me\b|\bdeveloper\s+mode\b|\bmode\s+d[ée]veloppeur\b|\bjailbreak\b",
    r"^\s*(?:system|assistant|user)\s*:",
    r"\b(?:you are now|tu es maintenant|vous êtes maintenant|du bist jetzt)\b",
    r"\b(?:answer|respond|reply|répond(?:s|ez)?)\s+(?:that|que|qu['’])\b",
]
_RX = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)


def flag_injections(text: str) -> list[str]:
    """The instruction-like lines of text (reported, not removed)."""
    return [line.strip() for line in text.split("\n") if _RX.search(line)]
