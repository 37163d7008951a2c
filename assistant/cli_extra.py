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

DEFAULT_EVAL = PROJECT_ROOT / "evals" / "dev.jsonl"
DEFAULT_BASELINE = PROJECT_ROOT / "evals" / "baseline-dev.json"


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


@app.command()
def partners(
    academie: Optional[str] = typer.Option(None, "--academie", help="Académie (any usual name)."),
    land: Optional[str] = typer.Option(None, "--land", help="Land (French, German or English name, or abbreviation)."),
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    index: Optional[Path] = typer.Option(None, "--index", help="Index folder."),
):
    """List the agreements of the partnership registry, filtered by académie and/or Land."""
    import csv

    from assistant.answer.registry import PartnerQuery, select

    a = _assistant(_settings(index=index), warn_stale=False)
    records = a.index.extra("registry") or []
    ids = lambda text, kinds: tuple(dict.fromkeys(m.entity.id for m in a.gazetteer.find(text, kinds)))  # noqa: E731
    acad_ids = ids(academie, {"academie", "region"}) if academie else ()
    land_ids = ids(land, {"land"}) if land else ()
    if (academie and not acad_ids) or (land and not land_ids):
        raise DareicError(f"unknown {'académie' if academie and not acad_ids else 'Land'}: {academie if academie and not acad_ids else land}")
    rows = select(records, PartnerQuery(acad_ids, land_ids, (), ()), a.gazetteer) if (acad_ids or land_ids) else records
    flat = [{
        "region": r["region"], "academie": r["academie"], "cosignatories": ", ".join(r["cosignatories"]),
        "land": (r["land"] or {}).get("fr", ""), "land_de": (r["land"] or {}).get("de", ""), "kind": r["kind"],
        "signature": r["dates"]["signature"] or "", "renewals": ", ".join(r["dates"]["renewals"]),
        "planned": ", ".join(r["dates"]["planned"]), "themes": ", ".join(r["themes"]),
        "programmes": ", ".join(r["programmes"]), "source": r["source"], "span": f"{r['span'][0]}-{r['span'][1]}",
    } for r in rows]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=list(flat[0]) if flat else ["academie"])
        w.writeheader()
        w.writerows(flat)
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table("académie", "Land", "type", "signature", "renouvellements", "prévu", "programmes")
        for f in flat:
            t.add_row(f["academie"], f["land"], f["kind"], f["signature"], f["renewals"], f["planned"], f["programmes"])
        Console().print(t)
