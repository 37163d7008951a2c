"""``python -m benchmarks``: every benchmark, a Markdown table on stdout, files in bench-output/.

Stages (each heavy one in its own child process, so its peak RSS is its own):
ingest (cold + incremental, via `dareic ingest`), cold start (`dareic search/ask --json`),
warm latency + retrieval quality, the llama-index baseline, synthetic scale runs, and
concurrent chat sessions against `dareic ui`. A failing stage is reported, the others run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.common import CORPUS_DIR, OUTPUT_DIR, child_env, run_child


def _child_stage(module: str, args: list[str], out_file: Path, timeout: float, env: dict | None = None) -> dict:
    run = run_child([sys.executable, "-m", module, *args, "--out", str(out_file)], timeout=timeout,
                    env=child_env(**env) if env else None)
    if run.returncode != 0 or not out_file.exists():
        tail = [ln for ln in run.stderr.strip().splitlines() if ln.strip()][-3:]
        return {"error": f"{module} exited {run.returncode}: {' | '.join(tail) or '(no stderr)'}",
                "peak_rss_mb": run.peak_rss_mb}
    res = json.loads(out_file.read_text(encoding="utf-8"))
    res["peak_rss_mb"] = run.peak_rss_mb
    res["stage_wall_s"] = run.wall_s
    return res


def _stage(name: str, results: dict, fn, *a, **kw):
    t0 = time.perf_counter()
    print(f"[bench] {name}…", file=sys.stderr, flush=True)
    try:
        results[name] = fn(*a, **kw)
    except Exception as exc:  # noqa: BLE001 - one failing stage must not hide the others
        results[name] = {"error": f"{type(exc).__name__}: {exc}"}
        traceback.print_exc(file=sys.stderr)
    print(f"[bench] {name} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return results[name]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=OUTPUT_DIR, help="output folder (default: bench-output/)")
    p.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    p.add_argument("--scales", default="100,1000", help="synthetic scale factors, comma-separated ('' for none)")
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--per-session", type=int, default=10)
    p.add_argument("--skip", default="", help="comma-separated stages to skip: baseline,scale,concurrency")
    p.add_argument("--quick", action="store_true", help="small run: scales 10,100 and 3×2 sessions")
    args = p.parse_args(argv)
    os.environ["HF_HUB_OFFLINE"] = "1"
    if args.quick:
        args.scales, args.sessions, args.per_session = "10,100", 3, 2
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    out_dir = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    res: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "corpus": str(args.corpus),
        "notes": [],
    }
    try:
        import psutil

        res["machine"] += f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
        load = os.getloadavg()[0]
        if load > 1.0:
            res["notes"].append(f"load average was {load:.1f} at start: other work shares the CPUs, timings are noisy")
    except Exception:  # noqa: BLE001
        pass

    with tempfile.TemporaryDirectory(prefix="dareic-bench-") as tmp_s:
        tmp = Path(tmp_s)
        index = tmp / "index"
        from benchmarks.ingest import measure_cold_start, measure_ingest

        ing = _stage("ingest", res, measure_ingest, args.corpus, index)
        if ing.get("error"):
            print(f"[bench] cannot go on without an index: {ing['error']}", file=sys.stderr)
        else:
            _stage("cold_start", res, measure_cold_start, index)
            _stage("latency", res, _child_stage, "benchmarks.latency", ["--index", str(index)],
                   tmp / "latency.json", 600)
            if "baseline" not in skip:
                _stage("baseline", res, _child_stage, "benchmarks.baseline", ["--corpus", str(args.corpus)],
                       tmp / "baseline.json", 600)
            if "scale" not in skip:
                res["scale"] = []
                for f in [int(x) for x in args.scales.split(",") if x.strip()]:
                    work = tmp / f"scale-{f}"
                    work.mkdir()
                    r = _stage(f"scale ×{f}", {}, _child_stage, "benchmarks.scale",
                               ["--base-index", str(index), "--factor", str(f), "--workdir", str(work)],
                               tmp / f"scale-{f}.json", 900)
                    r.setdefault("factor", f)
                    res["scale"].append(r)
                    shutil.rmtree(work, ignore_errors=True)
            if "concurrency" not in skip:
                from benchmarks.concurrency import benchmark as ui_benchmark

                ui_index = tmp / "ui-index"
                shutil.copytree(index, ui_index)
                c = _stage("concurrency", res, ui_benchmark, ui_index, args.sessions, args.per_session,
                           corpus_dir=args.corpus)
                if c.get("skipped"):
                    print(f"[bench] concurrency skipped: {c['skipped']}", file=sys.stderr)

    res["total_s"] = time.perf_counter() - t_start
    for k in ("latency", "baseline"):
        if isinstance(res.get(k), dict):
            res[k] = {kk: v for kk, v in res[k].items() if kk not in ("search_ms", "ask_ms")} | {
                "search_ms_count": len(res[k].get("search_ms") or [])}
    for s in res.get("scale") or []:
        s.pop("search_ms", None)
    if isinstance(res.get("concurrency"), dict):
        res["concurrency"].pop("answers", None)

    from benchmarks.report import markdown, plot

    md = markdown(res)
    (out_dir / "results.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    png = plot(res, out_dir / "benchmarks.png")
    md += f"\nPlot: {png}\n"
    (out_dir / "benchmarks.md").write_text(md, encoding="utf-8")
    print(md)
    failed = [k for k in ("ingest", "cold_start", "latency", "baseline", "concurrency")
              if isinstance(res.get(k), dict) and res[k].get("error")]
    failed += [f"scale ×{s.get('factor')}" for s in res.get("scale") or [] if s.get("error")]
    conc = res.get("concurrency") or {}
    if conc.get("errors"):
        failed.append("concurrency (session errors)")
    if failed:
        print(f"[bench] failed stages: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
