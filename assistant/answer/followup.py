"""Rewrite elliptic follow-ups ("Et pour Rouen ?", "Et qui le valide ?") against the
previous user turns, without an LLM."""
from __future__ import annotations

import re

from assistant.gazetteer import Gazetteer
from assistant.index.analyzer import tokenize
from assistant.textnorm import simple_key

_LEAD = re.compile(
    r"^\s*(?:et\s+(?:pour|avec|concernant|chez|du côté de|en ce qui concerne|sur|dans)?\s*|and\s+(?:for|with)?\s*|"
    r"what\s+about\s+|how\s+about\s+|und\s+(?:für|mit)?\s*|ou\s+|or\s+)",
    re.IGNORECASE,
)
_MAX_ELLIPTIC_TERMS = 3
CONTEXT = " (à propos de : "


def own_part(rewritten: str) -> str:
    """The user's own words of a rewritten follow-up, without the attached context."""
    return rewritten.split(CONTEXT, 1)[0]


def is_elliptic(question: str) -> bool:
    return bool(_LEAD.match(question)) or len(tokenize(question)) <= 1


def strip_lead(question: str) -> str:
    rest = _LEAD.sub("", question, count=1).strip()
    return rest[:1].upper() + rest[1:] if rest else question.strip()


def _replace_entity(previous: str, new_mention, prev_mention) -> str:
    surface = previous[prev_mention.start:prev_mention.end]
    old_name, new_name = prev_mention.entity.name, new_mention.entity.name
    pos = simple_key(surface).find(simple_key(old_name))
    if pos >= 0 and len(simple_key(surface)) == len(surface):
        surface = surface[:pos] + new_name + surface[pos + len(old_name):]
    else:
        surface = new_name
    return previous[:prev_mention.start] + surface + previous[prev_mention.end:]


def rewrite(question: str, history: list[str], gazetteer: Gazetteer) -> str:
    """The question to search: unchanged unless it is an elliptic follow-up."""
    if not history:
        return question
    previous = history[-1]
    if len(history) > 1:
        previous = rewrite(previous, history[:-1], gazetteer)
    if not is_elliptic(question) or len(tokenize(question)) > _MAX_ELLIPTIC_TERMS + 2:
        return question
    new = gazetteer.find(question)
    if new:
        old = gazetteer.find(previous)
        group = {"academie": "place", "region": "place", "land": "land"}
        same = [m for m in old if group[m.entity.kind] == group[new[0].entity.kind]]
        target = same[0] if same else (old[0] if old else None)
        if target is not None:
            return _replace_entity(previous, new[0], target)
        return f"{strip_lead(question)}{CONTEXT}{own_part(previous)})"
    return f"{strip_lead(question)}{CONTEXT}{own_part(previous)})"
