"""Read documents of any supported kind into pages of raw text.

PDF and DOCX go through llama-index's file readers (pypdf, docx2txt); HTML
through BeautifulSoup; TXT/MD are decoded strictly as UTF-8 so that a
mis-encoded file is reported instead of silently garbled.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DocumentError

SUPPORTED = {".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"}


@dataclass(frozen=True)
class RawDocument:
    source: str  # file name inside the corpus
    pages: tuple[tuple[int | None, str], ...]  # (1-based page or None, text)


def _file_readers():
    # Importing llama-index-readers-file calls logging.basicConfig(INFO); keep the
    # root logger as it was so library INFO chatter does not reach the user.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from llama_index.readers.file import DocxReader, PDFReader
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return PDFReader, DocxReader


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _read_pdf(path: Path) -> list[tuple[int | None, str]]:
    import pypdf

    # pypdf logs every repair it attempts ("invalid pdf header", "EOF marker not found");
    # the user gets our one-line warning instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(f"{path.name}: encrypted PDF, skipped", hint="provide an unencrypted copy")
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise DocumentError(f"{path.name}: not a readable PDF ({type(exc).__name__}), skipped") from exc
    PDFReader, _ = _file_readers()
    try:
        docs = PDFReader(return_full_document=False).load_data(path)
    except Exception as exc:
        raise DocumentError(f"{path.name}: PDF text could not be extracted ({type(exc).__name__}), skipped") from exc
    return [(i + 1, d.text or "") for i, d in enumerate(docs)]


def _read_docx(path: Path) -> list[tuple[int | None, str]]:
    import zipfile

    if not zipfile.is_zipfile(path):
        raise DocumentError(f"{path.name}: not a valid DOCX file, skipped")
    _, DocxReader = _file_readers()
    try:
        docs = DocxReader().load_data(path)
    except Exception as exc:
        raise DocumentError(f"{path.name}: DOCX could not be read ({type(exc).__name__}), skipped") from exc
    return [(None, "\n".join(d.text for d in docs))]


def _decode(path: Path, data: bytes) -> str:
    if _looks_binary(data):
        raise DocumentError(f"{path.name}: binary content in a text file, skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path.name}: not valid UTF-8 (byte {exc.start}), skipped", hint="re-save the file as UTF-8"
        ) from exc


def _read_html(path: Path, data: bytes) -> list[tuple[int | None, str]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path, data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    # Block elements become paragraph breaks so section parsing still sees headings.
    for tag in soup.find_all(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section"]):
        tag.insert_before("\n\n" if tag.name != "li" else "\n- ")
    return [(None, soup.get_text())]


def load_document(path: Path) -> RawDocument:
    """Read one file; raise DocumentError (one line, names the file) when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"{path.name}: unsupported file type '{suffix or 'none'}', skipped")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError(f"{path.name}: file disappeared during ingest, skipped") from exc
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror}), skipped") from exc
    if not data.strip():
        raise DocumentError(f"{path.name}: empty file, skipped")
    if suffix == ".pdf":
        pages = _read_pdf(path)
    elif suffix == ".docx":
        pages = _read_docx(path)
    elif suffix in {".html", ".htm"}:
        pages = _read_html(path, data)
    else:
        pages = [(None, _decode(path, data))]
    if not any(text.strip() for _, text in pages):
        raise DocumentError(f"{path.name}: no extractable text (scanned or empty), skipped")
    return RawDocument(path.name, tuple(pages))


def list_corpus(corpus_dir: Path) -> list[Path]:
    """Supported files directly in the corpus folder, sorted by name; hidden files ignored."""
    return sorted(
        p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED
    )
