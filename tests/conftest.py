"""Shared fixtures: one real index of the bundled corpus per test session."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from cli_support import dareic

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

# Every Settings() of the test session gets temporary runtime folders: documents a developer
# added through the chat (data/corpus/ by default) must not join the indexes the tests build,
# and no test writes into the checkout's data/.
_RUNTIME = Path(tempfile.mkdtemp(prefix="dareic-tests-"))
atexit.register(shutil.rmtree, _RUNTIME, True)
os.environ["DAREIC_DATA_DIR"] = str(_RUNTIME / "data")
os.environ["DAREIC_UPLOAD_DIR"] = str(_RUNTIME / "uploads")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Path:
    """A fresh index of the real corpus, built once by a real ingest."""
    from assistant.app import Assistant
    from assistant.config import Settings

    index_dir = tmp_path_factory.mktemp("index")
    Assistant(Settings(corpus_dir=CORPUS, index_dir=index_dir)).ingest(progress=False)
    return index_dir


@pytest.fixture(scope="session")
def assistant(built_index):
    import datetime as dt

    from assistant.app import Assistant
    from assistant.config import Settings

    a = Assistant(Settings(corpus_dir=CORPUS, index_dir=built_index), clock=lambda: dt.date(2026, 11, 22))
    a.warm()
    return a


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


# ----------------------------------------------------------- robustness tests (real CLI, copies)


def _compatible(index: Path, corpus: Path) -> bool:
    """True when ``index`` was built by this code from exactly these corpus files."""
    try:
        from assistant.config import Settings
        from assistant.index.store import check_compatible, file_sha256, read_manifest
        from assistant.ingest.load import list_corpus

        manifest = read_manifest(index)
        check_compatible(manifest, Settings().fingerprint())
        files = {p.name: file_sha256(p) for p in list_corpus(corpus)}
        return files == {k: v["sha256"] for k, v in manifest["files"].items()} and not manifest.get("skipped")
    except Exception:  # noqa: BLE001 - anything odd: build our own
        return False


@pytest.fixture(scope="module")
def base_index(request, tmp_path_factory) -> Path:
    """One index of the 5 real files per module: the session's ``built_index`` fixture when
    conftest provides it, else the developer's index/ if it is current, else a real ingest."""
    dst = tmp_path_factory.mktemp("bad-input-base") / "index"
    try:
        src = request.getfixturevalue("built_index")
    except pytest.FixtureLookupError:
        src = ROOT / "index"
    if _compatible(Path(src), CORPUS):
        shutil.copytree(src, dst)  # reading only: the source is never modified
        return dst
    p = dareic("ingest", "--corpus", str(CORPUS), "--index", str(dst), "--quiet", index=dst, corpus=CORPUS,
               timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    return dst


@pytest.fixture()
def work(tmp_path, base_index):
    """A fresh copy of the corpus (5 real files) and of the base index for one test."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "index"
    shutil.copytree(base_index, index)
    return corpus, index
