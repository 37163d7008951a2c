"""Regression gate: headline metrics may not fall below the committed baseline by more
than a tolerance. Latency is reported, not gated (it depends on the machine)."""
from __future__ import annotations

import json
from pathlib import Path

# Absolute tolerance on 0–1 metrics: about one item in a 100-item set, so an honest
# fluctuation passes and a real regression does not.
TOLERANCE = 0.015
HEADLINE = ("hit@1", "hit@5", "mrr", "fact_recall", "fully_correct", "refusal_precision", "refusal_recall",
            "citation_validity")


def compare(summary: dict, baseline_path: Path, tolerance: float = TOLERANCE) -> list[str]:
    """Failures as readable lines; empty when the gate passes."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    tolerance = baseline.get("tolerance", tolerance)
    failures = []
    for key in HEADLINE:
        base, now = baseline.get("metrics", {}).get(key), summary.get(key)
        if base is None:
            continue
        if now is None or now < base - tolerance:
            failures.append(f"{key}: {now if now is None else round(now, 4)} < baseline {base} − {tolerance}")
    return failures


def write_baseline(summary: dict, path: Path, tolerance: float = TOLERANCE) -> None:
    metrics = {k: round(summary[k], 4) for k in HEADLINE if summary.get(k) is not None}
    path.write_text(json.dumps({"tolerance": tolerance, "metrics": metrics}, indent=2) + "\n", encoding="utf-8")
