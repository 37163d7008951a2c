"""From one file to its cleaned text and chunks."""
from __future__ import annotations

from dataclasses import dataclass

from assistant.ingest.clean import clean_text, remove_repeated_page_lines
from assistant.ingest.chunk import chunk_section
from assistant.ingest.guard import strip_injections
from assistant.ingest.load import RawDocument
from assistant.ingest.sections import PAGE_BREAK, parse_blocks, render, sections
from assistant.types import Chunk


@dataclass(frozen=True)
class ProcessedDocument:
    source: str
    text: str  # cleaned text; every chunk is a slice of it
    chunks: tuple[Chunk, ...]
    warnings: tuple[str, ...] = ()
    raw: str = ""  # the extracted text before cleaning: quotes are given verbatim from it


def process(doc: RawDocument, max_chars: int, min_chars: int, known_regions: set[str] | None = None) -> ProcessedDocument:
    pages = [text for _, text in doc.pages]
    first_page = doc.pages[0][0]
    if first_page is not None:
        pages = remove_repeated_page_lines(pages)
    joined = f"\n{PAGE_BREAK}\n".join(pages)
    joined, planted = strip_injections(joined)
    warnings = (f"{doc.source}: {planted} instruction-like line(s) (possible prompt injection) left out of the index",
                ) if planted else ()
    blocks = parse_blocks(clean_text(joined), first_page, known_regions)
    text, spans = render(blocks)
    chunks: list[Chunk] = []
    for section in sections(spans):
        chunks.extend(chunk_section(text, doc.source, section, max_chars, min_chars))
    raw = "\n".join(t for _, t in doc.pages)
    return ProcessedDocument(doc.source, text, tuple(chunks), warnings, raw)
