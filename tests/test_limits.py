"""Per-document limits on a real ``dareic ingest``: a decompression-bomb DOCX and a 200 MB
text file are refused unread with one warning line each; a document whose reader overruns
its time or memory is stopped, listed, quarantined and not read again; the rest of the
corpus stays searchable. The time bounds are generous guards against hangs, not
performance targets; each test prints what it measured."""
from __future__ import annotations

import io
import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from cli_support import DAREIC, _env, assert_no_traceback, assert_still_answers, stderr_lines

from assistant.errors import DocumentError
from assistant.ingest.formats.common import Limits
from assistant.ingest.isolate import WorkerFailure, load_isolated, quarantine
from assistant.ingest.load import load_document

MB = 1024 * 1024
HANG_GUARD_S = 30


def make_bomb_docx(path: Path, expanded_mb: int = 260) -> Path:
    """A real Word file whose document.xml, written in a stream, unpacks to ``expanded_mb``."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(buf)
    paragraph = "<w:p><w:r><w:t>Les partenaires conviennent de développer les mobilités.</w:t></w:r></w:p>"
    chunk = (paragraph * 12_000).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, src.read(info.filename))
        with out.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
                    b'.org/wordprocessingml/2006/main"><w:body>')
            written = 0
            while written < expanded_mb * MB:
                f.write(chunk)
                written += len(chunk)
            f.write(b"</w:body></w:document>")
    return path


def make_big_text(path: Path, mb: int = 200) -> Path:
    line = "L'académie et le Land conviennent d'échanges d'élèves et d'enseignants.\n"
    block = (line * (MB // len(line.encode()) + 1)).encode()
    with open(path, "wb") as f:
        for _ in range(mb):
            f.write(block)
        f.truncate(mb * MB)
    return path


def make_slow_html(path: Path, elements: int = 300_000) -> Path:
    """A 9 MB page of 300 000 paragraphs: seconds of parsing for BeautifulSoup, in one call
    that never reaches the reader's own time checks."""
    body = "".join(f"<p><span>mot {i}</span></p>" for i in range(elements))
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


def measured_ingest(corpus: Path, index: Path, data: Path, **settings: str):
    """A real ``dareic ingest`` started by a fresh Python process whose only child it is, so
    that this process's RUSAGE_CHILDREN peak is the ingest's own (workers included):
    (result, seconds, peak resident memory in MB)."""
    import json
    import sys

    env = _env(index, corpus)
    env.update({"DAREIC_DATA_DIR": str(data), "DAREIC_UPLOAD_DIR": str(data / "uploads")})
    env.update({f"DAREIC_{k.upper()}": v for k, v in settings.items()})
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        f"p = subprocess.run([{DAREIC!r}, 'ingest', '--quiet'], capture_output=True, timeout=300)\n"
        "print(json.dumps({'rc': p.returncode, 'seconds': time.monotonic() - t,\n"
        "  'maxrss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,\n"
        "  'stdout': p.stdout.decode('utf-8', 'replace'), 'stderr': p.stderr.decode('utf-8', 'replace')}))\n"
    )
    p = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, timeout=360)
    assert p.returncode == 0, p.stderr.decode()[-2000:]
    r = json.loads(p.stdout)
    done = subprocess.CompletedProcess([DAREIC, "ingest"], r["rc"], r["stdout"], r["stderr"])
    return done, r["seconds"], r["maxrss_mb"]


def warnings_about(p: subprocess.CompletedProcess, name: str) -> list[str]:
    return [ln for ln in stderr_lines(p) if name in ln]


@pytest.mark.slow
def test_bomb_docx_and_200_mb_text_are_refused_unread(work, tmp_path):
    corpus, index = work
    t0 = time.monotonic()
    make_bomb_docx(corpus / "bombe.docx")
    make_big_text(corpus / "enorme.txt")
    made = time.monotonic() - t0
    bomb_kb = (corpus / "bombe.docx").stat().st_size // 1024
    p, seconds, peak_mb = measured_ingest(corpus, index, tmp_path / "data")
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr[-2000:]
    bomb, big = warnings_about(p, "bombe.docx"), warnings_about(p, "enorme.txt")
    assert len(bomb) == 1 and "expands to" in bomb[0] and "refused unread" in bomb[0], p.stderr
    assert len(big) == 1 and "too large (200 MB" in big[0], p.stderr
    print(f"\nbomb {bomb_kb} kB packed (260 MB unpacked) + 200 MB text, built in {made:.1f} s; "
          f"ingest {seconds:.1f} s, peak RSS {peak_mb} MB")
    assert seconds < HANG_GUARD_S and peak_mb < 1024
    assert_still_answers(index, corpus)


@pytest.mark.slow
def test_stopped_reader_is_quarantined_listed_and_not_read_again(work, tmp_path):
    corpus, index = work
    data = tmp_path / "data"
    uploads = data / "uploads"
    uploads.mkdir(parents=True)
    make_slow_html(corpus / "lente.html")  # bundled: recorded, never moved
    p1, s1, peak1 = measured_ingest(corpus, index, data, document_timeout_s="1")
    assert_no_traceback(p1)
    assert p1.returncode == 0, p1.stderr[-2000:]
    slow = warnings_about(p1, "lente.html")
    assert len(slow) == 1 and "took longer than 1 s" in slow[0] and "quarantined" in slow[0], p1.stderr
    assert (corpus / "lente.html").exists()

    make_slow_html(uploads / "lourde.html", 200_000)  # an upload: moved aside
    p2, s2, peak2 = measured_ingest(corpus, index, data, document_memory_mb="64")
    assert_no_traceback(p2)
    heavy = warnings_about(p2, "lourde.html")
    assert len(heavy) == 1 and "more than 64 MB of memory" in heavy[0], p2.stderr
    assert not (uploads / "lourde.html").exists() and (data / "quarantine" / "lourde.html").exists()
    again = warnings_about(p2, "lente.html")
    assert len(again) == 1 and "still unreadable" in again[0], p2.stderr

    p3, s3, peak3 = measured_ingest(corpus, index, data, document_timeout_s="1")
    assert_no_traceback(p3)
    assert [ln for ln in stderr_lines(p3) if "lente.html" in ln and "still unreadable" in ln], p3.stderr
    assert not warnings_about(p3, "lourde.html") and "took longer" not in p3.stderr
    print(f"\ntimeout run {s1:.1f} s (peak {peak1} MB), memory run {s2:.1f} s (peak {peak2} MB), "
          f"next run {s3:.1f} s")
    assert max(s1, s2, s3) < HANG_GUARD_S
    from assistant.config import Settings
    from assistant.index.build import corpus_changes
    from assistant.index.store import read_manifest

    # what the UI checks at start-up: the recorded file is no reason to ingest again
    assert corpus_changes(Settings(corpus_dir=corpus, index_dir=index, data_dir=data), read_manifest(index)) == []
    assert_still_answers(index, corpus)


# ----------------------------------------------------------------------------- in-process


def test_isolated_reading_gives_the_same_document(tmp_path):
    for path in sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))[:2]:
        assert load_isolated(path) == load_document(path)
    (tmp_path / "latin.txt").write_bytes("académie".encode("latin-1"))
    with pytest.raises(DocumentError) as err:
        load_isolated(tmp_path / "latin.txt")
    assert not isinstance(err.value, WorkerFailure) and "latin.txt: not valid UTF-8" in err.value.one_line()


def test_crashing_reader_is_one_line_naming_the_file(tmp_path, monkeypatch):
    from assistant.ingest import formats

    # A reader that dies in native code the way a parser bug would (the worker is forked,
    # so it runs this patched table).
    monkeypatch.setitem(formats.READERS, ".txt", lambda path, data, limits: os.abort())
    (tmp_path / "fiche.txt").write_text("Un texte.", encoding="utf-8")
    with pytest.raises(WorkerFailure) as err:
        load_isolated(tmp_path / "fiche.txt", Limits())
    assert err.value.kind == "crash"
    assert err.value.one_line() == "fiche.txt: the reader crashed (SIGABRT), skipped"


def test_quarantine_moves_uploads_only(tmp_path):
    bundled, uploads, aside = tmp_path / "corpus", tmp_path / "uploads", tmp_path / "quarantine"
    for folder in (bundled, uploads):
        folder.mkdir()
        (folder / "doc.html").write_text("<p>x</p>", encoding="utf-8")
    assert quarantine(bundled / "doc.html", uploads, aside) is None and (bundled / "doc.html").exists()
    moved = quarantine(uploads / "doc.html", uploads, aside)
    assert moved == aside / "doc.html" and moved.exists() and not (uploads / "doc.html").exists()
    (uploads / "doc.html").write_text("<p>y</p>", encoding="utf-8")
    second = quarantine(uploads / "doc.html", uploads, aside)
    assert second != moved and second.read_text(encoding="utf-8") == "<p>y</p>"
