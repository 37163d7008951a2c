"""The default answerer: composes short answers from verbatim passages, each statement
followed by its citation; refuses when the passages do not hold the answer."""
from __future__ import annotations

import re

from assistant.answer import lookup
from assistant.answer import registry as reg
from assistant.answer.base import CitationBook
from assistant.answer.dates import staleness_note
from assistant.answer.followup import own_part, rewrite
from assistant.language import detect
from assistant.answer.lists import is_item, item_runs, list_following, paragraph_before, sentence_after, strip_marker
from assistant.answer.sentences import (Unit, coverage, local_idf, satisfies_type, score_units, units_of,
                                        wants_number)
from assistant.index.analyzer import tokenize
from assistant.index.store import document_label
from assistant.retrieve.glossary import french_terms, known_word
from assistant.types import Answer, Hit

_PROCEDURE = re.compile(r"\bcomment\b|\bd[ée]marches?\b|\bproc[ée]dure\b|\b[ée]tapes?\b|\bhow (?:do|to|can|should)\b|"
                        r"\bsteps?\b|\bprocess\b|\bwie\b", re.IGNORECASE)
_VERBISH = re.compile(r"(?:er|ir|re|ez|ent|ons|ait|aient)$")
_ANAPHOR = re.compile(r"^(?:Elle|Il|Elles|Ils|Celle-ci|Celui-ci|Ceux-ci|Celles-ci|Cela|Ceci|It|They|This)\b")
_MAX_CHARS = 480  # answer budget for the general path: a few statements, not a pasted chunk


class ExtractiveAnswerer:
    def __init__(self, retriever, index, gazetteer, today, refuse_below: float = 0.42, k: int = 5):
        self.retriever = retriever
        self.index = index
        self.gazetteer = gazetteer
        self.today = today
        self.refuse_below = refuse_below
        self.k = k
        self.records = index.extra("registry") or []
        self.registry_sources = {r["source"] for r in self.records}
        self.idf = index.idf()
        self.oov_weight = max(self.idf.values()) if self.idf else 1.0
        self._local: dict[str, dict[str, float]] = {}

    # -- entry point -------------------------------------------------------------------
    def answer(self, question: str, history: list[str]) -> Answer:
        rewritten = rewrite(question, history, self.gazetteer)
        lang = detect(question)
        hits = self.retriever.search(rewritten, k=self.k)
        book = CitationBook(self.index)
        for route in (self._definition, self._numbered, self._registry, self._procedure, self._outline, self._general):
            result = route(rewritten, hits, book, lang)
            if result is not None:
                break
        text, refused = result
        notes = ()
        if not refused:
            note = staleness_note([c.quote for c in book.citations], self.today(), lang)
            if note:
                notes = (note,)
                text = f"{text}\n\n{note}"
        return Answer(question, rewritten, text, tuple(book.citations) if not refused else (), refused, tuple(hits),
                      notes=notes)

    def _terms(self, question: str) -> list[str]:
        """Question terms; a place named in German or English is replaced by its French names."""
        mentions = self.gazetteer.find(question, {"land"})
        for m in sorted(mentions, key=lambda m: -m.start):
            question = question[:m.start] + " " + question[m.end:]
        names = " ".join(dict.fromkeys(m.entity.name for m in mentions))
        # A verb the corpus never uses ("jouer", "figurer") says nothing about the topic; an
        # unknown noun ("budget", "football") does, and keeps its weight against the answer.
        lang = detect(question)
        words = [w for w in re.findall(r"[^\W\d_]+", question)
                 if not (lang == "fr" and _VERBISH.search(w.lower()) and not any(t in self.idf for t in tokenize(w)))]
        return tokenize(f"{' '.join(words)} {names} {french_terms(question, lang)}")

    def _oov_weight(self, lang: str) -> float:
        # Words the corpus never uses count against a question ("budget", "météo"); in
        # English or German many question words have no French rendering in the glossary,
        # so they count for less.
        return self.oov_weight if lang == "fr" else 0.5 * self.oov_weight

    # -- partnerships ------------------------------------------------------------------
    def _registry(self, question: str, hits: list[Hit], book: CitationBook, lang: str):
        if not self.records:
            return None
        unnamed = reg.unknown_academy_names(question, self.gazetteer)
        if not unnamed and reg.parse_query(own_part(question), self.gazetteer) is not None:
            unnamed = self._unknown_names(question)
        if unnamed:
            return self._refuse_unknown_names(unnamed, lang), True
        q = reg.parse_query(question, self.gazetteer)
        if q is None or not self._registry_applies(question, q, hits, lang):
            return None
        known = reg.known_academies(self.records)
        unknown = [a for a in q.academies if a not in known and not self._region_known(a, known)]
        if unknown and not q.lands:
            return self._refuse_unknown(unknown, lang), True
        selected = reg.select(self.records, q, self.gazetteer)
        if selected and reg.asks_renewal(question) and not any(reg.renewal_dates(r) for r in selected):
            return self._refusal_renewal(selected, lang), True
        if not selected:
            if q.academies and q.lands:
                only = reg.select(self.records, reg.PartnerQuery(q.academies, (), (), ()), self.gazetteer)
                if only:
                    head = ("The documents mention no agreement between these partners. Known agreements:"
                            if lang == "en" else "Les documents ne mentionnent pas d'accord entre ces partenaires. Accords connus :")
                    return f"{head}\n{reg.compose(only, reg.PartnerQuery(q.academies, (), (), ()), book, self.gazetteer, lang)}", False
            return None
        return f"{reg.intro(selected, q, self.gazetteer, lang)}\n{reg.compose(selected, q, book, self.gazetteer, lang)}", False

    def _registry_applies(self, question: str, q: reg.PartnerQuery, hits: list[Hit], lang: str) -> bool:
        """A named Land is only in the partnership table; otherwise the table must be where
        retrieval leads, or the question must be about agreements on a theme."""
        about_agreements = bool(re.search(r"accords?|conventions?|partenariats?|agreements?|l[äa]nder|acad[ée]mies",
                                          question, re.IGNORECASE))
        top_is_registry = bool(hits) and hits[0].chunk.source in self.registry_sources
        if not (q.lands or top_is_registry or (q.themes and about_agreements)):
            return False
        if wants_number(question) and not re.search(r"acad[ée]mies|l[äa]nder|accords|conventions|partenai", question, re.I):
            return False  # "combien d'élèves … Sauzay" asks a figure the table does not hold
        return bool(q.lands or (q.themes and about_agreements) or not self._better_elsewhere(question, hits, lang))

    def _unknown_names(self, question: str) -> list[str]:
        """Capitalised names the corpus never uses ("Italie", "Allemagne", "Corse"): the
        documents cannot answer about them. German capitalises every noun, so it is skipped."""
        if detect(question) == "de":
            return []
        question = own_part(question)
        named = [question[m.start:m.end] for m in self.gazetteer.find(question)]
        out = []
        for m in re.finditer(r"(?<![\w])([A-ZÀ-Ý][a-zà-ÿ]{2,}(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*)", question):
            word = m.group(1)
            if m.start() == 0 or any(word in n for n in named):
                continue
            stems = tokenize(word)
            if stems and not any(t in self.idf for t in stems) and not known_word(word):
                out.append(word)
        return out

    def _better_elsewhere(self, question: str, hits: list[Hit], lang: str) -> bool:
        """Another document covers the question better ("la convention avec la CGPME PACA")."""
        terms = self._terms(question)
        best = {True: 0.0, False: 0.0}
        for h in hits:
            in_registry = h.chunk.source in self.registry_sources
            about = f"{document_label(h.chunk.source)} {h.chunk.section} {h.chunk.text}"
            best[in_registry] = max(best[in_registry], coverage(terms, about, self.idf, self._oov_weight(lang)))
        return best[False] > best[True] + 0.05

    def _refusal_renewal(self, records: list[dict], lang: str) -> str:
        names = ", ".join(dict.fromkeys(r["academie"] for r in records))
        if lang == "en":
            return f"The documents give no renewal date for this agreement ({names})."
        return f"Les documents ne donnent pas de date de renouvellement pour cet accord ({names})."

    def _region_known(self, gid: str, known: set[str]) -> bool:
        region = self.gazetteer.get("region", gid)
        return bool(region and set(region.members) & known)

    def _refuse_unknown(self, ids: list[str], lang: str) -> str:
        names = ", ".join((self.gazetteer.get("academie", i) or self.gazetteer.get("region", i)).name for i in ids)
        return self._refuse_unknown_names([names], lang)

    def _refuse_unknown_names(self, names_list: list[str], lang: str) -> str:
        names = ", ".join(names_list)
        covered = sorted({r["academie"] for r in self.records})
        sample = ", ".join(covered[:6])
        if lang == "en":
            return (f"The documents contain no information on {names}. The partnership table covers "
                    f"{len(covered)} académies ({sample}, …).")
        return (f"Les documents ne contiennent aucune information sur {names}. Le tableau des partenariats couvre "
                f"{len(covered)} académies ({sample}, …).")

    # -- procedures --------------------------------------------------------------------
    def _procedure(self, question: str, hits: list[Hit], book: CitationBook, lang: str):
        if not _PROCEDURE.search(own_part(question)):
            return None
        terms = self._terms(question)
        best = None
        for hit in hits[:3]:
            text = self.index.document_text(hit.chunk.source)
            for run in item_runs(text):
                near = run[0][0] <= hit.chunk.span[1] and run[-1][1] >= hit.chunk.span[0]
                if not near:
                    continue
                # The list with the sentences that frame it: "appariement" is often only there.
                before = paragraph_before(text, run[0][0]) or (run[0][0], run[0][0])
                after = sentence_after(text, run[-1][1]) or (run[-1][1], run[-1][1])
                score = coverage(terms, text[before[0]:after[1]], self.idf, self._oov_weight(lang))
                if best is None or score > best[0]:
                    best = (score, hit.chunk.source, run, text)
        if best is None or best[0] < self.refuse_below:
            return None
        _, source, run, text = best
        lines = []
        before = paragraph_before(text, run[0][0])
        if before and text[before[0]:before[1]].rstrip().endswith(":"):
            lines.append(f"{text[before[0]:before[1]].strip()} {book.cite(source, *before)}")
        for i, (s, e) in enumerate(run, start=1):
            item = strip_marker(text[s:e])
            lines.append(f"{i}. {item} {book.cite(source, s, e)}")
        after = sentence_after(text, run[-1][1])
        if after:
            lines.append(f"{text[after[0]:after[1]].strip()} {book.cite(source, *after)}")
        return "\n".join(lines), False

    # -- direct look-ups -----------------------------------------------------------------
    def _definition(self, question: str, hits: list[Hit], book: CitationBook, lang: str):
        acronym = lookup.asked_acronym(question)
        if not acronym:
            return None
        sources = list(dict.fromkeys([h.chunk.source for h in hits] + sorted(self.index.sources())))
        for source in sources:
            span = lookup.definition_span(self.index.document_text(source), acronym)
            if span:
                quote = self.index.document_text(source)[span[0]:span[1]].strip()
                return f"{quote} {book.cite(source, *span)}", False
        return None

    def _numbered(self, question: str, hits: list[Hit], book: CitationBook, lang: str):
        ref = lookup.numbered_reference(question)
        if not ref:
            return None
        label, number = ref
        sources = list(dict.fromkeys(h.chunk.source for h in hits))
        for source in sources:
            for c in self.index.chunks_of(source):
                leaf = c.section.split(" › ")[-1]
                if lookup.section_matches(leaf, label, number):
                    text = self.index.document_text(source)
                    start = text.find(leaf, max(0, c.span[0] - len(leaf) - 2))
                    lines = []
                    if start >= 0:
                        lines.append(f"**{leaf}** {book.cite(source, start, start + len(leaf))}")
                    body = [u for u in units_of(Hit(c, 1.0, 1)) if not u.is_item]
                    if body:
                        lines.append(f"{body[0].text} {book.cite(source, body[0].start, body[0].end)}")
                    return "\n".join(lines), False
        return None

    # -- "what are the objectives / articles": the titles of the matching sub-sections ----
    def _outline(self, question: str, hits: list[Hit], book: CitationBook, lang: str):
        if not hits or not re.search(r"\b(?:quels|quelles|what|which|welche|liste|list)\b", question, re.IGNORECASE):
            return None
        terms = set(self._terms(question))
        source = hits[0].chunk.source
        parent = hits[0].chunk.section.split(" › ")[0]
        children = []
        for c in self.index.chunks_of(source):
            parts = c.section.split(" › ")
            if len(parts) == 2 and parts[0] == parent and parts[1] not in children:
                children.append(parts[1])
        named = [t for t in children if terms & set(tokenize(t.split(" - ")[0].split(" – ")[0]))]
        if len(named) < 3 or len(named) < 0.6 * len(children):
            return None
        text = self.index.document_text(source)
        lines = []
        for title in named:
            start = text.find(title)
            if start >= 0:
                lines.append(f"- {title} {book.cite(source, start, start + len(title))}")
        return ("\n".join(lines), False) if lines else None

    # -- everything else ---------------------------------------------------------------
    def _general(self, question: str, hits: list[Hit], book: CitationBook, lang: str):
        terms = self._terms(question)
        # Does any retrieved passage, read with its document and section names, hold what
        # the question asks about? If not, refuse rather than quote something near.
        gate = max((coverage(terms, f"{document_label(h.chunk.source)} {h.chunk.section} {h.chunk.text}", self.idf,
                             self._oov_weight(lang)) for h in hits), default=0.0)
        if gate < self.refuse_below or self._unknown_names(question):
            return self._refusal(hits, lang), True
        scored = score_units(terms, hits, self._local_idf)
        typed = [s for s in scored if satisfies_type(question, s[1].text)]
        if not typed or typed[0][0] < 0.45 * scored[0][0]:
            return self._refusal(hits, lang), True
        best_score, best, _ = typed[0]
        best_hit = next(h for h in hits if h.chunk.source == best.source and h.rank == best.rank)
        about = f"{document_label(best.source)} {best_hit.chunk.section} {best.text}"
        if coverage(terms, about, self.idf, self._oov_weight(lang)) < 0.6 * self.refuse_below:
            return self._refusal(hits, lang), True  # the passage matched, but not this statement
        chosen = [best]
        budget = _MAX_CHARS - len(best.text)
        for score, unit, own in typed[1:6]:
            if score >= 0.8 * best_score and len(unit.text) <= budget and unit.rank <= 2 and own > 0:
                chosen.append(unit)
                budget -= len(unit.text)
        chosen.sort(key=lambda u: (u.rank, u.start))
        chosen = self._with_antecedents(chosen, hits)
        lines = []
        for u in chosen:
            lines.append(f"{u.text} {book.cite(u.source, u.start, u.end)}")
            if u.ends_with_colon:
                lines.extend(self._list_after(u, book))
        return "\n".join(dict.fromkeys(lines)), False

    def _with_antecedents(self, chosen: list[Unit], hits: list[Hit]) -> list[Unit]:
        """A statement opening with a pronoun ("Elle accompagne…") comes with the sentence
        that says who "elle" is."""
        out: list[Unit] = []
        for u in chosen:
            if _ANAPHOR.match(u.text):
                hit = next((h for h in hits if h.rank == u.rank), None)
                units = units_of(hit) if hit else []
                before = [v for v in units if v.end <= u.start and not v.is_item]
                if before and before[-1] not in out and before[-1] not in chosen:
                    out.append(before[-1])
            if u not in out:
                out.append(u)
        return out

    def _local_idf(self, source: str) -> dict[str, float]:
        """IDF within one document: 'FCIL' names the whole model convention, so inside it
        'modification' is what tells the sentences apart."""
        if source not in self._local:
            self._local[source] = local_idf([c.text for c in self.index.chunks_of(source)], self.idf)
        return self._local[source]

    def _list_after(self, unit: Unit, book: CitationBook) -> list[str]:
        """The list a statement ending with ':' introduces, with its sub-headings ("Pour
        l'établissement scolaire :")."""
        text = self.index.document_text(unit.source)
        return [(f"- {strip_marker(text[s:e])}" if is_item(text[s:e]) else f"*{text[s:e].strip()}*")
                + f" {book.cite(unit.source, s, e)}" for s, e in list_following(text, unit.end)]

    def _refusal(self, hits: list[Hit], lang: str) -> str:
        near = []
        for h in hits[:3]:
            label = f"« {h.chunk.section} » ({h.chunk.source})" if h.chunk.section else f"({h.chunk.source})"
            if label not in near:
                near.append(label)
        if lang == "en":
            return ("I cannot find this information in the documents, so I will not guess. "
                    f"The closest passages are about: {'; '.join(near)}.")
        return ("Je ne trouve pas cette information dans les documents : je préfère ne pas l'inventer. "
                f"Les passages les plus proches portent sur : {'; '.join(near)}.")
