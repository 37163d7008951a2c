"""Further ``dareic`` commands (partners, eval), registered on the same Typer app."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.cli import _assistant, _settings, app
from assistant.config import PROJECT_ROOT
from assistant.errors import DareicError

DEFAULT_EVAL = PROJECT_ROOT / "evals" / "regression.jsonl"
DEFAULT_BASELINE = PROJECT_ROOT / "evals" / "baseline.json"


@app.command("eval")
def eval_cmd(
    file: Path = typer.Argument(DEFAULT_EVAL, help="Eval items (JSON lines)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write one JSON line per item."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write a Markdown report (and a PNG chart beside it)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Gate against this baseline (default set: evals/baseline.json)."),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="Record this run's figures as the baseline."),
    index: Optional[Path] = typer.Option(None, "--index", help="Index folder."),
):
    """Run an eval set through the chat's answer path, score it, and gate regressions."""
    from assistant.evaluation import gate, report as rep, runner, scoring

    if not file.exists():
        raise DareicError(f"eval file {file} does not exist")
    items = runner.read_items(file)
    a = _assistant(_settings(index=index))
    a.warm()
    rows = runner.run(a, items)
    summary = scoring.summarize(rows)
    per_cat = scoring.by_category(rows)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    is_default = file.resolve() == DEFAULT_EVAL.resolve()
    gate_file = baseline or (DEFAULT_BASELINE if is_default and not write_baseline else None)
    failures = gate.compare(summary, gate_file) if gate_file and gate_file.exists() else None
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        chart = report.with_suffix(".png")
        has_chart = rep.write_chart(per_cat, chart)
        report.write_text(rep.markdown_report(summary, per_cat, rows, file.name, failures,
                                              chart.name if has_chart else None), encoding="utf-8")
    typer.echo(rep.summary_table(summary, per_cat))
    bad = rep.failures(rows)
    typer.echo(f"\n{len(bad)} failing item(s)" + (f": {', '.join(r['id'] for r in bad[:15])}" if bad else ""))
    if write_baseline:
        gate.write_baseline(summary, baseline or DEFAULT_BASELINE)
        typer.echo(f"baseline written to {baseline or DEFAULT_BASELINE}")
    if failures is not None:
        if failures:
            typer.echo("regression gate FAILED:\n  " + "\n  ".join(failures), err=True)
            sys.exit(1)
        typer.echo(f"regression gate passed ({gate_file.name}, tolerance {gate.TOLERANCE})")
