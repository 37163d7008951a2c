"""``dareic eval``: every eval set of evals/sets.json, each answered from its own freshly
ingested index and gated against its own baseline; or one file."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import List, Optional

import typer

from assistant.cli import _assistant, _settings, app
from assistant.config import PROJECT_ROOT
from assistant.errors import DareicError

DEFAULT_OUT = PROJECT_ROOT / "test-output"


def _run(eval_set, out_dir: Path, write_baseline: bool, out: Path | None, md: Path | None, assistant=None) -> dict:
    from assistant.evaluation import report, suite

    notes: list[str] = []
    if assistant is None:
        warnings: list[str] = []
        assistant, ingest = suite.build_assistant(eval_set, out_dir / "eval-index", warn=warnings.append)
        folders = ", ".join(_rel(p) for p in eval_set.corpus)
        notes.append(f"corpus: {folders} — {ingest.summary()}")
        notes += [f"ingest warning: {w}" for w in warnings]
        typer.echo(f"[{eval_set.name}] {ingest.summary()}" + (f" ({len(warnings)} warning(s), see report)" if warnings else ""))
    else:
        notes.append(f"index: {_rel(assistant.settings.index_dir)} (as found, not re-ingested)")
    notes.insert(0, f"items: {_rel(eval_set.items)}")
    result = suite.evaluate(eval_set, assistant)
    result["gate"], notice = suite.gate_result(eval_set, result["summary"], write_baseline)
    result["gated"] = eval_set.gate and not write_baseline
    if notice:
        typer.echo(notice)
    out = out or out_dir / f"eval-{eval_set.name}.jsonl"
    md = md or out_dir / f"eval-{eval_set.name}.md"
    suite.write_outputs(result, out, md, result["gated"], notes)
    result["report"] = md.name if md.parent.resolve() == out_dir.resolve() else str(md)
    for line in report.console_lines(eval_set.name, result["summary"], result["rows"]):
        typer.echo(line)
    if result["gate"] is not None:
        typer.echo(f"[{eval_set.name}] regression gate " + ("passed" if not result["gate"] else "FAILED"))
    return result


def _rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(p)


@app.command("eval")
def eval_cmd(
    file: Optional[Path] = typer.Argument(None, help="Un fichier d'évaluation (lignes JSON) ; par défaut : tous les jeux d'evals/sets.json."),
    corpus: Optional[List[Path]] = typer.Option(None, "--corpus", help="Répondre aux questions de FILE depuis un index neuf de ces dossiers (deux au plus)."),
    only: Optional[List[str]] = typer.Option(None, "--set", help="Seulement ces jeux d'evals/sets.json."),
    out_dir: Path = typer.Option(DEFAULT_OUT, "--out-dir", help="Dossier des résultats, des rapports et des index d'évaluation."),
    out: Optional[Path] = typer.Option(None, "--out", help="Résultats en lignes JSON (un seul jeu)."),
    report_file: Optional[Path] = typer.Option(None, "--report", help="Rapport Markdown (un seul jeu)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Comparer FILE à cette référence (échec en cas de régression)."),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="Enregistrer les résultats de cette exécution comme référence(s)."),
    index: Optional[Path] = typer.Option(None, "--index", help="Répondre aux questions de FILE depuis cet index existant (sans indexation)."),
):
    """Évaluer les réponses (même chemin que le chat) sur les jeux d'évaluation : résultats par catégorie, document et type de réponse ; échec en cas de régression."""
    from assistant.evaluation import report, sets

    registry = sets.load_sets()
    if file is not None:
        if not file.exists():
            raise DareicError(f"eval file {file} does not exist")
        known = sets.find_set(registry, file)
        if corpus:
            chosen = [sets.adhoc_set(file, list(corpus), baseline)]
        elif known and index is None:
            chosen = [replace(known, baseline=baseline, gate=True) if baseline else known]
        else:
            chosen = [sets.EvalSet(file.stem, file, (), baseline, baseline is not None)]
    else:
        unknown = sorted(set(only or []) - {s.name for s in registry})
        if unknown:
            raise DareicError(f"unknown eval set(s): {', '.join(unknown)}",
                              hint=f"sets: {', '.join(s.name for s in registry)}")
        chosen = [s for s in registry if not only or s.name in only]
    if (out or report_file) and len(chosen) > 1:
        raise DareicError("--out and --report name one set's files", hint="use --set NAME or --out-dir")
    results, skipped = [], []
    for s in chosen:
        missing = s.missing() if s.corpus else []
        if missing:
            note = f"{s.name}: skipped, {_rel(missing[0])} does not exist"
            typer.echo(note)
            skipped.append(note)
            continue
        existing = _assistant(_settings(index=index)) if not s.corpus else None
        results.append(_run(s, out_dir, write_baseline, out, report_file, existing))
    if file is None:
        combined = out_dir / "eval-report.md"
        combined.parent.mkdir(parents=True, exist_ok=True)
        combined.write_text(report.combined_report(results, skipped), encoding="utf-8")
        typer.echo(f"report: {_rel(combined)}")
    failed = [r["name"] for r in results if r["gate"]]
    for r in results:
        for line in r["gate"] or []:
            typer.echo(f"[{r['name']}] {line}", err=True)
    if failed:
        typer.echo(f"regression gate FAILED for: {', '.join(failed)}", err=True)
        sys.exit(1)
