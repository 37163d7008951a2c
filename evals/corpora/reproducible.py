"""Shared by the test-material generators: archives that rebuild byte for byte."""
from __future__ import annotations

import datetime as dt
import io
import zipfile


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same archive (a .docx) with every member stamped ``when``, so a rebuild is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def paged_pdf(story, out, title: str, header: str = "", footer: str = "", margin_cm: tuple = (2.2, 2.2)) -> None:
    """A PDF (reportlab) with a running header and a 'page n / total' footer on every page,
    rebuilt byte for byte. story() makes a fresh flowable list: the document is laid out
    twice, once to count its pages and once with that count in the footer.
    margin_cm: (left and right, top and bottom)."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    rl_config.invariant = 1  # no creation date or random id: a rebuild is byte-identical
    side, edge = margin_cm

    def render(total: int) -> tuple[bytes, int]:
        pages = [0]

        def decorate(canvas, doc):
            pages[0] = doc.page
            canvas.saveState()
            canvas.setFont("Helvetica", 8)
            if header:
                canvas.drawString(2 * cm, A4[1] - 1.3 * cm, header)
            if footer:
                canvas.drawCentredString(A4[0] / 2, 1.2 * cm, footer.format(n=doc.page, total=total))
            canvas.restoreState()

        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=side * cm, rightMargin=side * cm, topMargin=edge * cm,
                                bottomMargin=edge * cm, title=title, author="DAREIC")
        doc.build(story(), onFirstPage=decorate, onLaterPages=decorate)
        return buf.getvalue(), pages[0]

    _, total = render(0)
    data, _ = render(total)
    out.write_bytes(data)


def pdf_story(items, title_text: str, *, widths, title_size: float = 15, section_size: float = 11,
              section_bold: bool = True, section_space: tuple = (9, 4), header_fill: str | None = "#e6e6e6",
              bold_total: bool = False) -> list:
    """The reportlab flowables of a document written as ("kind", payload) items: "h" a section
    title (section_size points, section_space = space before and after), "p" body text, "lead"
    a bold lead-in, "de" an indented italic passage, "kv" a bold "label :" and its value,
    "ol" / "ul" numbered and bulleted lists, "table" rows (header row bold, on header_fill unless None, a
    last "Total" row bold when bold_total; widths: column widths), "sign" side-by-side
    signature blocks, "break" a page break. Body in 10-point Helvetica."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, PageBreak, Paragraph, Spacer, Table, TableStyle

    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=10, leading=13,
                          spaceAfter=5)
    section = ParagraphStyle("section", parent=body, fontName="Helvetica-Bold" if section_bold else "Helvetica",
                             fontSize=section_size, leading=section_size + 3, spaceBefore=section_space[0],
                             spaceAfter=section_space[1])
    styles = {"h": section, "p": body,
              "lead": ParagraphStyle("lead", parent=body, fontName="Helvetica-Bold", spaceBefore=4, spaceAfter=2),
              "de": ParagraphStyle("german", parent=body, fontName="Helvetica-Oblique", leftIndent=18)}
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=title_size,
                           leading=title_size + 4, alignment=1, spaceAfter=14)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")
    story = [Paragraph(escape(title_text), title)]
    for kind, payload in items:
        if kind in styles:
            story.append(Paragraph(escape(payload), styles[kind]))
        elif kind == "kv":
            label, value = payload
            story.append(Paragraph(f"<b>{escape(label)} :</b> {escape(value)}", body))
        elif kind == "ol":
            story.append(ListFlowable([ListItem(Paragraph(escape(t), body)) for t in payload],
                                      bulletType="1", bulletFormat="%s.", leftIndent=16))
        elif kind == "ul":
            story.append(ListFlowable([ListItem(Paragraph(escape(t), body), value="•") for t in payload],
                                      bulletType="bullet", start="•", leftIndent=14))
        elif kind == "table":
            last = len(payload) - 1
            total = bold_total and payload[last][0].lower() == "total"
            data = [[Paragraph(escape(c), head if i == 0 or (total and i == last) else cell) for c in row]
                    for i, row in enumerate(payload)]
            t = Table(data, hAlign="LEFT", colWidths=widths)
            fill = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(header_fill))] if header_fill else []
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), *fill,
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [Spacer(1, 4), t, Spacer(1, 8)]
        elif kind == "sign":
            blocks = [[Paragraph(escape(line), body) for line in side] for side in payload]
            story += [Spacer(1, 14), Table([blocks], colWidths=[225, 225], hAlign="LEFT")]
        elif kind == "break":
            story.append(PageBreak())
    return story


# Word styles of the ("kind", payload) blocks styled_docx writes; ("table", rows) has a bold header row.
DOCX_STYLES = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "p": None, "num": "List Number",
               "bullet": "List Bullet"}


def styled_docx(blocks, out, title: str, header: str, when: dt.datetime) -> None:
    """A .docx (python-docx) in real Word styles, with a page header, rebuilt byte for byte."""
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = "DAREIC"
    d.core_properties.created = d.core_properties.modified = when
    d.sections[0].header.paragraphs[0].text = header
    for kind, payload in blocks:
        if kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for i, row in enumerate(payload):
                for j, text in enumerate(row):
                    t.cell(i, j).paragraphs[0].add_run(text).bold = i == 0
        else:
            d.add_paragraph(payload, style=DOCX_STYLES[kind])
    buf = io.BytesIO()
    d.save(buf)
    out.write_bytes(fixed_zip(buf.getvalue(), when))
