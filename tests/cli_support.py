"""Shared by the robustness tests: run the real ``dareic`` command on temporary copies of
the corpus and index, and check its output (no traceback, one clear line)."""

import atexit
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DAREIC = str(Path(sys.executable).with_name("dareic"))
REIMS = "Quels Länder sont partenaires de l'académie de Reims ?"
BUDGET = "Quel est le budget total du plan Erasmus de l'académie de Poitiers ?"



# ----------------------------------------------------------------------------- helpers


# Runtime data of the commands run by the tests (uploads, chat database): a temporary folder,
# never the checkout's data/ — an upload made in the UI of a dev checkout must not reach them.
_RUNTIME = Path(tempfile.mkdtemp(prefix="dareic-cli-tests-"))
atexit.register(shutil.rmtree, _RUNTIME, True)


def _env(index: Path, corpus: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DAREIC_")}
    env.update({"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONDONTWRITEBYTECODE": "1",
                "DAREIC_INDEX_DIR": str(index), "DAREIC_CORPUS_DIR": str(corpus),
                "DAREIC_DATA_DIR": str(_RUNTIME / "data"), "DAREIC_UPLOAD_DIR": str(_RUNTIME / "uploads")})
    return env


def dareic(*args: str, index: Path, corpus: Path, input: str | bytes | None = None, timeout: float = 120,
           **kw) -> subprocess.CompletedProcess:
    """Run the real CLI; stdout/stderr as text (undecodable bytes replaced)."""
    data = input.encode("utf-8") if isinstance(input, str) else input
    p = subprocess.run([DAREIC, *args], input=data, capture_output=True, timeout=timeout,
                       env=_env(index, corpus), **kw)
    return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode("utf-8", "replace"),
                                       p.stderr.decode("utf-8", "replace"))


def assert_no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr, p.stderr[-3000:]
    assert "Traceback" not in p.stdout, p.stdout[-3000:]


def stderr_lines(p: subprocess.CompletedProcess) -> list[str]:
    # tqdm progress bars use \r; keep only real lines of text
    return [ln.strip() for ln in p.stderr.replace("\r", "\n").splitlines() if ln.strip()]


def assert_one_line_error(p: subprocess.CompletedProcess, *words: str) -> str:
    assert_no_traceback(p)
    assert p.returncode != 0, f"expected a failure, got exit 0\n{p.stdout[-500:]}"
    lines = [ln for ln in stderr_lines(p) if not ln.startswith("warning:")]
    assert len(lines) == 1, f"expected one error line, got:\n{p.stderr[-2000:]}"
    line = lines[0]
    assert line.startswith("error:"), line
    for w in words:
        assert w.lower() in line.lower(), f"{w!r} not in {line!r}"
    return line


def search_json(index: Path, corpus: Path, q: str = REIMS) -> dict:
    p = dareic("search", "--json", q, index=index, corpus=corpus)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr[-2000:]
    out = json.loads(p.stdout)
    assert out["hits"], "the index returned no passage"
    return out


def assert_still_answers(index: Path, corpus: Path) -> None:
    out = search_json(index, corpus)
    assert any("Reims" in h["section"] or "Reims" in h["text"] for h in out["hits"]), out["hits"][:2]


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
