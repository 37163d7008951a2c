"""Run eval sets end to end: a fresh incremental ingest of the set's own corpus folders into
its own index, every item through the chat's path, scores, reports and the gate."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from assistant.evaluation import gate, report, runner, scoring
from assistant.evaluation.sets import EvalSet, settings_for


_STAMP = "ingest-code.sha256"


def ingest_code_stamp() -> str:
    """A hash of what turns files into an index (readers, chunking, index build, the names
    data the registry is extracted with). An incremental ingest only sees changed files; a
    gate must also see changed readers."""
    root = Path(__file__).resolve().parents[1]
    paths = [*(root / "ingest").rglob("*.py"), *(root / "index").rglob("*.py"), *(root / "data").rglob("*.json"),
             root / "gazetteer.py", root / "textnorm.py"]
    h = hashlib.sha256()
    for path in sorted(p for p in paths if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def build_assistant(eval_set: EvalSet, index_root: Path, progress: bool = False, warn=None):
    """An Assistant over the set's index, brought up to date with its corpus folders; the
    index is rebuilt from scratch when the ingest code changed since it was built."""
    from assistant.app import Assistant

    settings = settings_for(eval_set, index_root)
    stamp, stamp_file = ingest_code_stamp(), Path(settings.index_dir) / _STAMP
    if Path(settings.index_dir).is_dir() and (not stamp_file.is_file() or stamp_file.read_text().strip() != stamp):
        shutil.rmtree(settings.index_dir)  # the eval's own folder under its output directory
    a = Assistant(settings)
    ingest = a.ingest(progress=progress, warn=warn)
    stamp_file.write_text(stamp + "\n", encoding="utf-8")
    return a, ingest


def evaluate(eval_set: EvalSet, assistant, items: list[dict] | None = None) -> dict:
    items = items if items is not None else runner.read_items(eval_set.items)
    assistant.warm()
    rows = runner.run(assistant, items)
    return {"name": eval_set.name, "rows": rows, "summary": scoring.summarize(rows)}


def gate_result(eval_set: EvalSet, summary: dict, write_baseline: bool) -> tuple[list[str] | None, str | None]:
    """(failures or None when not gated, a notice). Writing a baseline replaces gating."""
    if write_baseline:
        if eval_set.baseline is None:
            return None, f"{eval_set.name}: no baseline file configured, nothing written"
        gate.write_baseline(summary, eval_set.baseline)
        return None, f"{eval_set.name}: baseline written to {eval_set.baseline}"
    if not eval_set.gate:
        return None, None
    if eval_set.baseline is None or not eval_set.baseline.exists():
        return None, f"{eval_set.name}: gated but no baseline yet ({eval_set.baseline}) — run `dareic eval --write-baseline`"
    return gate.compare(summary, eval_set.baseline), None


def write_outputs(result: dict, out: Path, md: Path, gated: bool, notes: list[str]) -> str:
    """The set's JSON lines and Markdown report (with a chart beside it); returns the report path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for r in result["rows"]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    md.parent.mkdir(parents=True, exist_ok=True)
    chart = md.with_suffix(".png")
    has_chart = report.write_chart(scoring.by_category(result["rows"]), chart)
    md.write_text(report.set_report(result["name"], result["summary"], result["rows"], result["gate"], gated=gated,
                                    chart=chart.name if has_chart else None, notes=notes), encoding="utf-8")
    return str(md)
