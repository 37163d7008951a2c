"""The one document model every loader produces, whatever the file format.

A ``Document`` is a title, a source file name and a sequence of typed ``Block``s
(heading, paragraph, list item, table). ``render`` lays the blocks out as the
document's *canonical text*: every block's ``span`` indexes that text, citations
quote slices of it and the side panel shows it. Everything downstream (chunks,
section paths, lists and procedures, outlines, numbered sections, definitions, the
partnership registry) reads these blocks; nothing re-parses text to find structure
that a loader already saw.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "table"]
KINDS: tuple[str, ...] = ("heading", "paragraph", "item", "table")
CELL_SEP = " | "  # between the cells of a table row in the canonical text


@dataclass(frozen=True)
class Block:
    """One unit of structure.

    - heading: ``level`` 1 (top) to 6; ``label`` is its number when it has one
      ("Article 3", "3.4", "II", "Objectif 2").
    - paragraph: running text.
    - item: a list item; ``level`` is the nesting depth (0 = top), ``ordered`` tells a
      numbered list, ``marker`` is the number or bullet the item shows ("1.", "b)",
      "•"). ``text`` excludes the marker.
    - table: ``rows`` of cell strings; ``header`` when the first row is a header row.
      ``text`` is the rows, one line each, cells joined by ``CELL_SEP``.

    ``span`` is the block's text in ``Document.text`` (set by ``render``); ``page`` is
    the 1-based page for paginated formats (PDF), else None.
    """

    kind: BlockKind
    text: str
    page: int | None = None
    level: int = 0
    ordered: bool = False
    marker: str = ""
    label: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = False
    span: tuple[int, int] = (0, 0)

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass(frozen=True)
class Document:
    source: str  # file name inside the corpus
    title: str  # display title: first Title/H1, PDF metadata, else derived from the file name
    blocks: tuple[Block, ...]
    text: str = ""  # canonical text (see ``render``)
    raw: str = ""  # the file's own text for plain-text formats (quotes map back to it), else ""
    warnings: tuple[str, ...] = field(default=())


def table_text(rows: tuple[tuple[str, ...], ...]) -> str:
    return "\n".join(CELL_SEP.join(" ".join(c.split()) for c in row) for row in rows)


def table_block(rows, page: int | None = None, header: bool = False) -> Block:
    rows = tuple(tuple(" ".join(str(c).split()) for c in r) for r in rows if any(str(c).strip() for c in r))
    return Block("table", table_text(rows), page, rows=rows, header=header)


def render(blocks: list[Block] | tuple[Block, ...]) -> tuple[str, tuple[Block, ...]]:
    """Canonical text of the blocks and the blocks with their spans in it.

    Blocks are separated by a blank line, consecutive list items by one line break; an
    item's marker (and two spaces per nesting level) precede its text on its line, outside
    its span, so a quote of an item is its words alone.
    """
    parts: list[str] = []
    out: list[Block] = []
    pos = 0
    prev: Block | None = None
    for b in blocks:
        text = b.text.strip("\n")
        if not text.strip():
            continue
        if prev is not None:
            sep = "\n" if (b.kind == "item" and prev.kind == "item") else "\n\n"
            parts.append(sep)
            pos += len(sep)
        if b.kind == "item":
            lead = "  " * max(0, b.level) + (f"{b.marker} " if b.marker else "")
            parts.append(lead)
            pos += len(lead)
        parts.append(text)
        out.append(replace(b, text=text, span=(pos, pos + len(text))))
        pos += len(text)
        prev = b
    return "".join(parts), tuple(out)


_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def printable(text: str) -> str:
    """Text without control, private-use or invisible characters (extractors emit U+007F for
    some bullets and private-use glyphs for Symbol fonts); line breaks and tabs kept."""
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch)
        elif ch in _INVISIBLE:
            continue
        elif unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cf"):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def make_document(source: str, title: str, blocks, raw: str = "", warnings=()) -> Document:
    """The document with its canonical text; every block's text made printable first, so no
    quote carries a control character whatever the reader let through."""
    clean = [replace(b, text=printable(b.text), marker=printable(b.marker).strip(),
                     rows=tuple(tuple(printable(c) for c in r) for r in b.rows)) for b in blocks]
    title = " ".join(printable(title or "").split())
    text, placed = render(clean)
    return Document(source, title or title_from_filename(source), placed, text, raw, tuple(warnings))


def front_matter(doc: Document, max_chars: int = 160, max_blocks: int = 3) -> str:
    """What a document says it is about before its first section: the short lines under its
    title ("Comité de pilotage … / Séance du … – <lieu>"), where minutes, charters and notes
    name their subject once and never repeat it in the sections below. A long opening
    paragraph is a preamble, not a subtitle, and ends the front matter."""
    lines: list[str] = []
    subject = ""
    for i, b in enumerate(doc.blocks):
        if i == 0 and b.is_heading and " ".join(b.text.split()) == doc.title:
            continue  # the title itself is said elsewhere
        if (b.is_heading and (i > 0 or b.label)) or b.kind not in ("heading", "paragraph"):
            break  # the first section begins
        text = " ".join(b.text.split())
        # A letter's or a note's 'Objet :' line names its subject, however far down the
        # letterhead (service, date, reference, addressees) it comes.
        if not subject and _SUBJECT.match(text) and len(text) <= 2 * max_chars:
            subject = text
        if len(lines) < max_blocks and len(text) <= max_chars:
            lines.append(text)
        elif len(text) > max_chars:
            break  # a long opening paragraph is a preamble
    if subject and subject not in lines:
        lines.append(subject)
    return " / ".join(lines)


_SUBJECT = re.compile(r"^(?:objet|subject|betreff)\s*:", re.IGNORECASE)


def title_from_filename(source: str) -> str:
    """'plan-erasmus-academie-poitiers.txt' -> 'Plan erasmus academie poitiers'."""
    stem = source.rsplit(".", 1)[0]
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else source


def block_to_dict(b: Block) -> dict:
    d = asdict(b)
    # Defaults are left out: the blocks of a large corpus are stored once per index version.
    defaults = {"page": None, "level": 0, "ordered": False, "marker": "", "label": "", "rows": (), "header": False}
    return {k: v for k, v in d.items() if k in ("kind", "text", "span") or v != defaults.get(k) and v not in ([], ())}


def block_from_dict(d: dict) -> Block:
    return Block(
        kind=d["kind"], text=d["text"], page=d.get("page"), level=d.get("level", 0), ordered=d.get("ordered", False),
        marker=d.get("marker", ""), label=d.get("label", ""),
        rows=tuple(tuple(r) for r in d.get("rows", ())), header=d.get("header", False), span=tuple(d["span"]),
    )


def document_to_dict(doc: Document) -> dict:
    return {"source": doc.source, "title": doc.title, "blocks": [block_to_dict(b) for b in doc.blocks]}


def document_from_dict(d: dict, text: str, raw: str = "") -> Document:
    return Document(d["source"], d["title"], tuple(block_from_dict(b) for b in d["blocks"]), text, raw)
