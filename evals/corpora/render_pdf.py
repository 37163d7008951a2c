"""Render the five corpus/*.txt documents as realistic PDFs (reportlab platypus), the test
material of the PDF reader.

The text of each PDF is the document's own text: the .txt file is read by the project's
plain-text reader and its blocks (headings with levels, paragraphs, list items) are laid
out the way such documents are printed:

- the partnership brochure as a 2-column table (région | académie lines in bold followed
  by bulleted agreements), rows breaking across pages, the column header repeated on
  every page, a running header and a page-number footer;
- the plan and the two conventions as bold, larger numbered headings, justified body
  text and bullet lists in a mix of glyphs (•, ·, o, -, ▪, ◦, a Symbol-font private-use
  bullet U+F0B7 / U+F0A7 and the U+007F a Symbol font yields without a Unicode map), a
  running header and footer; the signature block of a convention as a borderless table;
- the procedure sheet as a short 2-page PDF with a numbered list.

This is test tooling: it knows these five files (which layout each gets), nothing in the
reader does. ``python -m evals.corpora.render_pdf`` rewrites evals/corpora/pdf/; tests call
``render_all(folder)`` or ``render(txt, pdf)``.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
OUT = Path(__file__).resolve().parent / "pdf"
BULLET_FONT = "SymbolBullets"  # a TrueType font whose bullet glyph sits at private-use code points


@dataclass
class Layout:
    kind: str = "flow"  # "flow" | "label-table"
    body_font: str = "Helvetica"
    size: float = 10
    title: str | None = None  # PDF metadata /Title (None: reportlab's "untitled")
    header: str = ""  # running header text
    footer: str = "Page {n}"
    page: str = "A4"
    # (glyph, font) per list, cycled; nested items use ``nested``.
    bullets: list[tuple[str, str]] = field(default_factory=lambda: [("•", "Helvetica")])
    by_marker: dict[str, tuple[str, str]] = field(default_factory=dict)  # source marker -> glyph
    nested: tuple[str, str] = ("◦", BULLET_FONT)
    numbered: bool = False  # unordered source lists printed as 1., 2., …
    signatures: bool = False  # the closing paragraphs as a borderless table, one column per party


LAYOUTS = {
    "partenaires-academies-lander": Layout(
        kind="label-table", title="Partenaires et axes de coopération par académie",
        header="Coopération franco-allemande – partenariats des académies", footer="{n}"),
    "plan-erasmus-academie-poitiers": Layout(
        body_font="Times-Roman", size=10.5, header="Plan Erasmus+ – accréditation académique",
        footer="Page {n}", by_marker={"o": ("o", "Courier"), "-": ("-", "Times-Roman")}),
    "convention-aix-marseille-cgpme-agefa": Layout(
        header="Convention de partenariat", footer="Page {n}", signatures=True,
        bullets=[("•", "Symbol"), ("\x7f", BULLET_FONT), ("▪", BULLET_FONT)]),
    "modele-convention-cooperation-formation": Layout(
        header="Modèle de convention de coopération", footer="- {n} -",
        bullets=[("\uf0b7", BULLET_FONT), ("·", "Helvetica")], nested=("\uf0a7", BULLET_FONT)),
    "officialiser-partenariat-scolaire": Layout(
        title="Officialiser un partenariat scolaire", header="Dareic – appariements",
        footer="{n}/{total}", page="A5", size=10.5, numbered=True),
}


def _register_fonts() -> None:
    """A TrueType font (Bitstream Vera, shipped with reportlab) whose bullet glyph is also mapped
    at U+F0B7, U+F0A7 (what Word's Symbol bullets extract as), U+007F (what a Symbol font
    without a Unicode map extracts as), U+25AA and U+25E6."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if BULLET_FONT in pdfmetrics.getRegisteredFontNames():
        return
    import reportlab
    from fontTools.ttLib import TTFont as FontFile

    font = FontFile(os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"), recalcTimestamp=False)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for code in (0xF0B7, 0xF0A7, 0x7F, 0x25AA, 0x25E6):
                table.cmap[code] = "bullet"
    for rec in font["name"].names:
        if rec.nameID in (1, 4, 6):
            rec.string = "Symbol"
    buf = io.BytesIO()
    font.save(buf)
    buf.seek(0)
    pdfmetrics.registerFont(TTFont(BULLET_FONT, buf))


def source_blocks(txt: Path):
    """The document's blocks as the project's plain-text reader sees them."""
    from assistant.ingest.formats.common import Limits
    from assistant.ingest.formats.text import read

    return list(read(txt, txt.read_bytes(), Limits()).blocks)


def _bold(font: str) -> str:
    return {"Times-Roman": "Times-Bold", "Helvetica": "Helvetica-Bold"}.get(font, font + "-Bold")


def _styles(lay: Layout):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    s, f, b = lay.size, lay.body_font, _bold(lay.body_font)
    body = ParagraphStyle("body", fontName=f, fontSize=s, leading=s * 1.25, alignment=TA_JUSTIFY, spaceAfter=s * 0.6)
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, alignment=0, spaceAfter=3),
        "label": ParagraphStyle("label", parent=body, fontName=b, alignment=0, spaceAfter=0),
        "acad": ParagraphStyle("acad", parent=body, fontName=b, alignment=0, spaceBefore=4, spaceAfter=3),
        0: ParagraphStyle("h0", fontName=b, fontSize=s + 6, leading=(s + 6) * 1.25, alignment=TA_CENTER, spaceAfter=14),
        1: ParagraphStyle("h1", fontName=b, fontSize=s + 3, leading=(s + 3) * 1.25, spaceBefore=12, spaceAfter=6),
        2: ParagraphStyle("h2", fontName=b, fontSize=s + 1.5, leading=(s + 1.5) * 1.25, spaceBefore=9, spaceAfter=5),
        3: ParagraphStyle("h3", fontName=b, fontSize=s + 0.5, leading=(s + 0.5) * 1.25, spaceBefore=6, spaceAfter=4),
    }


def _item(text: str, glyph: tuple[str, str], level: int, st, cell: bool = False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    base = st["cell"] if cell else st["body"]
    style = ParagraphStyle(f"item{level}", parent=base, leftIndent=16 + 18 * level, bulletIndent=4 + 18 * level,
                           bulletFontName=glyph[1], spaceAfter=3, alignment=0 if cell else base.alignment)
    return Paragraph(escape(text), style, bulletText=glyph[0])


def _list_flowables(blocks, lay: Layout, st, cell: bool = False):
    """Flowables of a run of blocks; each run of consecutive items is one list."""
    from reportlab.platypus import Paragraph

    out, list_no, n, prev, nested = [], -1, 0, None, False
    for b in blocks:
        if b.kind == "item":
            if prev is None or prev.kind != "item":
                list_no, n = list_no + 1, 0
            # Items of another marker after an item announcing them (":") are its sub-list.
            nested = prev is not None and prev.kind == "item" and (
                (prev.text.rstrip().endswith(":") and prev.marker != b.marker) or nested and prev.marker == b.marker)
            if nested:
                glyph = lay.nested
            elif b.ordered or lay.numbered:
                n += 1
                glyph = (b.marker if b.ordered else f"{n}.", lay.body_font)
            elif b.marker in lay.by_marker:
                glyph = lay.by_marker[b.marker]
            else:
                glyph = lay.bullets[list_no % len(lay.bullets)]
            out.append(_item(b.text, glyph, int(nested), st, cell))
        elif b.kind == "heading" and b.label != "closing":
            out.append(Paragraph(escape(b.text), st["acad"] if cell else st[min(3, max(0, b.level))]))
        else:
            out.append(Paragraph(escape(b.text), st["cell"] if cell else st["body"]))
        prev = b
        nested = nested and b.kind == "item"
    return out


def _signature_table(blocks, st):
    """The parties' signature block: one column per "Pour …" paragraph and the lines below it."""
    from reportlab.platypus import Paragraph, Table

    cols: list[list[str]] = []
    for b in blocks:
        if b.text.startswith("Pour ") or not cols:
            cols.append([b.text])
        else:
            cols[-1].append(b.text)
    cells = [[Paragraph(escape(t), st["cell"]) for t in col] for col in cols]
    return Table([cells], colWidths=[160] * len(cells), style=[("VALIGN", (0, 0), (-1, -1), "TOP")])


def _flow(blocks, lay: Layout, st):
    from reportlab.platypus import Paragraph, Spacer

    closing = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.label == "closing"), None)
    story = _list_flowables(blocks[:closing], lay, st)
    if closing is not None:
        story.append(Spacer(1, 12))
        story.append(Paragraph(escape(blocks[closing].text), st["body"]))  # "Fait à …" is body text
        rest = blocks[closing + 1:]
        if lay.signatures and rest:
            story += [Spacer(1, 18), _signature_table(rest, st)]
        else:
            story += _list_flowables(rest, lay, st)
    return story


def _label_table(blocks, lay: Layout, st, width: float):
    """région | académies: the left cell the région, the right cell each académie in bold followed
    by its agreements; the column header repeats on every page and rows split across pages."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table

    rows, head = [], []
    for b in blocks:
        if b.kind == "heading" and b.level == 1:
            rows.append([b.text, []])
        elif rows:
            rows[-1][1].append(b)
        else:
            head.append(b.text)
    # The header row: the two column titles the plain-text reader saw before the first région.
    header = [" ".join(head[:-1]) or "Régions", head[-1] if head else ""]
    data = [[Paragraph(escape(header[0]), st["label"]), Paragraph(escape(header[1]), st["label"])]]
    for label, content in rows:
        data.append([Paragraph(escape(label), st["label"]), _list_flowables(content, lay, st, cell=True)])
    left = 125
    return Table(data, colWidths=[left, width - left], repeatRows=0, splitInRow=1, style=[
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.88, 0.95)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ])


def render(txt: Path, pdf: Path, lay: Layout | None = None) -> Path:
    """Render one corpus text file as a PDF."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, A5
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    rl_config.invariant = 1  # no timestamps or random ids: committed PDFs change only with their content
    _register_fonts()
    lay = lay or LAYOUTS.get(txt.stem, Layout())
    blocks = source_blocks(txt)
    st = _styles(lay)
    size = A5 if lay.page == "A5" else A4
    margin = 1.6 * cm if lay.page == "A5" else 2.2 * cm
    pdf.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(pdf), pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin + 8,
                            bottomMargin=margin + 4, title=lay.title, author="Dareic", invariant=1)
    total = {"n": 0}

    def decorate(canvas, d):
        canvas.saveState()
        w, h = size
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
        if lay.header:
            canvas.drawString(margin, h - margin + 6, lay.header)
            canvas.setLineWidth(0.4)
            canvas.line(margin, h - margin + 2, w - margin, h - margin + 2)
        canvas.drawCentredString(w / 2, margin - 14, lay.footer.format(n=d.page, total=total["n"] or "?"))
        canvas.restoreState()

    width = size[0] - 2 * margin
    story = lambda: [_label_table(blocks, lay, st, width)] if lay.kind == "label-table" else _flow(blocks, lay, st)
    if "{total}" in lay.footer:  # two passes: the page count is known after the first
        scratch = io.BytesIO()
        SimpleDocTemplate(scratch, pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin + 8,
                          bottomMargin=margin + 4).build(story(), onFirstPage=decorate, onLaterPages=decorate)
        import pypdf

        total["n"] = len(pypdf.PdfReader(io.BytesIO(scratch.getvalue())).pages)
    doc.build(story(), onFirstPage=decorate, onLaterPages=decorate)
    return pdf


def render_all(folder: Path = OUT, corpus: Path = CORPUS) -> list[Path]:
    """Render every corpus document that has a layout into ``folder``."""
    return [render(corpus / f"{stem}.txt", Path(folder) / f"{stem}.pdf") for stem in LAYOUTS
            if (corpus / f"{stem}.txt").is_file()]


if __name__ == "__main__":
    for p in render_all():
        print(p.relative_to(ROOT), p.stat().st_size, "bytes")
