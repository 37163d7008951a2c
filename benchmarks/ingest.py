"""Ingest and cold-start timings, through the real ``dareic`` command (honest wall clock,
each child's own peak RSS via ``os.wait4``), and PDF throughput in pages per second on the
rendered corpus (evals/corpora/pdf/): end to end through ``dareic ingest`` and for the
reader alone, next to the raw engines it could stand on."""
from __future__ import annotations

import json
import statistics
from pathlib import Path

from benchmarks.common import PROJECT_ROOT, ChildRun, dareic_bin, run_child

PDF_DIR = PROJECT_ROOT / "evals" / "corpora" / "pdf"

COLD_QUESTION = "Quels Länder sont partenaires de l'académie de Reims ?"


def ingest(corpus: Path, index: Path, timeout: float = 300) -> ChildRun:
    return run_child([dareic_bin(), "ingest", "--corpus", str(corpus), "--index", str(index), "--quiet"],
                     timeout=timeout)


def _check(run: ChildRun, what: str) -> None:
    if run.returncode != 0:
        tail = (run.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        raise RuntimeError(f"{what} failed (exit {run.returncode}): {tail}")


def measure_ingest(corpus: Path, index: Path, pdf_dir: Path = PDF_DIR) -> dict:
    """Cold (fresh index dir, every chunk embedded) then incremental (nothing changed); then
    the PDF corpus (see ``measure_pdf``)."""
    cold = ingest(corpus, index)
    _check(cold, "cold ingest")
    incr = ingest(corpus, index)
    _check(incr, "incremental ingest")
    out = {
        "cold_s": cold.wall_s, "cold_rss_mb": cold.peak_rss_mb, "cold_summary": cold.stdout.strip(),
        "incremental_s": incr.wall_s, "incremental_rss_mb": incr.peak_rss_mb,
        "incremental_summary": incr.stdout.strip(),
    }
    try:
        out["pdf"] = measure_pdf(pdf_dir, index.parent / "pdf-index")
    except Exception as exc:  # noqa: BLE001 - the PDF figures must not hide the main ingest ones
        out["pdf"] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


def _best(fn, repeats: int) -> float:
    import time

    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure_pdf_reading(folder: Path = PDF_DIR, repeats: int = 3) -> dict:
    """Pages per second (best of ``repeats``) of the PDF reader (``load_document``: layout,
    blocks, canonical text) and of the raw engines: pypdf's plain text (no fonts, no
    positions), pdfminer.six's characters (what the reader stands on) and pdfplumber's words
    with fonts (what a pdfplumber-based reader would pay before any analysis)."""
    import logging

    import pdfplumber
    import pypdf

    from assistant.ingest.formats.pdf import extract_pages
    from assistant.ingest.formats.common import Limits
    from assistant.ingest.load import load_document

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = sorted(Path(folder).glob("*.pdf"))
    if not files:
        raise FileNotFoundError(f"no PDF in {folder} (python -m evals.corpora.render_pdf renders them)")
    pages = sum(len(pypdf.PdfReader(str(f)).pages) for f in files)
    load_document(files[0])  # imports and the gazetteer, outside the timing

    def reader():
        for f in files:
            load_document(f)

    def pypdf_text():
        for f in files:
            for page in pypdf.PdfReader(str(f)).pages:
                page.extract_text()

    def pdfminer_chars():
        for f in files:
            for _ in extract_pages(f.read_bytes(), f, Limits()):
                pass

    def pdfplumber_words():
        for f in files:
            with pdfplumber.open(str(f)) as pdf:
                for page in pdf.pages:
                    page.extract_words(extra_attrs=["fontname", "size"])

    out: dict = {"files": len(files), "pages": pages}
    for name, fn in [("reader", reader), ("pypdf_text", pypdf_text), ("pdfminer_chars", pdfminer_chars),
                     ("pdfplumber_words", pdfplumber_words)]:
        secs = _best(fn, repeats)
        out[f"{name}_s"] = secs
        out[f"{name}_pages_per_s"] = pages / secs if secs else float("nan")
    return out


def measure_pdf(folder: Path = PDF_DIR, index: Path | None = None) -> dict:
    """The rendered PDF corpus: a cold ``dareic ingest`` of it (model load and embedding
    included) in pages per second, and the reader alone (``measure_pdf_reading``)."""
    import tempfile

    out = measure_pdf_reading(folder)
    with tempfile.TemporaryDirectory(prefix="dareic-pdf-bench-") as tmp:
        run = ingest(Path(folder), Path(index) if index else Path(tmp) / "index")
    _check(run, "PDF ingest")
    out.update({"ingest_s": run.wall_s, "ingest_rss_mb": run.peak_rss_mb, "ingest_summary": run.stdout.strip(),
                "ingest_pages_per_s": out["pages"] / run.wall_s if run.wall_s else float("nan")})
    return out


def measure_cold_start(index: Path, repeats: int = 3, question: str = COLD_QUESTION) -> dict:
    """Wall time of a fresh ``dareic search --json`` / ``dareic ask --json`` process (median of runs)."""
    out: dict = {}
    for cmd in ("search", "ask"):
        runs = [run_child([dareic_bin(), cmd, "--json", "--index", str(index), question], timeout=120)
                for _ in range(repeats)]
        ok = [r for r in runs if r.returncode == 0]
        if not ok:
            last = runs[-1]
            lines = last.stderr.strip().splitlines() or ["(no stderr)"]
            out[f"{cmd}_error"] = lines[-1][:300]
            continue
        try:
            payload = json.loads(ok[-1].stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            payload = {}
        out[f"{cmd}_cold_s"] = statistics.median(r.wall_s for r in ok)
        out[f"{cmd}_cold_all_s"] = [r.wall_s for r in ok]
        out[f"{cmd}_rss_mb"] = max(r.peak_rss_mb for r in ok)
        if cmd == "ask":
            out["ask_sample"] = {"answer": str(payload.get("answer", ""))[:200], "refused": payload.get("refused")}
        else:
            out["search_sample_hits"] = len(payload.get("hits", []))
    return out
