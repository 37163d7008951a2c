"""A real ``dareic ui`` server for load tests: start it on a free loopback port with its own
data dir, wait until it serves, stop it (and its children) afterwards."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import PROJECT_ROOT, child_env, dareic_bin

LOOPBACK = "127.0.0.1"


def ui_available() -> str | None:
    """None when ``dareic ui`` can be started here, else the reason it cannot.

    Looks the modules up without importing Chainlit: importing it writes ``.chainlit/``
    and ``.files/`` into the current folder."""
    import importlib.util

    for mod, hint in (("socketio", "pip install 'python-socketio[asyncio_client]'"), ("aiohttp", "pip install aiohttp"),
                      ("chainlit", "pip install chainlit")):
        if importlib.util.find_spec(mod) is None:
            return f"{mod} is not installed ({hint})"
    try:
        import assistant.cli_ui  # noqa: F401  (registers `dareic ui`; imports no Chainlit)

        if importlib.util.find_spec("assistant.ui.server") is None or importlib.util.find_spec("assistant.ui.app") is None:
            return "`dareic ui` is not available (assistant/ui/server.py or app.py missing)"
    except Exception as exc:  # noqa: BLE001 - any import failure means no UI
        return f"`dareic ui` is not importable ({type(exc).__name__}: {exc})"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------- server


@dataclass
class UIServer:
    proc: subprocess.Popen
    port: int
    data_dir: Path
    log_path: Path
    _tmp: tempfile.TemporaryDirectory | None = None
    peak_rss_mb: float | None = None  # ru_maxrss after stop()
    returncode: int | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def rss_mb(self) -> float:
        """Current RSS of the server and its children, in MiB."""
        import psutil

        p = psutil.Process(self.proc.pid)
        procs = [p] + p.children(recursive=True)
        total = 0
        for q in procs:
            with contextlib.suppress(psutil.Error):
                total += q.memory_info().rss
        return total / 2**20

    def log_tail(self, n: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self, timeout: float = 15) -> None:
        if self.proc.poll() is None and self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGINT)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
                if pid:
                    self._reaped(status, usage)
                    break
                time.sleep(0.1)
            else:
                with contextlib.suppress(ProcessLookupError):
                    self.proc.kill()
                _, status, usage = os.wait4(self.proc.pid, 0)
                self._reaped(status, usage)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def _reaped(self, status: int, usage) -> None:
        self.returncode = self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.peak_rss_mb = usage.ru_maxrss / 1024.0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start_ui(index_dir: Path, corpus_dir: Path | None = None, port: int | None = None, data_dir: Path | None = None,
             ready_timeout: float = 120) -> UIServer:
    """Start ``dareic ui`` on a free loopback port with its own data dir; wait until it serves pages."""
    import urllib.request

    tmp = tempfile.TemporaryDirectory(prefix="dareic-ui-")
    data = Path(data_dir) if data_dir else Path(tmp.name) / "data"
    port = port or free_port()
    log_path = Path(tmp.name) / "ui.log"
    env = child_env(
        DAREIC_INDEX_DIR=str(Path(index_dir).resolve()),
        DAREIC_CORPUS_DIR=str(Path(corpus_dir or PROJECT_ROOT / "corpus").resolve()),
        DAREIC_DATA_DIR=str(data.resolve()),
        DAREIC_UPLOAD_DIR=str((Path(tmp.name) / "uploads").resolve()),  # never the developer's data/corpus
        DAREIC_AUTH_MODE="local",
    )
    env.pop("CHAINLIT_AUTH_SECRET", None)
    log = open(log_path, "wb")
    proc = subprocess.Popen([dareic_bin(), "ui", "--host", LOOPBACK, "--port", str(port)], stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=tmp.name)
    log.close()
    server = UIServer(proc, port, data, log_path, tmp)
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = server.log_tail()
            server.stop()
            raise RuntimeError(f"dareic ui exited with code {proc.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(f"{server.url}/project/settings?language=fr-FR", timeout=2) as r:
                if r.status < 500:
                    return server
        except OSError as exc:
            if getattr(exc, "code", None) is not None and exc.code < 500:  # 401/403: up, wants auth
                return server
        time.sleep(0.3)
    tail = server.log_tail()
    server.stop()
    raise RuntimeError(f"dareic ui did not serve on port {port} within {ready_timeout:.0f} s:\n{tail}")


# ----------------------------------------------------------------------------- client
