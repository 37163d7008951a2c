"""Markdown (interim: read as plain text)."""
from __future__ import annotations

from pathlib import Path

from assistant.ingest.document import Document
from assistant.ingest.formats.common import Limits
from assistant.ingest.formats.text import read as read_text


def read(path: Path, data: bytes, limits: Limits) -> Document:
    return read_text(path, data, limits)
