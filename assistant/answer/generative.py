"""A generative answerer for an OpenAI-compatible chat-completions endpoint (a local
model server, for instance). It keeps the extractive answerer's contract: the passages are
numbered, the model must cite them as [n], and every kept citation quotes its passage
verbatim. Off by default: no LLM exists on this machine."""
from __future__ import annotations

import json
import re
import secrets
from collections.abc import Generator, Iterable, Iterator

from assistant.answer.base import CitationBook
from assistant.answer.analysis import analyse
from assistant.answer.prompts import load_prompt
from assistant.errors import DareicError
from assistant.types import Answer

_LANG = {"fr": "français", "en": "anglais", "de": "allemand"}
NOT_FOUND = "NON_TROUVÉ"


def quoted_passages(hits, code: str | None = None) -> str:
    """The passages as quoted data for the prompt (prompts/answer.md says so): each between
    ``⟦extrait n · code⟧`` and ``⟦fin n · code⟧`` lines, with a random code per question so
    that a document cannot close its own block and write outside it."""
    code = code or secrets.token_hex(6)
    return "\n\n".join(
        f"⟦extrait {h.rank} · {code}⟧\n[{h.rank}] ({h.chunk.source} — {h.chunk.section})\n{h.chunk.text}\n"
        f"⟦fin {h.rank} · {code}⟧"
        for h in hits)


class StreamError(ValueError):
    """A chat-completions event stream that is not one (cut short, malformed, an error event)."""


def sse_text(lines: Iterable[str]) -> Iterator[str]:
    """The text of an OpenAI-style chat-completions event stream, piece by piece: each
    ``data: {...}`` event's ``choices[0].delta.content``, up to ``data: [DONE]``. Comments,
    other fields and events without text (the role, the usage) are skipped; a stream that
    ends before ``[DONE]`` was cut, and that is an error, not a shorter answer."""
    for line in lines:
        if not line.startswith("data:"):
            continue  # blank separators, ": keep-alive" comments, "event:" / "id:" fields
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
        except ValueError:
            raise StreamError("sent an event that is not JSON") from None
        if not isinstance(event, dict):
            raise StreamError("sent an event that is not an object")
        if event.get("error"):
            error = event["error"]
            detail = error.get("message") if isinstance(error, dict) else error
            raise StreamError(f"reported an error: {' '.join(str(detail).split())[:200]}")
        choices = event.get("choices")
        first = choices[0] if isinstance(choices, list) and choices else None
        delta = first.get("delta") if isinstance(first, dict) else None
        piece = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(piece, str) and piece:
            yield piece
    raise StreamError("stopped before the end of its answer")


def _signal_prefix(text: str) -> int:
    """How many last characters of ``text`` could be the start of NON_TROUVÉ."""
    for k in range(min(len(NOT_FOUND) - 1, len(text)), 0, -1):
        if text.endswith(NOT_FOUND[:k]):
            return k
    return 0


def shown_pieces(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces worth showing while the model writes. NON_TROUVÉ is a signal, not text:
    what could be its start is held back until the next piece tells, and once it appears
    nothing more is shown (the answer ends as a refusal, which replaces what was shown)."""
    text, shown, found = "", 0, False
    for piece in pieces:
        text += piece
        # Only the new piece and the few characters before it can complete the signal.
        found = found or NOT_FOUND in text[-len(piece) - len(NOT_FOUND):]
        if found:
            continue  # the rest is consumed silently
        end = len(text) - _signal_prefix(text)
        if end > shown:
            yield text[shown:end]
            shown = end


class AnswerStream:
    """Text pieces as they are produced (iterate once), then ``answer``: the checked Answer."""

    def __init__(self, run: Generator[str, None, Answer]):
        self._run = run
        self.answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        self.answer = yield from self._run

    def consume(self) -> Answer:
        for _ in self:
            pass
        return self.answer


class LLMError(DareicError):
    hint = "check DAREIC_LLM_URL, or unset it to use the extractive answerer"


class GenerativeAnswerer:
    def __init__(self, retriever, index, gazetteer, url: str, model: str, timeout: float = 60.0, k: int = 5):
        self.retriever, self.index, self.gazetteer = retriever, index, gazetteer
        self.url = url.rstrip("/")
        self.model = model
        self.timeout = timeout
        self.k = k
        self.template = load_prompt("answer", {"question", "passages", "language"})
        self._vocabulary = None

    def _analyse(self, question: str, history: list[str]):
        """The same question analysis as the extractive answerer (follow-ups, names)."""
        if self._vocabulary is None:
            from assistant.answer.vocabulary import Vocabulary

            self._vocabulary = Vocabulary.from_texts((self.index.document_text(s) for s in self.index.sources()),
                                                     self.index.idf())
        return analyse(question, history, self.gazetteer, self._vocabulary)

    def _prepare(self, question: str, history: list[str]):
        """The searched question, the passages given to the model, and the prompt."""
        analysis = self._analyse(question, history)
        hits = self.retriever.search(analysis, k=self.k)
        prompt = self.template.format(question=analysis.shown, passages=quoted_passages(hits),
                                      language=_LANG.get(analysis.language, "français"))
        return analysis.shown, hits, prompt

    def _tokens(self, prompt: str) -> Iterator[str]:
        """The model's text as it arrives (``"stream": true``); any failure, a stream cut
        before ``[DONE]`` included, is one LLMError."""
        import httpx

        try:
            with httpx.stream("POST", f"{self.url}/chat/completions", timeout=self.timeout, json={
                "model": self.model, "temperature": 0, "stream": True,
                "messages": [{"role": "user", "content": prompt}],
            }) as response:
                response.raise_for_status()
                yield from sse_text(response.iter_lines())
        except httpx.HTTPError as exc:
            raise LLMError(f"the language model at {self.url} did not answer ({type(exc).__name__})") from exc
        except StreamError as exc:
            raise LLMError(f"the language model at {self.url} {exc}") from exc

    def _check(self, question: str, rewritten: str, hits, text: str) -> Answer:
        text = text.strip()
        if not text or NOT_FOUND in text:
            return Answer(question, rewritten, "Je ne trouve pas cette information dans les documents.",
                          refused=True, hits=tuple(hits))
        book = CitationBook(self.index)
        by_rank = {h.rank: h for h in hits}

        def renumber(m: re.Match) -> str:
            hit = by_rank.get(int(m.group(1)))
            return book.cite(hit.chunk.source, *hit.chunk.span) if hit else ""

        # Only markers that name a given passage survive, renumbered in order of use.
        text = re.sub(r"\[(\d+)\]", renumber, text)
        refused = not book.citations
        return Answer(question, rewritten, text, tuple(book.citations), refused, tuple(hits))

    def stream(self, question: str, history: list[str]) -> AnswerStream:
        """The answer as the model writes it: iterate for the text pieces worth showing, then
        ``.answer`` is the checked Answer (the same as ``answer()`` gives)."""
        rewritten, hits, prompt = self._prepare(question, history)

        text: list[str] = []

        def kept():  # every piece is kept for the check, including those not shown
            for piece in self._tokens(prompt):
                text.append(piece)
                yield piece

        def run():
            yield from shown_pieces(kept())
            return self._check(question, rewritten, hits, "".join(text))

        return AnswerStream(run())

    def answer(self, question: str, history: list[str]) -> Answer:
        return self.stream(question, history).consume()
