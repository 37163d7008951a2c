"""Small frozen types passed between the stages."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Chunk:
    id: str
    source: str  # corpus file name
    section: str  # section path, "A › B"
    page: int | None  # 1-based page for PDFs
    span: tuple[int, int]  # character span in the document's canonical text
    text: str  # verbatim slice of the canonical text
    title: str = ""  # the document's display title
    blocks: tuple[int, int] = (0, 0)  # the document blocks it spans: [first, last + 1)
    prev: str | None = None  # id of the previous chunk of the same document
    next: str | None = None  # id of the next one
    subject: str = ""  # the document's front matter: the short lines under its title


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    rank: int
    dense: float | None = None  # cosine similarity, when the dense retriever saw it
    bm25: float | None = None

    def to_json(self) -> dict:
        return {
            "rank": self.rank,
            "source": self.chunk.source,
            "title": self.chunk.title,
            "section": self.chunk.section,
            "page": self.chunk.page,
            "text": self.chunk.text,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True)
class Citation:
    n: int
    source: str
    section: str
    page: int | None
    quote: str  # verbatim from the document (its file for plain text, else its canonical text)
    context: str = ""  # the cleaned passage around the quote, for display
    excerpt: str = ""  # the quote as cleaned text (split words rejoined), to emphasise in context
    title: str = ""  # the document's display title

    def to_json(self) -> dict:
        return {"n": self.n, "source": self.source, "title": self.title, "section": self.section, "page": self.page,
                "quote": self.quote}


@dataclass(frozen=True)
class Answer:
    question: str
    rewritten: str
    text: str
    citations: tuple[Citation, ...] = ()
    refused: bool = False
    hits: tuple[Hit, ...] = ()
    latency_ms: float = 0.0
    notes: tuple[str, ...] = field(default=())
    # A refusal names the nearest passages: shown as clickable elements, like citations.
    nearest: tuple[Citation, ...] = ()

    def to_json(self, id: str | None = None) -> dict:
        return {
            "id": id,
            "question": self.question,
            "rewritten": self.rewritten,
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "refused": self.refused,
            "nearest": [c.to_json() for c in self.nearest],
            "latency_ms": round(self.latency_ms, 2),
        }


def chunk_to_dict(c: Chunk) -> dict:
    return asdict(c)


def chunk_from_dict(d: dict) -> Chunk:
    return Chunk(d["id"], d["source"], d["section"], d["page"], tuple(d["span"]), d["text"], d.get("title", ""),
                 tuple(d.get("blocks", (0, 0))), d.get("prev"), d.get("next"), d.get("subject", ""))
