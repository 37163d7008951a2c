"""Build, persist and load the index: FAISS (dense) + bm25s (French BM25) + manifest.

Layout: ``index_dir/CURRENT`` names the live version folder ``v-…``. An ingest writes
a complete new version and then replaces CURRENT atomically, so an interrupted or
failed ingest (Ctrl-C, kill -9, full disk, read-only folder) leaves the previous
index usable."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import IndexMissingError, IndexStaleError, IndexWriteError
from assistant.ingest.document import Document, document_from_dict, document_to_dict
from assistant.textnorm import match_key
from assistant.types import Chunk, chunk_from_dict, chunk_to_dict

FORMAT_VERSION = 4
POINTER = "CURRENT"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_words(source: str) -> str:
    """'convention-aix-marseille-cgpme-agefa.txt' -> 'convention aix marseille cgpme agefa'."""
    return source.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")


def index_text(chunk: Chunk) -> str:
    """What the retrievers see: the document's title, its file name's words and the section
    path give a passage its context ("… convention … › 3.4 Durée de la convention") while the chunk
    text stays verbatim. The file name is kept beside the title: a title is often generic
    ("CONVENTION DE PARTENARIAT") where the name users gave the file is not. The front matter
    (the short lines under the title) says the subject minutes or notes never repeat."""
    words = file_words(chunk.source)
    label = chunk.title if chunk.title and match_key(words) in match_key(chunk.title) else \
        " · ".join(p for p in (chunk.title, words) if p)
    if chunk.subject:
        label = f"{label} · {chunk.subject}"
    return f"{label} › {chunk.section}\n{chunk.text}"


def build_faiss(vectors: np.ndarray, hnsw_threshold: int):
    import faiss

    dim = vectors.shape[1]
    if len(vectors) > hnsw_threshold:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def build_bm25(chunks: list[Chunk]):
    import bm25s

    from assistant.index.analyzer import tokenize

    model = bm25s.BM25(k1=1.2, b=0.75)
    model.index([tokenize(index_text(c)) or ["∅"] for c in chunks], show_progress=False)
    return model


@dataclass
class IndexVersion:
    """Everything an ingest produced, in memory."""

    manifest: dict
    chunks: list[Chunk]
    vectors: np.ndarray
    documents: dict[str, Document] = field(default_factory=dict)  # by source: blocks, canonical and raw text
    extras: dict[str, object] = field(default_factory=dict)  # JSON artefacts, e.g. the registry


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def check_writable(index_dir: Path) -> None:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        probe = index_dir / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise IndexWriteError(f"cannot write the index in {index_dir}: {exc.strerror or exc}") from exc


def write_version(index_dir: Path, version: IndexVersion, hnsw_threshold: int) -> Path:
    """Write a new version folder, then switch CURRENT to it in one rename."""
    import faiss

    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        name = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}"  # unique within a second
        tmp = index_dir / f".tmp-{name}"
        tmp.mkdir()
        with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as f:
            for c in version.chunks:
                f.write(json.dumps(chunk_to_dict(c), ensure_ascii=False) + "\n")
        np.save(tmp / "vectors.npy", version.vectors.astype(np.float32))
        faiss.write_index(build_faiss(version.vectors, hnsw_threshold), str(tmp / "faiss.index"))
        build_bm25(version.chunks).save(str(tmp / "bm25"), show_progress=False)
        (tmp / "docs").mkdir()
        for source, doc in version.documents.items():
            (tmp / "docs" / f"{source}.txt").write_text(doc.text, encoding="utf-8")
            if doc.raw:
                (tmp / "docs" / f"{source}.raw").write_text(doc.raw, encoding="utf-8")
            _write_json(tmp / "docs" / f"{source}.json", document_to_dict(doc))
        for key, data in version.extras.items():
            _write_json(tmp / f"{key}.json", data)
        _write_json(tmp / "manifest.json", version.manifest)
        final = index_dir / name
        os.replace(tmp, final)
        pointer_tmp = index_dir / f".{POINTER}.{os.getpid()}"
        pointer_tmp.write_text(name, encoding="utf-8")
        os.replace(pointer_tmp, index_dir / POINTER)
    except OSError as exc:
        raise IndexWriteError(f"cannot write the index in {index_dir}: {exc.strerror or exc}") from exc
    _prune(index_dir, keep={name})
    return final


def _prune(index_dir: Path, keep: set[str]) -> None:
    """Remove leftovers of interrupted ingests and all but the newest previous version."""
    versions = sorted(p for p in index_dir.glob("v-*") if p.is_dir() and p.name not in keep)
    for p in versions[:-1] + list(index_dir.glob(".tmp-v-*")) + list(index_dir.glob(f".{POINTER}.*")):
        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)


def current_version(index_dir: Path) -> Path:
    pointer = index_dir / POINTER
    if not pointer.exists():
        raise IndexMissingError(f"no index in {index_dir}")
    folder = index_dir / pointer.read_text(encoding="utf-8").strip()
    if not (folder / "manifest.json").exists():
        raise IndexMissingError(f"the index in {index_dir} is incomplete")
    return folder


def read_manifest(index_dir: Path) -> dict:
    return json.loads((current_version(index_dir) / "manifest.json").read_text(encoding="utf-8"))


def check_compatible(manifest: dict, fingerprint: dict) -> None:
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexStaleError("the index was built by another version of dareic")
    built = manifest.get("settings", {})
    changed = [k for k, v in fingerprint.items() if built.get(k) != v]
    if changed:
        detail = ", ".join(f"{k}: index {built.get(k)!r} ≠ now {fingerprint[k]!r}" for k in changed)
        raise IndexStaleError(f"the index was built with other settings ({detail})")


@dataclass
class LoadedIndex:
    folder: Path
    manifest: dict
    chunks: list[Chunk]
    faiss: object
    bm25: object
    _texts: dict[str, str] = field(default_factory=dict)

    def document(self, source: str) -> Document | None:
        """The document's blocks, title and texts, as ingest extracted them."""
        key = f"doc:{source}"
        if key not in self._texts:
            path = self.folder / "docs" / f"{source}.json"
            self._texts[key] = document_from_dict(json.loads(path.read_text(encoding="utf-8")),
                                                  self.document_text(source), self.raw_text(source)) \
                if path.exists() else None
        return self._texts[key]

    def title(self, source: str) -> str:
        meta = self.manifest.get("files", {}).get(source, {})
        return meta.get("title") or file_words(source)

    def document_text(self, source: str) -> str:
        if source not in self._texts:
            path = self.folder / "docs" / f"{source}.txt"
            self._texts[source] = path.read_text(encoding="utf-8") if path.exists() else ""
        return self._texts[source]

    def sources(self) -> list[str]:
        return list(self.manifest.get("files", {}))

    def raw_text(self, source: str) -> str:
        """The file's own text for plain-text formats (quotes map back to it), else ''."""
        key = f"raw:{source}"
        if key not in self._texts:
            path = self.folder / "docs" / f"{source}.raw"
            self._texts[key] = path.read_text(encoding="utf-8") if path.exists() else ""
        return self._texts[key]

    def chunks_of(self, source: str) -> list[Chunk]:
        if not hasattr(self, "_by_source"):
            by: dict[str, list[Chunk]] = {}
            for c in self.chunks:
                by.setdefault(c.source, []).append(c)
            self._by_source = by
        return self._by_source.get(source, [])

    def idf(self) -> dict[str, float]:
        """BM25 inverse document frequency of every indexed term."""
        if not hasattr(self, "_idf"):
            import math

            indptr = np.asarray(self.bm25.scores["indptr"])
            n = int(self.bm25.scores["num_docs"])
            df = np.diff(indptr)
            self._idf = {
                t: math.log(1 + (n - df[i] + 0.5) / (df[i] + 0.5))
                for t, i in self.bm25.vocab_dict.items()
                if i < len(df) and df[i] > 0 and t
            }
        return self._idf

    def extra(self, key: str):
        path = self.folder / f"{key}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def vectors(self) -> np.ndarray:
        return np.load(self.folder / "vectors.npy")


def load_index(index_dir: Path, fingerprint: dict) -> LoadedIndex:
    import bm25s
    import faiss

    folder = current_version(index_dir)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    check_compatible(manifest, fingerprint)
    with open(folder / "chunks.jsonl", encoding="utf-8") as f:
        chunks = [chunk_from_dict(json.loads(line)) for line in f if line.strip()]
    fx = faiss.read_index(str(folder / "faiss.index"))
    if hasattr(fx, "hnsw"):
        fx.hnsw.efSearch = 128
    bm = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
    return LoadedIndex(folder, manifest, chunks, fx, bm)
