"""Recover the documents' structure (headings, paragraphs, list items) from wrapped
lines, and rebuild a cleaned text where every block has an exact span."""
from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_BREAK = "\ue000"  # a private-use character no extractor emits

# Rank of each heading kind: a heading closes every open heading of equal or lower rank.
_RANK = {"roman": 1, "region": 1, "article": 2, "objectif": 2, "letter": 2, "academie": 2, "preamble": 2, "sub": 3}
# Kinds whose title may wrap onto the next lines until a blank line.
_WRAPS = {"roman", "article", "objectif", "sub", "letter"}

_HEADINGS = [
    ("article", re.compile(r"^(?P<label>Article\s+\d+)\s*(?:[–\-.:]|$)")),
    ("objectif", re.compile(r"^(?P<label>Objectif\s+\d+)\b")),
    ("sub", re.compile(r"^(?P<label>\d+\.\d+)\s+[^\W\d]")),
    ("roman", re.compile(r"^(?P<label>[IVX]{1,4})\s*[.–\-]\s*[^\W\d]")),
    ("letter", re.compile(r"^(?P<label>[a-h])\.\s+[A-ZÉÈÀ]")),
    ("preamble", re.compile(r"^(?P<label>pr[ée]ambule)\s*$", re.IGNORECASE)),
]
_NAME = r"[A-ZÉÈÎÔÂ][^\s,;:.()]*"
_ACADEMIE = re.compile(
    rf"^(?:(?P<pre>\S.{{0,40}}?)\s+)?(?P<head>(?:Acad[ée]mie|R[ée]gion acad[ée]mique)\s+"
    rf"(?:de la |de l['’]|de |d['’]\s?|du |des )?{_NAME}(?:[ \-]{_NAME})*)\s*$"
)
_CLOSING = re.compile(r"^Fait\s+(?:à|a|le)\b")
_BULLET = re.compile(r"^(?:[-–·•▪◦o]\s+|\d{1,2}[.)]\s+)")
_MAX_HEADING = 160


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para" or "item"
    text: str  # unwrapped text (lines joined by one space)
    page: int | None
    heading_kind: str = ""
    label: str = ""


@dataclass(frozen=True)
class Section:
    path: tuple[str, ...]
    blocks: tuple[tuple[Block, int, int], ...]  # block with its span in the cleaned text


def _heading(line: str) -> tuple[str, str] | None:
    if len(line) > _MAX_HEADING:
        return None
    for kind, rx in _HEADINGS:
        m = rx.match(line)
        if m and not (kind in {"roman", "letter"} and len(line) > 100):
            return kind, m.group("label")
    return None


def looks_like_region(text: str, known_regions: set[str] | None = None) -> bool:
    """A short capitalised label such as 'Grand-Est' or 'Pays de la Loire'."""
    from assistant.textnorm import match_key

    if known_regions and match_key(text) in known_regions:
        return True
    words = re.findall(r"[^\W\d_]+", text)
    if not words or len(text) > 45 or re.search(r"[\d.;:!?]", text) or not text[0].isupper():
        return False
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised * 2 >= len(words) and len(words) <= 5


_DANGLING = re.compile(r"(?:\b(?:de|des|du|la|le|les|et|ou|avec|à|en|pour|par|sur|au|aux|dans|entre|d['’]|l['’])|[,(])$", re.IGNORECASE)


def continues(previous: str, line: str) -> bool:
    """Whether a line after a blank line still belongs to the previous sentence."""
    if previous.endswith((".", ":", ";", "!", "?")) or _BULLET.match(line) or _heading(line):
        return False
    return bool(_DANGLING.search(previous) or line[0].islower() or re.match(r"\d{4}\)", line))


def parse_blocks(text: str, first_page: int | None = None, known_regions: set[str] | None = None) -> list[Block]:
    blocks: list[Block] = []
    cur_kind, cur_lines, cur_meta = None, [], ("", "")
    page = first_page

    def close():
        nonlocal cur_kind, cur_lines
        if cur_kind:
            blocks.append(Block(cur_kind, " ".join(" ".join(cur_lines).split()), page, *cur_meta))
        cur_kind, cur_lines = None, []

    seen_text = False
    nonblank = [ln.strip() for ln in text.split("\n") if ln.strip() and ln.strip() != PAGE_BREAK]
    # Text extracted from PDFs is wrapped at a fixed width, so most lines stop mid-sentence
    # and a new line continues it. Text with one paragraph per line (DOCX, HTML, notes)
    # ends most lines with punctuation or a short title.
    open_ended = sum(1 for ln in nonblank if not re.search(r"[.:;!?»)]$", ln))
    wrapped = bool(nonblank) and open_ended / len(nonblank) > 0.55 and max(map(len, nonblank)) < 200
    for raw in text.split("\n"):
        line = raw.strip()
        if line and line != PAGE_BREAK and not seen_text:
            seen_text = True
            if len(line) <= 160 and not line.endswith((".", ",", ";", ":")) and not _heading(line):
                blocks.append(Block("para", " ".join(line.split()), page))  # the title stands alone
                continue
        if line == PAGE_BREAK:
            close()
            page = page + 1 if page is not None else None
            continue
        if not line:
            close()
            continue
        acad = _ACADEMIE.match(line)
        head = _heading(line)
        if acad and not _BULLET.match(line):
            close()
            pre = acad.group("pre")
            head_text = " ".join(acad.group("head").split())
            if pre and pre.strip(" -"):
                blocks.append(Block("heading", pre.strip(), page, "region", pre.strip()))
            blocks.append(Block("heading", head_text, page, "academie", head_text))
        elif head:
            close()
            cur_kind, cur_lines, cur_meta = "heading", [line], head
            if head[0] not in _WRAPS:
                close()
        elif _CLOSING.match(line) and cur_kind != "heading":
            close()  # "Fait à …, le …": the signature block is not part of the last article
            cur_kind, cur_lines, cur_meta = "para", [line], ("closing", "")
        elif _BULLET.match(line):
            close()
            cur_kind, cur_lines, cur_meta = "item", [line], ("", "")
        elif cur_kind == "heading" and (
            len(cur_lines) >= 3 or cur_lines[-1].endswith((".", ":", ";")) or len(cur_lines[-1]) < 60
        ):  # only a long title line wraps onto the next one
            close()
            cur_kind, cur_lines, cur_meta = "para", [line], ("", "")
        elif cur_kind and (wrapped or cur_kind == "heading"):
            cur_lines.append(line)
        elif cur_kind:
            close()
            cur_kind, cur_lines, cur_meta = "para", [line], ("", "")
        elif blocks and blocks[-1].kind in ("item", "para") and continues(blocks[-1].text, line):
            prev = blocks.pop()  # a stray blank line inside a sentence (page or cell break)
            cur_kind, cur_lines, cur_meta = prev.kind, [prev.text, line], ("", "")
        else:
            cur_kind, cur_lines, cur_meta = "para", [line], ("", "")
    close()
    return _mark_regions(blocks, known_regions)


def _mark_regions(blocks: list[Block], known_regions: set[str] | None) -> list[Block]:
    """A short paragraph right before an académie heading is the heading of its région."""
    out = list(blocks)
    for i, b in enumerate(out):
        if b.heading_kind == "academie" and i > 0:
            prev = out[i - 1]
            if prev.kind == "para" and looks_like_region(prev.text, known_regions):
                out[i - 1] = Block("heading", prev.text, prev.page, "region", prev.text)
    return out


def render(blocks: list[Block]) -> tuple[str, list[tuple[Block, int, int]]]:
    """Cleaned text of the blocks, and each block's span in it."""
    parts, spans, pos = [], [], 0
    for i, b in enumerate(blocks):
        if i:
            sep = "\n" if b.kind == "item" and blocks[i - 1].kind == "item" else "\n\n"
            parts.append(sep)
            pos += len(sep)
        spans.append((b, pos, pos + len(b.text)))
        parts.append(b.text)
        pos += len(b.text)
    return "".join(parts), spans


def _display(b: Block, leaf: bool) -> str:
    # Ancestors that are articles show their short label ("Article 3 › 3.4 Durée…").
    if not leaf and b.heading_kind == "article":
        return b.label
    return b.text


def document_title(blocks: list[Block]) -> str:
    """The opening line when it reads as a title (short, no final period)."""
    if blocks and blocks[0].kind == "para" and len(blocks[0].text) <= 160 and not blocks[0].text.endswith("."):
        return blocks[0].text
    return ""


def sections(spans: list[tuple[Block, int, int]]) -> list[Section]:
    """Group blocks under their heading path; text before any heading goes under the title."""
    stack: list[Block] = []
    out: list[Section] = []
    current: list[tuple[Block, int, int]] = []
    title = document_title([b for b, _, _ in spans])
    path: tuple[str, ...] = (title,) if title else ()

    def flush():
        if current:
            out.append(Section(path, tuple(current)))

    for item in spans:
        b = item[0]
        if b.heading_kind == "closing":
            flush()
            current, stack, path = [], [], ("Signatures",)
        elif b.kind == "heading":
            flush()
            current = []
            rank = _RANK[b.heading_kind]
            while stack and _RANK[stack[-1].heading_kind] >= rank:
                stack.pop()
            stack.append(b)
            path = tuple(_display(h, h is b) for h in stack)
        current.append(item)
    flush()
    return out
