"""Procedures and lists, read from the document's item blocks: a run of items (nested
ones indented, numbered when the list is ordered or the question asks how to do
something), the paragraph that introduces them, and what follows when it continues them."""
from __future__ import annotations

from assistant.answer import docview
from assistant.answer.candidates import Candidate, Line
from assistant.answer.selector import coverage, terms_of
from assistant.index.analyzer import stem_in, tokenize

_FIT = {"procedure": 1.0, "list": 0.9, "person_org": 0.55}


def _near(run: docview.ListRun, blocks: range) -> bool:
    lo, hi = blocks.start, blocks.stop
    first = run.lead_in if run.lead_in is not None else run.first
    return first < hi + 1 and run.last >= lo - 1


def item_lines(doc, source: str, items, numbered: bool, limit: int) -> tuple[list[Line], list[str]]:
    """One line per item (indented by nesting level), sub-labels in italics."""
    lines, texts, n = [], [], 0
    base = min((doc.blocks[i].level for i in items if doc.blocks[i].kind == "item"), default=0)
    for i in items:
        b = doc.blocks[i]
        if b.kind != "item":
            lines.append(Line(f"*{b.text.strip()}*", (source, *b.span)))
            texts.append(b.text)
            continue
        n += 1
        if n > limit:
            lines.append(Line("…"))
            break
        depth = max(0, b.level - base)
        marker = f"{n}. " if numbered and depth == 0 else "- "
        lines.append(Line(b.text.strip(), (source, *b.span), prefix="  " * depth + marker))
        texts.append(b.text)
    return lines, texts


def continuation(doc, source: str, after: int | None, procedure: bool) -> tuple[int, int, str] | None:
    """The paragraph after a list when it goes on with the list's sentence (in lower case:
    "et le ou les partenaires …") or, for a procedure, with its next step."""
    if after is None:
        return None
    s, e = docview.sentences(doc, after)[0]
    sentence = doc.text[s:e].strip()
    if sentence[:1].islower() or procedure:
        start = s + doc.text[s:e].find(sentence)
        return start, start + len(sentence), sentence
    return None


def candidate_for_run(ctx, a, source: str, run: docview.ListRun, rank: int, passage: str) -> Candidate | None:
    doc = ctx.doc(source)
    lines: list[Line] = []
    evidence: list[str] = []
    asked = set(a.terms)
    typed: list[str] = []  # the parts that share a word with the question carry the asked kind of answer
    if run.lead_in is not None:
        spans = docview.sentences(doc, run.lead_in)
        # The sentence that opens the list; a bare label ('L'établissement :') with the
        # sentence before it, which says what the list is about.
        opening = spans[-2:] if len(spans) > 1 and docview.is_bare_label(doc.text[spans[-1][0]:spans[-1][1]]) \
            else spans[-1:]
        for s, e in opening:
            lines.append(Line(doc.text[s:e].strip(), (source, s, e)))
            evidence.append(doc.text[s:e])
            typed.append(doc.text[s:e])
    elif run.first > 0 and doc.blocks[run.first - 1].kind == "heading":
        h = doc.blocks[run.first - 1]  # a list right under its heading: the heading introduces it
        lines.append(Line(f"**{h.text}**", (source, *h.span)))
        evidence.append(h.text)
        typed.append(h.text)
    ordered = any(doc.blocks[i].ordered for i in run.items)
    item, texts = item_lines(doc, source, run.items, ordered or a.answer_type == "procedure", ctx.settings.max_items)
    lines += item
    evidence += texts
    # An item carries the asked kind of answer (an amount, a date) only if it is about the
    # question's words, not one shared word ('langue' in an item with a budget).
    words = [t for t in a.terms if t not in a.entity_terms] or list(a.terms)
    oov = max(ctx.idf.values()) if ctx.idf else 1.0
    typed += [t for t in texts if asked & set(tokenize(t)) and coverage(words, t, ctx.idf, oov) >= 0.25]
    more = continuation(doc, source, run.after, a.answer_type == "procedure")
    if more:
        lines.append(Line(more[2], (source, more[0], more[1])))
        evidence.append(more[2])
        typed.append(more[2])
    if not item:
        return None
    fit = _FIT.get(a.answer_type, 0.2)
    introduced = run.lead_in is not None and lines[0].text.endswith(":")
    if a.answer_type == "procedure" and not (ordered or introduced):
        fit = 0.8
    if a.answer_type == "person_org" and introduced:
        fit = 0.7  # "… est co-signée soit :" and the signatories
    first = run.lead_in if run.lead_in is not None else run.first
    return Candidate(route="list", source=source, lines=tuple(lines), evidence=" ".join(evidence),
                     about=ctx.path(source, first), passage=passage, rank=rank, fit=fit,
                     blocks=tuple([first, *run.items]), typed=" ".join(typed))


def branches(doc, run: docview.ListRun) -> list[tuple[int, tuple[int, ...]]]:
    """The sub-lists of a run, each under the block that labels it: an item with deeper
    items under it ('3. Au retour' and its three steps), or a label paragraph ('Pour la
    Sarre :') and the items up to the next label."""
    out = []
    items = run.items
    for k, i in enumerate(items):
        b = doc.blocks[i]
        if b.kind == "item":
            under = []
            for j in items[k + 1:]:
                c = doc.blocks[j]
                if c.kind != "item" or c.level <= b.level:
                    break
                under.append(j)
        else:  # a label paragraph
            under = []
            for j in items[k + 1:]:
                if doc.blocks[j].kind != "item":
                    break
                under.append(j)
        if under and len(under) < len(items) - 1:  # a part, not the whole run again
            out.append((i, tuple(under)))
    return out


def candidate_for_branch(ctx, a, source: str, run: docview.ListRun, label: int, under: tuple[int, ...],
                         rank: int, passage: str) -> Candidate | None:
    doc = ctx.doc(source)
    b = doc.blocks[label]
    ordered = any(doc.blocks[i].ordered for i in under)
    item, texts = item_lines(doc, source, under, ordered or a.answer_type == "procedure", ctx.settings.max_items)
    if not item:
        return None
    head = Line(f"**{b.text.strip()}**", (source, *b.span))
    first = run.lead_in if run.lead_in is not None else run.first
    fit = _FIT.get(a.answer_type, 0.2)
    return Candidate(route="list", source=source, lines=(head, *item), evidence=" ".join([b.text, *texts]),
                     about=f"{ctx.path(source, first)} › {b.text.strip()}", passage=passage, rank=rank, fit=fit,
                     blocks=(label, *under), typed=" ".join([b.text, *texts]))


def _names_part(a, whole: Candidate, part: Candidate) -> bool:
    """Whether the question uses a word of the part's label that the list's own heading,
    lead-in and section path do not ('retour' in 'Au retour', under 'Les étapes')."""
    label = terms_of(part.lines[0].text)
    around = terms_of(f"{whole.about} {whole.lines[0].text if whole.lines else ''}")
    words = [t for t in a.terms if t not in a.entity_terms]
    return any(stem_in(t, label) and not stem_in(t, around) for t in words)


def propose(ctx, a, hits) -> list:
    out, seen = [], set()
    for hit in hits:
        source = hit.chunk.source
        if not ctx.doc(source):
            continue
        blocks = ctx.blocks_of(hit)
        for run in ctx.runs(source):
            key = (source, run.first)
            # A procedure or list asked may sit a little before the passage that ranked, in its
            # section ('2.1 Le candidat procède comme suit : 1) … 4) …' before '2.3 Le jury …').
            if key in seen or not (_near(run, blocks) or (
                    a.answer_type in ("procedure", "list") and ctx.path(source, run.first) == ctx.path(source, blocks.start))):
                continue
            seen.add(key)
            passage = f"{hit.chunk.section} {hit.chunk.text}"
            parts = [c for label, under in branches(ctx.doc(source), run)
                     if (c := candidate_for_branch(ctx, a, source, run, label, under, hit.rank, passage))]
            whole = candidate_for_run(ctx, a, source, run, hit.rank, passage)
            # A question naming one part's label ('au retour') asks for that part, not the whole list.
            if whole and not any(_names_part(a, whole, part) for part in parts):
                out.append(whole)
            out += parts
    return out
