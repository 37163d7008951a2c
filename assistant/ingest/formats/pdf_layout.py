"""Page geometry of a PDF: characters into words and lines, running headers and footers,
unruled column regions (columns of text, label tables, grids). Pure functions over
positioned glyphs (top-down coordinates, font size, bold), so every rule is tested without
a PDF. ``pdf_tables`` finds ruled tables; ``pdf_flow`` turns lines into blocks."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# What a bullet glyph extracts as: the usual glyphs, U+007F (a Symbol bullet without a
# Unicode map, "(cid:127)" for pdfminer) and the Symbol/Wingdings private-use code points.
BULLETS = frozenset("•◦▪▫·‣⁃∙●○■□►▸➢➤✓✔→-–—o*\x7f")
_CID = re.compile(r"\(cid:(\d+)\)")
_CID_BULLETS = {127, 149, 183}  # WinAnsi/Symbol codes of a bullet
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|[-,]bd\b|extrabold", re.IGNORECASE)


def is_private(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def clean_glyph(text: str) -> str:
    """A glyph's text without control characters: an unmapped bullet code becomes U+007F (kept
    only as a list marker), other unmapped codes and control characters vanish."""
    if text.startswith("(cid:"):
        m = _CID.fullmatch(text)
        return "\x7f" if m and int(m.group(1)) in _CID_BULLETS else ""
    if len(text) == 1:
        if text in _LIGATURES:
            return _LIGATURES[text]
        if text == "\xad":
            return "-"  # a soft hyphen shows as a hyphen at a line end
        if text == "\x7f" or is_private(text):
            return text  # a bullet when it opens a line, dropped elsewhere (see ``strip_controls``)
        if text in "\t\n\r\xa0\u2002\u2003\u2009\u202f":
            return " "
        return "" if unicodedata.category(text) in ("Cc", "Cf") else text
    return "".join(clean_glyph(c) for c in text)


def strip_controls(text: str) -> str:
    """Text safe for a block: no control or private-use characters, no soft hyphens."""
    return "".join(c for c in text if not (unicodedata.category(c) in ("Cc", "Cf", "Co") or c == "\x7f")
                   or c == "\n")


def is_bullet(token: str) -> bool:
    return len(token) == 1 and (token in BULLETS or is_private(token))


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Line:
    words: list[Word]
    page: int = 1
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False
    text: str = field(default="")

    def __post_init__(self):
        ws = self.words
        if not ws:
            return
        self.x0, self.x1 = min(w.x0 for w in ws), max(w.x1 for w in ws)
        self.top, self.bottom = min(w.top for w in ws), max(w.bottom for w in ws)
        self.text = " ".join(w.text for w in ws)
        # The style of a line is that of its letters (a bullet in another font does not count).
        sizes: Counter[float] = Counter()
        letters = bold = 0
        for w in ws:
            n = sum(c.isalnum() for c in w.text)
            if n:
                sizes[round(w.size * 2) / 2] += n
                letters += n
                bold += n if w.bold else 0
        self.size = sizes.most_common(1)[0][0] if sizes else round(ws[0].size * 2) / 2
        self.bold = letters > 0 and bold >= 0.8 * letters


def line_of(words: list[Word], page: int = 1) -> Line:
    return Line(sorted(words, key=lambda w: w.x0), page)


def group_lines(glyphs: list[Glyph], page: int = 1) -> list[Line]:
    """Glyphs into lines (vertical overlap) and words (spaces or gaps), top to bottom."""
    rows: list[list] = []  # [top, bottom, glyphs]
    for g in sorted(glyphs, key=lambda g: (g.top + g.bottom) / 2):
        mid = (g.top + g.bottom) / 2
        if rows and rows[-1][0] <= mid <= rows[-1][1]:
            row = rows[-1]
            row[0], row[1] = min(row[0], g.top), max(row[1], g.bottom)
            row[2].append(g)
        else:
            rows.append([g.top, g.bottom, [g]])
    lines = []
    for _, _, gs in rows:
        words = _words(sorted(gs, key=lambda g: g.x0))
        if words:
            lines.append(Line(words, page))
    return lines


def _words(glyphs: list[Glyph]) -> list[Word]:
    words: list[Word] = []
    cur: list[Glyph] = []

    def flush():
        if cur:
            text = "".join(g.text for g in cur)
            nb = sum(g.bold for g in cur if g.text.isalnum())
            na = sum(g.text.isalnum() for g in cur)
            words.append(Word(text, cur[0].x0, max(g.x1 for g in cur), min(g.top for g in cur),
                              max(g.bottom for g in cur), max(g.size for g in cur), na > 0 and nb * 2 >= na))
            cur.clear()

    prev = None
    for g in glyphs:
        if not g.text.strip():
            flush()
            prev = None
            continue
        if prev is not None:
            if g.text == prev.text and abs(g.x0 - prev.x0) < 0.5 * max(1.0, g.x1 - g.x0):
                continue  # a glyph printed twice (fake bold)
            gap = g.x0 - prev.x1
            # A bullet glyph is a word of its own, even set tight against its text (not "o" or "-",
            # which start words too).
            if gap > 0.2 * min(g.size, prev.size) or (len(cur) == 1 and not words and is_bullet(cur[0].text)
                                                       and cur[0].text not in "o-–—*"):
                flush()
        cur.append(g)
        prev = g
    flush()
    return words


# ----------------------------------------------------------------------------- running headers


_PAGE_NO = re.compile(r"^(?:page|p\.|seite)?\s*[-–—]?\s*(?P<n>\d{1,4}|[ivxlc]{1,7})\s*(?:(?:/|sur|of|von)\s*\d{1,4})?"
                      r"\s*[-–—]?$", re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[clxvi])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")


def is_page_number(text: str) -> bool:
    m = _PAGE_NO.match(text.strip())
    return bool(m) and (m.group("n").isdigit() or bool(_ROMAN.match(m.group("n").lower())))


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def running_lines(pages: list[list[Line]], heights: list[float], edge: int = 2) -> set[tuple[int, int]]:
    """(page index, line index) of running headers, footers and page numbers.

    A candidate is one of the ``edge`` first or last lines of a page. It runs when the same
    text (digits aside) stands at the same height on half of the pages and at least two, so
    a 2-page document loses its header too; in the outer tenth of a page two pages are
    enough (a header naming the current chapter). A lone page number in the top or bottom
    eighth of a page goes whatever the page count. Lines go from the page edge inwards and
    the first line that does not run stops the search."""
    sides: list[tuple[int, list[int], str]] = []
    places: dict[str, list[tuple[int, str, float]]] = {}
    for p, lines in enumerate(pages):
        order = sorted(range(len(lines)), key=lambda i: lines[i].top)
        top = [i for i in order[:edge] if lines[i].top < heights[p] / 2]
        bottom = [i for i in order[::-1][:edge] if lines[i].top >= heights[p] / 2]
        for side, ids in (("top", top), ("bottom", bottom)):
            sides.append((p, ids, side))
            for i in ids:
                ln = lines[i]
                pos = ln.top if side == "top" else heights[p] - ln.bottom
                places.setdefault(_shape(ln.text), []).append((p, side, pos))
    need = max(2, (len(pages) + 1) // 2)
    drop: set[tuple[int, int]] = set()
    for p, ids, side in sides:
        for i in ids:
            ln = pages[p][i]
            pos = ln.top if side == "top" else heights[p] - ln.bottom
            same = {q for q, s, other in places[_shape(ln.text)] if s == side and abs(other - pos) <= 6}
            in_margin = ln.top < heights[p] / 8 or ln.bottom > heights[p] * 7 / 8
            outer = ln.top < heights[p] / 10 or ln.bottom > heights[p] * 9 / 10
            if not (len(same) >= (2 if outer else need) or (is_page_number(ln.text) and in_margin)):
                break
            drop.add((p, i))
    return drop


# ----------------------------------------------------------------------------- unruled columns


def segments(line: Line, factor: float = 1.5) -> list[list[Word]]:
    """Runs of words separated by gaps wider than ``factor`` × font size (never between a
    list marker and its text)."""
    out: list[list[Word]] = [[line.words[0]]]
    for prev, w in zip(line.words, line.words[1:]):
        lead_marker = len(out) == 1 and len(out[0]) == 1 and (is_bullet(prev.text) or _NUM.match(prev.text))
        if w.x0 - prev.x1 > factor * max(line.size, 1) and not lead_marker:
            out.append([w])
        else:
            out[-1].append(w)
    return out


_NUM = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]$")


def _cut(gutters: list[tuple[float, float]], words: list[Word], minimum: float) -> list[tuple[float, float]] | None:
    """The gutters left free by a line's words, or None when the line crosses one of them."""
    out = []
    for a, b in gutters:
        pieces = [(a, b)]
        for w in words:
            nxt = []
            for lo, hi in pieces:
                if w.x1 <= lo or w.x0 >= hi:
                    nxt.append((lo, hi))
                else:
                    nxt += [p for p in ((lo, w.x0), (w.x1, hi)) if p[1] - p[0] >= minimum]
            pieces = nxt
        if not pieces:
            return None
        out += pieces
    return out


@dataclass
class Region:
    """A run of lines sharing vertical gutters: ``columns[c]`` holds each line's words in column c."""

    lines: list[Line]
    gutters: list[tuple[float, float]]

    def cells(self, line: Line) -> list[list[Word]]:
        cols: list[list[Word]] = [[] for _ in range(len(self.gutters) + 1)]
        for w in line.words:
            cols[sum(1 for a, b in self.gutters if w.x0 >= b - 0.5)].append(w)
        return cols

    def rows(self) -> list[list[str]]:
        """Table rows: a line filling as many columns as its row's first line starts a new row,
        a line filling fewer continues the cells of the row above (wrapped cells)."""
        out: list[list[str]] = []
        width = 0
        for ln in self.lines:
            cells = [" ".join(w.text for w in c) for c in self.cells(ln)]
            filled = sum(1 for c in cells if c)
            if not out or filled >= width:
                out.append(cells)
                width = filled
            else:
                out[-1] = [f"{a}\n{b}" if a and b else a or b for a, b in zip(out[-1], cells)]
        return out

    def kind(self) -> str:
        """'label' (short labels left of long content), 'columns' (running text in columns) or 'grid'."""
        rows = [self.cells(ln) for ln in self.lines]
        n = len(rows)
        fill = [sum(1 for r in rows if r[c]) / n for c in range(len(self.gutters) + 1)]
        text = [[" ".join(w.text for w in r[c]) for r in rows if r[c]] for c in range(len(fill))]
        if len(fill) == 2:
            mean = [sum(map(len, t)) / max(1, len(t)) for t in text]
            if fill[0] < 0.6 and fill[1] > 0.75 and max(map(len, text[0]), default=0) <= 40:
                return "label"
            # Running text in both columns: however much longer one column runs than the other.
            if min(len(t) for t in text) >= 3 and min(mean) >= 25 and n >= 6:
                return "columns"
        return "grid"


def find_regions(lines: list[Line], min_gutter: float = 8.0) -> list[Line | Region]:
    """Lines in order, runs of lines that share a vertical gutter grouped as a ``Region``.

    A run starts at a line with a wide gap and goes on while some gutter stays free of
    words and the lines stay close; it needs two lines with text on both sides of a gutter."""
    out: list[Line | Region] = []
    i, n = 0, len(lines)
    while i < n:
        segs = segments(lines[i])
        if len(segs) < 2:
            out.append(lines[i])
            i += 1
            continue
        gutters = [(a[-1].x1, b[0].x0) for a, b in zip(segs, segs[1:])]
        members = [lines[i]]
        j = i + 1
        while j < n:
            prev, ln = members[-1], lines[j]
            if ln.page != prev.page or ln.top - prev.bottom > 2.5 * max(ln.size, prev.size) \
                    or ln.x0 < lines[i].x0 - max(ln.size, 4):  # text starting left of the region is not in it
                break
            kept = _cut(gutters, ln.words, min_gutter)
            if not kept:
                break
            gutters, j = kept, j + 1
            members.append(ln)
        region = Region(members, sorted(set(gutters)))
        both = [k for k, ln in enumerate(members) if sum(1 for c in region.cells(ln) if c) >= 2]
        if len(both) < 2:
            out.append(lines[i])
            i += 1
            continue
        # Trailing lines go on the region while they stay close: a left column longer than
        # the right one goes on with its next paragraph or list, one paragraph's space below.
        # A line only in the first column after a wider gap is ordinary text after it.
        last = both[-1]
        for k in range(both[-1] + 1, len(members)):
            ln, prev = members[k], members[k - 1]
            if region.cells(ln)[0] and ln.top - prev.bottom > 0.8 * max(ln.size, 1) and \
                    (ln.top - prev.bottom > 1.3 * max(ln.size, 1) or abs(ln.size - prev.size) > 0.3):
                break
            last = k
        region.lines = members[: last + 1]
        out.append(region)
        i += last + 1
    return out
