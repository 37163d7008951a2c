"""The answer-step interface and the citation bookkeeping every answerer shares."""
from __future__ import annotations

from typing import Protocol

from assistant.ingest.clean import raw_span
from assistant.types import Answer, Citation, Chunk


_GAPS = frozenset("-‐‑\u00ad")


def skeleton(text: str) -> tuple[str, list[int]]:
    """The text without whitespace and hyphens, and where each kept character stands."""
    keep = [i for i, ch in enumerate(text) if not ch.isspace() and ch not in _GAPS]
    return "".join(text[i] for i in keep), keep


def skeleton_of(index, source: str) -> tuple[str, list[int]]:
    """The skeleton of a document's file text, computed once per index and document."""
    cache = index.__dict__.setdefault("_skeletons", {})
    if source not in cache:
        cache[source] = skeleton(index.raw_text(source))
    return cache[source]


def skeleton_span(sk: tuple[str, list[int]], cleaned: str) -> tuple[int, int] | None:
    """Where a cleaned passage stands in the file text: cleaning only removed whitespace and
    hyphens inside words, so both read the same once those are left out (as raw_span, in
    linear time)."""
    text, pos = sk
    needle = "".join(ch for ch in cleaned.strip() if not ch.isspace() and ch not in _GAPS)
    at = text.find(needle) if needle else -1
    if at < 0:
        return None
    return pos[at], pos[at + len(needle) - 1] + 1


class Answerer(Protocol):
    """Anything that turns a question (and earlier user turns) into a cited Answer.
    The extractive composer is the default; a generative backend implements the same."""

    def answer(self, question: str, history: list[str]) -> Answer: ...


class CitationBook:
    """Numbers quotes in order of first use; a quote is a span of a cleaned document, given
    back exactly as it stands in the file (line breaks and split words included)."""

    def __init__(self, index):
        self.index = index
        self._by_span: dict[tuple[str, int, int], int] = {}
        self.citations: list[Citation] = []

    def _verbatim(self, source: str, excerpt: str) -> str:
        raw = self.index.raw_text(source)
        if not raw:
            return excerpt
        if excerpt in raw:
            return excerpt
        span = skeleton_span(skeleton_of(self.index, source), excerpt) or raw_span(raw, excerpt)
        return raw[span[0]:span[1]] if span else excerpt

    def _chunk_for(self, source: str, start: int, end: int) -> Chunk | None:
        best = None
        for c in self.index.chunks_of(source):
            if c.span[0] <= start and end <= c.span[1]:
                return c
            if c.span[0] <= start < c.span[1] and best is None:
                best = c
        return best

    def cite(self, source: str, start: int, end: int) -> str:
        key = (source, start, end)
        if key not in self._by_span:
            text = self.index.document_text(source)
            excerpt = text[start:end].strip()
            chunk = self._chunk_for(source, start, end)
            n = len(self.citations) + 1
            self.citations.append(Citation(
                n=n, source=source, section=chunk.section if chunk else "", page=chunk.page if chunk else None,
                quote=self._verbatim(source, excerpt), context=chunk.text if chunk else excerpt, excerpt=excerpt,
                title=self.index.title(source),
            ))
            self._by_span[key] = n
        return f"[{self._by_span[key]}]"
