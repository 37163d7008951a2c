"""A generative answerer for an OpenAI-compatible chat-completions endpoint (a local
model server, for instance). It keeps the extractive answerer's contract: the passages are
numbered, the model must cite them as [n], and every kept citation quotes its passage
verbatim. Off by default: no LLM exists on this machine."""
from __future__ import annotations

import re
import secrets

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

    def _complete(self, prompt: str) -> str:
        import httpx

        try:
            response = httpx.post(f"{self.url}/chat/completions", timeout=self.timeout, json={
                "model": self.model, "temperature": 0,
                "messages": [{"role": "user", "content": prompt}],
            })
            response.raise_for_status()
            return response.json()["choices"][0]["message"]["content"] or ""
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise LLMError(f"the language model at {self.url} did not answer ({type(exc).__name__})") from exc

    def answer(self, question: str, history: list[str]) -> Answer:
        analysis = self._analyse(question, history)
        rewritten, lang = analysis.shown, analysis.language
        hits = self.retriever.search(analysis, k=self.k)
        passages = quoted_passages(hits)
        text = self._complete(self.template.format(question=rewritten, passages=passages,
                                                   language=_LANG.get(lang, "français"))).strip()
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
