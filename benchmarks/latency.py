"""Warm in-process latency of ``Assistant.search`` / ``Assistant.ask`` and retrieval quality.

Run as a child process by ``python -m benchmarks`` so that its peak RSS is its own:
``python -m benchmarks.latency --index DIR --out result.json``.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from benchmarks.common import first_hit_rank, load_eval, percentile, retrieval_items


def retrieval_quality(ranked_texts: dict[str, list[str]], items: list[dict]) -> dict:
    """hit@1, hit@5 and MRR@5 over answerable items with a gold passage."""
    ranks = []
    for it in retrieval_items(items):
        texts = ranked_texts.get(it["id"])
        if texts is None:
            continue
        ranks.append(first_hit_rank(it["gold"], texts[:5]))
    n = len(ranks)
    return {
        "n": n,
        "hit@1": sum(1 for r in ranks if r == 1) / n if n else float("nan"),
        "hit@5": sum(1 for r in ranks if r is not None) / n if n else float("nan"),
        "mrr@5": sum(1 / r for r in ranks if r) / n if n else float("nan"),
    }


def measure(index_dir: Path, items: list[dict], k: int = 5, with_ask: bool = True) -> dict:
    from assistant.app import Assistant
    from assistant.config import Settings

    out: dict = {"questions": len(items)}
    t0 = time.perf_counter()
    a = Assistant(Settings(index_dir=index_dir))
    a.retriever.search("warm up", k=1)
    out["load_s"] = time.perf_counter() - t0
    out["chunks"] = len(a.index.chunks)

    lat, ranked = [], {}
    for it in items:
        t = time.perf_counter()
        hits = a.search(it["question"], k)
        lat.append((time.perf_counter() - t) * 1000)
        ranked[it["id"]] = [h.chunk.text for h in hits]
    out["search_ms"] = lat
    out["search_p50_ms"], out["search_p95_ms"] = percentile(lat, 50), percentile(lat, 95)
    out["quality"] = retrieval_quality(ranked, items)

    if with_ask:
        try:
            t = time.perf_counter()
            _ = a.answerer
            out["answerer_load_s"] = time.perf_counter() - t
            lat, answered, refused_unans, n_ans, n_unans, errors = [], 0, 0, 0, 0, []
            for it in items:
                t = time.perf_counter()
                try:
                    ans = a.ask(it["question"], it.get("history") or [])
                except Exception as exc:  # noqa: BLE001 - a failing item is reported, not fatal
                    errors.append(f"{it['id']}: {type(exc).__name__}: {exc}")
                    continue
                lat.append((time.perf_counter() - t) * 1000)
                if it.get("answerable"):
                    n_ans += 1
                    answered += not ans.refused
                else:
                    n_unans += 1
                    refused_unans += bool(ans.refused)
            out["ask_ms"] = lat
            out["ask_p50_ms"], out["ask_p95_ms"] = percentile(lat, 50), percentile(lat, 95)
            out["ask_answered"] = f"{answered}/{n_ans}"
            out["ask_refused_unanswerable"] = f"{refused_unans}/{n_unans}"
            out["ask_errors"] = errors[:5]
            out["ask_error_count"] = len(errors)
        except Exception as exc:  # noqa: BLE001 - the answer step may not exist yet
            out["ask_unavailable"] = f"{type(exc).__name__}: {exc}"
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--no-ask", action="store_true")
    args = p.parse_args(argv)
    res = measure(args.index, load_eval(), with_ask=not args.no_ask)
    args.out.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
