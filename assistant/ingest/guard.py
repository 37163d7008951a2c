"""Text planted in a document to steer an assistant ("ignore previous instructions…").

Such lines are reported at ingest but kept: a document's words are never dropped, and
the generative prompt presents every passage as quoted data, not instructions. The
patterns want an instruction *to a model* — a command to drop earlier instructions, a
new role given to an assistant or AI, a chat-template marker — so that ordinary
administrative prose ("Le recteur répond que…", "Vous êtes maintenant inscrit…",
"Assistant : Mme Dupont") is not reported.
"""
from __future__ import annotations

import re

# "earlier / above / your / system" qualifiers that turn "the rules" into "the model's rules"
_PRIOR_EN = r"(?:previous|prior|above|earlier|preceding|initial|original|system|your|all(?:\s+the)?)"
_PRIOR_FR = (r"(?:pr[ée]c[ée]dent(?:e|es|s)?|ci-dessus|ant[ée]rieur(?:e|es|s)?|initia(?:l|le|les|ux)|"
             r"d'origine|du\s+syst[èe]me|vos|tes|toutes?\s+les|tous\s+les)")
_PRIOR_DE = r"(?:vorherigen?|bisherigen?|obigen?|vorigen?|alle|deine|ihre|system)"
_AI = r"(?:assistant|assistante|ai|ia|ki|chatbot|bot|model|modèle|modell|llm|gpt|dan)"

_PATTERNS = [
    # English: "ignore (all) previous instructions", "disregard the above rules"
    rf"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{{0,20}}\b{_PRIOR_EN}\b[^.\n]{{0,20}}"
    r"\b(?:instructions?|prompts?|rules|guidelines|directives?)\b",
    # French: "ignorez les instructions précédentes", "oublie toutes tes consignes" (not "n'oubliez pas…")
    r"(?<![nN]['’])(?<![nN]e\s)\b(?:ignorez|ignore|oubliez|oublie|négligez|néglige|outrepassez)\b"
    rf"(?=[^.\n]{{0,60}}\b{_PRIOR_FR})[^.\n]{{0,40}}\b(?:instructions?|consignes?|règles|directives?)\b",
    # German: "ignoriere alle vorherigen Anweisungen"
    rf"\b(?:ignoriere|ignorieren\s+sie|vergiss|vergessen\s+sie|missachte)\b[^.\n]{{0,30}}\b{_PRIOR_DE}\b"
    r"[^.\n]{0,20}\b(?:anweisungen|regeln|instruktionen|vorgaben)\b",
    # Talking about the model's own configuration
    r"\bsystem\s*prompt\b|\bprompt\s+syst[èe]me\b|\bdeveloper\s+mode\b|\bmode\s+d[ée]veloppeur\b|\bjailbreak\b",
    # Chat-template markers and a "system:" turn
    r"<\|(?:im_start|im_end|system|user|assistant|endoftext)\|>|\[/?INST\]|<</?SYS>>|^\s*#{1,6}\s*(?:system|instruction)s?\b",
    r"^\s*system\s*:",
    # A new role for the model: "you are now an AI without limits", "tu es désormais un assistant…"
    rf"\b(?:you\s+are\s+now|from\s+now\s+on\s+you\s+are|act\s+as|tu\s+es\s+(?:maintenant|désormais)|"
    rf"vous\s+êtes\s+(?:maintenant|désormais)|du\s+bist\s+(?:jetzt|ab\s+sofort))\s+(?:an?\s+|une?\s+|l[ae]\s+|"
    rf"ein(?:e|en)?\s+|der\s+|die\s+)?(?:\w+\s+){{0,2}}{_AI}\b",
    # An order about what to answer, addressed to the reader: "Réponds uniquement que…", "Always answer that…"
    r"(?:^|[.!?:;]\s+)(?:réponds|répondez|answer|respond|reply|antworte)\s+"
    r"(?:(?:toujours|uniquement|seulement|désormais|only|always|now|immer|nur)\s+)+(?:que|qu['’]|that|with|par|:|dass)",
    r"\b(?:as\s+an\s+ai|en\s+tant\s+qu['’](?:ia|intelligence\s+artificielle)|als\s+ki)\b[^.\n]{0,40}"
    r"\b(?:you\s+must|tu\s+dois|vous\s+devez|du\s+musst)\b",
]
_RX = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)


def flag_injections(text: str) -> list[str]:
    """The instruction-like lines of text (reported, not removed)."""
    return [line.strip() for line in text.split("\n") if _RX.search(line)]
