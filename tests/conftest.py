"""Shared fixtures: one real index of the bundled corpus per test session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


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
