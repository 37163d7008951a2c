"""Shared helpers for the UI tests (imported explicitly; not a pytest conftest).

- ``isolate_chainlit()``: Chainlit writes ``.chainlit/`` and ``.files/`` into its
  app root when first imported; point it at a temporary folder first.
- ``copy_index_and_corpus(index, dest)``: private copies of the project corpus and of an
  index of it (conftest's ``built_index``, ingested in a temporary folder): tests never
  read or write the checkout's index/, data/ or uploads.
- ``UIServer``: a real ``dareic ui`` in a subprocess on a free loopback port, its data and
  uploads folders inside its own work folder.
"""
from __future__ import annotations

import os
import re
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


class UIServer:
    """``dareic ui`` in a subprocess; ``start()`` returns once the assistant is warm."""

    READY = "assistant ready"

    def __init__(self, workdir: Path, corpus_dir: Path, index_dir: Path, extra_env: dict | None = None):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = self.workdir / "data"
        self.uploads_dir = self.workdir / "uploads"
        self.log_path = self.workdir / "server.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DAREIC_", "CHAINLIT_"))}
        env.update({
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            "DAREIC_CORPUS_DIR": str(corpus_dir),
            "DAREIC_INDEX_DIR": str(index_dir),
            "DAREIC_DATA_DIR": str(self.data_dir),
            "DAREIC_UPLOAD_DIR": str(self.uploads_dir),
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


def copy_index_and_corpus(index_dir: Path, dest: Path) -> tuple[Path, Path]:
    """Private copies of the project corpus and of ``index_dir`` (an index of it built in a
    temporary folder): uploads and ingests in a test touch these copies only."""
    corpus = dest / "corpus"
    index = dest / "index"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus, ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(index_dir, index)
    return corpus, index


# ----------------------------------------------------------------- French labels in a real page

# Words of an English interface that French never uses as such (the UI's French words like
# "page", "message", "options" or "chat" are not listed).
ENGLISH_WORDS = re.compile(
    r"\b(the|toggle|close|open|new|search|settings|copy|submit|cancel|loading|download|theme|sidebar|"
    r"previous|next|feedback|helpful|upload|attach|files?|send|stop|history|readme|logout|login|log in|"
    r"sign|delete|rename|share|today|yesterday|show|hide|view|add|edit|save|your|with|more|less|"
    r"conversation history|chat settings|dark|light|updated)\b", re.IGNORECASE)

LABELS_JS = """() => {
  const out = [];
  const seen = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 || el.closest('.sr-only') || el.classList.contains('sr-only');
  };
  for (const el of document.querySelectorAll('button, [role=button], a, input, textarea, [aria-label], [title], [role=tooltip]')) {
    if (!seen(el) || el.closest('.prose, .message-content, #chat-input')) continue;
    for (const v of [el.innerText, el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('placeholder')]) {
      if (v && v.trim()) out.push(v.trim());
    }
  }
  return out;
}"""


def english_labels(labels: list[str]) -> list[str]:
    """Labels that read as English: a word of ``ENGLISH_WORDS``, or a text of Chainlit's
    en-US translation that its French translation does not share."""
    import json

    import chainlit

    shipped = Path(chainlit.__file__).parent / "translations"

    def leaves(d) -> set[str]:
        out = set()
        for v in d.values():
            out |= leaves(v) if isinstance(v, dict) else {str(v)}
        return out

    english = leaves(json.loads((shipped / "en-US.json").read_text(encoding="utf-8")))
    english -= leaves(json.loads((shipped / "fr-FR.json").read_text(encoding="utf-8")))
    return sorted({t for t in labels if t in english or ENGLISH_WORDS.search(t)})
