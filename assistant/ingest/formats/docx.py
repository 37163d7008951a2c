"""Word .docx (interim: paragraph text through the plain-text heuristics)."""
from __future__ import annotations

from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.document import Document
from assistant.ingest.formats.common import Limits
from assistant.ingest.formats.text import document_from_pages, region_keys


def read(path: Path, data: bytes, limits: Limits) -> Document:
    import io
    import zipfile

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(f"{path.name}: not a valid DOCX file, skipped")
    try:
        import docx

        d = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in d.paragraphs)
    except Exception as exc:
        raise DocumentError(f"{path.name}: DOCX could not be read ({type(exc).__name__}), skipped") from exc
    limits.check_chars(path, len(text))
    return document_from_pages(path.name, [(None, text)], known_regions=region_keys())
