"""Tables: the row that holds what is asked, given cell by cell with its column header."""
from __future__ import annotations

from assistant.answer import docview
from assistant.answer.candidates import Candidate, Line
from assistant.answer.holders import blank
from assistant.answer.selector import coverage, mentions
from assistant.index.analyzer import tokenize


def propose(ctx, a, hits) -> list:
    out, seen = [], set()
    for hit in hits:
        source = hit.chunk.source
        doc = ctx.doc(source)
        if not doc:
            continue
        for i in ctx.blocks_of(hit):
            b = doc.blocks[i] if i < len(doc.blocks) else None
            if b is None or b.kind != "table" or (source, i) in seen:
                continue
            seen.add((source, i))
            rows = docview.table_rows(b)
            header = rows[0][2] if b.header and rows else ()
            body = rows[1:] if header else rows
            idf = ctx.local_idf(source)
            scored = sorted(((coverage(a.terms, " ".join(cells), idf, 0.0), s, e, cells) for s, e, cells in body),
                            key=lambda r: -r[0])
            for score, s, e, cells in scored[:2]:
                if score <= 0:
                    continue
                out.append(_candidate(ctx, a, source, i, s, e, cells, header, hit, body))
    return out


def named_elsewhere(entities, cells, body) -> tuple[str, ...]:
    """Asked entities that another row of the table is about and this row does not name:
    the table has a row for them (a cell that is little more than the name: 'Lycée de
    X', 'Y'), so this row, on another lycée or city, answers nothing about them, whatever
    the document says elsewhere. A name inside a longer cell ('Voyage Paris – Y') is no
    row of its own."""
    mine = " ".join(cells)

    def heads(e, row) -> bool:
        return any(mentions(e, c) and len(c.strip()) <= len(e.surface or e.name) + 15 for c in row)

    others = [other for _, _, other in body if list(other) != list(cells)]
    return tuple(e.name for e in entities if not mentions(e, mine) and any(heads(e, r) for r in others))


def _candidate(ctx, a, source, block, s, e, cells, header, hit, body=()) -> Candidate:
    asked = set(tokenize(a.focus)) if a.focus else set()
    pairs = [(h, c) for h, c in zip(header, cells) if c] if header else [("", c) for c in cells if c]
    # The column the question names comes first.
    pairs.sort(key=lambda hc: 0 if asked & set(tokenize(hc[0])) else 1)
    shown = " ; ".join(f"**{h}** : {c}" if h else c for h, c in pairs)
    fit = 0.9 if any(asked & set(tokenize(h)) for h, _ in pairs) else 0.7
    return Candidate(route="table", source=source, lines=(Line(shown, (source, s, e)),),
                     evidence=" ".join(cells), about=f"{ctx.path(source, block)} {' '.join(header)}",
                     passage=f"{hit.chunk.section} {hit.chunk.text}", rank=hit.rank, fit=fit, blocks=(block,),
                     lacks=blank_columns(a.terms, header, cells) + named_elsewhere(
                         # (Not a name the document's title gives: every row is about it.)
                         [e for e in a.required if not mentions(e, ctx.label(source))], cells, body))


_EMPTY = {"", "-", "–", "—", "/", "néant", "neant", "n/a", "na", "sans objet", "?"}


def blank_columns(terms, header, cells) -> tuple[str, ...]:
    """The columns the question names ('versé par le Land partenaire' names the column
    'Côté Land partenaire') when every one of them is empty in this row ('–', 'à préciser'): the
    row gives no answer for them. () when the question names no column, or one is filled."""
    if not header or len(header) < 3:
        return ()
    # A word of every column's header ('côté') tells none of them apart.
    common = set.intersection(*(set(tokenize(h)) for h in header[1:]))
    wanted = set(terms) - set(tokenize(cells[0] if cells else "")) - common
    named = [k for k, h in enumerate(header) if k > 0 and wanted & set(tokenize(h))]
    if not named or len(named) == len(header) - 1:
        return ()  # no column named, or every one of them
    cell = lambda k: cells[k].strip() if k < len(cells) else ""  # noqa: E731
    if all(cell(k).lower() in _EMPTY or blank(cell(k)) for k in named):
        return tuple(header[k] for k in named)
    return ()
