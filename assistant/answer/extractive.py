"""The default answerer: the question is analysed once, every route proposes candidate
answers quoted from the documents, one selector keeps the best or refuses, and the kept
answer opens by naming what was asked. Every statement is a verbatim, cited quote."""
from __future__ import annotations

import re
from collections import Counter

from assistant.answer import refusal
from assistant.answer.analysis import Named, QuestionAnalysis, analyse
from assistant.answer.base import CitationBook
from assistant.answer.candidates import render
from assistant.answer.dates import staleness_note
from assistant.answer.lead import with_lead
from assistant.answer.routes import ROUTES
from assistant.answer.routes.context import RouteContext
from assistant.answer.selector import Decision, Selector, mentions
from assistant.answer.vocabulary import Vocabulary
from assistant.config import AnswerSettings
from assistant.index.analyzer import tokenize
from assistant.types import Answer
from assistant.textnorm import simple_key


def _without_instructions(c):
    """A line planted to steer an assistant ("ignore previous instructions…") is never quoted
    as an answer: candidates lose such lines, and a candidate made of them is dropped."""
    from dataclasses import replace

    from assistant.ingest.guard import flag_injections

    kept = [line for line in c.lines if not (line.cite and flag_injections(line.text))]
    if len(kept) == len(c.lines):
        return c
    if not any(line.cite for line in kept):
        return None
    return replace(c, lines=tuple(kept), evidence=" ".join(line.text for line in kept if line.cite))


class ExtractiveAnswerer:
    def __init__(self, retriever, index, gazetteer, today, settings: AnswerSettings | None = None):
        self.retriever = retriever
        self.index = index
        self.gazetteer = gazetteer
        self.today = today
        self.settings = settings or AnswerSettings()
        self.idf = index.idf()
        self.vocabulary = Vocabulary.from_texts((index.document_text(s) for s in index.sources()), self.idf)
        self.ctx = RouteContext(index, gazetteer, self.settings, index.extra("registry") or [], self.idf)
        self.selector = Selector(self.idf, self.settings, self._doc_level, self.ctx.label, self._terms_of,
                                 lambda span: index.document_text(span[0])[span[1]:span[2]])
        self._entity_counts: dict[str, Counter] = {}
        self._terms: dict[str, frozenset] = {}
        self._doc_level_cache: dict[tuple, bool] = {}

    def warm(self) -> None:
        """Build, for every document, what a first question about it would otherwise pay for:
        its lists, its IDF, the skeleton its quotes are mapped with, the entities it names."""
        from assistant.answer.base import skeleton_of

        for source in self.index.sources():
            self.ctx.runs(source)
            self.ctx.local_idf(source)
            if self.index.raw_text(source):
                skeleton_of(self.index, source)
            self._entities_in(source)
            self._terms_of(source)

    def analyse(self, question: str, history: list[str]) -> QuestionAnalysis:
        s = self.settings
        return analyse(question, history, self.gazetteer, self.vocabulary, max_turns=s.history_turns,
                       fuzzy_min_length=s.fuzzy_min_length, fuzzy_min_ratio=s.fuzzy_min_ratio)

    def candidates(self, a: QuestionAnalysis, hits) -> list:
        out = []
        for route in ROUTES:
            out.extend(_without_instructions(c) for c in route(self.ctx, a, hits))
        return [c for c in out if c is not None]

    def decide(self, question: str, history: list[str]) -> tuple[QuestionAnalysis, list, Decision]:
        a = self.analyse(question, history)
        hits = self.retriever.search(a, k=self.settings.passages)
        return a, hits, self.selector.decide(self.candidates(a, hits), a)

    def answer(self, question: str, history: list[str]) -> Answer:
        a, hits, decision = self.decide(question, history)
        if decision.best is None:
            near = refusal.nearest(self.index, hits, a, self.idf, self.settings.nearest)
            return Answer(question, a.shown, refusal.text(a, decision.reason, decision.missing, near), (), True,
                          tuple(hits), nearest=near)
        book = CitationBook(self.index)
        text = render(with_lead(self.ctx, decision.best.candidate, a), book)
        notes = ()
        note = staleness_note([c.quote for c in book.citations], self.today(), a.language)
        if note:
            notes = (note,)
            text = f"{text}\n\n{note}"
        return Answer(question, a.shown, text, tuple(book.citations), False, tuple(hits), notes=notes)

    # -- whether a document as a whole is about an entity -----------------------------------
    def _doc_level(self, source: str, named: Named) -> bool:
        key = (source, named.kind, named.name, named.forms)
        if key not in self._doc_level_cache:
            self._doc_level_cache[key] = self._about_document(source, named)
        return self._doc_level_cache[key]

    def _terms_of(self, source: str) -> frozenset:
        """Every term a document uses, read once."""
        if source not in self._terms:
            self._terms[source] = frozenset(tokenize(self.index.document_text(source)))
        return self._terms[source]

    def _entities_in(self, source: str) -> Counter:
        """How often the document names each gazetteer entity, counted once per document."""
        if source not in self._entity_counts:
            self._entity_counts[source] = Counter(
                (m.entity.kind, m.entity.id) for m in self.gazetteer.find(self.index.document_text(source)))
        return self._entity_counts[source]

    def _about_document(self, source: str, named: Named) -> bool:
        """Named in the title or file name, or named often and more than its peers (an
        académie named in every article of a convention, not once in a table of thirty)."""
        if mentions(named, self.ctx.label(source)):
            return True
        if named.id:
            counts = self._entities_in(source)
            kind = {"academie": "academie", "region": "region", "land": "land"}[named.kind]
            mine = counts.get((kind, named.id), 0)
            peers = max((n for (k, _), n in counts.items() if k == kind), default=0)
            return mine >= 3 and mine >= 0.3 * peers
        key = simple_key(self.index.document_text(source))
        count = lambda names: sum(len(re.findall(rf"(?<!\w){re.escape(f)}(?!\w)", key)) for f in names if f)  # noqa: E731
        forms = {simple_key(f) for f in (named.forms or (named.name,))}
        n = count(forms)
        if n and simple_key(named.name) not in forms:
            # A name with its level ("CERT I"), spelt out once, then used alone throughout.
            n = max(n, count({simple_key(named.name)}))
        return n >= 1 if named.weak else n >= 3
