"""Build the PDF and Word documents of the new-documents eval corpus from their sources.

The corpus (evals/corpora/newdocs/) holds six fictional documents on Franco-German and
European school cooperation, none of them about the five documents of corpus/:

- tandem-loire-elbe-echanges-individuels.html and etwinning-mobilite-virtuelle-besancon.html:
  web pages written by hand (navigation, cookie banner, footer around the article);
- faq-echange-postes-bordeaux-hesse.md: a Markdown FAQ written by hand;
- the .docx and the two .pdf files, generated here from src/<name>.txt.

src/<name>.txt is a small line markup:
  @title T / @header H / @footer F ({n} page number, {total} page count) / @pagebreak
  @signatures A | B   a borderless signature table, one column per party
  # heading 1, ## heading 2, - bullet, "  - " nested bullet, "1. " numbered step,
  | a | b |   table rows (the first row is the header), anything else a paragraph.

Outputs are reproducible (fixed dates, reportlab's invariant mode, fixed zip timestamps), so
running ``python evals/corpora/newdocs/build.py`` again changes nothing unless a source did.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/corpora: shared generator helpers
from reproducible import fixed_zip, paged_pdf  # noqa: E402
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
# Which format each source becomes.
TARGETS = {
    "convention-appariement-lycee-tillion-gymnasium-kanalufer": "docx",
    "assistants-langue-academie-montpellier-2025": "pdf",
    "accueil-eleve-etranger-note-nantes": "pdf",
}
FIXED_DATE = dt.datetime(2025, 10, 1, 9, 0, 0)


@dataclass
class Spec:
    title: str = ""
    header: str = ""
    footer: str = ""
    blocks: list[tuple] = field(default_factory=list)  # (kind, payload)


def parse(text: str) -> Spec:
    spec = Spec()
    table: list[list[str]] = []

    def flush_table():
        if table:
            spec.blocks.append(("table", [row[:] for row in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush_table()
        if not line.strip():
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            if key in ("title", "header", "footer"):
                setattr(spec, key, value.strip())
                if key == "title":
                    spec.blocks.append(("title", value.strip()))
            elif key == "pagebreak":
                spec.blocks.append(("pagebreak", None))
            elif key == "signatures":
                spec.blocks.append(("signatures", [c.strip() for c in value.split("|")]))
            else:
                raise ValueError(f"unknown directive @{key}")
        elif m := re.match(r"(#{1,2}) (.+)", line):
            spec.blocks.append(("heading", (len(m.group(1)), m.group(2))))
        elif m := re.match(r"( *)- (.+)", line):
            spec.blocks.append(("bullet", (len(m.group(1)) // 2, m.group(2))))
        elif m := re.match(r"(\d+)\. (.+)", line):
            spec.blocks.append(("number", m.group(2)))
        else:
            spec.blocks.append(("paragraph", line))
    flush_table()
    return spec


# --- Word ---------------------------------------------------------------------------------

def _page_field(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def build_docx(spec: Spec, out: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = spec.title
    d.core_properties.author = "DAREIC"
    d.core_properties.created = d.core_properties.modified = FIXED_DATE
    section = d.sections[0]
    if spec.header:
        section.header.paragraphs[0].text = spec.header
    if spec.footer:
        before, _, after = spec.footer.partition("{n}")
        p = section.footer.paragraphs[0]
        p.add_run(before)
        if "{n}" in spec.footer:
            _page_field(p)
        p.add_run(after)
    for kind, payload in spec.blocks:
        if kind == "title":
            d.add_paragraph(payload, style="Title")
        elif kind == "heading":
            d.add_heading(payload[1], level=payload[0])
        elif kind == "bullet":
            d.add_paragraph(payload[1], style="List Bullet" if payload[0] == 0 else "List Bullet 2")
        elif kind == "number":
            d.add_paragraph(payload, style="List Number")
        elif kind == "paragraph":
            d.add_paragraph(payload)
        elif kind == "pagebreak":
            d.add_page_break()
        elif kind in ("table", "signatures"):
            rows = payload if kind == "table" else [payload]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            if kind == "table":
                t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
                    if kind == "table" and i == 0:
                        for run in t.cell(i, j).paragraphs[0].runs:
                            run.bold = True
                            run.font.size = Pt(10)
    buf = io.BytesIO()
    d.save(buf)
    out.write_bytes(fixed_zip(buf.getvalue(), FIXED_DATE))


# --- PDF ----------------------------------------------------------------------------------

def _pdf_story(spec: Spec):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, PageBreak, Paragraph, Spacer, Table, TableStyle

    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=10, leading=13,
                          alignment=TA_JUSTIFY, spaceAfter=5)
    cell = ParagraphStyle("cell", parent=body, alignment=0, spaceAfter=0, fontSize=9, leading=11)
    head_cell = ParagraphStyle("headcell", parent=cell, fontName="Helvetica-Bold")
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20, alignment=1,
                           spaceAfter=12)
    h = {1: ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=12.5, leading=16, spaceBefore=9,
                           spaceAfter=4, alignment=0),
         2: ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6,
                           alignment=0)}
    story: list = []
    pending: list = []  # consecutive list items of one kind
    pending_kind = None

    def flush():
        nonlocal pending_kind
        if not pending:
            return
        if pending_kind == "number":
            story.append(ListFlowable([ListItem(Paragraph(escape(t), body)) for t in pending],
                                      bulletType="1", bulletFormat="%s.", leftIndent=16))
        else:
            items = []
            for level, t in pending:
                items.append(ListItem(Paragraph(escape(t), body), leftIndent=14 + 14 * level,
                                      value="–" if level else "•"))
            story.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=14))
        pending.clear()
        pending_kind = None

    for kind, payload in spec.blocks:
        if kind in ("bullet", "number"):
            if pending_kind not in (None, kind):
                flush()
            pending_kind = kind
            pending.append(payload)
            continue
        flush()
        if kind == "title":
            story.append(Paragraph(escape(payload), title))
        elif kind == "heading":
            story.append(Paragraph(escape(payload[1]), h[payload[0]]))
        elif kind == "paragraph":
            story.append(Paragraph(escape(payload), body))
        elif kind == "pagebreak":
            story.append(PageBreak())
        elif kind in ("table", "signatures"):
            rows = payload if kind == "table" else [payload]
            data = [[Paragraph(escape(c), head_cell if kind == "table" and i == 0 else cell) for c in row]
                    for i, row in enumerate(rows)]
            t = Table(data, repeatRows=1 if kind == "table" else 0, hAlign="LEFT")
            if kind == "table":
                t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [Spacer(1, 4), t, Spacer(1, 8)]
    flush()
    return story


def build_pdf(spec: Spec, out: Path) -> None:
    paged_pdf(lambda: _pdf_story(spec), out, spec.title, spec.header, spec.footer, (2.2, 2.2))


def build_all(folder: Path = HERE) -> list[Path]:
    written = []
    for stem, fmt in TARGETS.items():
        spec = parse((SRC / f"{stem}.txt").read_text(encoding="utf-8"))
        out = folder / f"{stem}.{fmt}"
        (build_docx if fmt == "docx" else build_pdf)(spec, out)
        written.append(out)
    return written


if __name__ == "__main__":
    for path in build_all():
        print(f"wrote {path.relative_to(HERE)}")
