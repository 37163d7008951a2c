"""What every format reader shares: the limits it must respect and strict decoding."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import DocumentError


@dataclass(frozen=True)
class Limits:
    """Per-document budgets (from the settings); a reader refuses a document beyond them."""

    max_chars: int = 3_000_000
    max_bytes: int = 100 * 1024 * 1024
    timeout_s: float = 60.0
    memory_mb: int = 1024
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def from_settings(cls, settings) -> "Limits":
        return cls(settings.max_document_chars, settings.max_document_mb * 1024 * 1024,
                   settings.document_timeout_s, settings.document_memory_mb)

    def check_time(self, path: Path) -> None:
        """Readers call this between pages or paragraphs: a slow document stops early."""
        if time.monotonic() - self.started > self.timeout_s:
            raise DocumentError(f"{path.name}: reading took longer than {self.timeout_s:.0f} s, skipped",
                                hint="split the document or raise DAREIC_DOCUMENT_TIMEOUT_S")

    def check_chars(self, path: Path, n: int) -> None:
        if n > self.max_chars:
            raise DocumentError(f"{path.name}: more than {self.max_chars:,} characters of text, skipped".replace(",", " "),
                                hint="split the document or raise DAREIC_MAX_DOCUMENT_CHARS")


class BlockSink:
    """Collects a reader's blocks while keeping it within its time and size budget."""

    def __init__(self, path: Path, limits: Limits):
        self.path, self.limits = path, limits
        self.blocks: list = []
        self.chars = 0

    def add(self, block) -> None:
        if not block.text.strip():
            return
        self.limits.check_time(self.path)
        self.chars += len(block.text)
        self.limits.check_chars(self.path, self.chars)
        self.blocks.append(block)


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def decode(path: Path, data: bytes) -> str:
    if looks_binary(data):
        raise DocumentError(f"{path.name}: binary content in a text file, skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path.name}: not valid UTF-8 (byte {exc.start}), skipped", hint="re-save the file as UTF-8"
        ) from exc
