"""Scale runs on synthetic corpora (×100, ×1,000 the bundled one): index build time,
warm search latency (dense + BM25 + fusion, as ``Assistant.search`` does it), and recall@10
of the store's FAISS index against exact search on 200 query vectors.

Run as a child: ``python -m benchmarks.scale --base-index DIR --factor 100 --workdir TMP --out r.json``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np

from benchmarks.common import OUTPUT_DIR, load_eval, percentile
from benchmarks.synthetic import exact_topk, query_vectors, recall_at_k, synthetic_chunks, write_synthetic_index

EF_SWEEP = (64, 128, 256, 512)


def question_vectors(encoder, questions: list[str], cache_dir: Path = OUTPUT_DIR / "cache") -> np.ndarray:
    """Query embeddings of the eval questions, computed once and cached on disk."""
    key = hashlib.sha256(("\n".join(questions) + "|" + getattr(encoder, "name", "")).encode()).hexdigest()[:16]
    path = cache_dir / f"qvec-{key}.npy"
    if path.exists():
        return np.load(path)
    vecs = np.asarray(encoder.encode_queries(questions), dtype=np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def measure(base_index: Path, factor: int, workdir: Path, n_queries: int = 200, seed: int = 0) -> dict:
    from assistant.app import Assistant
    from assistant.config import Settings
    from assistant.index.store import build_faiss, load_index
    from assistant.retrieve.expand import expand

    settings = Settings(index_dir=workdir / "index")
    base = load_index(base_index, settings.fingerprint())
    base_vectors = base.vectors()
    out: dict = {"factor": factor, "hnsw_threshold": settings.hnsw_threshold}

    t = time.perf_counter()
    chunks, vectors = synthetic_chunks(base.chunks, base_vectors, factor, seed=seed)
    out["generate_s"] = time.perf_counter() - t
    out["chunks"] = len(chunks)

    folder, out["build_s"] = write_synthetic_index(settings.index_dir, chunks, vectors, settings)
    out["index_mb"] = _dir_mb(folder)
    del chunks

    t = time.perf_counter()
    a = Assistant(settings)
    a.retriever.search("warm up", k=1)
    out["load_s"] = time.perf_counter() - t
    fx = a.index.faiss
    out["faiss_kind"] = type(fx).__name__

    items = load_eval()
    questions = [it["question"] for it in items]
    qv = question_vectors(a.encoder, questions)
    lat, dense_ms, bm25_ms = [], [], []
    for q, v in zip(questions, qv):
        t = time.perf_counter()
        a.search(q, 5)
        lat.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        fx.search(v[None, :], settings.candidates)
        dense_ms.append((time.perf_counter() - t) * 1000)
        expanded = expand(q, a.gazetteer)
        t = time.perf_counter()
        a.retriever.lexical(expanded, settings.candidates)
        bm25_ms.append((time.perf_counter() - t) * 1000)
    out["search_p50_ms"], out["search_p95_ms"] = percentile(lat, 50), percentile(lat, 95)
    out["search_ms"] = lat
    out["faiss_p50_ms"], out["bm25_p50_ms"] = percentile(dense_ms, 50), percentile(bm25_ms, 50)
    out["bm25_p95_ms"] = percentile(bm25_ms, 95)

    queries = query_vectors(base_vectors, n_queries, seed=seed + 1, question_vectors=qv)
    exact = exact_topk(vectors, queries, 10)
    _, approx = fx.search(queries, 10)
    out["recall@10"] = recall_at_k(approx, exact, 10)
    out["n_query_vectors"] = len(queries)
    hnsw = fx if hasattr(fx, "hnsw") else build_faiss(vectors, 0)  # what HNSW would give at this size
    sweep = {}
    for ef in EF_SWEEP:
        hnsw.hnsw.efSearch = ef
        t = time.perf_counter()
        _, ids = hnsw.search(queries, 10)
        sweep[str(ef)] = {"recall@10": recall_at_k(ids, exact, 10),
                          "ms_per_query": (time.perf_counter() - t) * 1000 / len(queries)}
    out["hnsw_recall_by_ef"] = sweep
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--base-index", type=Path, required=True)
    p.add_argument("--factor", type=int, required=True)
    p.add_argument("--workdir", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    res = measure(args.base_index, args.factor, args.workdir)
    args.out.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
