"""Statements (sentences of paragraphs, list items) of the retrieved passages that answer
the question, with the few statements that complete them: the one that says who a
pronoun stands for, the list a statement ending with ':' opens, close runners-up."""
from __future__ import annotations

from dataclasses import dataclass

from assistant.answer import docview
from assistant.answer.answertype import satisfies
from assistant.answer.candidates import Candidate, Line
from assistant.answer.holders import blank
from assistant.answer.routes.lists import continuation, item_lines
from assistant.answer.selector import coverage, terms_of

_FIT = {"list": 0.3, "procedure": 0.3, "definition": 0.4, "none": 0.6}


@dataclass(frozen=True)
class Unit:
    source: str
    start: int
    end: int
    text: str
    rank: int
    block: int
    is_item: bool

    @property
    def ends_with_colon(self) -> bool:
        return self.text.endswith(":")


def units_of(ctx, hit) -> list[Unit]:
    doc = ctx.doc(hit.chunk.source)
    if not doc:
        return []
    lo, hi = hit.chunk.span
    out = []
    for i in ctx.blocks_of(hit):
        if i >= len(doc.blocks):
            break
        b = doc.blocks[i]
        # A heading is a label, unless it reads as a sentence ("Fait à …, en trois exemplaires.").
        if b.kind == "table" or (b.kind == "heading" and not b.text.rstrip().endswith(".")):
            continue
        for s, e in docview.sentences(doc, i):
            if e <= lo or s >= hi:
                continue
            text = doc.text[s:e].strip()
            if len(text) < 12 and b.kind != "item":
                continue
            start = s + doc.text[s:e].find(text)
            out.append(Unit(hit.chunk.source, start, start + len(text), text, hit.rank, i, b.kind == "item"))
    return out


def _score(ctx, terms, hits) -> list[tuple[float, Unit, float]]:
    """(score, unit, own coverage), best first: a unit is scored on its own words and, more
    lightly, with its section title; better-ranked passages get a small prior; very short
    units (labels, signatures) are discounted."""
    out = []
    for hit in hits:
        idf = ctx.local_idf(hit.chunk.source)
        # The document's title and the section name what its statements are about ("the
        # convention between X and Y" need not be repeated in its article on duration).
        around = terms_of(hit.chunk.section) | terms_of(ctx.label(hit.chunk.source))
        for u in units_of(ctx, hit):
            own_terms = terms_of(u.text)
            own = coverage(terms, own_terms, idf, 0.0)
            with_section = coverage(terms, own_terms | around, idf, 0.0)
            short = 1.0 if u.ends_with_colon else min(1.0, len(u.text) / 40)
            out.append(((0.45 * own + 0.3 * with_section + 0.25 / hit.rank) * short, u, own))
    out.sort(key=lambda x: -x[0])
    return out


def _antecedent(ctx, u: Unit) -> Unit | None:
    doc = ctx.doc(u.source)
    span = docview.sentence_before(doc, u.block, u.start)
    if not span:
        return None
    text = doc.text[span[0]:span[1]].strip()
    start = span[0] + doc.text[span[0]:span[1]].find(text)
    return Unit(u.source, start, start + len(text), text, u.rank, docview.block_at(doc, start), False)


def _antecedents(ctx, u: Unit, depth: int) -> list[Unit]:
    """The statements a pronoun's statement reads with: the one before it, and the one
    before that when it too opens with a pronoun ('… une convention. Elle peut … Dans
    l'établissement, cette convention est soumise …')."""
    out: list[Unit] = []
    while depth and docview.is_anaphoric(u.text):
        before = _antecedent(ctx, u)
        if not before:
            break
        out.insert(0, before)
        u, depth = before, depth - 1
    return out


def _build(ctx, a, main: tuple[float, Unit, float], scored, hits) -> Candidate:
    best_score, best, _ = main
    sections = {h.rank: h.chunk.section for h in hits}
    chosen = [best]
    budget = ctx.settings.max_chars - len(best.text)
    for score, unit, own in scored:
        if unit is best or len(chosen) >= 4 or best.ends_with_colon:  # a list answer stands alone
            continue
        # Only from the same document section: another académie's line is no companion.
        # A companion opening a list of its own would bring a second list: not a companion.
        if score >= ctx.settings.companion_share * best_score and len(unit.text) <= budget and unit.rank <= 2 \
                and own > 0 and satisfies(a.answer_type, unit.text, a.strict_date) and not unit.ends_with_colon \
                and unit.source == best.source and sections.get(unit.rank) == sections.get(best.rank):
            chosen.append(unit)
            budget -= len(unit.text)
    chosen.sort(key=lambda u: (u.rank, u.start))
    ordered: list[Unit] = []
    main = [best.text]  # the statement chosen, with what its pronoun stands for
    for u in chosen:  # a statement opening with a pronoun comes after the one naming its subject
        if docview.is_bare_label(u.text):  # …and a bare label opening a list after what it is about
            before = _antecedent(ctx, u)
            if before and before.block == u.block and all(before.start != v.start for v in ordered + chosen):
                ordered.append(before)
                if u is best:
                    main.insert(0, before.text)
        elif docview.is_anaphoric(u.text):
            before = _antecedent(ctx, u)
            if before and all(before.start != v.start for v in ordered + chosen):
                ordered.append(before)
            if u is best:
                main[:0] = [v.text for v in _antecedents(ctx, u, 2)]
        if u not in ordered:
            ordered.append(u)
    lines, evidence = [], []
    for u in ordered:
        lines.append(Line(u.text, (u.source, u.start, u.end)))
        evidence.append(u.text)
        if u.ends_with_colon:
            doc = ctx.doc(u.source)
            following = docview.list_after(doc, u.block, ctx.settings.max_items)
            items, texts = item_lines(doc, u.source, following, False, ctx.settings.max_items)
            lines += items
            evidence += texts
            if u is best:
                main += texts
            nxt = following[-1] + 1 if following else None
            more = continuation(doc, u.source, nxt if nxt is not None and nxt < len(doc.blocks)
                                and doc.blocks[nxt].kind == "paragraph" else None, False)
            if more:
                lines.append(Line(more[2], (u.source, more[0], more[1])))
                evidence.append(more[2])
    hit = next(h for h in hits if h.rank == best.rank)
    fit = _FIT.get(a.answer_type, 0.6)
    if best.ends_with_colon and a.answer_type in ("list", "procedure"):
        fit = 0.85
    return Candidate(route="sentence", source=best.source, lines=tuple(lines), evidence=" ".join(evidence),
                     about=hit.chunk.section, passage=f"{hit.chunk.section} {hit.chunk.text}", rank=best.rank,
                     fit=fit, blocks=tuple(u.block for u in ordered), main=" ".join(main))


def _whole_section(ctx, a, hit) -> Candidate | None:
    """A short section of running text, quoted whole: the two or three sentences under an
    FAQ's question or a heading naming the topic answer together ('au minimum huit
    semaines … La durée maximale est de trois mois'); one of them alone is half an answer.
    Only when the passage holds the whole section, from its heading to the next one, and
    not under the document's title (its introduction is no answer to one question), nor
    when a statement of it leaves the asked detail blank."""
    doc = ctx.doc(hit.chunk.source)
    first, last = hit.chunk.blocks
    if not doc or last - first < 2 or not doc.blocks[first].is_heading or doc.blocks[first].level == 0 or \
            (last < len(doc.blocks) and not doc.blocks[last].is_heading):
        return None
    body = doc.blocks[first + 1:last]
    # A list asked may run longer: its parts are one answer ('Décision n° 1 : … Décision n° 5 : …').
    listed = a.answer_type in ("list", "procedure")
    budget = ctx.settings.max_chars * (ctx.settings.list_section_factor if listed else 1)
    if any(b.kind != "paragraph" for b in body) or sum(len(b.text) for b in body) > budget:
        return None
    units = [u for u in units_of(ctx, hit) if first < u.block < last]
    words = set(a.terms) - set(a.entity_terms)
    blanks = [u for u in units if blank(u.text)]
    if any(words & terms_of(u.text) for u in blanks):
        return None  # the section leaves the asked detail open
    units = [u for u in units if u not in blanks]  # another detail left open is no part of the answer
    if len(units) < 2 or not satisfies(a.answer_type, " ".join(u.text for u in units), a.strict_date):
        return None
    return Candidate(route="section", source=hit.chunk.source,
                     lines=tuple(Line(u.text, (u.source, u.start, u.end)) for u in units),
                     evidence=" ".join(u.text for u in units), about=hit.chunk.section,
                     passage=f"{hit.chunk.section} {hit.chunk.text}", rank=hit.rank,
                     fit=_FIT.get(a.answer_type, 0.6) + ctx.settings.whole_section_bonus,
                     blocks=tuple(range(first + 1, last)))


def propose(ctx, a, hits) -> list:
    if not hits:
        return []
    scored = _score(ctx, list(a.terms) + list(a.context_terms), hits)
    if not scored:
        return []
    typed = [s for s in scored if satisfies(a.answer_type, s[1].text, a.strict_date)]
    whole = [c for c in (_whole_section(ctx, a, h) for h in hits) if c is not None]
    return [_build(ctx, a, main, typed, hits) for main in typed[:5]] + whole
