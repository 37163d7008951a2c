"""Refusals that say what is missing and name the nearest passages (document title and
section), given as citations so that the interface can open them."""
from __future__ import annotations

from assistant.answer.base import CitationBook
from assistant.answer.selector import coverage
from assistant.types import Citation, Hit

_TEXT = {
    "fr": {
        "none": "Je ne trouve pas cette information dans les documents : je préfère ne pas l'inventer.",
        "about": "Les documents ne contiennent aucune information sur {names} : je préfère ne pas inventer de réponse.",
        "lacks": "Je ne trouve pas cette information ({names}) dans les documents : je préfère ne pas l'inventer.",
        "near": "Les passages les plus proches : {places}.",
    },
    "en": {
        "none": "I cannot find this information in the documents, so I will not guess.",
        "about": "The documents contain no information on {names}, so I will not guess.",
        "lacks": "I cannot find this information ({names}) in the documents, so I will not guess.",
        "near": "The closest passages: {places}.",
    },
}


def _best_sentence(hit: Hit, terms, idf) -> tuple[int, int]:
    """The statement of a passage closest to the question (its span in the document)."""
    from assistant.ingest.chunk import sentence_spans

    c = hit.chunk
    best, best_score = None, -1.0
    pos = 0
    for line in c.text.split("\n"):
        for s, e in sentence_spans(line, pos):
            text = c.text[s:e].strip()
            if len(text) < 12 or text == c.section.rsplit(" › ", 1)[-1]:
                continue
            score = coverage(terms, text, idf, 0.0)
            if score > best_score:
                start = s + c.text[s:e].find(text)
                best, best_score = (c.span[0] + start, c.span[0] + start + len(text)), score
        pos += len(line) + 1
    return best or c.span


def nearest(index, hits: list[Hit], analysis, idf, limit: int) -> tuple[Citation, ...]:
    """One citation per nearest passage (distinct sections), its closest statement quoted."""
    book = CitationBook(index)
    seen = set()
    terms = list(analysis.terms) + list(analysis.context_terms)
    for h in hits:
        key = (h.chunk.source, h.chunk.section)
        if key in seen:
            continue
        seen.add(key)
        book.cite(h.chunk.source, *_best_sentence(h, terms, idf))
        if len(seen) >= limit:
            break
    return tuple(book.citations)


def text(analysis, reason: str, missing: tuple[str, ...], near: tuple[Citation, ...]) -> str:
    t = _TEXT["en" if analysis.language == "en" else "fr"]
    unknown = [m for m in missing if m in analysis.unknown]
    if unknown:
        head = t["about"].format(names=", ".join(unknown))
    elif reason == "missing" and missing:
        head = t["lacks"].format(names=", ".join(missing))
    else:
        head = t["none"]
    if not near:
        return head
    places = "; ".join(f"« {c.section} » ({c.title or c.source}) [{c.n}]" if c.section else f"{c.title or c.source} [{c.n}]"
                       for c in near)
    return f"{head} {t['near'].format(places=places)}"

