"""Regression gate: headline metrics may not fall below the committed baseline by more
than a tolerance. Latency is reported, not gated (it depends on the machine)."""
from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import DareicError

# Absolute tolerance on 0–1 metrics: about one item in a 100-item set, so an honest
# fluctuation passes and a real regression does not.
TOLERANCE = 0.015
# Rounding of the stored figures (4 decimals) must never decide the gate.
_ROUNDING = 1e-4
HEADLINE = ("hit@1", "hit@5", "mrr", "fact_recall", "fully_correct", "refusal_precision", "refusal_recall",
            "citation_validity")


def allowed_drop(tolerance: float, count: int | None) -> float:
    """The drop a metric may show: the absolute tolerance, or one item's worth when the rate
    is taken over few items (one refusal in ten is 0.1, far above 0.015)."""
    return max(tolerance, 1.0 / count) if count else tolerance


def read_baseline(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DareicError(f"baseline {path} does not exist", hint="run `dareic eval --write-baseline`") from exc
    except json.JSONDecodeError as exc:
        raise DareicError(f"baseline {path.name}: not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise DareicError(f"baseline {path.name}: no 'metrics' object")
    return data


def compare(summary: dict, baseline_path: Path, tolerance: float = TOLERANCE) -> list[str]:
    """Failures as readable lines; empty when the gate passes."""
    baseline = read_baseline(baseline_path)
    tolerance = baseline.get("tolerance", tolerance)
    counts = baseline.get("counts") or {}
    failures = []
    for key in HEADLINE:
        base, now = baseline["metrics"].get(key), summary.get(key)
        if base is None:
            continue
        drop = allowed_drop(tolerance, counts.get(key))
        if now is None or now < base - drop - _ROUNDING:
            shown = now if now is None else round(now, 4)
            failures.append(f"{key}: {shown} < baseline {base} − {round(drop, 4)}")
    return failures


def write_baseline(summary: dict, path: Path, tolerance: float = TOLERANCE) -> None:
    metrics = {k: round(summary[k], 4) for k in HEADLINE if summary.get(k) is not None}
    counts = {k: v for k, v in (summary.get("counts") or {}).items() if k in metrics}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"tolerance": tolerance, "items": summary.get("items"), "metrics": metrics,
                                "counts": counts}, indent=2) + "\n", encoding="utf-8")
