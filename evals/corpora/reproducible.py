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
