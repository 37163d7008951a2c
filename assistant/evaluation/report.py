"""Human-readable outputs of an eval run: console summary, Markdown report, PNG chart."""
from __future__ import annotations

from pathlib import Path

_LABELS = [
    ("hit@1", "retrieval hit@1"), ("hit@5", "retrieval hit@5"), ("mrr", "retrieval MRR"),
    ("fact_recall", "fact recall"), ("fully_correct", "fully correct"),
    ("refusal_precision", "refusal precision"), ("refusal_recall", "refusal recall"),
    ("answerable_refused", "answerable items refused"), ("citation_validity", "citation validity"),
    ("answer_chars_median", "answer length (median chars)"),
    ("latency_p50_ms", "latency p50 (ms)"), ("latency_p95_ms", "latency p95 (ms)"),
]


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if v <= 1.0 else f"{v:.1f}"
    return str(v)


def summary_table(summary: dict, per_category: dict[str, dict]) -> str:
    cats = list(per_category)
    head = "| metric | all | " + " | ".join(cats) + " |"
    sep = "|---" * (len(cats) + 2) + "|"
    lines = [head, sep]
    for key, label in _LABELS:
        cells = [_fmt(summary.get(key))] + [_fmt(per_category[c].get(key)) for c in cats]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("| items | " + " | ".join([str(summary["items"])] + [str(per_category[c]["items"]) for c in cats]) + " |")
    return "\n".join(lines)


def failures(rows: list[dict]) -> list[dict]:
    bad = []
    for r in rows:
        s = r["scores"]
        if s["correct"] is False or (s["gold_rank"] not in ("n/a",) and s["gold_rank"] is None) or not all(s["citations_valid"]):
            bad.append(r)
    return bad


def markdown_report(summary: dict, per_category: dict[str, dict], rows: list[dict], title: str, gate: list[str] | None,
                    chart: str | None) -> str:
    out = [f"# Evaluation — {title}", ""]
    if gate is not None:
        out += ["**Regression gate: " + ("passed**" if not gate else "FAILED**"), ""]
        out += [f"- {g}" for g in gate] + ([""] if gate else [])
    out += ["## Summary", "", summary_table(summary, per_category), ""]
    if chart:
        out += [f"![metrics per category]({chart})", ""]
    bad = failures(rows)
    out += [f"## Failing items ({len(bad)})", ""]
    for r in bad:
        s = r["scores"]
        reasons = []
        if s["correct"] is False:
            reasons.append("should have been refused" if s["answerable"] is False else
                           ("refused" if r["refused"] else "missing facts"))
        if s["gold_rank"] is None:
            reasons.append("gold passage not retrieved in top 5")
        if not all(s["citations_valid"]):
            reasons.append("citation not verbatim")
        out += [f"### {r['id']} ({r.get('category')}) — {', '.join(reasons)}", ""]
        out.append(f"- **Question:** {r['question']}")
        if r.get("rewritten") and r["rewritten"] != r["question"]:
            out.append(f"- **Searched as:** {r['rewritten']}")
        if s["missing_facts"]:
            out.append("- **Missing facts:** " + "; ".join(" / ".join(g) for g in s["missing_facts"]))
        answer = r["answer"].replace("\n", "\n  > ")
        out.append(f"- **Answer:**\n  > {answer}")
        for c in r["citations"]:
            out.append(f"  - [{c['n']}] {c['source']} — {c['section']}: « {c['quote'][:200]} »")
        out.append("")
    return "\n".join(out)


def write_chart(per_category: dict[str, dict], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    cats = list(per_category)
    keys = [("fact_recall", "fact recall"), ("fully_correct", "fully correct"), ("hit@5", "hit@5")]
    fig, ax = plt.subplots(figsize=(max(6, len(cats) * 0.9), 3.6))
    width = 0.8 / len(keys)
    for j, (key, label) in enumerate(keys):
        vals = [per_category[c].get(key) or 0 for c in cats]
        ax.bar([i + j * width for i in range(len(cats))], vals, width, label=label)
    ax.set_xticks([i + width for i in range(len(cats))], cats, rotation=30, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title("Eval metrics per category")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
