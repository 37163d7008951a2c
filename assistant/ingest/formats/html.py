"""HTML: structure read from the page's own elements (BeautifulSoup).

h1–h6 are headings, p and the loose text of div/section are paragraphs, ol/ul/li are list
items (nesting, numbers from ``start``/``type``/``value``), table rows stay rows, dl
terms keep their definitions. What is not the page's content is dropped: navigation,
page header and footer, asides, scripts, search or contact forms and cookie or consent
banners. Collapsed panels (``hidden``, ``display:none``) are kept: an accordion's answers
are content. A question set as a heading keeps its answer as a paragraph below it, never
as a line of its own."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.document import Block, Document, make_document, table_block
from assistant.ingest.formats.common import BlockSink, Limits, decode
from assistant.ingest.formats.docx_numbering import format_number
from assistant.ingest.formats.text import heading_label

DROP_TAGS = ["nav", "aside", "script", "style", "noscript", "template", "svg", "iframe",
             "object", "embed", "canvas", "select", "head"]
_CONTENT = ["main", "article", "h1", "h2", "h3"]
_BANNER = re.compile(r"cookie|consent|gdpr|rgpd|banner", re.IGNORECASE)
BANNER_MAX_CHARS = 3000  # a "cookie" class on a wrapper of the page content does not make it a banner
# Widgets a site sets inside the article itself: share and print links, breadcrumbs.
_WIDGET = re.compile(r"shar(e|ing)|partag|social|breadcrumb|ariane", re.IGNORECASE)
WIDGET_MAX_CHARS = 400
# What a share link's words say ("Partager sur Facebook", "Imprimer", "Envoyer par courriel").
_SHARE_WORDS = re.compile(r"^(partager|share|imprimer|print|tweet|envoyer (à un ami|par (e-?mail|courriel|mail)))\b",
                          re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements whose content flows inside a paragraph.
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
           "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "font", "label",
           "del", "ins", "img", "tt", "big", "acronym"}
_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def read(path: Path, data: bytes, limits: Limits) -> Document:
    from bs4 import BeautifulSoup

    text = decode(path, data)
    try:
        soup = BeautifulSoup(text, _parser())
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - a parser failure is one line about the file
        raise DocumentError(f"{path.name}: HTML could not be parsed ({type(exc).__name__}), skipped") from exc
    page_title = " ".join((soup.title.get_text() if soup.title else "").split())
    prune(soup)
    walker = _Walker(path, limits)
    walker.walk(soup.body or soup)
    walker.flush()
    blocks = walker.blocks
    h1 = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1]
    title = blocks[h1[0]].text if h1 else page_title
    if h1 and (len(h1) == 1 or _same(blocks[h1[0]].text, page_title)):
        first = blocks[h1[0]]
        blocks[h1[0]] = Block("heading", first.text, level=0)  # the page's own title
    return make_document(path.name, title, blocks)


def _parser() -> str:
    try:
        import lxml  # noqa: F401 - faster and as lenient as the standard parser

        return "lxml"
    except ImportError:
        return "html.parser"


def _same(a: str, b: str) -> bool:
    a, b = a.casefold().strip(), b.casefold().strip()
    return bool(a and b) and (a == b or a in b or b in a)


def _names(tag) -> list[str]:
    """What a tag calls itself: its id, class, role and aria-label."""
    attrs = getattr(tag, "attrs", None) or {}
    values = [attrs.get("id") or "", attrs.get("aria-label") or "", attrs.get("role") or ""]
    cls = attrs.get("class") or []
    values.extend(cls if isinstance(cls, list) else [cls])
    return [str(v) for v in values if v]


def is_banner(tag) -> bool:
    return any(_BANNER.search(v) for v in _names(tag))


def is_widget(tag) -> bool:
    """A share bar, a print link or a breadcrumb, by its name or, for a list of links, by what
    every link says: site furniture even inside the article."""
    if len(tag.get_text()) > WIDGET_MAX_CHARS:
        return False
    if any(_WIDGET.search(v) for v in _names(tag)):
        return True
    if tag.name in ("ul", "ol"):
        items = tag.find_all("li", recursive=False)
        return bool(items) and all(li.find("a") and _SHARE_WORDS.match(" ".join(li.get_text().split()))
                                   for li in items)
    return False


def prune(soup) -> None:
    """Remove everything that is not the page's content, in place."""
    from bs4 import Comment

    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        # The page's header and footer go; an article's own header holds its title and stays.
        if tag.decomposed:
            continue
        if not tag.find_parent(["article", "main"]) or tag.name == "footer":
            tag.decompose()
    for tag in soup.find_all("form"):
        # A search box or contact form goes; a form wrapping the whole page (as some site
        # frameworks do) is the page.
        if not tag.decomposed and not tag.find(_CONTENT) and len(tag.get_text()) < BANNER_MAX_CHARS:
            tag.decompose()
    for tag in soup.find_all("button"):
        if not tag.decomposed and not tag.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"]):
            tag.decompose()  # a control's label, unless it holds an accordion's question
    for tag in soup.find_all(True):
        if not tag.decomposed and tag.name not in ("html", "body", "main", "article") and is_banner(tag) \
                and not tag.find(_CONTENT[:3]) and len(tag.get_text()) < BANNER_MAX_CHARS:
            tag.decompose()
    for tag in soup.find_all(True):
        if not tag.decomposed and tag.name not in ("html", "body", "main", "article") and is_widget(tag) \
                and not tag.find(_CONTENT[2:]):
            tag.decompose()


class _Walker(BlockSink):
    def __init__(self, path: Path, limits: Limits):
        super().__init__(path, limits)
        self.pending: list[str] = []
        self.level = 0  # level of the last heading, for summary/question headings below it

    def flush(self) -> None:
        text = " ".join("".join(self.pending).split())
        self.pending = []
        if text:
            self.add(Block("paragraph", text))

    def walk(self, node, list_depth: int = 0) -> None:
        from bs4 import Tag

        for child in list(node.children):
            if _is_text(child):
                self.pending.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in _INLINE:
                if name == "br":
                    self.pending.append(" ")
                elif name == "img":
                    continue
                else:
                    self.pending.append(_pieces(child))
            elif name in _HEADINGS:
                self.flush()
                self.heading(inline_text(child), _HEADINGS[name])
            elif name in ("ul", "ol", "menu"):
                self.flush()
                self.list(child, list_depth)
            elif name == "table":
                self.flush()
                self.table(child, list_depth)
            elif name == "dl":
                self.flush()
                self.definitions(child)
            elif name == "summary":
                self.flush()
                self.heading(inline_text(child), min(self.level + 1, 6), question=True)
            elif name == "p" and _only_strong(child):
                # <p><strong>Question ?</strong></p> heads the paragraphs that answer it
                self.flush()
                self.heading(inline_text(child), min(self.level + 1, 6), question=True)
            elif name == "pre":
                self.flush()
                self.add(Block("paragraph", child.get_text().strip("\n")))
            else:  # p, div, section, article, blockquote, li outside a list…
                self.flush()
                self.walk(child, list_depth)
                self.flush()

    def heading(self, text: str, level: int, question: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        self.add(Block("heading", text, level=level, label=heading_label(text)))
        if not question:
            self.level = level

    def list(self, lst, depth: int) -> None:
        from bs4 import Tag

        ordered = lst.name == "ol"
        fmt = _TYPES.get(str(lst.get("type", "1")), "decimal")
        n = _int(lst.get("start"), 1) - 1
        reverse = lst.has_attr("reversed")
        items = [li for li in lst.children if isinstance(li, Tag) and li.name == "li"]
        if reverse and lst.get("start") is None:
            n = len(items) + 1
        for li in items:
            n = _int(li.get("value"), n - 1 if reverse else n + 1)
            marker = f"{format_number(n, _TYPES.get(str(li.get('type', '')), fmt))}." if ordered else "•"
            text = " ".join(item_text(li).split())
            if text:
                self.add(Block("item", text, level=depth, ordered=ordered, marker=marker))
            for sub in li.find_all(["ul", "ol", "table", "dl"]):
                if sub.find_parent(["li", "ul", "ol", "table", "dl"]) is li:  # directly this item's
                    if sub.name in ("ul", "ol"):
                        self.list(sub, depth + 1)
                    elif sub.name == "table":
                        self.table(sub, depth + 1)
                    else:
                        self.definitions(sub)

    def table(self, tbl, depth: int) -> None:
        rows: list[list[str]] = []
        header = False
        for i, tr in enumerate(r for r in tbl.find_all("tr") if r.find_parent("table") is tbl):
            cells = [c for c in tr.find_all(["th", "td"]) if c.find_parent("tr") is tr]
            rows.append([" ".join(c.get_text(" ").split()) for c in cells])
            if i == 0:
                header = bool(cells) and (all(c.name == "th" for c in cells) or tr.find_parent("thead") is not None)
        if rows and max(len(r) for r in rows) <= 1:  # a one-column table lays out text, it is no grid
            for tr in (r for r in tbl.find_all("tr") if r.find_parent("table") is tbl):
                for cell in tr.find_all(["th", "td"], recursive=False):
                    self.walk(cell, depth)
                    self.flush()
            return
        block = table_block(rows, header=header and len(rows) > 1)
        caption = tbl.find("caption")
        if caption is not None and caption.find_parent("table") is tbl:
            self.add(Block("paragraph", inline_text(caption)))  # the table's title, just before it
        if block.rows:
            self.add(block)

    def definitions(self, dl) -> None:
        """A term and its definitions stay one paragraph ("term : definition")."""
        from bs4 import Tag

        term, defs = "", []

        def emit():
            if term or defs:
                self.add(Block("paragraph", " : ".join(x for x in (term, " ; ".join(defs)) if x)))

        for child in dl.find_all(["dt", "dd"]):
            if not isinstance(child, Tag) or child.find_parent("dl") is not dl:
                continue
            text = " ".join(child.get_text(" ").split())
            if child.name == "dt":
                if defs:
                    emit()
                    term, defs = "", []
                term = f"{term} {text}".strip()
            elif text:
                defs.append(text)
        emit()


def inline_text(tag) -> str:
    """Text of an element as it reads: pieces joined as written, a line break is a space."""
    return " ".join(_pieces(tag).split())


def _pieces(tag) -> str:
    from bs4 import Tag

    parts: list[str] = []
    for node in tag.descendants:
        if _is_text(node):
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name in ("br", "p", "div", "li", "td", "th"):
            parts.append(" ")
    return "".join(parts)


def _is_text(node) -> bool:
    text_type, not_text = _string_types()
    return isinstance(node, text_type) and not isinstance(node, not_text)


@functools.cache
def _string_types():
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    return NavigableString, (Comment, Declaration, Doctype, ProcessingInstruction)


def item_text(li) -> str:
    """A list item's own text: everything but its nested lists, tables and definitions."""
    from bs4 import Tag

    parts: list[str] = []

    def visit(node):
        for child in node.children:
            if _is_text(child):
                parts.append(str(child))
            elif isinstance(child, Tag) and child.name not in ("ul", "ol", "table", "dl", "menu"):
                if child.name in ("p", "div", "br"):
                    parts.append(" ")
                visit(child)

    visit(li)
    return "".join(parts)


def _only_strong(p) -> bool:
    """A paragraph that is one bold line asking a question."""
    from bs4 import NavigableString, Tag

    text = inline_text(p)
    if not text.endswith("?") or len(text) > 200:
        return False
    for child in p.children:
        if isinstance(child, NavigableString) and child.strip():
            return False
        if isinstance(child, Tag) and child.name not in ("strong", "b", "br"):
            return False
    return True


def _int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default
