"""Render the five corpus/*.txt documents as real Word files (python-docx), the test
material of the DOCX reader.

The text of each file is the document's own text: the .txt file is read by the project's
plain-text reader and its blocks are written with Word's own styles, the way such
documents are typed in Word:

- the document title in the Title style (a document without one gets its title in the
  file's metadata instead), headings in Heading 1/2/3 by level;
- numbered lists in List Number with numbering properties and no typed number (each list
  restarts at 1; a sub-list under an item ending with ":" is level 2 of the same list,
  List Bullet 2 with its own bullet), bulleted lists in List Bullet whose bullet comes from
  the style's numbering;
- tab-separated lines (a row of cells in the text export) as a table row, and a
  convention's signature block ("Pour …" after "Fait à …") as a table with one column per
  party, its first row bold;
- a page header and a page-number footer on every page, which a reader must leave out.

The partnership list keeps its région / académie layout as Heading 1 / Heading 2 with
bulleted agreements, as such lists are usually typed in Word.

This is test tooling: it parses these five files, nothing in the reader knows them.
``python -m evals.corpora.render_docx`` rewrites evals/corpora/docx/; tests call
``render_all(folder)`` or ``render(txt, docx)``. Output is byte-for-byte reproducible.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "corpus"
OUT = Path(__file__).resolve().parent / "docx"
HEADER = "Document de travail – diffusion interne"  # on every page; never part of the text read
CELL = "@@cells@@"  # stands for a row of tab-separated cells while the plain-text reader runs
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_rows(raw: str) -> tuple[str, list[list[str]]]:
    """Lines starting with a tab are cells of one table row (a line without a tab continues
    the previous cell). Each such row becomes one marker line in the text."""
    out: list[str] = []
    rows: list[list[str]] = []
    lines = raw.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("\t"):
            cells: list[str] = []
            while i < len(lines) and (lines[i].startswith("\t") or (cells and lines[i].strip())):
                if lines[i].startswith("\t"):
                    cells.append(lines[i].strip())
                else:
                    cells[-1] += " " + lines[i].strip()
                i += 1
            out.extend(["", f"{CELL}{len(rows)}", ""])
            rows.append(cells)
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out), rows


def blocks_of(txt: Path):
    """(blocks, cell rows): the plain-text reader's blocks of a .txt file."""
    from assistant.ingest.formats.text import document_from_pages, region_keys

    raw = txt.read_text(encoding="utf-8-sig")
    text, rows = _cell_rows(raw)
    doc = document_from_pages(txt.name, [(None, text)], known_regions=region_keys())
    return list(doc.blocks), rows


class _Lists:
    """Numbering instances: one multi-level list definition (decimal, then a dash bullet)
    and a new instance, restarting at 1, for every numbered list."""

    def __init__(self, document):
        from docx.oxml import parse_xml

        self.root = document.part.numbering_part.element
        ids = [int(a.get(f"{W}abstractNumId")) for a in self.root.iter(f"{W}abstractNum")]
        self.abstract = max(ids, default=0) + 1
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        levels = [("decimal", "%1.", 360), ("bullet", "–", 720), ("lowerLetter", "%3)", 1080)]
        lvl_xml = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{ind}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text, ind) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {ns} w:abstractNumId="{self.abstract}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvl_xml}</w:abstractNum>')
        first_num = self.root.find(f"{W}num")
        if first_num is not None:
            first_num.addprevious(abstract)  # every abstractNum precedes every num
        else:
            self.root.append(abstract)
        self._parse, self._ns = parse_xml, ns
        self.current: int | None = None

    def start(self) -> int:
        nums = [int(n.get(f"{W}numId")) for n in self.root.iter(f"{W}num")]
        num_id = max(nums, default=0) + 1
        self.root.append(self._parse(
            f'<w:num {self._ns} w:numId="{num_id}"><w:abstractNumId w:val="{self.abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        self.current = num_id
        return num_id


def _number(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr._add_numPr()
    ppr.numPr.get_or_add_ilvl().val = ilvl
    ppr.numPr.get_or_add_numId().val = num_id


def _page_furniture(document) -> None:
    from docx.oxml import parse_xml

    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    footer._p.append(parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:instr="PAGE">'
        '<w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _signature_table(document, columns: list[list[str]]) -> None:
    table = document.add_table(rows=2, cols=len(columns))
    table.style = "Table Grid"
    for j, col in enumerate(columns):
        table.cell(0, j).paragraphs[0].add_run(col[0]).bold = True
        table.cell(1, j).text = " ".join(col[1:])


def build(txt: Path):
    """The python-docx Document of one .txt file."""
    import docx

    from assistant.ingest.document import title_from_filename

    blocks, rows = blocks_of(txt)
    document = docx.Document()
    _page_furniture(document)
    lists = _Lists(document)
    has_title = any(b.kind == "heading" and b.level == 0 for b in blocks)
    if not has_title:
        document.core_properties.title = title_from_filename(txt.name)
    prev = None
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "paragraph" and b.text.startswith(CELL):
            cells = rows[int(b.text[len(CELL):])]
            table = document.add_table(rows=1, cols=len(cells))
            for j, cell in enumerate(cells):
                table.cell(0, j).text = cell
        elif b.kind == "heading" and b.level == 0:
            title = b.text
            while i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph" and blocks[i + 1].text[:1].islower() \
                    and len(blocks[i + 1].text) < 60:  # a title the text export broke over two lines
                i += 1
                title += " " + blocks[i].text
            document.add_paragraph(title, style="Title")
        elif b.kind == "heading" and b.label == "closing":
            document.add_paragraph(b.text)
            columns: list[list[str]] = []
            while i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph":
                nxt = blocks[i + 1].text
                if nxt.startswith("Pour "):
                    columns.append([nxt])
                elif columns:
                    columns[-1].append(nxt)
                else:
                    break
                i += 1
            if len(columns) >= 2:
                _signature_table(document, columns)
            else:
                for col in columns:
                    for line in col:
                        document.add_paragraph(line)
        elif b.kind == "heading":
            document.add_paragraph(b.text, style=f"Heading {max(1, min(b.level, 3))}")
            lists.current = None
        elif b.kind == "item" and b.ordered:
            restart = lists.current is None or re.match(r"1[.)]?$", b.marker or "")
            num_id = lists.start() if restart else lists.current
            _number(document.add_paragraph(b.text, style="List Number"), num_id, 0)
        elif b.kind == "item":
            nested = (prev is not None and prev.kind == "item" and (prev.level > 0 or (prev.ordered
                      and prev.text.rstrip().endswith(":")))) and lists.current is not None
            if nested:
                _number(document.add_paragraph(b.text, style="List Bullet 2"), lists.current, 1)
                b = replace(b, level=1)
            else:
                document.add_paragraph(b.text, style="List Bullet")
        else:
            document.add_paragraph(b.text)
        prev = b
        i += 1
    return document


def _reproducible(data: bytes) -> bytes:
    """The same package with fixed zip timestamps, so a re-render changes no byte."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render(txt: Path, target: Path) -> Path:
    document = build(txt)
    document.core_properties.author = "DAREIC"
    buf = io.BytesIO()
    document.save(buf)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_reproducible(buf.getvalue()))
    return target


def render_all(folder: Path, corpus: Path = CORPUS) -> list[Path]:
    """Every corpus/*.txt as <folder>/<stem>.docx."""
    return [render(txt, Path(folder) / f"{txt.stem}.docx") for txt in sorted(Path(corpus).glob("*.txt"))]


if __name__ == "__main__":
    for path in render_all(OUT):
        print(path.relative_to(ROOT))
