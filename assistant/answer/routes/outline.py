"""Outlines, read from heading levels: "what are the objectives" lists the headings one
level below the section that names them; "which objective is about X" is the heading of
that kind whose section covers X."""
from __future__ import annotations

import re

from assistant.answer import docview
from assistant.answer.candidates import Candidate, Line
from assistant.index.analyzer import tokenize
from assistant.textnorm import simple_key


def _kind_word(text: str) -> str:
    """The word a heading is numbered by ('Objectif 3 - …' -> 'objectif'), else ''."""
    m = re.match(r"([^\W\d_]+)\s+(?:\d+|[ivx]+\b)", simple_key(text))
    return m.group(1) if m else ""


_STYLES = (("roman", re.compile(r"^(?:titre|partie|chapitre|section)?\s*[ivxlc]+\s*[.)\-–]")),
           ("letter", re.compile(r"^[a-h]\s*[.)\-–]\s")),
           ("number", re.compile(r"^\d+\s*[.)\-–]\s")))


def numbering(text: str) -> str:
    """How a heading is numbered: 'roman' ('II. AXE DE COOPÉRATION'), 'letter' ('B) …'),
    'number' ('3. …'), or its kind word ('article' for 'Article 3 – …'); '' when none."""
    key = simple_key(text)
    for name, rx in _STYLES:
        if rx.match(key):
            return name
    return _kind_word(text)


def flat_children(doc, heading: int) -> list[int]:
    """The headings a numbered heading stands over when the document puts them on its
    own level ('II. AXE DE COOPÉRATION' then 'Article 3', 'Article 4' … until 'III. …'):
    the following headings of that level numbered another way."""
    b = doc.blocks[heading]
    style = numbering(b.text)
    if b.kind != "heading" or not style:
        return []
    out = []
    for i in range(heading + 1, len(doc.blocks)):
        o = doc.blocks[i]
        if o.kind != "heading":
            continue
        if o.level < b.level or (o.level == b.level and numbering(o.text) == style):
            break
        if o.level == b.level:
            out.append(i)
    return out


def _parents(doc, block: int) -> list[int]:
    """The headings above a block, and the numbered heading a run of same-level headings
    sits under (nearest first)."""
    chain = list(reversed(docview.headings_above(doc, block)))
    top = chain[-1] if chain else None
    if top is not None:
        for i in range(top - 1, -1, -1):
            o = doc.blocks[i]
            if o.kind == "heading" and o.level == doc.blocks[top].level and top in flat_children(doc, i):
                chain.append(i)
                break
    return chain


def _names_focus(focus: str, text: str) -> bool:
    return bool(focus) and bool(set(tokenize(focus)) & set(tokenize(text)))


def propose(ctx, a, hits) -> list:
    out, seen = [], set()
    for hit in hits[:3]:
        source = hit.chunk.source
        doc = ctx.doc(source)
        if not doc or not doc.blocks:
            continue
        passage = f"{hit.chunk.section} {hit.chunk.text}"
        for h in _parents(doc, hit.chunk.blocks[0]):
            kids = docview.child_headings(doc, h) or flat_children(doc, h)
            if len(kids) < 2 or (source, h) in seen:
                continue
            seen.add((source, h))
            kinds = {_kind_word(doc.blocks[k].text) for k in kids}
            about_kind = (_names_focus(a.focus, doc.blocks[h].text)
                          or any(_names_focus(a.focus, k) for k in kinds if k))
            if a.answer_type == "list" and about_kind:
                lines = [Line(doc.blocks[k].text, (source, *doc.blocks[k].span), prefix="- ") for k in kids]
                out.append(Candidate(
                    route="outline", source=source, lines=tuple(lines[: ctx.settings.max_items]),
                    evidence=" ".join(doc.blocks[k].text for k in kids) + " " + doc.blocks[h].text,
                    about=ctx.path(source, h), passage=passage, rank=hit.rank, fit=1.0, blocks=tuple(kids)))
            elif about_kind and a.answer_type != "list" and not a.numbered:
                out.extend(_single(ctx, a, source, kids, hit.rank, passage))
    return out


def _single(ctx, a, source: str, kids: list[int], rank: int, passage: str) -> list:
    """Each heading of the asked kind, with the opening of its section: the selector keeps
    the one whose words cover the question."""
    doc = ctx.doc(source)
    out = []
    for k in kids:
        b = doc.blocks[k]
        body = [j for j in range(k + 1, docview.section_end(doc, k)) if doc.blocks[j].kind != "heading"]
        text = " ".join(doc.blocks[j].text for j in body[:3])
        out.append(Candidate(
            route="heading", source=source, lines=(Line(f"**{b.text}**", (source, *b.span)),),
            evidence=f"{b.text} {text}", about=ctx.path(source, k), passage=passage, rank=rank, fit=0.7,
            blocks=(k,)))
    return out
