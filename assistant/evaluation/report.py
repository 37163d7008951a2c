"""Human-readable outputs of an eval run: console lines, a Markdown report per set, one
combined summary, a PNG chart. Every failing item counted is also listed, by id."""
from __future__ import annotations

from pathlib import Path

from assistant.evaluation import scoring

_LABELS = [
    ("hit@1", "retrieval hit@1"), ("hit@5", "retrieval hit@5"), ("mrr", "retrieval MRR"),
    ("fact_recall", "fact recall"), ("fully_correct", "fully correct"),
    ("refusal_precision", "refusal precision"), ("refusal_recall", "refusal recall"),
    ("answerable_refused", "answerable items refused"), ("citation_validity", "citation validity"),
    ("answer_chars_median", "answer length (median chars)"),
    ("latency_p50_ms", "latency p50 (ms)"), ("latency_p95_ms", "latency p95 (ms)"),
]
# Columns of the per-group tables and of the combined summary.
_GROUP_COLS = [("fully_correct", "fully correct"), ("fact_recall", "fact recall"), ("hit@5", "hit@5"),
               ("refusal_precision", "refusal P"), ("refusal_recall", "refusal R"),
               ("citation_validity", "citations valid"), ("answer_chars_median", "median chars")]


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if v <= 1.0 else f"{v:.1f}"
    return str(v)


def failure_reasons(row: dict) -> list[str]:
    """Why an item fails; empty when it passes. Wrong answer, gold passage not retrieved in the
    top 5, or a citation that is not verbatim each make an item fail."""
    s = row["scores"]
    reasons = []
    if s["correct"] is False:
        reasons.append("should have been refused" if s["answerable"] is False else
                       ("refused" if row["refused"] else "missing facts"))
    if s["gold_rank"] is None:
        reasons.append("gold passage not retrieved in top 5")
    if not all(s["citations_valid"]):
        reasons.append("citation not verbatim")
    return reasons


def failures(rows: list[dict]) -> list[dict]:
    return [r for r in rows if failure_reasons(r)]


def failing_ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in failures(rows)]


def headline_table(summary: dict) -> str:
    lines = ["| metric | value | over |", "|---|---|---|"]
    counts = summary.get("counts") or {}
    for key, label in _LABELS:
        lines.append(f"| {label} | {_fmt(summary.get(key))} | {counts.get(key, '')} |")
    lines.append(f"| items | {summary['items']} | |")
    return "\n".join(lines)


def group_table(name: str, rows: list[dict], keys) -> str:
    """One line per group (category, document or kind), with its failing ids."""
    head = f"| {name} | items | " + " | ".join(label for _, label in _GROUP_COLS) + " | failing |"
    lines = [head, "|---" * (len(_GROUP_COLS) + 3) + "|"]
    for group, members in scoring.group_rows(rows, keys).items():
        s = scoring.summarize(members)
        bad = failing_ids(members)
        cells = [_fmt(s.get(k)) for k, _ in _GROUP_COLS]
        lines.append(f"| {group} | {len(members)} | " + " | ".join(cells) + f" | {len(bad)}"
                     + (f": {', '.join(bad)}" if bad else "") + " |")
    return "\n".join(lines)


def console_lines(name: str, summary: dict, rows: list[dict]) -> list[str]:
    bad = failing_ids(rows)
    head = (f"[{name}] {summary['items']} items — fully correct {_fmt(summary.get('fully_correct'))}, "
            f"fact recall {_fmt(summary.get('fact_recall'))}, hit@5 {_fmt(summary.get('hit@5'))}, "
            f"refusal P/R {_fmt(summary.get('refusal_precision'))}/{_fmt(summary.get('refusal_recall'))}, "
            f"citations {_fmt(summary.get('citation_validity'))}, median {_fmt(summary.get('answer_chars_median'))} chars")
    return [head, f"[{name}] {len(bad)} failing item(s)" + (f": {', '.join(bad)}" if bad else "")]


def _gate_lines(gate: list[str] | None, gated: bool) -> list[str]:
    if gate is None:
        return ["**Regression gate:** not gated" + ("" if gated else " (informative set)"), ""]
    out = ["**Regression gate: " + ("passed**" if not gate else "FAILED**"), ""]
    return out + [f"- {g}" for g in gate] + ([""] if gate else [])


def set_report(name: str, summary: dict, rows: list[dict], gate: list[str] | None = None, *, gated: bool = False,
               chart: str | None = None, notes: list[str] | None = None) -> str:
    out = [f"# Evaluation — {name}", ""] + [f"- {n}" for n in notes or []] + ([""] if notes else [])
    out += _gate_lines(gate, gated)
    out += ["## Summary", "", headline_table(summary), ""]
    if chart:
        out += [f"![metrics per category]({chart})", ""]
    for label, keys in scoring.BREAKDOWNS:
        out += [f"## Per {label}", "", group_table(label, rows, keys), ""]
    bad = failures(rows)
    out += [f"## Failing items ({len(bad)})", ""]
    for r in bad:
        s = r["scores"]
        out += [f"### {r['id']} ({r.get('category')}, {r.get('kind')}) — {', '.join(failure_reasons(r))}", ""]
        out.append(f"- **Question:** {r['question']}")
        if r.get("rewritten") and r["rewritten"] != r["question"]:
            out.append(f"- **Searched as:** {r['rewritten']}")
        if s["missing_facts"]:
            out.append("- **Missing facts:** " + "; ".join(" / ".join(g) for g in s["missing_facts"]))
        if r.get("error"):
            out.append(f"- **Error:** {r['error']}")
        answer = (r["answer"] or "").replace("\n", "\n  > ")
        out.append(f"- **Answer:**\n  > {answer}")
        for c in r["citations"]:
            out.append(f"  - [{c['n']}] {c['source']} — {c['section']}: « {c['quote'][:200]} »")
        out.append("")
    return "\n".join(out)


def combined_report(results: list[dict], skipped: list[str]) -> str:
    """One table over the sets run: ``results`` hold name, summary, rows, gate, gated, report."""
    cols = [("items", "items")] + _GROUP_COLS
    out = ["# Evaluation — all sets", "",
           "| set | " + " | ".join(label for _, label in cols) + " | failing | gate |",
           "|---" * (len(cols) + 3) + "|"]
    for res in results:
        s = res["summary"]
        gate = res["gate"]
        status = "not gated" if gate is None else ("passed" if not gate else "FAILED")
        link = f"[{res['name']}]({res['report']})" if res.get("report") else res["name"]
        out.append(f"| {link} | " + " | ".join(_fmt(s.get(k)) for k, _ in cols)
                   + f" | {len(failing_ids(res['rows']))} | {status} |")
    out.append("")
    for res in results:
        if res["gate"]:
            out += [f"**{res['name']}: regression gate FAILED**", ""] + [f"- {g}" for g in res["gate"]] + [""]
    if skipped:
        out += ["## Skipped", ""] + [f"- {s}" for s in skipped] + [""]
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
