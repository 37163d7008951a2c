"""From one file's Document to its chunks."""
from __future__ import annotations

from dataclasses import dataclass

from assistant.ingest.chunk import chunk_document
from assistant.ingest.document import Document
from assistant.ingest.guard import flag_injections
from assistant.types import Chunk


@dataclass(frozen=True)
class ProcessedDocument:
    document: Document
    chunks: tuple[Chunk, ...]
    warnings: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        return self.document.source


def process(doc: Document, max_chars: int, min_chars: int) -> ProcessedDocument:
    flagged = flag_injections(doc.text)
    # Every line is indexed: instruction-like lines are only reported, so the generative
    # prompt's framing (passages are quoted data) is what keeps them from being obeyed.
    warnings = tuple(doc.warnings) + ((f"{doc.source}: {len(flagged)} instruction-like line(s) (possible prompt "
                                       f"injection) kept as quoted text: {flagged[0][:60]!r}",) if flagged else ())
    return ProcessedDocument(doc, tuple(chunk_document(doc, max_chars, min_chars)), warnings)
