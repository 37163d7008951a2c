"""One reader per file format, each producing the shared ``Document`` model.

``READERS`` maps a file suffix to ``read(path, data, limits) -> Document``; adding a
format touches only this table and its own module.
"""
from __future__ import annotations

from assistant.ingest.formats import docx, html, markdown, pdf, text

READERS = {
    ".txt": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
    ".pdf": pdf.read,
    ".docx": docx.read,
}
SUPPORTED = frozenset(READERS)
