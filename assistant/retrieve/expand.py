"""Query expansion from the gazetteer: a Land or académie named in German, English or
by abbreviation is searched under the French names the documents use."""
from __future__ import annotations

from assistant.gazetteer import Gazetteer


def expansion_terms(question: str, gazetteer: Gazetteer) -> list[str]:
    terms: list[str] = []
    for m in gazetteer.find(question):
        e = m.entity
        if e.kind == "land":
            names = [e.name, e.german]
        elif e.kind == "academie":
            names = [f"Académie de {e.name}"]
        else:
            names = [e.name]
        for n in names:
            if n and n.lower() not in question.lower() and n not in terms:
                terms.append(n)
    return terms


def expand(question: str, gazetteer: Gazetteer) -> str:
    terms = expansion_terms(question, gazetteer)
    return f"{question} ({', '.join(terms)})" if terms else question
