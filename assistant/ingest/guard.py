"""Text planted in a document to steer an assistant ("ignore previous instructions…") is
not content: such lines are left out of the index, and ingest says so."""
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


def strip_injections(text: str) -> tuple[str, int]:
    """The text without its instruction-like lines, and how many lines were removed."""
    kept, removed = [], 0
    for line in text.split("\n"):
        if _RX.search(line):
            removed += 1
            continue
        kept.append(line)
    return "\n".join(kept), removed
