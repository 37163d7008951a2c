"""Structure-following chunking: a chunk never crosses a section boundary (so one
académie per chunk in a partnership table), never splits a list item or a table row,
and its text is a verbatim slice of the document's canonical text. Each chunk knows the
blocks it spans and its neighbours."""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from assistant.ingest.document import Document, front_matter
from assistant.ingest.sections import Section, sections
from assistant.types import Chunk

# A sentence ends at . ! ? or ; before a capital, a quote, a bullet or a digit - not after a
# title ("M. Durand", "Dr. Weber"), and not at a colon: "Contact :
# Mme X" is one statement, its label and its value.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý«\"•·\-–o0-9])")
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:M|Mr|Mrs|Ms|Dr|St|Pr|Me|Mgr|Prof|Mlle|Mme|Mmes|MM)\.$")


def sentence_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of sentences in text (offsets shifted by start)."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[max(pos, m.start() - 6):m.start()]):
            continue
        spans.append((start + pos, start + m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((start + pos, start + len(text)))
    return [s for s in spans if s[1] > s[0]]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# A piece is (start, end, page, is_heading, block index): whole blocks, table rows, or
# sentences of long paragraphs.
Piece = tuple[int, int, "int | None", bool, int]


def _pieces(doc: Document, section: Section, max_chars: int) -> list[Piece]:
    out: list[Piece] = []
    text = doc.text
    for bi in section.blocks:
        b = doc.blocks[bi]
        start, end = b.span
        if b.kind == "item":
            start = _line_start(text, start)  # the marker belongs to the item's line
        if end - start <= max_chars or b.kind == "heading":
            out.append((start, end, b.page, b.kind == "heading", bi))
            continue
        if b.kind in ("table", "item"):
            units = [(s, s + len(line)) for s, line in _lines(text[start:end], start)] if b.kind == "table" \
                else sentence_spans(text[start:end], start)
        else:
            units = sentence_spans(b.text, start)
        for s, e in units:
            while e - s > max_chars:  # a run-on sentence: cut at the last space in range
                cut = text.rfind(" ", s, s + max_chars)
                cut = cut if cut > s else s + max_chars
                out.append((s, cut, b.page, False, bi))
                s = cut + 1
            out.append((s, e, b.page, False, bi))
    return out


def _lines(text: str, start: int):
    pos = 0
    for line in text.split("\n"):
        yield start + pos, line
        pos += len(line) + 1


def chunk_section(doc: Document, section: Section, max_chars: int, min_chars: int) -> list[Chunk]:
    groups: list[list[Piece]] = []
    for piece in _pieces(doc, section, max_chars):
        if groups and piece[1] - groups[-1][0][0] <= max_chars:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    # A short tail reads better with its predecessor than alone.
    if len(groups) > 1 and groups[-1][-1][1] - groups[-1][0][0] < min_chars:
        if groups[-1][-1][1] - groups[-2][0][0] <= max_chars * 1.5:
            groups[-2].extend(groups.pop())
    path = section.label
    chunks = []
    for g in groups:
        if all(p[3] for p in g):  # heading with no content of its own
            continue
        start, end = g[0][0], g[-1][1]
        body = doc.text[start:end]
        cid = hashlib.sha1(f"{doc.source}|{start}|{end}|{body}".encode()).hexdigest()[:16]
        chunks.append(Chunk(cid, doc.source, path, g[0][2], (start, end), body, title=doc.title,
                            blocks=(g[0][4], g[-1][4] + 1)))
    return chunks


def chunk_document(doc: Document, max_chars: int, min_chars: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in sections(doc):
        chunks.extend(chunk_section(doc, section, max_chars, min_chars))
    subject = front_matter(doc)
    if subject:  # every passage is read with what its document says it is about
        chunks = [replace(c, subject=subject) for c in chunks]
    # Neighbours: a chunk knows the previous and next chunk of its document.
    return [replace(c, prev=chunks[i - 1].id if i else None, next=chunks[i + 1].id if i + 1 < len(chunks) else None)
            for i, c in enumerate(chunks)]
