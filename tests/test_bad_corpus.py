"""Robustness: hostile or broken corpus files, and failures during ingest (a file deleted,
a read-only index folder, SIGKILL). Same rules as test_bad_input: real command, temporary
copies, no traceback, one clear line, the previous index still answers.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from cli_support import (CORPUS, DAREIC, REIMS, _env, assert_no_traceback, assert_one_line_error,
                         assert_still_answers, dareic, search_json, stderr_lines, tree_digest)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


# ----------------------------------------------------------------------------- broken corpus files


def _pdf_with_text(path: Path, text: str) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    y = 800
    for line in text.splitlines():
        c.drawString(50, y, line)
        y -= 16
    c.save()


def make_corrupt_pdf(path: Path) -> None:
    rng = random.Random(1)
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                     + bytes(rng.randrange(256) for _ in range(3000)) + b"\n%%EOF\n")


def make_encrypted_pdf(path: Path) -> None:
    import pypdf

    plain = path.with_suffix(".plain.tmp")
    _pdf_with_text(plain, "Convention secrete entre l'academie de Reims et la Saxe.\nBudget : confidentiel.")
    reader = pypdf.PdfReader(str(plain))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with open(path, "wb") as f:
        writer.write(f)
    plain.unlink()


def make_zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def make_random_bytes(path: Path) -> None:
    rng = random.Random(2)
    path.write_bytes(b"\x00\x01" + bytes(rng.randrange(256) for _ in range(4096)))


def make_latin1(path: Path) -> None:
    path.write_bytes("Académie de Besançon : coopération avec la Thuringe, échanges d'élèves.\n".encode("latin-1"))


BROKEN = {
    "corrupt.pdf": make_corrupt_pdf,
    "encrypted.pdf": make_encrypted_pdf,
    "empty.txt": make_zero_bytes,
    "random-bytes.txt": make_random_bytes,
    "random-bytes.pdf": make_random_bytes,
    "latin1.txt": make_latin1,
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_skipped_with_one_warning(work, name):
    corpus, index = work
    BROKEN[name](corpus / name)
    p = dareic("ingest", "--corpus", str(corpus), "--index", str(index), "--quiet", index=index, corpus=corpus)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr[-2000:]
    naming = [ln for ln in stderr_lines(p) if name in ln]
    assert len(naming) == 1, p.stderr
    assert naming[0].startswith("warning:"), naming
    assert "5 files" in p.stdout, p.stdout  # the five real files are (still) indexed
    out = search_json(index, corpus, REIMS)
    assert all(h["source"] != name for h in out["hits"])
    assert_still_answers(index, corpus)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_leaves_no_library_chatter_on_stderr(tmp_path, name):
    """Only our own lines reach stderr: no message from a PDF library that names no file
    (pypdf logs "invalid pdf header" / "EOF marker not found" unless its logger is quieted)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "officialiser-partenariat-scolaire.txt", corpus)
    BROKEN[name](corpus / name)
    index = tmp_path / "index"
    p = dareic("ingest", "--corpus", str(corpus), "--index", str(index), "--quiet", index=index, corpus=corpus)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    stray = [ln for ln in stderr_lines(p) if not ln.startswith(("warning:", "error:"))]
    assert not stray, stray


def test_all_broken_files_together_then_nothing_ingestible(tmp_path, base_index):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(base_index, index)
    for name, make in BROKEN.items():
        make(corpus / name)
    p = dareic("ingest", "--corpus", str(corpus), "--index", str(index), "--quiet", index=index, corpus=corpus)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr[-2000:]
    warned = [ln for ln in stderr_lines(p) if ln.startswith("warning:")]
    for name in BROKEN:
        assert sum(name in ln for ln in warned) == 1, (name, warned)
    assert_still_answers(index, corpus)

    # A corpus where nothing at all can be read: exit non-zero, one error line, the index untouched.
    only_bad = tmp_path / "only-bad"
    only_bad.mkdir()
    for name, make in BROKEN.items():
        make(only_bad / name)
    before = tree_digest(index)
    p = dareic("ingest", "--corpus", str(only_bad), "--index", str(index), "--quiet", index=index, corpus=only_bad)
    assert_no_traceback(p)
    assert p.returncode != 0
    errors = [ln for ln in stderr_lines(p) if ln.startswith("error:")]
    assert len(errors) == 1 and "nothing could be ingested" in errors[0], p.stderr
    assert stderr_lines(p)[-1] == errors[0], p.stderr
    assert tree_digest(index) == before
    assert_still_answers(index, corpus)


def test_file_deleted_during_ingest(work, monkeypatch):
    """A listed file vanishes before it is read: one warning naming it, the rest is indexed."""
    from assistant.config import Settings
    from assistant.index import build

    corpus, index = work
    (corpus / "zz-ajout-1.txt").write_text("Ajout\n\nL'académie de Reims accueille une délégation de Basse-Saxe "
                                           "pour un séminaire sur les mobilités d'apprentis.\n", encoding="utf-8")
    (corpus / "zz-ajout-2.txt").write_text("Ajout 2\n\nCe fichier sera supprimé pendant l'ingestion.\n",
                                           encoding="utf-8")
    real_load = build.load_isolated
    loaded: list[str] = []

    def load_then_delete_next(path: Path, limits=None):
        loaded.append(path.name)
        if path.name == "zz-ajout-1.txt":
            (path.parent / "zz-ajout-2.txt").unlink()  # gone after listing and hashing, before reading
        return real_load(path, limits)

    monkeypatch.setattr(build, "load_isolated", load_then_delete_next)
    warnings: list[str] = []
    report = build.ingest(Settings(corpus_dir=corpus, index_dir=index), progress=False, warn=warnings.append)
    assert loaded == ["zz-ajout-1.txt", "zz-ajout-2.txt"]  # the five real files were reused
    assert len(warnings) == 1 and "zz-ajout-2.txt" in warnings[0], warnings
    assert "\n" not in warnings[0]
    assert report.files == 6 and report.embedded_files == 1, report
    monkeypatch.undo()

    from assistant.app import Assistant

    hits = Assistant(Settings(corpus_dir=corpus, index_dir=index)).search("séminaire mobilités d'apprentis Reims", 5)
    assert any(h.chunk.source == "zz-ajout-1.txt" for h in hits)
    assert all(h.chunk.source != "zz-ajout-2.txt" for h in hits)
    assert_still_answers(index, corpus)


# ----------------------------------------------------------------------------- read-only index directory


PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _drop_file_override_capabilities():
    """In the child before exec: drop the capabilities that let root ignore file modes.

    Root keeps uid 0 (the interpreter under /root stays readable) but, without
    CAP_DAC_OVERRIDE, a folder with mode 0o555 is read-only for it like for anyone."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _read_only_kwargs(folder: Path) -> dict:
    """subprocess kwargs under which ``folder`` (mode 0o555) really is read-only, or skip."""
    if os.geteuid() != 0:
        return {}
    kw = {"preexec_fn": _drop_file_override_capabilities}
    probe = subprocess.run([sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"], capture_output=True,
                           **kw)
    if probe.returncode == 0:
        (folder / "probe").unlink(missing_ok=True)
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE: a read-only folder cannot be simulated")
    return kw


def test_read_only_index_directory(work):
    """Ingest into an index folder it cannot write: one error line, exit 1, previous index untouched.

    As a normal user chmod 0o555 is enough. As root (CI) chmod alone does not stop writes, so
    the ingest runs without CAP_DAC_OVERRIDE, which makes the file modes apply to root too."""
    corpus, index = work
    with open(corpus / "officialiser-partenariat-scolaire.txt", "a", encoding="utf-8") as f:
        f.write("\n\nAjout : le dossier est transmis à la DAREIC avant le 15 mars.\n")
    before = tree_digest(index)
    folders = [index, *[p for p in index.rglob("*") if p.is_dir()]]
    for d in folders:
        os.chmod(d, 0o555)
    try:
        kw = _read_only_kwargs(index)
        p = dareic("ingest", "--corpus", str(corpus), "--index", str(index), "--quiet", index=index, corpus=corpus,
                   **kw)
        line = assert_one_line_error(p, str(index))
        assert "writ" in line.lower() or "permission" in line.lower(), line
    finally:
        for d in folders:
            os.chmod(d, 0o755)
    assert tree_digest(index) == before
    assert_still_answers(index, corpus)


def test_index_path_under_a_regular_file(tmp_path):
    """``--index`` whose parent is a file, so no folder can be made there: one error line, exit 1."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "officialiser-partenariat-scolaire.txt", corpus)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file\n", encoding="utf-8")
    index = blocker / "index"
    p = dareic("ingest", "--corpus", str(corpus), "--index", str(index), "--quiet", index=index, corpus=corpus)
    assert_one_line_error(p, "index")
    assert blocker.read_text(encoding="utf-8") == "I am a file\n"


# ----------------------------------------------------------------------------- kill -9 during ingest


def test_ingest_killed_with_sigkill_keeps_the_previous_index(work):
    corpus, index = work
    version_before = (index / "CURRENT").read_text(encoding="utf-8").strip()
    digest_before = tree_digest(index / version_before)
    with open(corpus / "plan-erasmus-academie-poitiers.txt", "a", encoding="utf-8") as f:
        f.write("\n\nAnnexe ajoutée : calendrier des mobilités pour l'année suivante.\n")

    proc = subprocess.Popen([DAREIC, "ingest", "--corpus", str(corpus), "--index", str(index)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(index, corpus))
    seen = bytearray()

    def pump():
        while True:
            chunk = proc.stderr.read1(4096)
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    deadline = time.monotonic() + 90
    while b"embedding" not in seen and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert b"embedding" in seen, f"ingest never reached the embedding step:\n{seen.decode(errors='replace')}"
    time.sleep(0.5)  # halfway through the embedding
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    reader.join(5)
    proc.stdout.close()
    proc.stderr.close()

    assert (index / "CURRENT").read_text(encoding="utf-8").strip() == version_before
    assert tree_digest(index / version_before) == digest_before
    out = search_json(index, corpus, REIMS)  # the previous version answers
    assert any("Reims" in h["section"] for h in out["hits"])

    p = dareic("ingest", "--corpus", str(corpus), "--index", str(index), "--quiet", index=index, corpus=corpus)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    assert "1 files embedded" in p.stdout or "1 file embedded" in p.stdout, p.stdout
    assert (index / "CURRENT").read_text(encoding="utf-8").strip() != version_before
    assert not list(index.glob(".tmp-v-*")), list(index.iterdir())
    out = search_json(index, corpus, "calendrier des mobilités pour l'année suivante")
    assert any(h["source"] == "plan-erasmus-academie-poitiers.txt" for h in out["hits"])
