"""Reading a document's structure (its typed blocks) for the answer routes: the block at
a position, the headings above it, the lists it holds with their lead-in, the sentences
of a paragraph. Routes read these instead of matching patterns in text."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from assistant.ingest.chunk import sentence_spans
from assistant.ingest.document import Block, Document
from assistant.ingest.sections import ancestors

_ANAPHOR = re.compile(r"^(?:Elle|Il|Elles|Ils|Celle-ci|Celui-ci|Ceux-ci|Celles-ci|Cela|Ceci|Ce dernier|Cette derni[eè]re|"
                      r"It|They|This|These|Sie|Er|Es|Dies)\b")


# A subject named by a demonstrative, after at most a short opening phrase ("Dans
# l'établissement public, cette convention est soumise …"): it points back as a pronoun does.
_DEMONSTRATIVE = re.compile(r"^(?:[^,.;:]{0,80},\s*)?(?:[Cc]ette|[Cc]et|[Cc]es)\s+[a-zà-ÿ]{3,}")


def is_anaphoric(text: str) -> bool:
    """A statement whose subject is a pronoun ("Elle accompagne …") or a demonstrative
    ("Cette convention est soumise …")."""
    text = text.strip()
    return bool(_ANAPHOR.match(text) or _DEMONSTRATIVE.match(text))


def block_at(doc: Document, pos: int) -> int:
    """Index of the block whose span holds (or, between blocks, follows) position pos."""
    starts = [b.span[0] for b in doc.blocks]
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    return i


def headings_above(doc: Document, index: int) -> list[int]:
    """The headings enclosing block index, outermost first (the block itself when it is one)."""
    chain = ancestors(doc, index)
    if doc.blocks[index].kind == "heading" and doc.blocks[index].level > 0:
        chain = [i for i in chain if doc.blocks[i].level < doc.blocks[index].level] + [index]
    return chain


def section_end(doc: Document, heading: int) -> int:
    """Index after the last block of the section a heading opens."""
    level = doc.blocks[heading].level
    for i in range(heading + 1, len(doc.blocks)):
        b = doc.blocks[i]
        if b.kind == "heading" and b.level <= level:
            return i
    return len(doc.blocks)


def child_headings(doc: Document, heading: int) -> list[int]:
    """The headings one level below a heading, within its section."""
    end = section_end(doc, heading)
    inner = [i for i in range(heading + 1, end) if doc.blocks[i].kind == "heading"]
    if not inner:
        return []
    top = min(doc.blocks[i].level for i in inner)
    return [i for i in inner if doc.blocks[i].level == top]


@dataclass(frozen=True)
class ListRun:
    """Consecutive list items (nested ones included), with the paragraph that introduces
    them (ends with ':' or directly precedes them) and the one that follows."""

    items: tuple[int, ...]  # block indices; sub-labels ("Pour l'académie :") included
    lead_in: int | None
    after: int | None

    @property
    def first(self) -> int:
        return self.items[0]

    @property
    def last(self) -> int:
        return self.items[-1]


def _is_label(b: Block) -> bool:
    """A short paragraph ending with ':' inside a list ("Pour l'établissement scolaire :")."""
    return b.kind == "paragraph" and len(b.text) <= 80 and b.text.rstrip().endswith(":")


def list_runs(doc: Document) -> list[ListRun]:
    runs: list[ListRun] = []
    i, n = 0, len(doc.blocks)
    while i < n:
        if doc.blocks[i].kind != "item":
            i += 1
            continue
        j = i
        items: list[int] = []
        while j < n:
            b = doc.blocks[j]
            if b.kind == "item":
                items.append(j)
            elif _is_label(b) and j + 1 < n and doc.blocks[j + 1].kind == "item":
                items.append(j)
            else:
                break
            j += 1
        lead = i - 1 if i > 0 and doc.blocks[i - 1].kind == "paragraph" else None
        after = j if j < n and doc.blocks[j].kind == "paragraph" else None
        runs.append(ListRun(tuple(items), lead, after))
        i = j
    return runs


def list_after(doc: Document, index: int, limit: int = 12) -> list[int]:
    """The items (and sub-labels) right after block index, for a statement ending with ':'."""
    out: list[int] = []
    for j in range(index + 1, len(doc.blocks)):
        b = doc.blocks[j]
        if b.kind == "item" or (_is_label(b) and j + 1 < len(doc.blocks) and doc.blocks[j + 1].kind == "item"):
            out.append(j)
            if len(out) >= limit:
                break
        else:
            break
    while out and doc.blocks[out[-1]].kind != "item":
        out.pop()
    return out


def sentences(doc: Document, index: int) -> list[tuple[int, int]]:
    """Spans (in the canonical text) of the sentences of a paragraph block; an item,
    a heading or a table row is one unit."""
    b = doc.blocks[index]
    if b.kind != "paragraph":
        return [b.span]
    return [(s, e) for s, e in sentence_spans(b.text, b.span[0])]


# A sentence opening a list this short is a bare label ('L'établissement :'): the sentence
# before it says what the list is about, and is quoted with it.
BARE_LABEL = 40


def is_bare_label(text: str) -> bool:
    return text.rstrip().endswith(":") and len(text.strip()) < BARE_LABEL


def sentence_before(doc: Document, index: int, start: int) -> tuple[int, int] | None:
    """The sentence before position start: in the same paragraph, else the previous paragraph's last."""
    spans = [s for s in sentences(doc, index) if s[1] <= start]
    if spans:
        return spans[-1]
    if index > 0 and doc.blocks[index - 1].kind == "paragraph":
        return sentences(doc, index - 1)[-1]
    return None


def table_rows(b: Block) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, cells) of each row of a table block, spans in the canonical text."""
    out, pos = [], b.span[0]
    lines = b.text.split("\n")
    for k, line in enumerate(lines):
        cells = b.rows[k] if k < len(b.rows) else tuple(c.strip() for c in line.split(" | "))
        out.append((pos, pos + len(line), cells))
        pos += len(line) + 1
    return out
