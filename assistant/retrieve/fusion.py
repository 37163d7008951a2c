"""Reciprocal-rank fusion of ranked lists."""
from __future__ import annotations

from collections.abc import Sequence


def rrf(rankings: Sequence[Sequence[int]], k: int = 60, weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Fuse ranked id lists: score(d) = Σ w_i / (k + rank_i(d)), ranks from 1. Ties keep
    the order of first appearance, so the result is deterministic."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
    order = {doc: i for i, doc in enumerate(d for r in rankings for d in r)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
