"""PDF (interim: pypdf page text through the plain-text heuristics)."""
from __future__ import annotations

import logging
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.document import Document
from assistant.ingest.formats.common import Limits
from assistant.ingest.formats.text import document_from_pages, region_keys


def read(path: Path, data: bytes, limits: Limits) -> Document:
    import io

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(f"{path.name}: encrypted PDF, skipped", hint="provide an unencrypted copy")
        pages = []
        total = 0
        for i, page in enumerate(reader.pages):
            limits.check_time(path)
            text = page.extract_text() or ""
            total += len(text)
            limits.check_chars(path, total)
            pages.append((i + 1, text))
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise DocumentError(f"{path.name}: not a readable PDF ({type(exc).__name__}), skipped") from exc
    title = ""
    try:
        title = ((reader.metadata or {}).get("/Title") or "").strip()
    except Exception:
        pass
    return document_from_pages(path.name, pages, title=title, known_regions=region_keys())
