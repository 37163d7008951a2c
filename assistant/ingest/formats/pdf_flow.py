"""Lines of a PDF page (or column, or table cell) into blocks: headings from font size,
weight and numbering, list items from their markers and indentation, paragraphs rejoined
across line wraps and page breaks. Pure functions over ``pdf_layout.Line``s."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.ingest.formats.pdf_layout import _NUM, Line, is_bullet, is_private

_TERMINAL = (".", "!", "?", ":", ";")
# Numbering that makes a line a heading: (regex, depth). Depth orders headings of one style.
_NUMBERED = [
    (re.compile(r"^(?P<label>(?:Chapitre|Titre|Partie|Section)\s+[\dIVX]+)\b", re.IGNORECASE), 0),
    (re.compile(r"^(?P<label>[IVX]{1,5})\s*[.–\-]\s*[^\W\d]"), 0),
    (re.compile(r"^(?P<label>(?:Article|Objectif|Annexe|Axe)\s+\d+)\s*(?:[–\-.:)]|\(|$)", re.IGNORECASE), 1),
    (re.compile(r"^(?P<label>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+[^\W\d]"), 3),
    (re.compile(r"^(?P<label>\d{1,2}\.\d{1,2})\.?\s+[^\W\d]"), 2),
    (re.compile(r"^(?P<label>\d{1,2})[.)]\s+[^\W\d]"), 1),
    (re.compile(r"^(?P<label>[a-h])[.)]\s+[A-ZÉÈÀ]"), 2),
    (re.compile(r"^(?P<label>pr[ée]ambule)\s*$", re.IGNORECASE), None),
]


def numbering(text: str) -> tuple[str, int | None] | None:
    """(label, depth) of a numbered heading's text ("Article 3 – Durée" -> ("Article 3", 1))."""
    for rx, depth in _NUMBERED:
        m = rx.match(text)
        if m:
            label = m.group("label")
            return (label if depth is not None else "", depth)
    return None


@dataclass
class Proto:
    """A block under construction (lines not yet joined, level not yet known)."""

    kind: str  # heading | paragraph | item | table
    lines: list[str]
    page: int
    x0: float = 0.0  # where the block starts (an item's marker)
    text_x: float = 0.0  # where its continuation lines start (an item's text)
    size: float = 0.0
    bold: bool = False
    marker: str = ""
    ordered: bool = False
    label: str = ""
    depth: int | None = None
    level: int = 0
    last_x1: float = 0.0
    right: float = 0.0  # right edge of its container
    origin: str = "flow"  # flow | cell (inside a label table) | label (a label table's left cell)
    container: int = 0
    rows: list = field(default_factory=list)
    header: bool = False
    gap_above: float = -1.0  # space between its first line and the line above (-1: none on its page)
    left: float = 0.0  # left edge of its container

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())

    @property
    def last_full(self) -> bool:
        return self.right > 0 and self.last_x1 >= self.right - 0.12 * max(1.0, self.right - self.x0)


def marker_of(line: Line, gap_ok: bool) -> tuple[str, bool, int] | None:
    """(marker, ordered, words taken) when the line opens a list item. Ambiguous markers ("-",
    "o", "*") count only when set apart from their text or when ``gap_ok`` (a new block)."""
    ws = line.words
    if len(ws) < 2:
        return None
    first = ws[0].text
    if is_bullet(first):
        apart = ws[1].x0 - ws[0].x1 >= 0.45 * line.size
        if first in "-–—o*" and not (apart or gap_ok):
            return None
        return ("•" if first == "\x7f" or is_private(first) else first), False, 1
    if _NUM.match(first):
        return first, True, 1
    return None


_LEADER = re.compile(r"(?:\.\s?){4,}\s*\S{1,6}$")  # "2.1 Naming ........ 3": a table of contents entry


def is_heading_style(line: Line, body: float) -> bool:
    return (line.bold or line.size >= body * 1.1) and not _LEADER.search(line.text) and not is_label_line(line)


# "Date limite : 23 janvier 2026", "Public : enseignants" - a short label, a colon, a value.
_LABEL = re.compile(r"^[^\W\d](?:[^:.;!?]{0,58}?)\s?:\s+\S")
# A bold label may open with a number ("2e session : …"): its type marks it, not its first letter.
_BOLD_LABEL = re.compile(r"^\w(?:[^:.;!?]{0,58}?)\s?:\s+\S")


def label_style(line: Line) -> str:
    """'bold' for a bold label before a value in body type, 'plain' for a short
    "label : value" line in body type throughout, '' for any other line. The label is at
    most eight words; a bold label counts even when its value holds no letter ("Nombre de
    places : 12")."""
    m = _BOLD_LABEL.match(line.text)
    if not m or len(line.text[:m.end()].split()) > 9:
        return ""
    cut = next((i for i, w in enumerate(line.words) if w.text.endswith(":")), None)
    if cut is None or cut + 1 >= len(line.words):
        return ""
    # (A word without letters, such as a lone colon, has no weight of its own.)
    lettered = lambda ws: [w for w in ws if any(c.isalnum() for c in w.text)]  # noqa: E731
    label_bold = all(w.bold for w in lettered(line.words[:cut + 1]))
    value_bold = all(w.bold for w in lettered(line.words[cut + 1:]))
    if label_bold and not value_bold:
        return "bold"
    if not label_bold and not value_bold and len(line.text) <= 90 and _LABEL.match(line.text):
        return "plain"
    return ""


def is_label_line(line: Line) -> bool:
    """A "label : value" line of a form or information sheet: one statement of its own,
    never a heading (however bold its label) and never the continuation of the line above."""
    return bool(label_style(line))


def _short(line: Line, right: float, left: float) -> bool:
    return line.x1 < right - 0.2 * max(1.0, right - left)


def flow_blocks(lines: list[Line], body: float, line_gap: float, left: float, right: float,
                origin: str = "flow", container: int = 0) -> list[Proto]:
    """Blocks of one container's lines (in reading order)."""
    out: list[Proto] = []
    cur: Proto | None = None
    prev: Line | None = None
    stack: list[float] = []  # marker x of the open list levels

    def start(kind: str, ln: Line, text: str, **kw) -> Proto:
        nonlocal cur
        above = ln.top - prev.bottom if prev is not None and prev.page == ln.page else -1.0
        cur = Proto(kind, [text], ln.page, x0=ln.x0, text_x=kw.pop("text_x", ln.x0), size=ln.size,
                    bold=ln.bold and not is_label_line(ln),
                    last_x1=ln.x1, right=right, origin=origin, container=container, gap_above=above,
                    left=left, **kw)
        out.append(cur)
        return cur

    for ln in lines:
        gap_break = prev is None or prev.page != ln.page or ln.top - prev.bottom > line_gap + 0.35 * max(ln.size, 1)
        styled = is_heading_style(ln, body)
        mk = marker_of(ln, gap_break or (prev is not None and prev.text.endswith(_TERMINAL)) or
                       (cur is not None and cur.kind == "item"))
        num = numbering(ln.text)
        if mk:
            marker, ordered, taken = mk
            rest = " ".join(w.text for w in ln.words[taken:])
            if ordered and styled and len(rest.split()) <= 12 and not rest.endswith((".", ";", ",")):
                start("heading", ln, ln.text, label=marker.rstrip(".)"), depth=1)
                stack = []
            else:
                x = ln.words[0].x0
                while stack and x < stack[-1] - 3:
                    stack.pop()
                if not stack or x > stack[-1] + 3:
                    stack.append(x)
                p = start("item", ln, rest, text_x=ln.words[taken].x0, marker=marker, ordered=ordered)
                p.level = len(stack) - 1
        elif cur is None or gap_break:
            _open(start, ln, styled, num, right, left)
        elif cur.kind == "heading":
            same = abs(ln.size - cur.size) <= 0.3 and ln.bold == cur.bold
            wraps = same and num is None and len(cur.lines) < 3 and not cur.lines[-1].endswith(_TERMINAL)
            if wraps and (styled or cur.last_full):
                cur.lines.append(ln.text)
                cur.last_x1 = ln.x1
            else:  # the first sentence of a section is never part of its heading
                _open(start, ln, styled, num, right, left)
        elif styled and not is_heading_style_proto(cur, body):
            _open(start, ln, styled, num, right, left)
        elif cur.kind == "item":
            # Wrapped lines sit at the item's text, or (no hanging indent) at its marker after a full line.
            if ln.x0 >= cur.text_x - 2 or (ln.x0 >= cur.x0 - 2 and prev is not None and cur.last_full
                                           and not prev.text.endswith(_TERMINAL)):
                cur.lines.append(ln.text)
                cur.last_x1 = ln.x1
            else:
                _open(start, ln, styled, num, right, left)
        else:  # a paragraph
            ends = prev is not None and prev.text.endswith(_TERMINAL)
            short_prev = prev is not None and prev.x1 < right - max(0.25 * (right - left), 3 * ln.size)
            if (abs(ln.size - cur.size) > 0.6
                    or short_prev and is_label_line(ln)
                    # A wrapped line never opens with a bold label: a form's next field does,
                    # however far the field above it ran to the right.
                    or label_style(ln) == "bold"
                    or _numbered_alone(ln, num, right, left) and (ends or short_prev)
                    or ends and short_prev
                    or ends and ln.x0 > cur.text_x + 0.8 * ln.size):
                _open(start, ln, styled, num, right, left)
            else:
                if len(cur.lines) == 1:
                    cur.text_x = ln.x0
                cur.lines.append(ln.text)
                cur.last_x1 = ln.x1
        if cur is not None and cur.kind == "heading":
            stack = []
        prev = ln
    return [_demote(p, body) for p in out]


def is_heading_style_proto(p: Proto, body: float) -> bool:
    return p.bold or p.size >= body * 1.1


def _numbered_alone(ln: Line, num, right: float, left: float) -> bool:
    """A numbered line in body type standing on its own ("Article 3 – Durée")."""
    return (num is not None and bool(num[0]) and (_short(ln, right, left) or len(ln.text) <= 90)
            and not ln.text.rstrip().endswith((".", ";", ",")) and not _LEADER.search(ln.text))


def _open(start, ln: Line, styled: bool, num, right: float, left: float) -> None:
    """Start a heading or a paragraph with this line."""
    if styled:
        start("heading", ln, ln.text, label=num[0] if num else "", depth=num[1] if num else None)
    elif _numbered_alone(ln, num, right, left):
        start("heading", ln, ln.text, label=num[0], depth=num[1])
    else:
        start("paragraph", ln, ln.text)


def _demote(p: Proto, body: float) -> Proto:
    """A "heading" too long for one is emphasised text: a paragraph."""
    if p.kind != "heading":
        return p
    words = len(p.text.split())
    limit = 45 if p.label else 25
    emphasised = p.size <= body + 0.3 and p.text.endswith(".") and words > 12
    wordless = sum(c.isalpha() for c in p.text) < 2 and not p.label  # a bold "x" in a listing
    if len(p.lines) > 3 or words > limit or emphasised or wordless:
        p.kind, p.label, p.depth = "paragraph", "", None
    return p


def style_ranks(protos: list[Proto]) -> dict[tuple[float, bool], int]:
    keys = {(p.size, p.bold) for p in protos if p.kind == "heading"}
    return {k: i for i, k in enumerate(sorted(keys, key=lambda k: (-k[0], not k[1])))}


def _rank_levels(heads: list[Proto]) -> dict[int, int]:
    """Relative levels (0-based) of headings: by style (larger, then bold, first) and within one
    style by numbering depth ("3" above "3.4"); an unnumbered heading sits at the shallowest
    depth of its style."""
    ranks = style_ranks(heads)
    depths: dict[int, list[int]] = {}
    for p in heads:
        if p.depth is not None:
            depths.setdefault(ranks[(p.size, p.bold)], []).append(p.depth)
    keys = {}
    for p in heads:
        r = ranks[(p.size, p.bold)]
        d = p.depth if p.depth is not None else min(depths.get(r, [0]))
        keys[id(p)] = (r, d)
    order = {k: i for i, k in enumerate(sorted(set(keys.values())))}
    return {pid: order[k] for pid, k in keys.items()}


def assign_levels(protos: list[Proto], body: float) -> bool:
    """Set heading levels in place; returns whether the first block is the document title
    (level 0: the largest type of the document, used once, on its first page)."""
    flow = [p for p in protos if p.kind == "heading" and p.origin == "flow"]
    title = False
    if flow and protos and protos[0] is flow[0] and flow[0].page == 1 and flow[0].size > body * 1.15:
        top = max(p.size for p in flow)
        title = flow[0].size == top and sum(1 for p in flow if p.size == top) == 1
    ranked = _rank_levels(flow[1:] if title else flow)
    cells = _rank_levels([p for p in protos if p.kind == "heading" and p.origin == "cell"])
    last_flow = 0
    for i, p in enumerate(protos):
        if p.kind != "heading":
            continue
        if p.origin == "flow":
            p.level = 0 if (title and i == 0) else min(6, 1 + ranked[id(p)])
            last_flow = p.level
        elif p.origin == "label":
            p.level = min(6, last_flow + 1)
        else:
            p.level = min(6, last_flow + 2 + cells[id(p)])
    return title


def join_breaks(protos: list[Proto]) -> list[Proto]:
    """Rejoin a paragraph or list item cut by a page, column or cell break: the piece after the
    break continues it when the text before did not end a sentence and the piece starts in
    lower case, or the line before the break was full, or it sits at the item's text indent."""
    out: list[Proto] = []
    for p in protos:
        a = out[-1] if out else None
        broken = a is not None and (a.page != p.page or a.container != p.container)
        if (broken and a.kind in ("paragraph", "item") and p.kind == "paragraph" and p.lines
                and not a.lines[-1].rstrip().endswith(_TERMINAL[:3])
                and (p.lines[0][:1].islower() or a.last_full or (a.kind == "item" and abs(p.x0 - a.text_x) <= 3))):
            a.lines += p.lines
            a.last_x1, a.container, a.right = p.last_x1, p.container, p.right
            continue
        out.append(p)
    return out


def typical_gap(lines: list[Line]) -> float:
    """The usual space between two lines of one paragraph (the most common gap)."""
    gaps: Counter[float] = Counter()
    for a, b in zip(lines, lines[1:]):
        g = b.top - a.bottom
        if a.page == b.page and 0 <= g <= 1.5 * max(a.size, 1) and abs(a.size - b.size) < 0.3:
            gaps[round(g * 2) / 2] += 1
    return gaps.most_common(1)[0][0] if gaps else 3.0


def body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0
