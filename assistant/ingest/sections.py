"""Sections of a document: the blocks under each heading path, read from the blocks'
heading levels (whatever format they came from)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.document import Block, Document

SEPARATOR = " › "


@dataclass(frozen=True)
class Section:
    path: tuple[str, ...]
    blocks: tuple[int, ...]  # indices into Document.blocks, the heading first when there is one

    @property
    def label(self) -> str:
        return SEPARATOR.join(p for p in self.path if p)


def _display(b: Block, leaf: bool) -> str:
    # An ancestor numbered like "Article 3" shows its short label ("Article 3 › 3.4 Durée…").
    if not leaf and re.fullmatch(r"[^\W\d_]+\s+\d+", b.label or ""):
        return b.label
    return b.text


def sections(doc: Document) -> list[Section]:
    """Group blocks under their heading path. A level-0 heading is the document title: it
    names the text that precedes the first real heading, and no path after it."""
    out: list[Section] = []
    stack: list[Block] = []
    current: list[int] = []
    path: tuple[str, ...] = ()

    def flush():
        if current:
            out.append(Section(path, tuple(current)))

    for i, b in enumerate(doc.blocks):
        if b.kind == "heading":
            flush()
            current = []
            if b.level <= 0:
                stack, path = [], (b.text,)
            else:
                while stack and stack[-1].level >= b.level:
                    stack.pop()
                stack.append(b)
                path = tuple(_display(h, h is b) for h in stack)
        current.append(i)
    flush()
    return out


def ancestors(doc: Document, index: int) -> list[int]:
    """Indices of the headings that enclose block ``index``, outermost first."""
    chain: list[int] = []
    level = None
    for i in range(index - 1, -1, -1):
        b = doc.blocks[i]
        if b.kind == "heading" and b.level > 0 and (level is None or b.level < level):
            chain.append(i)
            level = b.level
            if level <= 1:
                break
    return chain[::-1]
