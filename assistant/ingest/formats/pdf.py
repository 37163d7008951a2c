"""PDF: blocks from the page layout (font size and weight, positions, ruling lines).

pypdf opens the file (encryption, metadata, broken files) and stays the fallback;
pdfminer.six (pdfplumber's engine, MIT) gives each character with its font and position
and each ruling line, about three times faster than going through pdfplumber's page
objects (measured by benchmarks/ingest.py); pdfplumber's table geometry turns ruling lines
into cells. ``pdf_layout`` groups characters into lines, finds
running headers and tables; ``pdf_flow`` turns lines into blocks; ``pdf_titles`` finds numbered
section titles in body type and a title line without a larger font."""
from __future__ import annotations

import io
import itertools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.clean import join_line_hyphens, vocabulary
from assistant.ingest.document import Block, Document, make_document, table_block
from assistant.ingest.formats import pdf_flow as F
from assistant.ingest.formats import pdf_layout as L
from assistant.ingest.formats import pdf_tables as T
from assistant.ingest.formats import pdf_titles as H
from assistant.ingest.formats.common import Limits

_GENERIC_TITLES = re.compile(r"^(?:untitled|sans titre|\(?anonymous\)?|document\d*|microsoft word.*|.*\.(?:docx?|odt|pdf|rtf))$",
                             re.IGNORECASE)


@dataclass
class Page:
    number: int
    width: float
    height: float
    glyphs: list[L.Glyph]
    rects: list[tuple[float, float, float, float]]
    lines: list[L.Line] = field(default_factory=list)  # outside tables
    tables: list[list[list[list[L.Line]]]] = field(default_factory=list)  # table -> row -> cell -> lines
    table_tops: list[float] = field(default_factory=list)


def read(path: Path, data: bytes, limits: Limits) -> Document:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(f"{path.name}: encrypted PDF, skipped", hint="provide an unencrypted copy")
        count = len(reader.pages)
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise DocumentError(f"{path.name}: not a readable PDF ({type(exc).__name__}), skipped") from exc
    title = metadata_title(reader)
    try:
        pages = list(extract_pages(data, path, limits))
        if count and not pages:
            raise ValueError("no page laid out")
        blocks, first_line = blocks_of(pages)
    except DocumentError:
        raise
    except Exception as exc:  # the layout could not be read: pypdf's plain text instead
        logging.getLogger(__name__).warning("%s: layout not read (%s: %s), plain text used", path.name,
                                            type(exc).__name__, exc)
        return _plain(path, reader, limits, title)
    return make_document(path.name, title or first_line, blocks)


def metadata_title(reader) -> str:
    try:
        title = " ".join(str((reader.metadata or {}).get("/Title") or "").split())
    except Exception:
        return ""
    return "" if _GENERIC_TITLES.match(title) else L.strip_controls(title)


def _plain(path: Path, reader, limits: Limits, title: str) -> Document:
    from assistant.ingest.formats.text import document_from_pages, region_keys

    pages, total = [], 0
    for i, page in enumerate(reader.pages):
        limits.check_time(path)
        text = L.strip_controls(page.extract_text() or "")
        total += len(text)
        limits.check_chars(path, total)
        pages.append((i + 1, text))
    return document_from_pages(path.name, pages, title=title, known_regions=region_keys())


def extract_pages(data: bytes, path: Path, limits: Limits):
    """Each page's glyphs (upright characters, top-down coordinates) and ruling rectangles."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTFigure, LTLine, LTRect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    bold_fonts: dict[str, bool] = {}
    total = 0

    def is_bold(name: str) -> bool:
        if name not in bold_fonts:
            # The name says it ("Arial,Bold", "ABCDEF+Calibri-Bold"), else the font descriptor's
            # weight or ForceBold flag (fonts cached by pdfminer's resource manager).
            bold = bool(L.BOLD_NAME.search(name))
            for font in getattr(manager, "_cached_fonts", {}).values():
                desc = getattr(font, "descriptor", None)
                if getattr(font, "fontname", None) == name and isinstance(desc, dict):
                    weight, flags = desc.get("FontWeight", 0), desc.get("Flags", 0)
                    bold = bold or (isinstance(weight, (int, float)) and weight >= 600) or \
                        (isinstance(flags, int) and bool(flags & (1 << 18)))
            bold_fonts[name] = bold
        return bold_fonts[name]

    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), 1):
        limits.check_time(path)
        interpreter.process_page(page)
        layout = device.get_result()
        x_min, y_max = layout.x0, layout.y1
        glyphs, rects = [], []
        stack = list(layout)[::-1]  # popped in content order: glyphs at one spot keep it
        while stack:
            o = stack.pop()
            if isinstance(o, LTChar):
                text = L.clean_glyph(o.get_text())
                if text and o.upright:
                    glyphs.append(L.Glyph(text, o.x0 - x_min, o.x1 - x_min, y_max - o.y1, y_max - o.y0,
                                          round(o.size, 1), is_bold(o.fontname)))
            elif isinstance(o, (LTRect, LTLine)):
                rects.append((o.x0 - x_min, y_max - o.y1, o.x1 - x_min, y_max - o.y0))
            elif isinstance(o, LTFigure):
                stack.extend(list(o)[::-1])
        total += len(glyphs)
        limits.check_chars(path, total)
        yield Page(number, layout.width, layout.height, glyphs, rects)


def _split_tables(page: Page) -> None:
    """Glyphs inside ruled tables go to their cells, the others to the page's lines."""
    tables = T.ruled_tables(page.rects)
    free = page.glyphs
    for cells in tables:
        x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
        x1, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
        box = (x0, top, x1, bottom)
        mine = [g for g in free if T.inside(g, box)]
        if not mine:
            continue
        free = [g for g in free if not T.inside(g, box)]
        grid = T.grid(cells)
        held: list[list[list[L.Glyph]]] = [[[] for _ in row] for row in grid]
        for g in mine:  # each glyph to its row, then to its cell
            for r, row in enumerate(grid):
                if T.inside(g, (box[0], row[0][1], box[2], max(c[3] for c in row))):
                    k = next((k for k, c in enumerate(row) if T.inside(g, c)), None)
                    if k is not None:  # (else a cell spanning rows above holds it: look further)
                        held[r][k].append(g)
                        break
        rows = [[L.group_lines(gs, page.number) for gs in row] for row in held]
        page.tables.append(rows)
        page.table_tops.append(top)
    page.lines = L.group_lines(free, page.number)


def blocks_of(pages: list[Page]) -> tuple[list[Block], str]:
    """The document's blocks and the text of its title line ("" when it has none)."""
    for p in pages:
        _split_tables(p)
    drop = L.running_lines([p.lines for p in pages], [p.height for p in pages])
    for i, p in enumerate(pages):
        p.lines = [ln for j, ln in enumerate(p.lines) if (i, j) not in drop]
    every = [ln for p in pages for ln in p.lines] + [ln for p in pages for t in p.tables for r in t for c in r for ln in c]
    body = F.body_size(every)
    gap = F.typical_gap([ln for p in pages for ln in p.lines])
    protos = _protos(pages, body, gap)
    protos = F.join_breaks(protos)
    protos = _drop_repeats(protos)
    H.promote_numbered_titles(protos, gap)
    title = F.assign_levels(protos, body) or H.fallback_title(protos, gap)
    first_line = protos[0].text if title else ""
    return _to_blocks(protos), first_line


def _protos(pages: list[Page], body: float, gap: float) -> list[F.Proto]:
    """Blocks under construction, page by page in reading order (lines and tables by height)."""
    out: list[F.Proto] = []
    ids = itertools.count(1)
    # The text column's edges, robust to a stray wide or indented line.
    xs0 = sorted(ln.x0 for p in pages for ln in p.lines)
    xs1 = sorted(ln.x1 for p in pages for ln in p.lines)
    left = xs0[len(xs0) // 20] if xs0 else 0.0
    right = xs1[len(xs1) * 19 // 20] if xs1 else 0.0
    for p in pages:
        items: list[tuple[float, int, object]] = [(ln.top, 0, ln) for ln in p.lines]
        items += [(top, 1, t) for top, t in zip(p.table_tops, p.tables)]
        items.sort(key=lambda it: (it[0], it[1]))
        run: list[L.Line] = []
        for _, _, obj in items:
            if isinstance(obj, L.Line):
                run.append(obj)
                continue
            out += _lines(run, body, gap, left, right or p.width, ids)
            run = []
            out += _table(obj, p.number, body, gap, ids)
        out += _lines(run, body, gap, left, right or p.width, ids)
    return out


def _lines(run: list[L.Line], body: float, gap: float, left: float, right: float, ids) -> list[F.Proto]:
    out: list[F.Proto] = []
    flow: list[L.Line] = []
    for part in L.find_regions(run):
        if isinstance(part, L.Region):
            if flow:
                out += F.flow_blocks(flow, body, gap, left, right, container=next(ids))
                flow = []
            out += _region(part, body, gap, ids)
        else:
            flow.append(part)
    if flow:
        out += F.flow_blocks(flow, body, gap, left, right, container=next(ids))
    return out


def _cell_blocks(lines: list[L.Line], body: float, gap: float, ids, origin: str = "cell") -> list[F.Proto]:
    if not lines:
        return []
    return F.flow_blocks(lines, body, gap, min(ln.x0 for ln in lines), max(ln.x1 for ln in lines),
                         origin=origin, container=next(ids))


def _label(lines: list[L.Line], page: int) -> F.Proto:
    text = "\n".join(ln.text for ln in lines)
    return F.Proto("heading", [text], page, x0=lines[0].x0, size=lines[0].size, bold=lines[0].bold, origin="label")


def _region(region: L.Region, body: float, gap: float, ids) -> list[F.Proto]:
    """An unruled region: columns of running text one after the other, a label table row by
    row (label heading, then its content's own blocks), anything else as table rows."""
    kind = region.kind()
    cells = [region.cells(ln) for ln in region.lines]
    if kind == "columns":
        out = []
        for c in range(len(region.gutters) + 1):
            out += _cell_blocks([L.line_of(r[c], ln.page) for ln, r in zip(region.lines, cells) if r[c]],
                                body, gap, ids, origin="flow")
        return out
    if kind == "label":
        out, label, content = [], [], []
        for ln, r in zip(region.lines, cells):
            if r[0] and not (label and not content):  # a new row (a label may wrap onto two lines)
                if label or content:
                    out += ([_label(label, label[0].page)] if label else []) + _cell_blocks(content, body, gap, ids)
                label, content = [], []
            if r[0]:
                label.append(L.line_of(r[0], ln.page))
            if r[1]:
                content.append(L.line_of(r[1], ln.page))
        out += ([_label(label, label[0].page)] if label else []) + _cell_blocks(content, body, gap, ids)
        return out
    rows = region.rows()
    header = all(w.bold for c in cells[0] for w in c if w.text.isalnum() or len(w.text) > 1)
    return [F.Proto("table", [], region.lines[0].page, rows=rows, header=header and len(rows) > 1)]


def _cell_text(lines: list[L.Line]) -> str:
    return "\n".join(ln.text for ln in lines)


def _table(rows: list[list[list[L.Line]]], page: int, body: float, gap: float, ids) -> list[F.Proto]:
    """A ruled table: a label table (short labels left of long structured content) becomes
    heading + the content's own blocks per row; any other table stays a table."""
    texts = [[_cell_text(c) for c in r] for r in rows]
    head = bool(rows) and len(rows) > 1 and all(ln.bold for c in rows[0] for ln in c) and \
        any(c for c in rows[0]) and all(len(t) <= 80 for t in texts[0])
    if T.is_label_table(texts[1:] if head else texts):
        out = [F.Proto("table", [], page, rows=[texts[0]], header=True)] if head else []
        for r in rows[1:] if head else rows:
            label, content = (r + [[]])[:2] if len(r) < 2 else (r[0], r[1])
            if any(ln.text.strip() for ln in label):
                out.append(_label(label, label[0].page))
            out += _cell_blocks(content, body, gap, ids)
        return out
    return [F.Proto("table", [], page, rows=texts, header=head)]


def _drop_repeats(protos: list[F.Proto]) -> list[F.Proto]:
    """A label repeated on a continued page ("Grand-Est (suite)"), a table header repeated on
    every page: kept once. A table continued on the next page is one table."""
    out: list[F.Proto] = []
    last_label, headers = "", []
    for p in protos:
        if p.kind == "heading" and p.origin == "label":
            text = re.sub(r"\s*\(suite\)\s*$", "", " ".join(p.text.split()), flags=re.IGNORECASE)
            if text == last_label:
                continue
            p.lines, last_label = [text], text
        if p.kind == "table":
            if p.header and p.rows[0] in headers:
                p.rows, p.header = p.rows[1:], False
                if not p.rows:
                    continue
            elif p.header:
                headers.append(p.rows[0])
            prev = out[-1] if out else None
            if prev is not None and prev.kind == "table" and prev.page + 1 == p.page and \
                    len(prev.rows[-1]) == len(p.rows[0]) and not p.header and len(prev.rows) > 1:
                prev.rows += p.rows
                continue
        out.append(p)
    return out


def _to_blocks(protos: list[F.Proto]) -> list[Block]:
    vocab = vocabulary("\n".join(line for p in protos for line in p.lines))

    def clean(text: str) -> str:
        return " ".join(L.strip_controls(join_line_hyphens(text, vocab)).split())

    blocks = []
    for p in protos:
        if p.kind == "table":
            blocks.append(table_block([[clean(c) for c in r] for r in p.rows], p.page, p.header))
            continue
        text = clean("\n".join(p.lines))
        if not text:
            continue
        if p.kind == "heading":
            blocks.append(Block("heading", text, p.page, level=p.level, label=p.label))
        elif p.kind == "item":
            blocks.append(Block("item", text, p.page, level=p.level, ordered=p.ordered, marker=p.marker))
        else:
            blocks.append(Block("paragraph", text, p.page))
    return blocks
