"""Synthetic scaled indexes: perturbed copies of real chunks (words shuffled / replaced,
numbers changed) with vectors = real chunk vector + Gaussian noise, renormalised.

The real vectors are computed once (they come from an index that was already embedded),
so a scale run measures indexing and search, not the encoder. Written with
``assistant.index.store.write_version`` so the result is a normal index folder that
``Assistant(Settings(index_dir=...))`` loads like any other.
"""
from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.types import Chunk

_WORD = re.compile(r"\w+|\W+", re.UNICODE)
_NUM = re.compile(r"\d+")


def perturb_text(text: str, rng: np.random.Generator, vocab: list[str]) -> str:
    """Shuffle a few neighbouring words, replace ~10 % of the words with corpus words,
    and change every number, keeping the punctuation and layout tokens in place."""
    toks = _WORD.findall(text)
    word_pos = [i for i, t in enumerate(toks) if t[0].isalnum() or t[0] == "_"]
    if len(word_pos) >= 2:
        for _ in range(max(1, len(word_pos) // 8)):  # local swaps keep sentences readable
            a = int(rng.integers(0, len(word_pos) - 1))
            i, j = word_pos[a], word_pos[a + 1]
            toks[i], toks[j] = toks[j], toks[i]
    if vocab:
        for i in word_pos:
            if rng.random() < 0.10:
                toks[i] = vocab[int(rng.integers(0, len(vocab)))]
    out = "".join(toks)
    return _NUM.sub(lambda m: str(int(rng.integers(0, 10 ** len(m.group())))).zfill(len(m.group())), out)


def perturb_vectors(base: np.ndarray, n: int, rng: np.random.Generator, noise: float = 0.6,
                    source_idx: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``n`` unit vectors, each a base vector plus isotropic noise of expected norm ``noise``."""
    base = np.asarray(base, dtype=np.float32)
    idx = source_idx if source_idx is not None else rng.integers(0, len(base), size=n)
    dim = base.shape[1]
    out = np.empty((n, dim), dtype=np.float32)
    step = 65536
    for s in range(0, n, step):
        e = min(n, s + step)
        block = base[idx[s:e]] + rng.standard_normal((e - s, dim), dtype=np.float32) * (noise / np.sqrt(dim))
        block /= np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12)
        out[s:e] = block
    return out, idx


def synthetic_chunks(base_chunks: list[Chunk], base_vectors: np.ndarray, factor: int, seed: int = 0,
                     noise: float = 0.6) -> tuple[list[Chunk], np.ndarray]:
    """``factor`` × ``len(base_chunks)`` chunks: the originals once, then perturbed copies.

    Each synthetic document ``synth-NNNN-<source>`` is one perturbed copy of a real
    document, so sources, sections and spans stay consistent."""
    rng = np.random.default_rng(seed)
    vocab = sorted({w for c in base_chunks for w in re.findall(r"[^\W\d_]{4,}", c.text)})
    n_base = len(base_chunks)
    chunks: list[Chunk] = list(base_chunks)
    vec_parts = [np.asarray(base_vectors, dtype=np.float32)]
    for copy in range(1, factor):
        for c in base_chunks:
            text = perturb_text(c.text, rng, vocab)
            chunks.append(replace(c, id=f"s{copy:05d}-{c.id}", source=f"synth-{copy:05d}-{c.source}",
                                  span=(c.span[0], c.span[0] + len(text)), text=text))
        vecs, _ = perturb_vectors(base_vectors, n_base, rng, noise, source_idx=np.arange(n_base))
        vec_parts.append(vecs)
    return chunks, np.vstack(vec_parts)


def write_synthetic_index(index_dir: Path, chunks: list[Chunk], vectors: np.ndarray, settings) -> tuple[Path, float]:
    """Write chunks + vectors as a normal index version; return (folder, seconds)."""
    from assistant.index import store

    files: dict[str, dict] = {}
    for c in chunks:
        meta = files.setdefault(c.source, {"sha256": "synthetic", "chunks": 0})
        meta["chunks"] += 1
    manifest = {
        "format_version": store.FORMAT_VERSION,
        "settings": settings.fingerprint(),
        "files": files,
        "skipped": {},
        "chunks": len(chunks),
        "dim": int(vectors.shape[1]),
        "faiss": "hnsw" if len(chunks) > settings.hnsw_threshold else "flat",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "synthetic": True,
    }
    version = store.IndexVersion(manifest, chunks, vectors, {}, {})  # no documents: search only
    t0 = time.perf_counter()
    folder = store.write_version(Path(index_dir), version, settings.hnsw_threshold)
    return folder, time.perf_counter() - t0


def exact_topk(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    import faiss

    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
    _, ids = flat.search(np.ascontiguousarray(queries, dtype=np.float32), k)
    return ids


def recall_at_k(approx_ids: np.ndarray, exact_ids: np.ndarray, k: int) -> float:
    """Mean fraction of the exact top-k found in the approximate top-k."""
    total = 0.0
    for a, e in zip(approx_ids[:, :k], exact_ids[:, :k]):
        total += len(set(int(x) for x in a if x >= 0) & set(int(x) for x in e)) / k
    return total / len(exact_ids)


def query_vectors(base_vectors: np.ndarray, n: int, seed: int = 1, question_vectors: np.ndarray | None = None,
                  noise: float = 0.8) -> np.ndarray:
    """``n`` query vectors: real question embeddings first (if given), topped up with noisy chunk vectors."""
    rng = np.random.default_rng(seed)
    parts = []
    if question_vectors is not None and len(question_vectors):
        parts.append(np.asarray(question_vectors[:n], dtype=np.float32))
    missing = n - sum(len(p) for p in parts)
    if missing > 0:
        parts.append(perturb_vectors(base_vectors, missing, rng, noise)[0])
    return np.vstack(parts)
