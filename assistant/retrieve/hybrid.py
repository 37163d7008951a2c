"""Dense (FAISS) + BM25 retrieval fused by reciprocal rank."""
from __future__ import annotations

import re

import numpy as np

from assistant.config import Settings
from assistant.gazetteer import Gazetteer
from assistant.index.analyzer import heads_index, kin, tokenize
from assistant.index.encoders import Encoder
from assistant.index.store import LoadedIndex, index_text
from assistant.retrieve.expand import expand
from assistant.retrieve.fusion import rrf
from assistant.types import Hit


# Words that only say what kind of answer is asked ("combien de temps"): no topic to match.
QUESTION_PHRASES = re.compile(r"\b(?:pendant |pour )?combien de temps\b|\bhow long\b|\bwie lange\b", re.IGNORECASE)


class HybridRetriever:
    """Settings (candidates, fusion constant and weights, re-ranking) come from the one
    settings tree; nothing here repeats their numbers."""

    def __init__(self, index: LoadedIndex, encoder: Encoder, gazetteer: Gazetteer, settings: Settings | None = None):
        s = settings or Settings()
        self.index = index
        self.encoder = encoder
        self.gazetteer = gazetteer
        self.candidates = s.candidates
        self.rrf_k = s.rrf_k
        self.weights = (s.dense_weight, s.bm25_weight)
        self.topic_weight = s.topic_weight
        self.rerank_weight = s.rerank_weight
        self.rerank_depth = s.rerank_depth
        self.entity_weight = s.entity_weight
        self.top_k = s.top_k

    def dense(self, query: str, n: int) -> tuple[list[int], dict[int, float]]:
        vec = self.encoder.encode_queries([query]).astype(np.float32)
        scores, ids = self.index.faiss.search(vec, min(n, len(self.index.chunks)))
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        return [i for i, _ in pairs], dict(pairs)

    def _topic_weight(self, token_id: int) -> float:
        """A term found in most passages of one document ("FCIL", "CGPME", "Erasmus") names
        the document rather than the passage: it weighs less, so that within that document
        the rarer words of the question decide."""
        sc = self.index.bm25.scores
        docs = np.asarray(sc["indices"][sc["indptr"][token_id]:sc["indptr"][token_id + 1]])
        if not len(docs):
            return 1.0
        share = np.bincount(self._source_ids[docs], minlength=len(self._source_sizes)) / self._source_sizes
        return self.topic_weight if share.max() >= 0.3 and share.max() * self._source_sizes[share.argmax()] >= 4 else 1.0

    def lexical(self, query: str, n: int) -> tuple[list[int], dict[int, float]]:
        vocab = self.index.bm25.vocab_dict
        weighted: dict[str, float] = {}
        for t in dict.fromkeys(tokenize(query)):
            # A word the corpus uses only in another form of its family ('inscrire' where the
            # documents say 'inscription', 'inscrits') is searched under those forms.
            forms = [t] if t in vocab else self._kin(t)
            for f in forms:
                weighted[f] = max(weighted.get(f, 0.0), 1.0 / len(forms))
        if not weighted:
            return [], {}
        if not hasattr(self, "_source_ids"):
            names = {s: i for i, s in enumerate(dict.fromkeys(c.source for c in self.index.chunks))}
            self._source_ids = np.array([names[c.source] for c in self.index.chunks])
            self._source_sizes = np.maximum(np.bincount(self._source_ids), 1)
        scores = np.zeros(len(self.index.chunks), dtype=np.float32)
        for t, w in weighted.items():
            scores += w * self._topic_weight(vocab[t]) * self.index.bm25.get_scores([t])
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        pairs = [(int(i), float(scores[i])) for i in top if scores[i] > 0]
        return [i for i, _ in pairs], dict(pairs)

    def _kin(self, term: str) -> list[str]:
        """The corpus' terms of the same family as a term it does not use (analyzer.stem_in)."""
        if not hasattr(self, "_heads"):
            self._heads = heads_index(self.index.bm25.vocab_dict)
        return kin(term, self._heads)

    def named_sections(self, question: str, wanted: set[str] | None = None) -> list[int]:
        """Chunks whose section path names an académie or région the question names
        ("… l'académie de Lille ?" -> "Hauts-de-France › Académie de Lille")."""
        if wanted is None:
            wanted = {m.entity.id for m in self.gazetteer.find(question, {"academie", "region"})}
        if not wanted:
            return []
        return [i for eid in wanted for i in self._entity_chunks().get(eid, [])]

    def _entity_chunks(self) -> dict[str, list[int]]:
        if not hasattr(self, "_by_entity"):
            by_section: dict[str, set[str]] = {}
            by_entity: dict[str, list[int]] = {}
            for i, c in enumerate(self.index.chunks):
                if c.section not in by_section:
                    leaf = c.section.split(" › ")[-1]
                    by_section[c.section] = {m.entity.id for m in self.gazetteer.find(leaf, {"academie", "region"})}
                for eid in by_section[c.section]:
                    by_entity.setdefault(eid, []).append(i)
            self._by_entity = by_entity
        return self._by_entity

    def warm(self) -> None:
        """Build the lazy caches a first query would otherwise pay for, with a query made of
        the index's own first passage (its document title and section)."""
        self._entity_chunks()
        self._kin("")  # the word-family index, built from the BM25 vocabulary
        if self.index.chunks:
            first = self.index.chunks[0]
            self.search(f"{first.title} {first.section}".strip() or first.text[:80], k=1)

    def search(self, question, k: int | None = None) -> list[Hit]:
        """Passages for a question: its text, or its analysis (assistant.answer.analysis),
        whose search text carries the context of a follow-up and whose entities are resolved."""
        k = k or self.top_k
        if isinstance(question, str):
            text, wanted = question, None
        else:
            text = question.search_text
            wanted = set(question.gazetteer_ids("academie", "region"))
        query = expand(text, self.gazetteer)
        d_ids, d_scores = self.dense(query, self.candidates)
        b_ids, b_scores = self.lexical(query, self.candidates)
        rankings, weights = [d_ids, b_ids], list(self.weights)
        named = self.named_sections(text, wanted)
        if named:
            order = {i: r for r, i in enumerate(d_ids + b_ids)}
            rankings.append(sorted(named, key=lambda i: order.get(i, len(order) + i))[: self.candidates])
            weights.append(self.entity_weight)
        fused = rrf(rankings, k=self.rrf_k, weights=weights)[: max(k, self.rerank_depth)]
        fused = self._rerank(query, fused)[:k]
        return [
            Hit(self.index.chunks[i], score, rank, d_scores.get(i), b_scores.get(i))
            for rank, (i, score) in enumerate(fused, start=1)
        ]

    def _terms_of(self, i: int) -> frozenset[str]:
        cache = self.__dict__.setdefault("_chunk_terms", {})
        if i not in cache:
            c = self.index.chunks[i]
            # The file name says what the document is about when its title does not
            # ("convention-aix-marseille-cgpme…" for a title "CONVENTION DE PARTENARIAT").
            stem = c.source.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
            cache[i] = frozenset(tokenize(f"{index_text(c)} {stem}"))
        return cache[i]

    def _rerank(self, query: str, fused: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Break near-ties of the fusion by how much of the question a passage covers
        (IDF-weighted terms), so that a passage holding every asked-for word comes first."""
        if not fused or not self.rerank_weight:
            return fused
        idf = self.index.idf()
        vocab = self.index.bm25.vocab_dict
        # Each term with the forms it is found under (its family, when the corpus lacks it),
        # weighed as in BM25: a word naming a whole document ('convention', its partner's
        # name) does not decide between that document's passages.
        terms = []
        for t in dict.fromkeys(tokenize(QUESTION_PHRASES.sub(" ", query))):
            forms = {t} if t in idf else set(self._kin(t)) & idf.keys()
            weight = max((idf[f] * (self._topic_weight(vocab[f]) if f in vocab else 1.0) for f in forms), default=0.0)
            terms.append((weight, forms))
        total = sum(w for w, _ in terms) or 1.0
        top = fused[0][1]
        out = []
        for i, score in fused:
            present = self._terms_of(i)
            cov = sum(w for w, forms in terms if forms & present) / total
            out.append((i, score / top + self.rerank_weight * cov))
        return sorted(out, key=lambda x: -x[1])
