"""Ingest and cold-start timings, through the real ``dareic`` command (honest wall clock,
each child's own peak RSS via ``os.wait4``)."""
from __future__ import annotations

import json
import statistics
from pathlib import Path

from benchmarks.common import ChildRun, dareic_bin, run_child

COLD_QUESTION = "Quels Länder sont partenaires de l'académie de Reims ?"


def ingest(corpus: Path, index: Path, timeout: float = 300) -> ChildRun:
    return run_child([dareic_bin(), "ingest", "--corpus", str(corpus), "--index", str(index), "--quiet"],
                     timeout=timeout)


def _check(run: ChildRun, what: str) -> None:
    if run.returncode != 0:
        tail = (run.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        raise RuntimeError(f"{what} failed (exit {run.returncode}): {tail}")


def measure_ingest(corpus: Path, index: Path) -> dict:
    """Cold (fresh index dir, every chunk embedded) then incremental (nothing changed)."""
    cold = ingest(corpus, index)
    _check(cold, "cold ingest")
    incr = ingest(corpus, index)
    _check(incr, "incremental ingest")
    return {
        "cold_s": cold.wall_s, "cold_rss_mb": cold.peak_rss_mb, "cold_summary": cold.stdout.strip(),
        "incremental_s": incr.wall_s, "incremental_rss_mb": incr.peak_rss_mb,
        "incremental_summary": incr.stdout.strip(),
    }


def measure_cold_start(index: Path, repeats: int = 3, question: str = COLD_QUESTION) -> dict:
    """Wall time of a fresh ``dareic search --json`` / ``dareic ask --json`` process (median of runs)."""
    out: dict = {}
    for cmd in ("search", "ask"):
        runs = [run_child([dareic_bin(), cmd, "--json", "--index", str(index), question], timeout=120)
                for _ in range(repeats)]
        ok = [r for r in runs if r.returncode == 0]
        if not ok:
            last = runs[-1]
            lines = last.stderr.strip().splitlines() or ["(no stderr)"]
            out[f"{cmd}_error"] = lines[-1][:300]
            continue
        try:
            payload = json.loads(ok[-1].stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            payload = {}
        out[f"{cmd}_cold_s"] = statistics.median(r.wall_s for r in ok)
        out[f"{cmd}_cold_all_s"] = [r.wall_s for r in ok]
        out[f"{cmd}_rss_mb"] = max(r.peak_rss_mb for r in ok)
        if cmd == "ask":
            out["ask_sample"] = {"answer": str(payload.get("answer", ""))[:200], "refused": payload.get("refused")}
        else:
            out["search_sample_hits"] = len(payload.get("hits", []))
    return out
