"""Word .docx: structure read from the document's own styles, numbering and tables.

A paragraph's style says what it is (Title, Heading n, List Bullet/List Number n), its
numbering properties give the marker Word shows in front of it ("1.", "a)", "•"), and
the body's paragraphs and tables are read in their order. Page headers and footers live
in other parts of the package and are never read. Before anything is unpacked, the zip
directory is checked against the size limits, so a decompression bomb is refused unread.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.document import Block, Document, make_document, table_block
from assistant.ingest.formats.common import Limits
from assistant.ingest.formats.docx_numbering import BULLET, W, Numbering
from assistant.ingest.formats.text import LEVELS, heading_kind, heading_label

MB = 1024 * 1024
MAX_MEMBERS = 20_000
# Word markup around one character of text rarely exceeds this many bytes; a main part
# larger than this times the character budget holds more text than the budget allows.
MARKUP_PER_CHAR = 100

# A marker typed by hand at the start of a paragraph ("- ", "• ", "1. ", "b) ", "iv. ").
LITERAL_MARKER = re.compile(
    r"^(?P<marker>[-–—·•▪◦●○■□➢➤►✓\uf0b7\uf0a7]|o(?=\s)"  # bullets
    r"|\(?\d{1,3}[.)]|\(?[a-z][.)]|[ivx]{1,5}[.)]|\([A-Z]\)|[A-Z]\))\s+"  # numbers, letters, roman numerals
)
_BULLET_CHARS = set("-–—·•▪◦●○■□➢➤►✓o\uf0b7\uf0a7")
_STYLE_NAMES = [
    ("title", re.compile(r"^(?:title|titre)$")),
    ("subtitle", re.compile(r"^(?:subtitle|sous-titre)$")),
    ("heading", re.compile(r"^(?:heading|titre|überschrift)\s*(\d)$")),
    ("bullet", re.compile(r"^(?:list bullet|liste à puces)\s*(\d)?$")),
    ("number", re.compile(r"^(?:list number|liste à numéros)\s*(\d)?$")),
]
# Skipped when collecting a paragraph's text: deleted revisions, field codes, the
# fallback copy of alternate content, and text boxes (anchored shapes, not body text).
_SKIP = {f"{W}{t}" for t in ("del", "moveFrom", "delText", "instrText", "txbxContent", "pPr", "rPr", "fldData")} | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


@dataclass(frozen=True)
class StyleInfo:
    kind: str = "body"  # body | title | subtitle | heading | bullet | number
    level: int = 0  # heading level (1-9) or list nesting (0 = top)
    num: tuple[str, int] | None = None  # numbering inherited from the style
    bold: bool = False


def check_package(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a DOCX from its zip directory alone: no member is decompressed here."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise DocumentError(f"{path.name}: not a valid DOCX file, skipped") from exc
    names = {i.filename for i in infos}
    if "word/document.xml" not in names and not any(n.startswith("word/") and n.endswith(".xml") for n in names):
        raise DocumentError(f"{path.name}: not a valid DOCX file (no Word document inside), skipped")
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"{path.name}: DOCX package holds {len(infos)} files, refused unread")
    total = sum(i.file_size for i in infos)
    main = max((i.file_size for i in infos if i.filename == "word/document.xml"), default=0)
    limit = limits.max_bytes
    if total > limit:
        raise DocumentError(f"{path.name}: DOCX expands to {total // MB} MB when unpacked (limit {limit // MB} MB), "
                            "refused unread (possible zip bomb)",
                            hint="split the document or raise DAREIC_MAX_DOCUMENT_MB")
    if main > MARKUP_PER_CHAR * limits.max_chars:
        raise DocumentError(f"{path.name}: Word text part of {main // MB} MB exceeds what "
                            f"{limits.max_chars:,} characters need, refused unread".replace(",", " "),
                            hint="split the document or raise DAREIC_MAX_DOCUMENT_CHARS")


def read(path: Path, data: bytes, limits: Limits) -> Document:
    check_package(path, data, limits)
    try:
        import docx

        d = docx.Document(io.BytesIO(data))
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # python-docx/lxml raise many types for broken packages
        raise DocumentError(f"{path.name}: DOCX could not be read ({type(exc).__name__}), skipped") from exc
    reader = _Reader(path, d, limits)
    blocks = reader.read()
    core_title = ""
    try:
        core_title = " ".join((d.core_properties.title or "").split())
    except Exception:  # noqa: BLE001 - a broken core.xml only loses the metadata title
        pass
    first_h1 = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), "")
    return make_document(path.name, reader.title or core_title or first_h1, blocks)


class _Reader:
    def __init__(self, path: Path, d, limits: Limits):
        self.path, self.limits = path, limits
        self.body = d.element.body
        self.styles = _style_table(d.styles.element)
        self.default_style = next((sid for sid, s in self.styles.items() if s[1]), "")
        self._resolved: dict[str, StyleInfo] = {}
        try:
            numbering = d.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part: no computed markers
            numbering = None
        self.numbering = Numbering(numbering)
        self.blocks: list[Block] = []
        self.title = ""
        self.chars = 0
        self.plain_counters: dict[tuple[str, int], int] = {}
        self.styled = self._has_heading_styles()

    # ------------------------------------------------------------------ styles

    def style(self, style_id: str) -> StyleInfo:
        style_id = style_id or self.default_style
        if style_id not in self._resolved:
            self._resolved[style_id] = StyleInfo()  # guards a basedOn cycle
            self._resolved[style_id] = self._resolve(style_id)
        return self._resolved[style_id]

    def _resolve(self, style_id: str) -> StyleInfo:
        if style_id not in self.styles:
            return StyleInfo()
        elm, _ = self.styles[style_id]
        name = (_child_val(elm, "name") or "").strip().lower()
        base_id = _child_val(elm, "basedOn")
        base = self.style(base_id) if base_id and base_id != style_id else StyleInfo()
        kind, level = base.kind, base.level
        for k, rx in _STYLE_NAMES:
            m = rx.match(name)
            if m:
                kind = k
                digits = m.group(1) if m.groups() else None
                level = int(digits) if k == "heading" else (int(digits) - 1 if digits else 0)
                break
        ppr = elm.find(f"{W}pPr")
        outline = _child_val(ppr, "outlineLvl") if ppr is not None else None
        if kind == "body" and outline and outline.isdigit() and int(outline) < 9:
            kind, level = "heading", int(outline) + 1
        num = _num_pr(ppr) or base.num
        rpr = elm.find(f"{W}rPr")
        bold = _on(rpr.find(f"{W}b")) if rpr is not None and rpr.find(f"{W}b") is not None else base.bold
        return StyleInfo(kind, level, num, bold)

    def _has_heading_styles(self) -> bool:
        for ps in self.body.iter(f"{W}pStyle"):
            if self.style(ps.get(f"{W}val", "")).kind in ("heading", "title"):
                return True
        return any(True for _ in self.body.iter(f"{W}outlineLvl"))

    # ------------------------------------------------------------------ body

    def read(self) -> list[Block]:
        self._walk(self.body)
        return self.blocks

    def _walk(self, parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                self._paragraph(child)
            elif tag == f"{W}tbl":
                self._table(child)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}ins"):
                content = child.find(f"{W}sdtContent")
                self._walk(content if content is not None else child)

    def _count(self, text: str) -> None:
        self.limits.check_time(self.path)
        self.chars += len(text)
        self.limits.check_chars(self.path, self.chars)

    def _paragraph(self, p) -> None:
        text = paragraph_text(p)
        if not text:
            return
        self._count(text)
        ppr = p.find(f"{W}pPr")
        info = self.style(_child_val(ppr, "pStyle") or "" if ppr is not None else "")
        num = (_num_pr(ppr) if ppr is not None else None) or info.num
        if num and num[0] in ("0", ""):
            num = None  # numId 0 switches the style's numbering off
        kind, level = info.kind, info.level
        outline = _child_val(ppr, "outlineLvl") if ppr is not None else None
        if outline and outline.isdigit() and int(outline) < 9:
            kind, level = "heading", int(outline) + 1
        if kind == "title":
            self._title(text)
        elif kind == "heading":
            self._heading(text, level, num)
        elif kind in ("bullet", "number") or num:
            self._item(text, kind, level, num)
        elif not self.styled and self._plain_structure(p, text, info):
            pass
        elif LITERAL_MARKER.match(text):
            self._item(text, "body", 0, None)
        else:
            self.blocks.append(Block("paragraph", text))

    def _title(self, text: str) -> None:
        prev = self.blocks[-1] if self.blocks else None
        if prev is not None and prev.kind == "heading" and prev.level == 0 and prev.text == self.title:
            self.blocks[-1] = Block("heading", f"{prev.text} {text}", level=0)  # a title on two lines
            self.title = self.blocks[-1].text
            return
        if not self.title:
            self.title = text
        self.blocks.append(Block("heading", text, level=0))

    def _heading(self, text: str, level: int, num) -> None:
        marker = ""
        if num:
            got = self.numbering.next_marker(num[0], num[1])
            marker = got[0] if got and got[1] else ""
        if marker and not text.startswith(marker):
            text = f"{marker} {text}"
        label = marker.rstrip(".)") if marker else heading_label(text)
        self.plain_counters.clear()
        self.blocks.append(Block("heading", text, level=max(1, min(level, 6)), label=label))

    def _item(self, text: str, kind: str, level: int, num) -> None:
        computed = self.numbering.next_marker(num[0], num[1]) if num else None
        if num:
            level = max(level, num[1])
        literal = LITERAL_MARKER.match(text)
        if literal:
            marker = literal.group("marker")
            text = text[literal.end():].strip()
            ordered = marker not in _BULLET_CHARS
            marker = BULLET if marker in ("\uf0b7", "\uf0a7") else marker
        elif computed:
            marker, ordered = computed
        elif kind == "number":
            key = ("number", level)
            self.plain_counters[key] = self.plain_counters.get(key, 0) + 1
            marker, ordered = f"{self.plain_counters[key]}.", True
        else:
            marker, ordered = BULLET, False
        if text:
            self.blocks.append(Block("item", text, level=level, ordered=ordered, marker=marker))

    def _plain_structure(self, p, text: str, info: StyleInfo) -> bool:
        """A document written without heading styles: numbered headings ("Article 3",
        "2.1 …") and short all-bold lines are its headings, typed markers its items."""
        known = heading_kind(text)
        if known:
            self.blocks.append(Block("heading", text, level=LEVELS[known[0]], label=known[1]))
            return True
        if len(text) <= 120 and not text.endswith((".", ",", ";", ":")) and _all_bold(p, info.bold) \
                and not LITERAL_MARKER.match(text):
            self.blocks.append(Block("heading", text, level=1))
            return True
        return False

    # ------------------------------------------------------------------ tables

    def _table(self, tbl) -> None:
        rows: list[list[str]] = []
        header = False
        trs = list(tbl.iterchildren(f"{W}tr"))
        for i, tr in enumerate(trs):
            cells = [" ".join(t for t in (paragraph_text(p) for p in tc.iter(f"{W}p")) if t)
                     for tc in tr.iterchildren(f"{W}tc")]
            rows.append(cells)
            if i == 0:
                trpr = tr.find(f"{W}trPr")
                marked = trpr is not None and trpr.find(f"{W}tblHeader") is not None
                paras = [p for tc in tr.iterchildren(f"{W}tc") for p in tc.iter(f"{W}p") if paragraph_text(p)]
                header = marked or (bool(paras) and all(_all_bold(p, self._para_style(p).bold) for p in paras))
        if not rows:
            return
        if max(len(r) for r in rows) <= 1:  # a one-column table is a frame around text, not a grid
            for tr in trs:
                for tc in tr.iterchildren(f"{W}tc"):
                    self._walk(tc)
            return
        block = table_block(rows, header=header and len(rows) > 1)
        if block.rows:
            self._count(block.text)
            self.blocks.append(block)

    def _para_style(self, p) -> StyleInfo:
        ppr = p.find(f"{W}pPr")
        return self.style(_child_val(ppr, "pStyle") or "" if ppr is not None else "")


# ---------------------------------------------------------------------- helpers


def paragraph_text(p) -> str:
    """The visible text of a paragraph (runs, hyperlinks, inserted revisions, field
    results), whitespace collapsed."""
    out: list[str] = []
    _collect(p, out)
    return " ".join("".join(out).split())


def _collect(elm, out: list[str]) -> None:
    for child in elm.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}p":  # a paragraph nested in content (never for body paragraphs)
            continue
        else:
            _collect(child, out)


def _all_bold(p, style_bold: bool) -> bool:
    runs = [r for r in p.iter(f"{W}r") if any((t.text or "").strip() for t in r.iterchildren(f"{W}t"))]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(f"{W}rPr")
        b = rpr.find(f"{W}b") if rpr is not None else None
        if not (_on(b) if b is not None else style_bold):
            return False
    return True


def _on(elm) -> bool:
    return elm.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _child_val(elm, tag: str) -> str | None:
    if elm is None:
        return None
    child = elm.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_id = _child_val(num_pr, "numId")
    ilvl = _child_val(num_pr, "ilvl")
    if num_id is None:
        return None
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def _style_table(styles_elm) -> dict[str, tuple[object, bool]]:
    """styleId -> (paragraph style element, is the default paragraph style)."""
    out = {}
    for s in styles_elm.iterchildren(f"{W}style"):
        if s.get(f"{W}type") == "paragraph":
            out[s.get(f"{W}styleId", "")] = (s, _on_attr(s.get(f"{W}default")))
    return out


def _on_attr(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "on")
