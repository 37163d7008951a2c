"""Markdown: structure read from markdown-it-py's token stream (CommonMark plus tables).

Headings, paragraphs, bulleted and numbered lists (nesting, the numbers as written) and
tables become blocks; emphasis, links and inline HTML are reduced to their words and
code spans keep their text, so the canonical text carries no Markdown markup. A YAML
front matter block is not text; its ``title:`` names the document."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.ingest.document import Block, Document, make_document, table_block
from assistant.ingest.formats.common import BlockSink, Limits, decode
from assistant.ingest.formats.text import heading_label

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE_FIELD = re.compile(r"^title\s*:\s*(?P<t>.+?)\s*$", re.MULTILINE | re.IGNORECASE)


def split_front_matter(text: str) -> tuple[str, str]:
    """(title from a leading YAML block or "", the text after it)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return "", text
    t = _TITLE_FIELD.search(m.group("body"))
    title = t.group("t").strip().strip("'\"") if t else ""
    return title, text[m.end():]


def inline_text(token) -> str:
    """Plain words of an inline token: markup dropped, code spans kept, breaks as spaces."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline" and re.match(r"<br\b", child.content, re.IGNORECASE):
            parts.append(" ")
    return " ".join("".join(parts).split())


@dataclass
class _Item:
    level: int
    ordered: bool
    marker: str
    texts: list[str] = field(default_factory=list)
    emitted: bool = False


def read(path: Path, data: bytes, limits: Limits) -> Document:
    from markdown_it import MarkdownIt

    text = decode(path, data)
    limits.check_chars(path, len(text))
    meta_title, body = split_front_matter(text)
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    blocks = _Blocks(path, limits)
    blocks.run(md.parse(body))
    out = blocks.blocks
    h1 = [i for i, b in enumerate(out) if b.kind == "heading" and b.level == 1]
    title = meta_title or (out[h1[0]].text if h1 else "")
    if h1 and (len(h1) == 1 or h1[0] == 0):
        out[h1[0]] = Block("heading", out[h1[0]].text, level=0)  # the document's own title
    return make_document(path.name, title, out)


class _Blocks(BlockSink):
    def emit(self, item: _Item) -> None:
        if not item.emitted:
            item.emitted = True
            text = " ".join(" ".join(item.texts).split())
            self.add(Block("item", text, level=item.level, ordered=item.ordered, marker=item.marker))

    def run(self, tokens) -> None:
        lists: list[dict] = []  # open lists: ordered, next number, delimiter
        items: list[_Item] = []  # open list items
        heading: int | None = None
        table: list[list[str]] | None = None
        header = False
        row: list[str] = []
        for tok in tokens:
            t = tok.type
            if t in ("bullet_list_open", "ordered_list_open"):
                if items:
                    self.emit(items[-1])  # an item comes before the list nested in it
                start = tok.attrs.get("start", 1) if t == "ordered_list_open" else 1
                lists.append({"ordered": t == "ordered_list_open", "n": int(start or 1), "delim": tok.markup})
            elif t in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif t == "list_item_open":
                lst = lists[-1]
                if lst["ordered"]:
                    number = int(tok.info) if tok.info.isdigit() else lst["n"]
                    marker = f"{number}{tok.markup or lst['delim'] or '.'}"
                    lst["n"] = number + 1
                else:
                    marker = "•"
                items.append(_Item(len(lists) - 1, lst["ordered"], marker))
            elif t == "list_item_close":
                self.emit(items.pop())
            elif t == "heading_open":
                heading = int(tok.tag[1:])
            elif t == "heading_close":
                heading = None
            elif t == "table_open":
                table, header = [], False
            elif t == "tr_open":
                row = []
            elif t == "tr_close" and table is not None:
                table.append(row)
            elif t == "th_open" and table is not None and not table:
                header = True
            elif t == "table_close" and table is not None:
                block = table_block(table, header=header and len(table) > 1)
                if block.rows:
                    self.add(block)
                table = None
            elif t == "inline":
                text = inline_text(tok)
                if table is not None:
                    row.append(text)
                elif heading is not None:
                    self.add(Block("heading", text, level=heading, label=heading_label(text)))
                elif items and not items[-1].emitted:
                    items[-1].texts.append(text)
                else:
                    self.add(Block("paragraph", text))
            elif t in ("fence", "code_block"):
                self._literal(tok.content.strip("\n"), items)
            elif t == "html_block":
                self._literal(_html_text(tok.content), items)

    def _literal(self, text: str, items: list[_Item]) -> None:
        if items and not items[-1].emitted:
            items[-1].texts.append(text)
        else:
            self.add(Block("paragraph", text))


def _html_text(html: str) -> str:
    """The words of an HTML block written inside Markdown (scripts and styles dropped)."""
    from bs4 import BeautifulSoup

    from assistant.ingest.formats.html import inline_text as html_inline, prune

    soup = BeautifulSoup(html, "html.parser")
    prune(soup)
    return html_inline(soup)
