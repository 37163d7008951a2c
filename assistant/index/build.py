"""``dareic ingest``: incremental build of a new index version."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.errors import DareicError, DocumentError, IngestError
from assistant.index import store
from assistant.ingest.document import Document
from assistant.ingest.formats.common import Limits
from assistant.ingest.isolate import WorkerFailure, load_isolated, quarantine
from assistant.ingest.load import list_corpus
from assistant.ingest.pipeline import ProcessedDocument, process
from assistant.ingest.registry import extract_registry
from assistant.types import Chunk


@dataclass
class IngestReport:
    files: int = 0
    reused: int = 0
    embedded_files: int = 0
    embedded_chunks: int = 0
    chunks: int = 0
    warnings: list[str] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0
    version: str = ""

    def summary(self) -> str:
        if self.up_to_date:
            return f"index up to date: {self.files} files, {self.chunks} chunks ({self.seconds:.1f} s)"
        return (
            f"indexed {self.files} files, {self.chunks} chunks: {self.embedded_files} files embedded "
            f"({self.embedded_chunks} chunks), {self.reused} unchanged ({self.seconds:.1f} s)"
        )


def _previous(settings: Settings):
    """The current index if it was built with the same settings, else None (full rebuild)."""
    try:
        prev = store.load_index(settings.index_dir, settings.fingerprint())
    except DareicError:
        return None
    return prev


def _embed(chunks: list[Chunk], settings: Settings, progress: bool) -> np.ndarray:
    from tqdm import tqdm

    from assistant.index.encoders import make_encoder
    from assistant.index.llama_embed import EncoderEmbedding

    embedding = EncoderEmbedding(make_encoder(settings.embed_backend, settings.embed_model))
    texts = [store.index_text(c) for c in chunks]
    step = settings.embed_batch_size
    out: list[list[float]] = []
    with tqdm(total=len(texts), desc="embedding", unit="chunk", file=sys.stderr, disable=not progress) as bar:
        for i in range(0, len(texts), step):
            out.extend(embedding.get_text_embedding_batch(texts[i : i + step]))
            bar.update(len(texts[i : i + step]))
    return np.asarray(out, dtype=np.float32)


def ingest(settings: Settings, progress: bool = True, warn=lambda msg: print(f"warning: {msg}", file=sys.stderr)) -> IngestReport:
    t0 = time.perf_counter()
    report = IngestReport()
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        raise IngestError(f"corpus folder {corpus} does not exist", hint="pass --corpus DIR")
    paths = list_corpus(*settings.corpus_dirs())
    prev = _previous(settings)
    prev_files = prev.manifest["files"] if prev else {}
    hashes: dict[str, str] = {}
    for p in paths:
        try:
            hashes[p.name] = store.file_sha256(p)
        except OSError:
            hashes[p.name] = ""
    prev_skipped = prev.manifest.get("skipped", {}) if prev else {}
    if prev and hashes == {**{k: v["sha256"] for k, v in prev_files.items()}, **prev_skipped}:
        for name in prev_skipped:
            warn(f"{name}: still unreadable, skipped (see the previous ingest)")
        report.files, report.chunks, report.up_to_date = len(paths), len(prev.chunks), True
        report.seconds = time.perf_counter() - t0
        report.version = prev.folder.name
        return report

    by_source_prev: dict[str, list[int]] = {}
    if prev:
        for i, c in enumerate(prev.chunks):
            by_source_prev.setdefault(c.source, []).append(i)
        prev_vectors = prev.vectors()
    kept_chunks: list[Chunk] = []
    kept_vectors: list[np.ndarray] = []
    new_docs: list[ProcessedDocument] = []
    documents: dict[str, Document] = {}
    files_meta: dict[str, dict] = {}
    skipped: dict[str, str] = {}
    for p in paths:
        name = p.name
        if prev and name in prev_files and prev_files[name]["sha256"] == hashes[name] and hashes[name]:
            idx = by_source_prev.get(name, [])
            kept_chunks.extend(prev.chunks[i] for i in idx)
            if idx:
                kept_vectors.append(prev_vectors[idx])
            documents[name] = prev.document(name)
            files_meta[name] = prev_files[name]
            report.reused += 1
            continue
        if hashes[name] and prev_skipped.get(name) == hashes[name]:
            # Refused, crashed or timed out last time and unchanged since: not read again.
            msg = f"{name}: still unreadable, skipped (unchanged since the previous ingest)"
            report.warnings.append(msg)
            warn(msg)
            skipped[name] = hashes[name]
            continue
        try:
            doc = process(load_isolated(p, Limits.from_settings(settings)), settings.chunk_size, settings.chunk_min)
        except WorkerFailure as exc:
            moved = quarantine(p, settings.uploads(), Path(settings.data_dir) / "quarantine")
            if moved is None:
                skipped[name] = hashes[name]
            msg = f"{exc.one_line()}; " + (f"moved to quarantine: {moved}" if moved else
                                            "quarantined: not read again while the file is unchanged")
            report.warnings.append(msg)
            warn(msg)
            continue
        except DocumentError as exc:
            report.warnings.append(exc.one_line())
            warn(exc.one_line())
            skipped[name] = hashes[name]
            continue
        for w in doc.warnings:
            report.warnings.append(w)
            warn(w)
        if not doc.chunks:
            msg = f"{name}: no text left after cleaning, skipped"
            report.warnings.append(msg)
            warn(msg)
            skipped[name] = hashes[name]
            continue
        new_docs.append(doc)
        documents[name] = doc.document
        files_meta[name] = {"sha256": hashes[name], "chunks": len(doc.chunks), "title": doc.document.title,
                            "path": str(p.resolve())}
    if not files_meta:
        raise IngestError(f"nothing could be ingested from {corpus}", hint="add PDF, DOCX, TXT, MD or HTML files")

    store.check_writable(settings.index_dir)  # before minutes of embedding, not after
    new_chunks = [c for d in new_docs for c in d.chunks]
    if new_chunks:
        kept_vectors.append(_embed(new_chunks, settings, progress))
    chunks = kept_chunks + new_chunks
    dim = kept_vectors[0].shape[1]
    vectors = np.vstack(kept_vectors) if kept_vectors else np.zeros((0, dim), np.float32)
    manifest = {
        "format_version": store.FORMAT_VERSION,
        "settings": settings.fingerprint(),
        "files": files_meta,
        "skipped": skipped,
        "chunks": len(chunks),
        "dim": int(dim),
        "faiss": "hnsw" if len(chunks) > settings.hnsw_threshold else "flat",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    registry = extract_registry(documents)
    version = store.IndexVersion(manifest, chunks, vectors, documents, {"registry": registry})
    folder = store.write_version(settings.index_dir, version, settings.hnsw_threshold)
    report.files = len(files_meta)
    report.embedded_files = len(new_docs)
    report.embedded_chunks = len(new_chunks)
    report.chunks = len(chunks)
    report.version = folder.name
    report.seconds = time.perf_counter() - t0
    return report


def corpus_changes(settings: Settings, manifest: dict) -> list[str]:
    """File names added, removed or modified since the index was built (cheap check). A file
    skipped by that ingest and unchanged since is no change: it is not read again."""
    known = {**{k: v["sha256"] for k, v in manifest.get("files", {}).items()}, **manifest.get("skipped", {})}
    try:
        paths = {p.name: p for p in list_corpus(*settings.corpus_dirs())}
    except OSError:
        return []
    changed = sorted(set(paths) ^ set(known))
    for name in set(paths) & set(known):
        try:
            if store.file_sha256(paths[name]) != known[name]:
                changed.append(name)
        except OSError:
            changed.append(name)
    return changed


