"""Read one document in a forked worker process, under a wall-clock timeout and a memory
ceiling, so that no document can hang, crash or exhaust the process that ingests.

The worker is a plain ``os.fork`` of the caller: it inherits the already imported
readers (nothing is imported again, which keeps the cost per document to a few
milliseconds), lowers its address-space limit (``RLIMIT_AS``) to what it already maps
plus the memory budget, reads the file and sends back the pickled ``Document`` or the
``DocumentError`` through a pipe. A worker that runs out of memory, crashes or overruns
its time is killed and reported as a ``WorkerFailure``: a one-line ``DocumentError``
naming the file, which the ingest quarantines. Where ``fork`` does not exist the
document is read in-process.
"""
from __future__ import annotations

import gc
import importlib
import os
import pickle
import select
import signal
import time
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.document import Document
from assistant.ingest.formats.common import Limits
from assistant.ingest.load import load_document

GRACE_S = 2.0  # past the reader's own time check, before the worker is killed
# Libraries each reader imports on first use: imported once in the parent so that every
# worker starts with them loaded.
PRELOAD = {
    ".docx": ("docx", "assistant.ingest.formats.docx"),
    ".html": ("bs4", "lxml"),
    ".htm": ("bs4", "lxml"),
    ".md": ("markdown_it", "bs4"),
    ".markdown": ("markdown_it", "bs4"),
    ".pdf": ("pypdf", "pdfplumber"),
}
_preloaded: set[str] = set()


class WorkerFailure(DocumentError):
    """The worker reading a document was killed or crashed: ``kind`` is "timeout",
    "memory" or "crash". Such a document is quarantined, never read again unchanged."""

    def __init__(self, message: str, kind: str, hint: str | None = None):
        super().__init__(message, hint)
        self.kind = kind


def available() -> bool:
    return hasattr(os, "fork") and os.name == "posix"


def preload(suffix: str) -> None:
    """Import what the reader of ``suffix`` needs, once, in this process."""
    if suffix in _preloaded:
        return
    _preloaded.add(suffix)
    for name in PRELOAD.get(suffix, ()):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    if suffix in (".txt", ".pdf", ".docx"):
        from assistant.ingest.formats.text import region_keys

        region_keys()  # the gazetteer the plain-text heuristics read (cached)


def load_isolated(path: Path, limits: Limits | None = None) -> Document:
    """``load_document`` in a worker process; raise DocumentError (WorkerFailure when the
    worker had to be stopped) with one line naming the file."""
    limits = limits or Limits()
    if not available():
        return load_document(path, limits)
    preload(path.suffix.lower())
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the worker's collector then leaves the inherited objects (and their pages) alone
    try:
        pid = os.fork()
    except OSError:  # no process to be had right now: read here rather than lose the document
        gc.unfreeze()
        os.close(read_fd)
        os.close(write_fd)
        return load_document(path, limits)
    if pid == 0:  # the worker
        os.close(read_fd)
        _worker(path, limits, write_fd)  # never returns
    gc.unfreeze()
    os.close(write_fd)
    try:
        payload, status, timed_out = _collect(pid, read_fd, limits.timeout_s + GRACE_S)
    except BaseException:  # interrupted while waiting: the worker must not outlive the wait
        _kill(pid)
        raise
    finally:
        os.close(read_fd)
    return _outcome(path, limits, payload, status, timed_out)


def _worker(path: Path, limits: Limits, fd: int) -> None:
    code = 0
    try:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        except ValueError:
            pass
        import faulthandler

        faulthandler.disable()  # a crash is reported by the parent in one line, not as a stack dump
        _limit_memory(limits.memory_mb)
        started = time.monotonic()
        child_limits = Limits(limits.max_chars, limits.max_bytes, limits.timeout_s, limits.memory_mb)
        try:
            result = ("ok", load_document(path, child_limits))
        except DocumentError as exc:
            slow = time.monotonic() - started >= limits.timeout_s
            if isinstance(exc.__cause__, MemoryError):
                result = ("memory",)
            else:
                result = ("timeout" if slow else "error", str(exc), exc.hint)
        except MemoryError:
            result = ("memory",)
        except RecursionError:
            result = ("crash", "RecursionError")
        except Exception as exc:  # noqa: BLE001 - a reader bug: reported as one line, never a traceback
            result = ("crash", type(exc).__name__)
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory",))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except MemoryError:
        code = 3
    except BaseException:  # noqa: BLE001 - whatever happens, the worker must not return
        code = 4
    finally:
        os._exit(code)


def _limit_memory(memory_mb: int) -> None:
    """Allow what the worker already maps (inherited from the parent) plus the budget."""
    import resource

    mapped = 0
    try:
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    limit = mapped + memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _collect(pid: int, fd: int, timeout: float) -> tuple[bytes, int, bool]:
    """Read the worker's answer until it exits or ``timeout`` passes (then kill it)."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([fd], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break  # the worker closed its end: it is done
            chunks.append(chunk)
    if timed_out:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks), status, timed_out


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _outcome(path: Path, limits: Limits, payload: bytes, status: int, timed_out: bool) -> Document:
    name = path.name
    if timed_out:
        raise WorkerFailure(f"{name}: reading took longer than {limits.timeout_s:.0f} s, stopped and skipped",
                            "timeout", hint="split the document or raise DAREIC_DOCUMENT_TIMEOUT_S")
    result = None
    if payload:
        try:
            result = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a truncated answer: the worker died while writing
            result = None
    if result is None:
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            label = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            raise WorkerFailure(f"{name}: the reader crashed ({label}), skipped", "crash")
        if os.WEXITSTATUS(status) == 3:
            raise _memory(name, limits)
        raise WorkerFailure(f"{name}: the reader stopped without an answer (exit {os.WEXITSTATUS(status)}), skipped",
                            "crash")
    kind = result[0]
    if kind == "ok":
        return result[1]
    if kind == "error":
        raise DocumentError(result[1], hint=result[2] or None)
    if kind == "timeout":
        raise WorkerFailure(result[1], "timeout", hint=result[2] or None)
    if kind == "memory":
        raise _memory(name, limits)
    raise WorkerFailure(f"{name}: the reader failed ({result[1]}), skipped", "crash")


def _memory(name: str, limits: Limits) -> WorkerFailure:
    return WorkerFailure(f"{name}: reading needs more than {limits.memory_mb} MB of memory, skipped", "memory",
                         hint="split the document or raise DAREIC_DOCUMENT_MEMORY_MB")


def quarantine(path: Path, uploads: Path, folder: Path) -> Path | None:
    """Move a document that stopped its worker out of the uploads folder into ``folder``
    (the next start does not meet it again). A document anywhere else, such as the
    bundled corpus, which is never written at run time, stays where it is: None."""
    try:
        inside = path.resolve().parent == Path(uploads).resolve()
    except OSError:
        return None
    if not inside or not path.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if target.exists():
        target = folder / f"{path.stem}.{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}{path.suffix}"
    try:
        os.replace(path, target)
    except OSError:  # another file system: copy, then remove
        import shutil

        shutil.copy2(path, target)
        path.unlink()
    return target
