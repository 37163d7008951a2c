"""Read one file of any supported format into the shared ``Document`` model.

The format readers live in ``formats/``; this module checks what they all need checked
first (type, presence, size, emptiness) so every refusal is one line naming the file."""
from __future__ import annotations

from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.document import Document
from assistant.ingest.formats import READERS, SUPPORTED
from assistant.ingest.formats.common import Limits

__all__ = ["SUPPORTED", "load_document", "list_corpus"]


def load_document(path: Path, limits: Limits | None = None) -> Document:
    """Read one file; raise DocumentError (one line, names the file) when it cannot be used."""
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"{path.name}: unsupported file type '{suffix or 'none'}', skipped")
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise DocumentError(f"{path.name}: file disappeared during ingest, skipped") from exc
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror}), skipped") from exc
    if size > limits.max_bytes:
        raise DocumentError(f"{path.name}: file too large ({size // (1024 * 1024)} MB > {limits.max_bytes // (1024 * 1024)} MB), skipped",
                            hint="split the document or raise DAREIC_MAX_DOCUMENT_MB")
    # A text file holds at most ~4 bytes per character: refuse an oversized one unread.
    if suffix in {".txt", ".md", ".markdown", ".html", ".htm"} and size > 4 * limits.max_chars + 1024:
        limits.check_chars(path, size // 4)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(f"{path.name}: file disappeared during ingest, skipped") from exc
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror}), skipped") from exc
    if not data.strip():
        raise DocumentError(f"{path.name}: empty file, skipped")
    doc = READERS[suffix](path, data, limits)
    if not any(b.text.strip() for b in doc.blocks):
        raise DocumentError(f"{path.name}: no extractable text (scanned or empty), skipped")
    limits.check_chars(path, len(doc.text))
    return doc


def list_corpus(*folders: Path) -> list[Path]:
    """Supported files directly in the folders, sorted by name; hidden files ignored. A name
    already seen in an earlier folder is skipped (the corpus wins over uploads)."""
    seen: dict[str, Path] = {}
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for p in sorted(Path(folder).iterdir()):
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED and p.name not in seen:
                seen[p.name] = p
    return [seen[k] for k in sorted(seen)]
