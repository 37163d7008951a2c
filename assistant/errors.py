"""Errors that carry a one-line, user-facing hint; surfaces translate them at the edge."""
from __future__ import annotations


class DareicError(Exception):
    """Base error: ``str(err)`` is one line for the user, ``hint`` says what to do."""

    hint: str = ""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def one_line(self) -> str:
        msg = str(self).replace("\n", " ")
        return f"{msg} — {self.hint}" if self.hint else msg


class IndexMissingError(DareicError):
    hint = "run `dareic ingest`"


class IndexStaleError(DareicError):
    hint = "run `dareic ingest`"


class IngestError(DareicError):
    """Nothing at all could be ingested."""


class DocumentError(DareicError):
    """One document could not be read; ingest warns and goes on."""


class BadQuestionError(DareicError):
    hint = "ask a question in words, e.g. « Quels Länder sont partenaires de l'académie de Reims ? »"


class EmbeddingError(DareicError):
    hint = "check DAREIC_EMBED_BACKEND / DAREIC_EMBED_MODEL"


class IndexWriteError(DareicError):
    hint = "check that the index directory is writable; the previous index is untouched"
