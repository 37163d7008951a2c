"""The opening of an answer names what was asked, from the document's structure or the
cited text, never invented: the heading of the section the quote sits in when that heading
is the answer (the académie's name), the sentence that says who a pronoun stands for,
"Oui"/"Non" only when the cited passage says so."""
from __future__ import annotations

import re

from assistant.answer import docview
from assistant.answer.candidates import Candidate, Line
from assistant.index.analyzer import stem_in, tokenize

_KINDS = {"academie": {"academie", "region"}, "region": {"region", "academie"}, "land": {"land"}}
_NEGATION = re.compile(r"\b(?:ne|n['’])\s*(?:\w+\s+){0,2}?(?:pas|jamais|aucun|aucune|plus|nullement)\b|\bpas de\b|"
                       r"\baucun(?:e)?\b|\bsans\b|\bnot\b|\bno\b|\bnicht\b|\bkein(?:e|en)?\b", re.IGNORECASE)
_NAMING_ROUTES = {"registry", "numbered", "outline", "heading", "definition"}


def _first_cited(lines: list[Line]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.cite), None)


def _antecedent(ctx, c: Candidate, lines: list[Line]) -> list[Line]:
    i = _first_cited(lines)
    if i is None or not docview.is_anaphoric(lines[i].text):
        return lines
    source, start, _ = lines[i].cite
    doc = ctx.doc(source)
    if not doc:
        return lines
    span = docview.sentence_before(doc, docview.block_at(doc, start), start)
    if not span:
        return lines
    text = doc.text[span[0]:span[1]].strip()
    s = span[0] + doc.text[span[0]:span[1]].find(text)
    if any(line.cite and line.cite[1] <= s < line.cite[2] for line in lines):
        return lines
    return lines[:i] + [Line(text, (source, s, s + len(text)))] + lines[i:]


def naming_heading(ctx, c: Candidate, a) -> int | None:
    """The heading above the evidence that names what the question asks for, when the
    evidence itself does not ("Quelle académie …" answered by a line of its section)."""
    if c.route in _NAMING_ROUTES or not c.blocks:
        return None
    doc = ctx.doc(c.source)
    if not doc or not doc.blocks:
        return None
    chain = docview.headings_above(doc, c.blocks[0])
    kinds = _KINDS.get(a.focus)
    if kinds:  # "Quelle académie …": the heading that names one, even if the quote names a town
        for h in reversed(chain):
            if any(m.entity.kind in kinds for m in ctx.gazetteer.find(doc.blocks[h].text)):
                return h
        return None
    focus = tokenize(a.focus) if a.focus else []
    if not focus or stem_in(focus[0], set(tokenize(c.evidence))):
        return None
    for h in reversed(chain):
        b = doc.blocks[h]
        if stem_in(focus[0], set(tokenize(f"{b.label} {b.text}"))):
            return h
    return None


def _yes_no(c: Candidate, a, lines: list[Line]) -> list[Line]:
    i = _first_cited(lines)
    if i is None:
        return lines
    said = " ".join(line.text for line in lines[i:i + 2])
    names = " ".join(e.surface for e in a.entities)
    asked = [t for t in tokenize(a.own) if t not in set(tokenize(names))]
    present = set(tokenize(f"{said} {c.about}"))
    if _NEGATION.search(said):
        word = "No." if a.language == "en" else "Non."
    elif asked and all(stem_in(t, present) for t in asked):
        word = "Yes." if a.language == "en" else "Oui."
    else:
        return lines
    return [Line(f"**{word}**")] + lines


def with_lead(ctx, c: Candidate, a) -> Candidate:
    lines = _antecedent(ctx, c, list(c.lines))
    h = naming_heading(ctx, c, a)
    if h is not None:
        b = ctx.doc(c.source).blocks[h]
        lines = [Line(f"**{b.text}**", (c.source, *b.span))] + lines
    if a.answer_type == "yes_no":
        said = _yes_no(c, a, lines)
        if len(said) > len(lines) and c.intro:
            from dataclasses import replace

            return replace(c, lines=tuple(lines), intro=f"{said[0].text} {c.intro}")
        lines = said
    return c.with_lines(lines)
