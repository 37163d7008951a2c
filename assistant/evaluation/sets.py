"""Eval sets (``evals/sets.json``): which items are answered from which corpus folders, and
which baseline gates them. Each set gets its own index so the gate never depends on what a
user uploaded into data/ or ingested into index/."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.config import PROJECT_ROOT, Settings
from assistant.errors import DareicError

SETS_FILE = PROJECT_ROOT / "evals" / "sets.json"


@dataclass(frozen=True)
class EvalSet:
    name: str
    items: Path
    corpus: tuple[Path, ...]
    baseline: Path | None
    gate: bool

    def missing(self) -> list[Path]:
        """Inputs that do not exist (the set is skipped with a notice)."""
        return [p for p in (self.items, *self.corpus) if not p.exists()]


def _path(value: str, root: Path) -> Path:
    p = Path(value)
    return p if p.is_absolute() else root / p


def load_sets(path: Path = SETS_FILE, root: Path = PROJECT_ROOT) -> list[EvalSet]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DareicError(f"eval sets file {path} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise DareicError(f"{path.name}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    sets = []
    for n, entry in enumerate(data.get("sets") or [], start=1):
        if not isinstance(entry, dict) or not all(entry.get(k) for k in ("name", "items", "corpus")):
            raise DareicError(f"{path.name}: set {n} needs a name, an items file and corpus folders")
        corpus = entry["corpus"] if isinstance(entry["corpus"], list) else [entry["corpus"]]
        sets.append(EvalSet(
            name=str(entry["name"]), items=_path(entry["items"], root),
            corpus=tuple(_path(c, root) for c in corpus),
            baseline=_path(entry["baseline"], root) if entry.get("baseline") else None,
            gate=bool(entry.get("gate", False)),
        ))
    names = [s.name for s in sets]
    if len(set(names)) != len(names):
        raise DareicError(f"{path.name}: set names must be unique ({', '.join(names)})")
    return sets


def adhoc_set(items: Path, corpus: list[Path], baseline: Path | None) -> EvalSet:
    """One file answered from the given corpus folders (``dareic eval FILE --corpus DIR``)."""
    return EvalSet(name=items.stem, items=items, corpus=tuple(corpus), baseline=baseline, gate=baseline is not None)


def find_set(sets: list[EvalSet], items: Path) -> EvalSet | None:
    """The registered set whose items file this is, if any."""
    target = items.resolve()
    return next((s for s in sets if s.items.resolve() == target), None)


def index_name(folders: list[Path]) -> str:
    """One index per distinct list of corpus folders: sets over the same folders (dev and
    held-out) share it instead of embedding the same documents twice."""
    import hashlib

    key = "\n".join(str(Path(f).resolve()) for f in folders)
    return f"{'+'.join(Path(f).name for f in folders)}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def settings_for(eval_set: EvalSet, index_root: Path) -> Settings:
    """Settings that index exactly the set's folders (at most two: corpus then uploads slot)
    into ``index_root/<folders>`` (shared by sets over the same folders); the uploads slot points nowhere when the set has one folder.
    Other settings (embedding backend, today's date…) still come from DAREIC_* variables."""
    if len(eval_set.corpus) > 2:
        raise DareicError(f"eval set {eval_set.name}: at most two corpus folders (corpus and uploads)")
    index_dir = index_root / index_name(eval_set.corpus)
    upload = eval_set.corpus[1] if len(eval_set.corpus) > 1 else index_dir / "no-uploads"
    return Settings(corpus_dir=eval_set.corpus[0], upload_dir=upload, index_dir=index_dir)
