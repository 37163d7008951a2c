"""Plain text: structure recovered from wrapped lines with today's heuristics (blank lines,
literal bullet markers, numbered headings such as "Article 3" or "3.4", and a short
capitalised label before an "Académie de …" line).

``blocks_from_text`` is also what a reader falls back on when its format gives no
structure of its own (a PDF page of plain lines)."""
from __future__ import annotations

import re
from pathlib import Path

from assistant.ingest.clean import clean_text, remove_repeated_page_lines
from assistant.ingest.document import Block, Document, make_document, table_block
from assistant.ingest.formats.common import Limits, decode

PAGE_BREAK = "\ue000"  # a private-use character no extractor emits

# Level of each heading kind: a heading closes every open heading of equal or deeper level.
LEVELS = {"title": 0, "roman": 1, "region": 1, "closing": 1, "article": 2, "objectif": 2, "letter": 2,
          "academie": 2, "preamble": 2, "sub": 3}
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
# "\x7f" is what pypdf yields for some bullet glyphs.
BULLET = re.compile(r"^(?P<marker>[-–·•▪◦\x7f\uf0b7\uf0a7o]|\d{1,2}[.)])\s+")
_MAX_HEADING = 160


def heading_kind(line: str) -> tuple[str, str] | None:
    if len(line) > _MAX_HEADING:
        return None
    for kind, rx in _HEADINGS:
        m = rx.match(line)
        if m and not (kind in {"roman", "letter"} and len(line) > 100):
            return kind, m.group("label")
    return None


_STYLED_NUMBER = re.compile(r"^(?:(?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?|(?P<number>\d{1,2}|[IVX]{1,4}|[A-H])[.)–-])\s+[^\W\d_]")


def heading_label(text: str) -> str:
    """The number of a line already known to be a heading (a Word heading style, a Markdown
    '#', an HTML h2): 'Article 3', '2.1', and also a plain '1. Présentation' or 'B) Budget',
    which in running text would be a list item."""
    known = heading_kind(text[:100])  # a long heading's number starts it
    if known:
        return known[1]
    m = _STYLED_NUMBER.match(text)
    return (m.group("dotted") or m.group("number")) if m else ""


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


_DANGLING = re.compile(r"(?:\b(?:de|des|du|la|le|les|et|ou|avec|à|en|pour|par|sur|au|aux|dans|entre|d['’]|l['’])|[,(])$",
                       re.IGNORECASE)


def continues(previous: str, line: str) -> bool:
    """Whether a line after a blank line still belongs to the previous sentence."""
    if previous.endswith((".", ":", ";", "!", "?")) or BULLET.match(line) or heading_kind(line):
        return False
    return bool(_DANGLING.search(previous) or line[0].islower() or re.match(r"\d{4}\)", line))


def _item(text: str, page) -> Block:
    m = BULLET.match(text)
    marker = m.group("marker") if m else ""
    body = text[m.end():] if m else text
    ordered = bool(marker[:1].isdigit())
    return Block("item", body.strip(), page, ordered=ordered, marker="•" if marker in ("\x7f", "\uf0b7", "\uf0a7") else marker)


def blocks_from_text(text: str, first_page: int | None = None, known_regions: set[str] | None = None) -> list[Block]:
    """Blocks of a cleaned text whose pages are separated by PAGE_BREAK lines."""
    blocks: list[Block] = []
    cur_kind, cur_lines, cur_meta = None, [], ("", "")
    page = first_page

    def close():
        nonlocal cur_kind, cur_lines
        if cur_kind:
            joined = " ".join(" ".join(cur_lines).split())
            hk, label = cur_meta
            if cur_kind == "item":
                blocks.append(_item(joined, page))
            elif cur_kind == "heading":
                blocks.append(Block("heading", joined, page, level=LEVELS[hk], label=label))
            else:
                blocks.append(Block("paragraph", joined, page))
        cur_kind, cur_lines = None, []

    seen_text = False
    lines = text.split("\n")
    nonblank = [ln.strip() for ln in text.split("\n") if ln.strip() and ln.strip() != PAGE_BREAK]
    # Text extracted from PDFs is wrapped at a fixed width, so most lines stop mid-sentence
    # and a new line continues it. Text with one paragraph per line (DOCX, HTML, notes)
    # ends most lines with punctuation or a short title.
    open_ended = sum(1 for ln in nonblank if not re.search(r"[.:;!?»)]$", ln))
    wrapped = bool(nonblank) and open_ended / len(nonblank) > 0.55 and max(map(len, nonblank)) < 200
    skip = 0
    for n, raw in enumerate(lines):
        if skip:
            skip -= 1
            continue
        line = raw.strip()
        if line and line != PAGE_BREAK and not seen_text:
            seen_text = True
            if len(line) <= 160 and not line.endswith((".", ",", ";", ":")) and not heading_kind(line):
                # The title stands alone; a short title may wrap onto a second short line.
                title = [line]
                nxt = lines[n + 1].strip() if n + 1 < len(lines) else ""
                after = lines[n + 2].strip() if n + 2 < len(lines) else ""
                if nxt and not after and len(line) + len(nxt) <= 80 and not heading_kind(nxt) and not BULLET.match(nxt):
                    title.append(nxt)
                    skip = 1
                blocks.append(Block("heading", " ".join(" ".join(title).split()), page, level=0))
                continue
        if line == PAGE_BREAK:
            close()
            page = page + 1 if page is not None else None
            continue
        if not line or _RULE.match(line):  # a rule of ===== or ----- separates blocks
            close()
            continue
        if "|" in line:
            rows, used, ruled = _pipe_rows(lines, n)
            if rows:
                close()
                blocks.append(table_block(rows, page, header=ruled or _looks_like_header(rows[0])))
                skip = used - 1
                continue
        if _standalone(lines, n) and is_caps_heading(line) and not heading_kind(line):
            close()
            m = BULLET.match(line)
            blocks.append(Block("heading", " ".join(line.split()), page, level=1,
                                label=m.group("marker").rstrip(".)") if m else ""))
            continue
        numbered = _numbered_title(lines, n)
        if numbered:
            close()
            blocks.append(Block("heading", numbered[1], page, level=LEVELS["sub"], label=numbered[0]))
            continue
        acad = _ACADEMIE.match(line)
        head = heading_kind(line)
        if acad and not BULLET.match(line):
            close()
            pre = acad.group("pre")
            head_text = " ".join(acad.group("head").split())
            if pre and pre.strip(" -"):
                blocks.append(Block("heading", pre.strip(), page, level=LEVELS["region"]))
            blocks.append(Block("heading", head_text, page, level=LEVELS["academie"]))
        elif head:
            close()
            cur_kind, cur_lines, cur_meta = "heading", [line], head
            if head[0] not in _WRAPS:
                close()
        elif _CLOSING.match(line) and cur_kind != "heading":
            close()  # "Fait à …, le …": the signature block is not part of the last article
            blocks.append(Block("heading", " ".join(line.split()), page, level=LEVELS["closing"], label="closing"))
        elif BULLET.match(line):
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
        elif blocks and blocks[-1].kind in ("item", "paragraph") and continues(blocks[-1].text, line):
            prev = blocks.pop()  # a stray blank line inside a sentence (page or cell break)
            lead = f"{prev.marker} " if prev.kind == "item" and prev.marker else ""
            cur_kind = "item" if prev.kind == "item" else "para"
            cur_lines, cur_meta = [lead + prev.text, line], ("", "")
        else:
            cur_kind, cur_lines, cur_meta = "para", [line], ("", "")
    close()
    return _mark_regions(blocks, known_regions)


_RULE = re.compile(r"^[=\-_*~#]{3,}$")


def is_caps_heading(line: str) -> bool:
    """A short line in capitals ("DÉCISIONS", "2. CERTIFICATION EN LANGUE") titles a section."""
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= 4 and all(c.isupper() for c in letters) and len(line) <= 90
            and len(line.split()) <= 10 and not line.endswith((".", ",", ";", ":")))


_NUMBERED_TITLE = re.compile(r"^(?P<label>\d{1,2})[.)]\s+(?P<title>[^\W\d_][^.;:!?]{2,78})$")


def _numbered_title(lines: list[str], n: int) -> tuple[str, str] | None:
    """'1. Modalités de départ' alone between blank lines, short, with no closing
    punctuation, and followed by running text rather than the next item: the numbered
    title of a part ('1. … 2. Accueil sur place' with paragraphs between), not a list item."""
    m = _NUMBERED_TITLE.match(lines[n].strip())
    if not m or not _standalone(lines, n):
        return None
    nxt = next((line.strip() for line in lines[n + 1:] if line.strip()), "")
    if not nxt or BULLET.match(nxt) or _RULE.match(nxt) or len(nxt) < 40:
        return None
    return m.group("label"), " ".join(lines[n].split())


def _standalone(lines: list[str], n: int) -> bool:
    """Blank lines (or rules) before and after line n: a title, not a line of a paragraph."""
    def free(i: int) -> bool:
        return i < 0 or i >= len(lines) or not lines[i].strip() or bool(_RULE.match(lines[i].strip()))
    return free(n - 1) and free(n + 1)


def _pipe_rows(lines: list[str], n: int) -> tuple[list[list[str]], int, bool]:
    """Consecutive lines from n with the same number of '|'-separated cells (two or more):
    the rows, how many lines they take, and whether a Markdown rule row ('|---|:--:|') under
    the first one marks it as the header (the rule itself is no row). Spaces around '|' vary
    with whoever typed the table ('| Graz| 2 semaines |')."""
    rows: list[list[str]] = []
    used, ruled = 0, False
    for line in lines[n:]:
        cells = _cells(line)
        if len(cells) < 2 or (rows and len(cells) != len(rows[0])):
            break
        used += 1
        if all(_RULE_CELL.match(c) for c in cells):
            if len(rows) != 1:
                break
            ruled = True
            continue
        rows.append(cells)
    return (rows, used, ruled) if len(rows) >= 2 else ([], 0, False)


_RULE_CELL = re.compile(r"^:?-{3,}:?$")


def _cells(line: str) -> list[str]:
    """The cells of a '|' table row ('| a | b |' or 'a | b'); none for a line without '|'."""
    line = line.strip()
    if "|" not in line:
        return []
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    cells = [c.strip() for c in line.split("|")]
    return cells if all(cells) or (len(cells) > 2 and any(cells)) else []


def _looks_like_header(row: list[str]) -> bool:
    return all(c and len(c) <= 40 and not any(ch.isdigit() for ch in c) for c in row)


def _mark_regions(blocks: list[Block], known_regions: set[str] | None) -> list[Block]:
    """A short paragraph right before an académie heading is the heading of its région."""
    out = list(blocks)
    for i, b in enumerate(out):
        if b.kind == "heading" and b.level == LEVELS["academie"] and _ACADEMIE.match(b.text) and i > 0:
            prev = out[i - 1]
            if prev.kind == "paragraph" and looks_like_region(prev.text, known_regions):
                out[i - 1] = Block("heading", prev.text, prev.page, level=LEVELS["region"])
    return out


def document_from_pages(source: str, pages: list[tuple[int | None, str]], raw: str = "", title: str = "",
                        known_regions: set[str] | None = None) -> Document:
    """Clean and structure pages of plain text (running headers dropped on paginated input)."""
    texts = [t for _, t in pages]
    first_page = pages[0][0] if pages else None
    if first_page is not None:
        texts = remove_repeated_page_lines(texts)
    joined = f"\n{PAGE_BREAK}\n".join(texts)
    blocks = blocks_from_text(clean_text(joined), first_page, known_regions)
    if not title and blocks and blocks[0].kind == "heading" and blocks[0].level == 0:
        title = blocks[0].text
    return make_document(source, title, blocks, raw=raw)


def region_keys() -> set[str]:
    """Names of régions académiques: a short line naming one is a heading."""
    from assistant.gazetteer import load_gazetteer

    return load_gazetteer().region_keys()


def read(path: Path, data: bytes, limits: Limits) -> Document:
    text = decode(path, data)
    limits.check_chars(path, len(text))
    return document_from_pages(path.name, [(None, text)], raw=text, known_regions=region_keys())
