"""Numbered section titles set in body type, and the document title when neither the metadata
nor a largest line gives one.

A numbered line in body type ("1. Objet de la charte") opens a list item in ``pdf_flow``: only
the whole document tells a section title from a list item. A title is short, capitalised, has
no closing punctuation, stands apart and is followed by body text; its numbers run across the
document with text between them (1 … 2 … 3) or it has dotted sub-sections (2 … 2.1). A list's
numbers follow each other line after line, and a list is announced by a colon. Pure functions
over ``pdf_flow.Proto``s (after ``join_breaks``), each cue tested directly."""
from __future__ import annotations

import re
import statistics

from assistant.ingest.formats.pdf_flow import Proto

_MARK = re.compile(r"^(\d{1,2})([.)])$")
_CLOSING = (".", ";", ",", ":", "…")
_MAX_WORDS = 10


def _first_letter_upper(text: str) -> bool:
    return next((c for c in text if c.isalpha()), "a").isupper()


def mark(p: Proto) -> tuple[int, str] | None:
    """(number, style) of an ordered item's arabic marker ("2." -> (2, "."))."""
    m = _MARK.match(p.marker) if p.kind == "item" and p.ordered else None
    return (int(m[1]), m[2]) if m else None


def title_shaped(p: Proto) -> bool:
    """An ordered item that reads like a title: a few words on one or two lines, capitalised,
    no closing punctuation (not a full sentence), not nested in a list."""
    if mark(p) is None or p.level != 0 or p.origin != "flow" or len(p.lines) > 2:
        return False
    text = p.text
    return 0 < len(text.split()) <= _MAX_WORDS and _first_letter_upper(text) and not text.endswith(_CLOSING)


def follows(a: Proto, b: Proto) -> bool:
    """``b`` carries the number after ``a``'s in the same style at the same indent."""
    ma, mb = mark(a), mark(b)
    return bool(ma and mb and ma[1] == mb[1] and mb[0] == ma[0] + 1 and abs(a.x0 - b.x0) <= 3)


def _list_neighbour(protos: list[Proto], i: int) -> bool:
    """The next line continues the numbering, or the line before is a short numbered line of the
    same run: consecutive numbered lines are a list."""
    p = protos[i]
    nxt = protos[i + 1] if i + 1 < len(protos) else None
    prev = protos[i - 1] if i > 0 else None
    return (nxt is not None and follows(p, nxt)) or (prev is not None and title_shaped(prev) and follows(prev, p))


def candidates(protos: list[Proto]) -> list[int]:
    """Indexes of title-shaped numbered lines that stand alone (no list line before or after)
    and have something after them."""
    return [i for i, p in enumerate(protos)
            if i + 1 < len(protos) and title_shaped(p) and not _list_neighbour(protos, i)]


def section_sequence(protos: list[Proto], cands: list[int]) -> set[int]:
    """Candidates whose numbers run on across the document (1, then further on 2 at the same
    indent), with other blocks between them."""
    chained: set[int] = set()
    for k, i in enumerate(cands):
        j = next((j for j in cands[k + 1:] if follows(protos[i], protos[j])), None)
        if j is not None and j > i + 1:
            chained |= {i, j}
    return chained


def has_sub_number(protos: list[Proto], i: int, cands: list[int]) -> bool:
    """A heading numbered under this line's number ("2.1" after "2.") comes before the next
    candidate."""
    n = mark(protos[i])[0]
    end = next((j for j in cands if j > i), len(protos))
    rx = re.compile(rf"^{n}\.\d")
    return any(p.kind == "heading" and rx.match(p.label or "") for p in protos[i + 1:end])


def spaced_above(p: Proto, line_gap: float) -> bool:
    """More space above than between a paragraph's lines (or the first line of its page)."""
    return p.gap_above < 0 or p.gap_above > line_gap + 0.35 * max(p.size, 1)


def score(protos: list[Proto], i: int, cands: list[int], chained: set[int], line_gap: float) -> int:
    """Evidence that candidate ``i`` is a section title (2 or more: it is)."""
    p = protos[i]
    prev = protos[i - 1] if i > 0 else None
    nxt = protos[i + 1]
    s = 2 if i in chained else 0
    s += 2 if has_sub_number(protos, i, cands) else 0
    s += 1 if spaced_above(p, line_gap) else 0
    # Body text after it, or a list of its own that starts again at 1.
    s += 1 if nxt.kind == "paragraph" or (mark(nxt) or (0, ""))[0] == 1 else 0
    if prev is not None and prev.kind == "item" and follows(prev, p):
        s -= 2  # it could close the list just above
    if prev is not None and prev.kind == "paragraph" and prev.text.endswith(":"):
        s -= 2  # announced: a list's first line
    return s


def promote_numbered_titles(protos: list[Proto], line_gap: float) -> int:
    """Turn numbered items that are section titles into headings (depth 1, labelled by their
    number), in place; the items under a promoted title lose the nesting it gave them.
    Returns how many were promoted."""
    cands = candidates(protos)
    chained = section_sequence(protos, cands)
    chosen = [i for i in cands if score(protos, i, cands, chained, line_gap) >= 2]
    for i in chosen:
        p = protos[i]
        number = mark(p)[0]
        p.kind, p.lines[0] = "heading", f"{p.marker} {p.lines[0]}"
        p.label, p.depth, p.level, p.marker, p.ordered = str(number), 1, 0, "", False
        p.x0 = p.text_x = min(p.x0, p.text_x)
    for i in chosen:
        end = next((j for j in range(i + 1, len(protos)) if protos[j].kind == "heading"), len(protos))
        items = [q for q in protos[i + 1:end] if q.kind == "item"]
        shift = min((q.level for q in items), default=0)
        for q in items:
            q.level -= shift
    return len(chosen)


def fallback_title(protos: list[Proto], line_gap: float) -> bool:
    """When no largest line is the title: the first block, a short line of the first page above
    the first heading, centred or followed by more space than blocks usually have, becomes the
    title (a level-0 heading, in place). Returns whether it did."""
    if len(protos) < 2:
        return False
    first, nxt = protos[0], protos[1]
    text = first.text
    if (first.kind != "paragraph" or first.page != 1 or first.origin != "flow" or len(first.lines) > 2
            or not 0 < len(text.split()) <= 15 or text.endswith(_CLOSING) or not _first_letter_upper(text)
            or not any(p.kind == "heading" for p in protos[1:])):
        return False
    width = max(1.0, first.right - first.left)
    centred = len(first.lines) == 1 and first.x0 > first.left + 0.1 * width and \
        abs((first.x0 + first.last_x1) / 2 - (first.left + first.right) / 2) <= 0.05 * width
    spacing = [p.gap_above for p in protos[2:] if p.gap_above >= 0 and p.kind in ("paragraph", "item")]
    usual = statistics.median(spacing) if spacing else line_gap
    spaced = nxt.page == 1 and nxt.gap_above > max(1.5 * usual, line_gap + first.size)
    if not (centred or spaced):
        return False
    first.kind, first.level, first.label = "heading", 0, ""
    return True
