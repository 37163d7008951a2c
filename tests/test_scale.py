"""Scale property: above ``hnsw_threshold`` the store builds an HNSW index whose top-10
agrees with exact search (recall@10 >= 0.9). A property test: nothing here is timed."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
if str(ROOT) not in sys.path:  # `benchmarks` is a top-level folder, not part of the installed package
    sys.path.insert(0, str(ROOT))
DIM = 384  # the bundled encoder's dimension, so the index also works with a real query


def _base_chunks(limit: int = 100):
    """Real corpus paragraphs as chunks (text only matters for BM25 here)."""
    from assistant.types import Chunk

    chunks = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pos = 0
        for para in re.split(r"\n\s*\n", text):
            start = text.find(para, pos)
            pos = start + len(para)
            if len(para.split()) < 5:
                continue
            chunks.append(Chunk(f"{path.stem}-{len(chunks)}", path.name, path.stem, None, (start, pos), para.strip()))
    if not chunks:
        pytest.skip(f"no corpus text in {CORPUS}")
    step = max(1, len(chunks) // limit)
    return chunks[::step][:limit]


def _base_vectors(n: int, seed: int = 0) -> np.ndarray:
    """Unit vectors in a narrow cone (mean pairwise cosine ~0.8), like multilingual-e5's."""
    rng = np.random.default_rng(seed)
    common = rng.standard_normal(DIM)
    common /= np.linalg.norm(common)
    v = common + 0.5 * rng.standard_normal((n, DIM)) / np.sqrt(DIM)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def hnsw_index(tmp_path_factory):
    from assistant.config import Settings
    from benchmarks.synthetic import synthetic_chunks, write_synthetic_index

    base = _base_chunks()
    factor = -(-2000 // len(base))
    chunks, vectors = synthetic_chunks(base, _base_vectors(len(base)), factor, seed=3, noise=0.3)
    chunks, vectors = chunks[:2000], vectors[:2000]
    settings = Settings(index_dir=tmp_path_factory.mktemp("scale") / "index", hnsw_threshold=100)
    folder, _ = write_synthetic_index(settings.index_dir, chunks, vectors, settings)
    return settings, folder, chunks, vectors


def test_above_threshold_the_store_uses_hnsw(hnsw_index):
    from assistant.index.store import load_index, read_manifest

    settings, _, chunks, _ = hnsw_index
    assert len(chunks) == 2000
    loaded = load_index(settings.index_dir, settings.fingerprint())
    assert hasattr(loaded.faiss, "hnsw"), type(loaded.faiss).__name__
    assert loaded.faiss.ntotal == 2000
    assert read_manifest(settings.index_dir)["faiss"] == "hnsw"


def test_hnsw_recall_at_10_against_exact_search(hnsw_index):
    from assistant.index.store import load_index
    from benchmarks.synthetic import exact_topk, query_vectors, recall_at_k

    settings, _, _, vectors = hnsw_index
    loaded = load_index(settings.index_dir, settings.fingerprint())
    queries = query_vectors(_base_vectors(len(_base_chunks())), 200, seed=7, noise=0.45)
    exact = exact_topk(vectors, queries, 10)
    _, approx = loaded.faiss.search(queries, 10)
    recall = recall_at_k(approx, exact, 10)
    assert recall >= 0.9, f"HNSW recall@10 = {recall:.3f} < 0.9"


def test_below_threshold_the_store_stays_exact(tmp_path):
    from assistant.config import Settings
    from assistant.index.store import load_index
    from benchmarks.synthetic import synthetic_chunks, write_synthetic_index

    base = _base_chunks(50)
    chunks, vectors = synthetic_chunks(base, _base_vectors(len(base)), 2, seed=1)
    settings = Settings(index_dir=tmp_path / "index", hnsw_threshold=len(chunks))
    write_synthetic_index(settings.index_dir, chunks, vectors, settings)
    loaded = load_index(settings.index_dir, settings.fingerprint())
    assert not hasattr(loaded.faiss, "hnsw")
    assert loaded.faiss.ntotal == len(chunks)


@pytest.mark.slow
def test_hybrid_search_runs_on_the_hnsw_index(hnsw_index):
    """The whole search path (encoder, HNSW, BM25, fusion) works on a synthetic HNSW index."""
    from assistant.app import Assistant

    settings, _, chunks, _ = hnsw_index
    hits = Assistant(settings).search("Quels Länder sont partenaires de l'académie de Reims ?", 5)
    assert 1 <= len(hits) <= 5
    ids = {c.id for c in chunks}
    assert all(h.chunk.id in ids for h in hits)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_concurrent_chat_sessions_over_socketio(request, tmp_path):
    """3 concurrent Chainlit sessions × 2 questions against a real `dareic ui` on loopback: all answered."""
    import shutil

    from benchmarks.concurrency import run_load
    from benchmarks.uiserver import start_ui, ui_available

    reason = ui_available()
    if reason:
        pytest.skip(reason)
    try:
        src = Path(request.getfixturevalue("built_index"))
    except pytest.FixtureLookupError:
        src = None
    index = tmp_path / "index"
    if src is not None:
        shutil.copytree(src, index)  # else the UI ingests the bundled corpus into this empty folder first
    questions = ["Quels Länder sont partenaires de l'académie de Reims ?",
                 "Comment demander un appariement avec un établissement étranger ?",
                 "Quelle est la durée d'une FCIL ?"]
    with start_ui(index, CORPUS, data_dir=tmp_path / "data") as server:
        warm = run_load(server.url, 1, 1, questions[:1], answer_timeout=240)
        assert not warm["errors"], warm["errors"]
        res = run_load(server.url, 3, 2, questions, answer_timeout=120, rss_probe=server.rss_mb)
        log = server.log_tail(40)
    assert not res["errors"], (res["errors"], log)
    assert res["answered"] == 6
    assert all(a.strip() for a in res["answers"])
    assert any("Reims" in a or "Saxe" in a for a in res["answers"])
    assert res["rss_peak_sampled_mb"] and res["rss_peak_sampled_mb"] > 0
