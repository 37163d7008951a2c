"""What every route reads: the index's documents (blocks), the retrieved passages, the
registry, and small cached views of them."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from assistant.answer import docview
from assistant.ingest.document import Document, front_matter
from assistant.ingest.sections import SEPARATOR
from assistant.types import Hit


@dataclass
class RouteContext:
    index: object  # LoadedIndex
    gazetteer: object
    settings: object  # AnswerSettings
    records: list[dict]
    idf: dict[str, float]
    _runs: dict = field(default_factory=dict)
    _local: dict = field(default_factory=dict)
    _labels: dict = field(default_factory=dict)
    _fronts: dict = field(default_factory=dict)

    def doc(self, source: str) -> Document | None:
        return self.index.document(source)

    def front(self, source: str) -> str:
        """The document's front matter (ingest.document.front_matter), read once."""
        if source not in self._fronts:
            doc = self.doc(source)
            self._fronts[source] = front_matter(doc) if doc else ""
        return self._fronts[source]

    def label(self, source: str) -> str:
        """The document's title, its front matter (the short lines under the title, or a
        title the reader did not recognise as one) and its file name, as words."""
        if source not in self._labels:
            stem = source.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
            opening = self.front(source)
            self._labels[source] = " ".join(dict.fromkeys(p for p in (self.index.title(source), opening, stem) if p))
        return self._labels[source]

    def runs(self, source: str) -> list[docview.ListRun]:
        if source not in self._runs:
            doc = self.doc(source)
            self._runs[source] = docview.list_runs(doc) if doc else []
        return self._runs[source]

    def path(self, source: str, block: int) -> str:
        """The section path of a block: the texts of the headings above it."""
        doc = self.doc(source)
        if not doc or not doc.blocks:
            return ""
        return SEPARATOR.join(doc.blocks[i].text for i in docview.headings_above(doc, block))

    def sources(self, hits: list[Hit]) -> list[str]:
        """Retrieved documents first, then the others."""
        return list(dict.fromkeys([h.chunk.source for h in hits] + sorted(self.index.sources())))

    def hit_at(self, hits: list[Hit], source: str, start: int, end: int | None = None) -> Hit | None:
        """The best-ranked retrieved passage holding a span."""
        end = start if end is None else end
        for h in hits:
            if h.chunk.source == source and h.chunk.span[0] <= start and end <= h.chunk.span[1] + 1:
                return h
        for h in hits:
            if h.chunk.source == source and h.chunk.span[0] <= start < h.chunk.span[1]:
                return h
        return None

    def doc_rank(self, hits: list[Hit], source: str) -> int:
        """The best rank of a document among the retrieved passages (0 when not retrieved):
        for what a route finds by structure rather than by passage."""
        return next((h.rank for h in hits if h.chunk.source == source), 0)

    def chunk_text_at(self, source: str, pos: int) -> str:
        for c in self.index.chunks_of(source):
            if c.span[0] <= pos < c.span[1]:
                return f"{c.section} {c.text}"
        return ""

    def local_idf(self, source: str) -> dict[str, float]:
        """IDF within one document: inside a document named for a topic, the topic's word
        says little and the rarer words of the question tell the sentences apart."""
        if source not in self._local:
            from assistant.index.analyzer import tokenize

            texts = [c.text for c in self.index.chunks_of(source)]
            df: Counter[str] = Counter()
            for text in texts:
                df.update(set(tokenize(text)))
            n = len(texts)
            self._local[source] = {t: math.log(1 + (n + 1) / (df.get(t, 0) + 0.5)) for t in self.idf}
        return self._local[source]

    def blocks_of(self, hit: Hit) -> range:
        first, last = hit.chunk.blocks
        return range(first, max(first + 1, last))
