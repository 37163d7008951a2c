"""Dense (FAISS) + BM25 retrieval fused by reciprocal rank."""
from __future__ import annotations

import numpy as np

from assistant.gazetteer import Gazetteer
from assistant.index.analyzer import tokenize
from assistant.index.encoders import Encoder
from assistant.index.store import LoadedIndex
from assistant.retrieve.expand import expand
from assistant.retrieve.fusion import rrf
from assistant.types import Hit


class HybridRetriever:
    def __init__(self, index: LoadedIndex, encoder: Encoder, gazetteer: Gazetteer, *, candidates: int = 30,
                 rrf_k: int = 60, dense_weight: float = 1.0, bm25_weight: float = 1.0):
        self.index = index
        self.encoder = encoder
        self.gazetteer = gazetteer
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.weights = (dense_weight, bm25_weight)

    def dense(self, query: str, n: int) -> tuple[list[int], dict[int, float]]:
        vec = self.encoder.encode_queries([query]).astype(np.float32)
        scores, ids = self.index.faiss.search(vec, min(n, len(self.index.chunks)))
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        return [i for i, _ in pairs], dict(pairs)

    def lexical(self, query: str, n: int) -> tuple[list[int], dict[int, float]]:
        tokens = [t for t in tokenize(query) if t in self.index.bm25.vocab_dict]
        if not tokens:
            return [], {}
        scores = self.index.bm25.get_scores(tokens)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        pairs = [(int(i), float(scores[i])) for i in top if scores[i] > 0]
        return [i for i, _ in pairs], dict(pairs)

    def search(self, question: str, k: int = 5) -> list[Hit]:
        query = expand(question, self.gazetteer)
        d_ids, d_scores = self.dense(query, self.candidates)
        b_ids, b_scores = self.lexical(query, self.candidates)
        fused = rrf([d_ids, b_ids], k=self.rrf_k, weights=self.weights)[:k]
        return [
            Hit(self.index.chunks[i], score, rank, d_scores.get(i), b_scores.get(i))
            for rank, (i, score) in enumerate(fused, start=1)
        ]
