"""The chat's one ``Assistant``, shared by every session of the UI process.

Built on first use (ingesting first when the index is missing or stale, which
also picks up the uploads folder), warmed, then kept; a failed build is
retried at the next question. Answers are computed one at a time: the
answerer keeps caches that are not meant for concurrent writers.
"""
from __future__ import annotations

import logging
import threading
import time

from assistant.config import Settings
from assistant.errors import IndexMissingError, IndexStaleError
from assistant.ui import upload

log = logging.getLogger("dareic.ui")

_state: dict = {"assistant": None, "error": None}
_build_lock = threading.Lock()
_ask_lock = threading.Lock()


def settings() -> Settings:
    return Settings()


def ready() -> bool:
    return _state["assistant"] is not None


def failed() -> bool:
    return _state["error"] is not None


def _ensure_index(a) -> None:
    try:
        stale = a.stale_files()
    except (IndexMissingError, IndexStaleError) as exc:
        log.info("index not usable (%s): ingesting the corpus first", exc.one_line())
        stale = True
    if stale:
        with upload.INGEST_LOCK:
            report = upload._ingest(a, lambda m: log.warning("ingest: %s", m))
        log.info("ingest: %s", report.summary())


def get_assistant():
    """The shared, warmed Assistant (blocking; built once, retried after a failure)."""
    a = _state["assistant"]
    if a is not None:
        return a
    with _build_lock:
        if _state["assistant"] is None:
            from assistant.app import Assistant

            t0 = time.perf_counter()
            try:
                a = Assistant(settings())
                _ensure_index(a)
                a.warm()  # also answers one question made of the index's own words
            except Exception as exc:
                _state["error"] = exc
                raise
            _state["assistant"], _state["error"] = a, None
            log.info("assistant ready in %.1f s", time.perf_counter() - t0)
    return _state["assistant"]


def warm_in_background() -> None:
    try:
        get_assistant()
    except Exception as exc:  # reported to the user on their first question
        log.error("assistant could not be prepared: %s", exc)


def ask(question: str, history: list[str]):
    a = get_assistant()
    with _ask_lock:
        return a.ask(question, history)


def ask_streaming(question: str, history: list[str], on_piece):
    """Like ask(), handing each piece of a streamed answer to ``on_piece`` as the answerer
    produces it (an answerer that does not stream hands none)."""
    a = get_assistant()
    with _ask_lock:
        stream = a.stream_answer(question, history)
        if stream is None:
            return a.ask(question, history)
        for piece in stream:
            on_piece(piece)
        return stream.answer
