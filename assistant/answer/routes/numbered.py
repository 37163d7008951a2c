"""Numbered sections asked by number ("l'objectif 6", "le deuxième objectif", "article 3.4"):
the heading whose label is that number, and the opening of its body."""
from __future__ import annotations

from assistant.answer import docview, lookup
from assistant.answer.candidates import Candidate, Line


def propose(ctx, a, hits) -> list:
    if not a.numbered:
        return []
    label, number = a.numbered
    out = []
    for source in ctx.sources(hits):
        doc = ctx.doc(source)
        if not doc:
            continue
        for i, b in enumerate(doc.blocks):
            if b.kind != "heading" or not lookup.section_matches(b.text, label, number, b.label):
                continue
            lines = [Line(b.text, (source, *b.span), prefix="")]
            evidence = [b.text]
            body = next((j for j in range(i + 1, docview.section_end(doc, i)) if doc.blocks[j].kind == "paragraph"),
                        None)
            if body is not None:
                s, e = docview.sentences(doc, body)[0]
                lines.append(Line(doc.text[s:e].strip(), (source, s, e)))
                evidence.append(doc.text[s:e])
            out.append(Candidate(
                route="numbered", source=source, lines=tuple(_bold_first(lines)), evidence=" ".join(evidence),
                about=ctx.path(source, i), passage=ctx.chunk_text_at(source, b.span[1] + 1), rank=ctx.doc_rank(hits, source),
                fit=1.0, blocks=(i,)))
            break
        if len(out) >= 2:
            break
    return out


def _bold_first(lines: list[Line]) -> list[Line]:
    first = lines[0]
    return [Line(f"**{first.text}**", first.cite)] + lines[1:]
