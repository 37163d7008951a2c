"""HTML (interim: block elements become paragraph breaks, then the plain-text heuristics)."""
from __future__ import annotations

from pathlib import Path

from assistant.ingest.document import Document
from assistant.ingest.formats.common import Limits, decode
from assistant.ingest.formats.text import document_from_pages, region_keys


def read(path: Path, data: bytes, limits: Limits) -> Document:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode(path, data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for tag in soup.find_all(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section"]):
        tag.insert_before("\n\n" if tag.name != "li" else "\n- ")
    text = soup.get_text()
    limits.check_chars(path, len(text))
    return document_from_pages(path.name, [(None, text)], known_regions=region_keys())
