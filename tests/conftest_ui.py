"""Shared helpers for the UI tests (imported explicitly; not a pytest conftest).

- ``isolate_chainlit()``: Chainlit writes ``.chainlit/`` and ``.files/`` into its
  app root when first imported; point it at a temporary folder first.
- ``fresh_project_index()``: the real index, ingested first when missing or stale.
- ``UIServer``: a real ``dareic ui`` in a subprocess on a free loopback port.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = PROJECT_ROOT / "test-output" / "ui"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def isolate_chainlit() -> None:
    if "chainlit.config" not in sys.modules and "CHAINLIT_APP_ROOT" not in os.environ:
        os.environ["CHAINLIT_APP_ROOT"] = tempfile.mkdtemp(prefix="dareic-chainlit-")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_project_index():
    """Settings of the project's corpus and index, after an ingest if the index is missing or stale."""
    from assistant.app import Assistant
    from assistant.config import Settings
    from assistant.errors import IndexMissingError, IndexStaleError

    settings = Settings()
    a = Assistant(settings)
    try:
        stale = bool(a.stale_files())
    except (IndexMissingError, IndexStaleError):
        stale = True
    if stale or not (Path(settings.index_dir) / "CURRENT").is_file():
        a.ingest(progress=False)
    return settings


class UIServer:
    """``dareic ui`` in a subprocess; ``start()`` returns once the assistant is warm."""

    READY = "assistant ready"

    def __init__(self, workdir: Path, corpus_dir: Path, index_dir: Path, extra_env: dict | None = None):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = self.workdir / "data"
        self.log_path = self.workdir / "server.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DAREIC_", "CHAINLIT_"))}
        env.update({
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            "DAREIC_CORPUS_DIR": str(corpus_dir),
            "DAREIC_INDEX_DIR": str(index_dir),
            "DAREIC_DATA_DIR": str(self.data_dir),
            "PYTHONUNBUFFERED": "1",
        })
        env.update(extra_env or {})
        self.env = env
        self.proc: subprocess.Popen | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "chat.db"

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def start(self, timeout: float = 300.0) -> "UIServer":
        code = "import assistant.cli_ui; from assistant.cli import main; main()"
        cmd = [sys.executable, "-c", code, "ui", "--host", "127.0.0.1", "--port", str(self.port)]
        self._log_file = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.workdir, env=self.env, stdout=self._log_file,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        healthy = False
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dareic ui exited with {self.proc.returncode}:\n{self.log()[-4000:]}")
            if not healthy:
                try:
                    with urllib.request.urlopen(self.url + "/health", timeout=2) as r:
                        healthy = r.status == 200
                except OSError:
                    pass
            if healthy and self.READY in self.log():
                return self
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"dareic ui not ready after {timeout:.0f} s:\n{self.log()[-4000:]}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # our own session: the server and nothing else
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)
        if getattr(self, "_log_file", None):
            self._log_file.close()


def copy_index_and_corpus(settings, dest: Path) -> tuple[Path, Path]:
    """Private copies of the project corpus and index (uploads in tests must not touch the real ones)."""
    corpus = dest / "corpus"
    index = dest / "index"
    shutil.copytree(settings.corpus_dir, corpus, ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(settings.index_dir, index)
    return corpus, index
