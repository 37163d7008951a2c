"""Acronym definitions: 'ACRONYM (expansion)' or 'expansion (ACRONYM)' in a document's text."""
from __future__ import annotations

from assistant.answer import lookup
from assistant.answer.candidates import Candidate, Line


def propose(ctx, a, hits) -> list:
    if not a.acronyms:
        return []
    asked = lookup.asked_acronym(a.effective)
    out = []
    for acronym in a.acronyms:
        for source in ctx.sources(hits):
            text = ctx.index.document_text(source)
            span = lookup.definition_span(text, acronym)
            if not span:
                continue
            quote = text[span[0]:span[1]].strip()
            start = span[0] + text[span[0]:span[1]].find(quote)
            hit = ctx.hit_at(hits, source, start, start + len(quote))
            doc = ctx.doc(source)
            block = _block(doc, start)
            out.append(Candidate(
                route="definition", source=source, lines=(Line(quote, (source, start, start + len(quote))),),
                evidence=quote, about=ctx.path(source, block), passage=ctx.chunk_text_at(source, start),
                rank=hit.rank if hit else ctx.doc_rank(hits, source),
                fit=1.0 if a.answer_type == "definition" and acronym == asked else 0.3, blocks=(block,)))
            break
    return out


def _block(doc, pos: int) -> int:
    from assistant.answer.docview import block_at

    return block_at(doc, pos) if doc and doc.blocks else 0
