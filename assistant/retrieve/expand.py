"""Query expansion from the gazetteer: a Land or académie named in German, English or
by abbreviation is searched under the French names the documents use."""
from __future__ import annotations

from assistant.gazetteer import Gazetteer
from assistant.language import detect
from assistant.retrieve.glossary import french_terms


def expansion_terms(question: str, gazetteer: Gazetteer) -> list[str]:
    terms: list[str] = []
    # Only Länder: académies and régions are already named in French by the user, and
    # repeating them pulls every passage of the partnership table ("convention avec la
    # chambre de commerce de Bretagne" is not a question about the région Bretagne).
    for m in gazetteer.find(question, {"land"}):
        e = m.entity
        names = [e.name, e.german]
        for n in names:
            if n and n.lower() not in question.lower() and n not in terms:
                terms.append(n)
    return terms


def expand(question: str, gazetteer: Gazetteer) -> str:
    """The question with the French names of the Länder it names and the French words for
    its English or German question words, so both retrievers see the corpus' vocabulary."""
    terms = expansion_terms(question, gazetteer)
    french = french_terms(question, detect(question))
    if french:
        terms.append(french)
    return f"{question} ({', '.join(terms)})" if terms else question
