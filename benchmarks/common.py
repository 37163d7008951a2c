"""Shared helpers: paths, timing, percentiles, child-process peak RSS, eval set, hit matching."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = PROJECT_ROOT / "corpus"
# Benchmarks time the whole question set (dev + held-out); they measure, they do not tune.
EVAL_FILES = (PROJECT_ROOT / "evals" / "dev.jsonl", PROJECT_ROOT / "evals" / "heldout.jsonl")
OUTPUT_DIR = PROJECT_ROOT / "bench-output"


def dareic_bin() -> str:
    """The ``dareic`` console script of the interpreter running us (the project venv)."""
    cand = Path(sys.executable).with_name("dareic")
    if cand.exists():
        return str(cand)
    venv = PROJECT_ROOT / ".venv" / "bin" / "dareic"
    return str(venv) if venv.exists() else "dareic"


def child_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"})
    env.update(extra)
    return env


def percentile(values, q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) without numpy's import cost for callers."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass
class ChildRun:
    args: list[str]
    returncode: int
    wall_s: float
    peak_rss_mb: float  # ru_maxrss of this very child (os.wait4), in MiB
    stdout: str
    stderr: str


def run_child(args: list[str], *, input: str | None = None, env: dict | None = None, timeout: float = 300,
              cwd: Path | None = None) -> ChildRun:
    """Run a command; return wall time and its own peak RSS (``os.wait4`` rusage of that pid)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                                stdout=out, stderr=err, env=env or child_env(), cwd=cwd)
        if input is not None:
            def feed():
                try:
                    proc.stdin.write(input.encode("utf-8"))
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
            threading.Thread(target=feed, daemon=True).start()
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(list(args), proc.returncode, wall, usage.ru_maxrss / 1024.0,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def load_eval(paths: tuple[Path, ...] = EVAL_FILES) -> list[dict]:
    items = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    items.append(json.loads(line))
    return items


def _keys(text: str) -> tuple[str, str]:
    from assistant.textnorm import collapse_ws, match_key

    return collapse_ws(text), match_key(text)


def gold_in(gold: str, texts) -> bool:
    """The gold passage (whitespace collapsed) is inside one retrieved text; accents, case,
    whitespace and hyphens folded too (``assistant.textnorm.match_key``)."""
    g_ws, g_key = _keys(gold)
    for t in texts:
        t_ws, t_key = _keys(t)
        if g_ws in t_ws or g_key in t_key:
            return True
    return False


def first_hit_rank(gold: str, texts: list[str]) -> int | None:
    for i, t in enumerate(texts, start=1):
        if gold_in(gold, [t]):
            return i
    return None


def retrieval_items(items: list[dict]) -> list[dict]:
    """Answerable items with a gold passage (and no history, so the question stands alone)."""
    return [it for it in items if it.get("answerable") and (it.get("gold") or "").strip()]


def fmt_ms(x: float | None) -> str:
    if x is None or x != x:
        return "n/a"
    return f"{x:.1f} ms" if x < 1000 else f"{x / 1000:.2f} s"


def fmt_s(x: float | None) -> str:
    if x is None or x != x:
        return "n/a"
    return f"{x:.2f} s"
