"""The project's encoders as a llama-index ``BaseEmbedding``, so any llama-index
pipeline (ingest, the benchmark baseline, a future generative backend) can use them."""
from __future__ import annotations

from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.index.encoders import Encoder


class EncoderEmbedding(BaseEmbedding):
    _encoder: Any = PrivateAttr()

    def __init__(self, encoder: Encoder, **kwargs: Any):
        super().__init__(model_name=encoder.name, **kwargs)
        self._encoder = encoder

    @classmethod
    def class_name(cls) -> str:
        return "DareicEncoderEmbedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encoder.encode_queries([query])[0].tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encoder.encode_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encoder.encode_passages(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)
