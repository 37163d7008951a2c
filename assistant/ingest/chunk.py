"""Structure-following chunking: a chunk never crosses a section boundary (so one
académie per chunk in the partnership table) and its text is a verbatim slice of the
cleaned document."""
from __future__ import annotations

import hashlib
import re

from assistant.ingest.sections import Section
from assistant.types import Chunk

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÀ-Ý«\"•·\-–o0-9])")
SEPARATOR = " › "


def sentence_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of sentences in text (offsets shifted by start)."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start + pos, start + m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((start + pos, start + len(text)))
    return [s for s in spans if s[1] > s[0]]


def _pieces(section: Section, max_chars: int) -> list[tuple[int, int, int | None, bool]]:
    """Atomic pieces (start, end, page, is_heading): whole blocks, or sentences of long blocks."""
    out = []
    for block, start, end in section.blocks:
        if end - start <= max_chars or block.kind == "heading":
            out.append((start, end, block.page, block.kind == "heading"))
            continue
        for s, e in sentence_spans(block.text, start):
            while e - s > max_chars:  # a run-on sentence: cut at the last space in range
                cut = block.text.rfind(" ", s - start, s - start + max_chars)
                cut = start + cut if cut > s - start else s + max_chars
                out.append((s, cut, block.page, False))
                s = cut + 1
            out.append((s, e, block.page, False))
    return out


def chunk_section(doc_text: str, source: str, section: Section, max_chars: int, min_chars: int) -> list[Chunk]:
    groups: list[list[tuple[int, int, int | None, bool]]] = []
    for piece in _pieces(section, max_chars):
        if groups and piece[1] - groups[-1][0][0] <= max_chars:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    # A short tail reads better with its predecessor than alone.
    if len(groups) > 1 and groups[-1][-1][1] - groups[-1][0][0] < min_chars:
        if groups[-1][-1][1] - groups[-2][0][0] <= max_chars * 1.5:
            groups[-2].extend(groups.pop())
    path = SEPARATOR.join(p for p in section.path if p)
    chunks = []
    for g in groups:
        if all(p[3] for p in g):  # heading with no content of its own
            continue
        start, end = g[0][0], g[-1][1]
        text = doc_text[start:end]
        cid = hashlib.sha1(f"{source}|{start}|{end}|{text}".encode()).hexdigest()[:16]
        chunks.append(Chunk(cid, source, path, g[0][2], (start, end), text))
    return chunks
