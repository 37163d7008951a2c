"""Markdown table and PNG plot of a benchmark run."""
from __future__ import annotations

import math
from pathlib import Path

from benchmarks.common import fmt_ms, fmt_s


def _get(d: dict | None, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def _ratio(ours, theirs) -> str:
    if ours is None or theirs is None or not theirs or any(isinstance(x, float) and math.isnan(x) for x in (ours, theirs)):
        return "n/a"
    return f"{ours / theirs:.2f}×"


def _pct(x) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"


def _mb(x) -> str:
    return "n/a" if x is None else f"{x:.0f} MiB"


def markdown(res: dict) -> str:
    ing, cold, lat, base = (res.get(k) or {} for k in ("ingest", "cold_start", "latency", "baseline"))
    q, bq = lat.get("quality") or {}, base.get("quality") or {}
    L = []
    L.append("## dareic-assistant benchmarks\n")
    L.append(f"Machine: {res.get('machine', '?')}. Corpus: {res.get('corpus', '?')}. "
             f"Eval set: {lat.get('questions', '?')} questions, retrieval metrics on "
             f"{q.get('n', '?')} answerable items with a gold passage.\n")
    L.append("### Bundled corpus: ours vs the plain llama-index pipeline\n")
    L.append("| Metric | dareic | llama-index default | ratio (ours ÷ theirs) |")
    L.append("|---|---|---|---|")
    chunks = _get(ing, "cold_summary", default="")
    L.append(f"| Cold ingest (`dareic ingest`, fresh index, full embedding) | {fmt_s(ing.get('cold_s'))} "
             f"({_mb(ing.get('cold_rss_mb'))} peak) | build {fmt_s(base.get('build_s'))} + imports/model "
             f"{fmt_s(base.get('import_and_model_s'))} | |")
    L.append(f"| Incremental re-ingest, nothing changed | {fmt_s(ing.get('incremental_s'))} "
             f"({_mb(ing.get('incremental_rss_mb'))} peak) | (no incremental mode) | |")
    pdf = ing.get("pdf") or {}
    if pdf.get("error"):
        L.append(f"| PDF corpus (evals/corpora/pdf/) | error: {pdf['error']} | | |")
    elif pdf:
        L.append(f"| PDF ingest: {pdf['files']} rendered PDFs, {pdf['pages']} pages (`dareic ingest`, embedding "
                 f"included) | {fmt_s(pdf.get('ingest_s'))}, {pdf['ingest_pages_per_s']:.1f} pages/s | | |")
        L.append(f"| PDF reader alone (layout to blocks) | {pdf['reader_pages_per_s']:.1f} pages/s (engines: pypdf "
                 f"text {pdf['pypdf_text_pages_per_s']:.0f}, pdfminer chars {pdf['pdfminer_chars_pages_per_s']:.0f}, "
                 f"pdfplumber words {pdf['pdfplumber_words_pages_per_s']:.0f} pages/s) | | |")
    L.append(f"| Chunks | {lat.get('chunks', _chunks_from(chunks))} | {base.get('chunks', 'n/a')} "
             f"(SentenceSplitter 1024 tokens) | |")
    for cmd in ("search", "ask"):
        if f"{cmd}_cold_s" in cold:
            L.append(f"| Cold start to first {'answer' if cmd == 'ask' else 'results'}: `dareic {cmd} --json` "
                     f"(process wall time) | {fmt_s(cold[f'{cmd}_cold_s'])} ({_mb(cold.get(f'{cmd}_rss_mb'))} peak) | | |")
        else:
            L.append(f"| Cold start `dareic {cmd} --json` | error: {cold.get(f'{cmd}_error', 'not run')} | | |")
    L.append(f"| Warm search p50 | {fmt_ms(lat.get('search_p50_ms'))} | {fmt_ms(base.get('search_p50_ms'))} | "
             f"{_ratio(lat.get('search_p50_ms'), base.get('search_p50_ms'))} |")
    L.append(f"| Warm search p95 | {fmt_ms(lat.get('search_p95_ms'))} | {fmt_ms(base.get('search_p95_ms'))} | "
             f"{_ratio(lat.get('search_p95_ms'), base.get('search_p95_ms'))} |")
    if "ask_p50_ms" in lat:
        L.append(f"| Warm ask p50 / p95 | {fmt_ms(lat['ask_p50_ms'])} / {fmt_ms(lat['ask_p95_ms'])} | (no answer step) | |")
        L.append(f"| Ask: answered (answerable) / refused (unanswerable) | {lat.get('ask_answered')} / "
                 f"{lat.get('ask_refused_unanswerable')}"
                 f"{', errors: ' + str(lat['ask_error_count']) if lat.get('ask_error_count') else ''} | | |")
    else:
        L.append(f"| Warm ask | unavailable: {lat.get('ask_unavailable', 'not run')} | | |")
    L.append(f"| Retrieval hit@1 | {_pct(q.get('hit@1'))} | {_pct(bq.get('hit@1'))} | {_ratio(q.get('hit@1'), bq.get('hit@1'))} |")
    L.append(f"| Retrieval hit@5 | {_pct(q.get('hit@5'))} | {_pct(bq.get('hit@5'))} | {_ratio(q.get('hit@5'), bq.get('hit@5'))} |")
    L.append(f"| Retrieval MRR@5 | {_pct(q.get('mrr@5'))} | {_pct(bq.get('mrr@5'))} | {_ratio(q.get('mrr@5'), bq.get('mrr@5'))} |")
    L.append(f"| Peak RSS of the warm-latency process | {_mb(lat.get('peak_rss_mb'))} | {_mb(base.get('peak_rss_mb'))} | "
             f"{_ratio(lat.get('peak_rss_mb'), base.get('peak_rss_mb'))} |")
    for k in ("latency", "baseline"):
        if res.get(k, {}).get("error"):
            L.append(f"\n**{k} stage failed:** {res[k]['error']}")

    scales = res.get("scale") or []
    if scales:
        L.append("\n### Synthetic scale (perturbed copies of the real chunks; vectors = real + noise, renormalised)\n")
        L.append("| Corpus | Chunks | FAISS index | Index build (FAISS + BM25 + write) | Load | Search p50 | Search p95 | "
                 "BM25 p50 / p95 | FAISS p50 | recall@10 vs exact (200 queries) | Index size | Peak RSS |")
        L.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for s in scales:
            if s.get("error"):
                L.append(f"| ×{s.get('factor')} | error: {s['error']} |" + " |" * 10)
                continue
            kind = "HNSW (M=32, efSearch=128)" if "HNSW" in s.get("faiss_kind", "") else "flat (exact)"
            L.append(f"| ×{s['factor']} | {s['chunks']:,} | {kind} | {fmt_s(s['build_s'])} | {fmt_s(s['load_s'])} | "
                     f"{fmt_ms(s['search_p50_ms'])} | {fmt_ms(s['search_p95_ms'])} | "
                     f"{fmt_ms(s['bm25_p50_ms'])} / {fmt_ms(s['bm25_p95_ms'])} | {fmt_ms(s['faiss_p50_ms'])} | "
                     f"{_pct(s['recall@10'])} | {s['index_mb']:.0f} MiB | {_mb(s.get('peak_rss_mb'))} |")
        efs = sorted({int(e) for s in scales for e in (s.get("hnsw_recall_by_ef") or {})})
        if efs:
            L.append("\nHNSW recall@10 by efSearch (an HNSW index built on the same vectors; the store loads efSearch=128):\n")
            L.append("| Corpus | " + " | ".join(f"ef={e}" for e in efs) + " |")
            L.append("|---|" + "---|" * len(efs))
            for s in scales:
                sw = s.get("hnsw_recall_by_ef") or {}
                if sw:
                    L.append(f"| ×{s['factor']} | " + " | ".join(
                        f"{sw[str(e)]['recall@10']:.3f} ({sw[str(e)]['ms_per_query']:.2f} ms)" if str(e) in sw else "n/a"
                        for e in efs) + " |")

    conc = res.get("concurrency")
    if conc:
        L.append("\n### Chat UI under concurrent sessions (Chainlit over socket.io, loopback)\n")
        if conc.get("skipped"):
            L.append(f"Skipped: {conc['skipped']}")
        elif conc.get("error"):
            L.append(f"Failed: {conc['error']}")
        else:
            L.append("| Load | Sessions × questions | Answered | Errors | Answer latency p50 / p95 / max | Throughput |")
            L.append("|---|---|---|---|---|---|")
            loads = [("1 session, one question after the other", conc.get("single")),
                     ("concurrent sessions, back to back (saturation)", conc)]
            if conc.get("paced"):
                think = conc["paced"].get("think_s") or (0, 0)
                loads.append((f"concurrent sessions, {think[0]:g}–{think[1]:g} s pause before each question",
                              conc["paced"]))
            for label, run in loads:
                if not run:
                    continue
                L.append(f"| {label} | {run['sessions']} × {run['per_session']} | {run['answered']}/{run['expected']} | "
                         f"{len(run['errors'])} | {fmt_ms(run['p50_ms'])} / {fmt_ms(run['p95_ms'])} / "
                         f"{fmt_ms(run['max_ms'])} | {run['throughput_qps']:.1f} answers/s |")
            peak = [x for x in (conc.get("rss_peak_mb"), conc.get("rss_peak_sampled_mb")) if x]
            L.append(f"\nUI RSS idle (bundled index): {_mb(conc.get('rss_idle_mb'))}; peak under load: "
                     f"{_mb(max(peak) if peak else None)}.")
            L.append(f"\nUI start to first answer: {fmt_s(conc.get('first_answer_s'))} (server up in "
                     f"{fmt_s(conc.get('start_s'))}).")
            if conc.get("note"):
                L.append(f"\nNote: {conc['note']}.")
            if conc["errors"]:
                L.append("\nErrors: " + "; ".join(conc["errors"][:5]))
    L.append(f"\nTotal benchmark time: {fmt_s(res.get('total_s'))}.")
    notes = res.get("notes") or []
    if notes:
        L.append("\nNotes:\n" + "\n".join(f"- {n}" for n in notes))
    return "\n".join(L) + "\n"


def _chunks_from(summary: str) -> str:
    import re

    m = re.search(r"(\d+) chunks", summary or "")
    return m.group(1) if m else "n/a"


def plot(res: dict, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lat, base = res.get("latency") or {}, res.get("baseline") or {}
    scales = [s for s in (res.get("scale") or []) if not s.get("error")]
    conc = res.get("concurrency") or {}
    fig, axes = plt.subplots(2, 2, figsize=(13, 9))

    ax = axes[0][0]
    bars = []
    for label, d, key in [("dareic search", lat, "search"), ("llama-index\nretrieve", base, "search"),
                          ("dareic ask", lat, "ask")] + [
            (f"search ×{s['factor']}\n({s['chunks']:,} chunks)", s, "search") for s in scales]:
        if d.get(f"{key}_p50_ms") is not None:
            bars.append((label, d[f"{key}_p50_ms"], d[f"{key}_p95_ms"]))
    if conc.get("p50_ms") is not None and not conc.get("skipped"):
        if (conc.get("single") or {}).get("p50_ms") is not None:
            bars.append(("UI ask\n1 session", conc["single"]["p50_ms"], conc["single"]["p95_ms"]))
        bars.append((f"UI ask\n{conc['sessions']} sessions", conc["p50_ms"], conc["p95_ms"]))
        if (conc.get("paced") or {}).get("p50_ms") is not None:
            bars.append((f"UI ask\n{conc['sessions']} paced", conc["paced"]["p50_ms"], conc["paced"]["p95_ms"]))
    if bars:
        xs = range(len(bars))
        ax.bar([x - 0.2 for x in xs], [b[1] for b in bars], 0.4, label="p50")
        ax.bar([x + 0.2 for x in xs], [b[2] for b in bars], 0.4, label="p95")
        ax.set_xticks(list(xs), [b[0] for b in bars], fontsize=7, rotation=20)
        ax.set_yscale("log")
        ax.set_ylabel("latency (ms, log)")
        ax.legend()
    ax.set_title("Warm latency")

    ax = axes[0][1]
    q, bq = lat.get("quality") or {}, base.get("quality") or {}
    metrics = ["hit@1", "hit@5", "mrr@5"]
    if q or bq:
        xs = range(len(metrics))
        ax.bar([x - 0.2 for x in xs], [q.get(m, 0) for m in metrics], 0.4, label="dareic (hybrid)")
        ax.bar([x + 0.2 for x in xs], [bq.get(m, 0) for m in metrics], 0.4, label="llama-index default")
        ax.set_xticks(list(xs), metrics)
        ax.set_ylim(0, 1)
        ax.legend()
    ax.set_title(f"Retrieval quality ({q.get('n', '?')} eval items)")

    ax = axes[1][0]
    pts = [(s["chunks"], s["build_s"]) for s in scales]
    if pts:
        ax.plot([p[0] for p in pts], [p[1] for p in pts], "o-", label="index build (synthetic, no embedding)")
        ax.plot([s["chunks"] for s in scales], [s["search_p95_ms"] / 1000 for s in scales], "s--",
                label="search p95 (s)")
    ing = res.get("ingest") or {}
    if ing.get("cold_s") and lat.get("chunks"):
        ax.plot([lat["chunks"]], [ing["cold_s"]], "r^", label="cold ingest incl. embedding (real)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("chunks")
    ax.set_ylabel("seconds (log)")
    ax.legend(fontsize=8)
    ax.set_title("Scale")

    ax = axes[1][1]
    for s in scales:
        sw = s.get("hnsw_recall_by_ef") or {}
        if sw:
            efs = sorted(int(e) for e in sw)
            ax.plot(efs, [sw[str(e)]["recall@10"] for e in efs], "o-", label=f"×{s['factor']} ({s['chunks']:,})")
    ax.axvline(128, color="grey", ls=":", label="efSearch used by the store")
    ax.set_xscale("log", base=2)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("efSearch")
    ax.set_ylabel("recall@10 vs exact")
    ax.legend(fontsize=8)
    ax.set_title("HNSW recall@10 (200 query vectors)")

    fig.suptitle("dareic-assistant benchmarks")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
