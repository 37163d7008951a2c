"""One selector for every route's candidates: each is judged on the same scale — how much
of the question's key terms and named entities its evidence holds, whether it is the
kind of answer asked, how well retrieval ranked it, how well its form fits — and the
best one is kept, or none when the best lacks what the question is about."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from assistant.answer.analysis import Named, QuestionAnalysis
from assistant.answer.answertype import names_someone, satisfies, type_strength
from assistant.answer.asked import about_subject, declared_blank, gives_numbers, gives_year, heading_asks
from assistant.answer.holders import filled, names_holder, names_person
from assistant.answer.candidates import Candidate
from assistant.index.analyzer import stem_in, tokenize
from assistant.textnorm import simple_key

# A quantity asked is either in the passage or not: no amount, no answer.
QUANTITIES = ("date", "duration", "amount", "count")
# Routes whose statements are about what their 'about' names, though they do not repeat it:
# a registry record (its académie and Land), a document's dateline (the document itself).
ABOUT_SAID = ("registry", "document")


@lru_cache(maxsize=16384)
def terms_of(text: str) -> frozenset[str]:
    """The analysed terms of a text (passages and statements recur from question to question)."""
    return frozenset(tokenize(text))


@lru_cache(maxsize=16384)
def key_of(text: str) -> str:
    return simple_key(text)


def coverage(terms, text, idf: dict[str, float], oov_weight: float, context_terms=(), context_share=0.5) -> float:
    """Share of the question's information (IDF-weighted terms) found in text (or its set
    of terms). A term the corpus never uses weighs oov_weight, so 'budget' or 'météo' lower
    every score; terms that come from earlier turns weigh context_share of their own weight."""
    present = text if isinstance(text, (set, frozenset)) else terms_of(text)
    total = found = 0.0
    for weight, group in ((1.0, set(terms)), (context_share, set(context_terms) - set(terms))):
        for t in group:
            w = weight * idf.get(t, oov_weight)
            total += w
            if t in idf and stem_in(t, present):
                found += w
    return found / total if total else 0.0


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE = re.compile(r"(?<!\d)(?:\+\d{2}[ .]?|0)\d(?:[ .]?\d{2}){4}(?!\d)")


@lru_cache(maxsize=16384)
def address_terms(text: str) -> frozenset[str]:
    """The words an address in text stands for: an e-mail address is the 'adresse mail',
    'courriel', 'e-mail' asked for; a telephone number the 'téléphone', 'numéro'."""
    words = []
    if _EMAIL.search(text):
        words.append("adresse mail courriel e-mail email")
    if _PHONE.search(text):
        words.append("téléphone numéro")
    return frozenset(tokenize(" ".join(words))) if words else frozenset()


def mentions(named: Named, text: str, key: str | None = None) -> bool:
    """Whether text names the entity (any of its names, case and accents aside)."""
    rx = _names_rx(named.forms or (named.name,))
    return rx is not None and rx.search(key_of(text) if key is None else key) is not None


@lru_cache(maxsize=4096)
def _names_rx(forms: tuple[str, ...]) -> re.Pattern | None:
    # One pattern for all the names: a country stands for its two hundred Land names, too
    # many for a search per name on every candidate.
    keys = sorted({k for k in map(key_of, forms) if k}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, keys))})(?!\w)") if keys else None


@dataclass(frozen=True)
class Judged:
    candidate: Candidate
    score: float
    coverage: float  # of the evidence, read with what it is about
    passage: float  # of the passage around it
    type_ok: bool
    entity: float  # 1 when the evidence names every asked entity, less when only its document does
    missing: tuple[str, ...]  # asked entities or qualifiers it lacks
    asked: bool = False  # its section heading is the question itself, short of its topic


@dataclass(frozen=True)
class Decision:
    best: Judged | None  # None: refuse
    ranked: tuple[Judged, ...]
    reason: str = ""  # why it refused: "missing", "coverage", "type", "none"
    missing: tuple[str, ...] = ()


class Selector:
    def __init__(self, idf: dict[str, float], settings, doc_level: Callable[[str, Named], bool],
                 label: Callable[[str], str], document_terms: Callable[[str], frozenset] | None = None,
                 quoted: Callable[[tuple[str, int, int]], str] | None = None):
        self.idf = idf
        self.s = settings
        self.doc_level = doc_level  # whether a document as a whole is about an entity
        self.label = label  # a document's title and file name, read with its passages
        self.document_terms = document_terms or (lambda source: frozenset())  # every term a document uses
        # The document's words at a quoted span (a line shows them shortened: 'Renouvellement et …').
        self.quoted = quoted
        self.max_idf = max(idf.values()) if idf else 1.0

    def oov(self, lang: str) -> float:
        return self.max_idf if lang == "fr" else self.s.foreign_oov_share * self.max_idf

    def judge(self, c: Candidate, a: QuestionAnalysis) -> Judged:
        s = self.s
        label = self.label(c.source)
        about = f"{label} {c.about}"
        oov = self.oov(a.language)
        said = f"{about} {c.evidence}"
        addresses = address_terms(c.evidence)
        present = terms_of(label) | terms_of(c.about) | terms_of(c.evidence) | addresses
        cov = coverage(a.terms, present, self.idf, oov, a.context_terms)
        # What the quoted words themselves say, apart from the title and section around them.
        said_terms = terms_of(c.evidence) | addresses | (terms_of(c.about) if c.route in ABOUT_SAID else frozenset())
        words = [t for t in a.terms if t not in a.entity_terms]  # names count as entities
        own = coverage(words or a.terms, said_terms, self.idf, oov, a.context_terms)
        if c.main is not None and c.main != c.evidence:
            # The statement chosen is scored; the companions quoted with it add only a share.
            main_said = terms_of(c.main) | address_terms(c.main)
            main_cov = coverage(a.terms, terms_of(label) | terms_of(c.about) | main_said, self.idf, oov, a.context_terms)
            main_own = coverage(words or a.terms, main_said, self.idf, oov, a.context_terms)
            cov = main_cov + s.companion_weight * (cov - main_cov)
            own = main_own + s.companion_weight * (own - main_own)
        # A heading that names the question's topic ("Durée de la convention") vouches for its section.
        leaf = c.about.rsplit(" › ", 1)[-1] if c.route != "registry" else c.about
        # (Not the document's title: a statement right under it is the introduction, and the
        # title vouches for every statement of the document alike.)
        heading = coverage(words, terms_of(leaf), self.idf, oov) if leaf and words and leaf not in label else 0.0
        # A heading asking the question itself ('Comment candidater ?') names the part that answers
        # it better than any count of shared words, which the document's topic words dominate.
        asked = bool(leaf) and leaf not in label and heading_asks(leaf, a.effective, a.terms)
        passage = max(cov, coverage(a.terms, present | terms_of(c.passage), self.idf, oov, a.context_terms)) \
            if c.passage else cov
        typed = c.typed if c.typed is not None else c.evidence if c.main is None else c.main
        if a.answer_type in QUANTITIES or a.asks_name or a.role:
            typed = filled(typed)  # a detail left blank ('à préciser', 'XX') is no answer
        type_ok = satisfies(a.answer_type, typed, a.strict_date) and (not a.asks_name or names_someone(typed)) \
            and (not a.role or names_holder(typed, a.role, leaf, proper=a.asks_name))
        strength = type_strength(a.answer_type, typed, a.strict_date) if type_ok else 0.0
        if type_ok and a.role and not names_person(typed):
            strength *= s.office_holder_share  # 'le référent du partenariat' holds the role less than 'M. X'
        missing: list[str] = []
        levels = []
        key = f"{key_of(about)} {key_of(c.evidence)}" if a.required else ""
        for e in a.required:
            if mentions(e, said, key):
                levels.append(1.0)
            elif e.known and self.doc_level(c.source, e):
                levels.append(0.6)
            else:
                levels.append(0.0)
                missing.append(e.name)
        # An entity the quoted words name only in a statement leaving the detail blank
        # ('Côté sarrois, le nombre … n'a pas encore été communiqué') is not answered by the
        # figure its neighbour gives for another place.
        kept = filled(c.evidence) if a.required else ""
        missing += [e.name for e in a.required if mentions(e, c.evidence) and not mentions(e, kept)]
        missing += [q for q in a.qualifiers if not stem_in(q, present)]
        missing += swapped_away(a, f"{c.about} {c.evidence}")  # (not the title: it often names both)
        missing += other_programme(a, f"{c.about} {c.evidence}")
        if not gives_numbers(a.numbers, f"{label} {c.about} {c.evidence}"):
            missing += [n for n in a.numbers]
        if not gives_year(a.years, f"{label} {c.about} {c.evidence}"):
            missing.append(a.years[0])
        # What a measure is of ('l'aide' in 'le montant de l'aide') must be said by the
        # statement giving the amount; a plain head noun may be said otherwise ('Quand la
        # section doit-elle ouvrir ?' - 'L'ouverture est envisagée à la rentrée 2027').
        where = f"{c.about} {typed}"
        if a.answer_type in QUANTITIES and a.subject and a.subject != (key_of(a.head),) and \
                own < s.subject_own_floor and not about_subject(a.subject, where):
            missing.append(a.subject[-1])  # an amount or a date of something else
        missing += list(c.lacks)
        entity = sum(levels) / len(levels) if levels else 1.0
        score = (s.coverage_weight * (0.35 * cov + 0.25 * passage + 0.25 * own + 0.15 * heading)
                 + s.type_weight * strength
                 + s.rank_weight * (1.0 / c.rank if c.rank else 0.0) + s.fit_weight * c.fit + s.entity_weight * entity
                 + (s.heading_question_bonus if asked else 0.0))
        return Judged(c, score, cov, passage, type_ok, entity, tuple(dict.fromkeys(missing)), asked)

    def decide(self, candidates: list[Candidate], a: QuestionAnalysis) -> Decision:
        if not candidates:
            return Decision(None, (), "none")
        judged = sorted((self.judge(c, a) for c in candidates), key=lambda j: -j.score)
        if self.left_blank(candidates, a):  # a passage says the asked detail is still to be fixed
            return Decision(None, tuple(judged), "missing", tuple(x for x in (a.subject or (a.head or a.focus,))[-1:] if x))
        if a.answer_type in QUANTITIES or a.asks_name or a.role:
            typed = [j for j in judged if j.type_ok]
            if not typed:
                return Decision(None, tuple(judged), "type")
            judged = typed + [j for j in judged if not j.type_ok]
        whole = [j for j in judged if not j.missing]
        if not whole:
            return Decision(None, tuple(judged), "missing", judged[0].missing)
        best = whole[0]
        if (a.answer_type in QUANTITIES or a.asks_name or a.role) and not best.type_ok:
            return Decision(None, tuple(judged), "type")
        if (best.passage < self.s.refuse_below and not self.topic_said(best, a)) \
                or best.coverage < self.s.statement_floor:
            return Decision(None, tuple(judged), "coverage")
        if not a.head_known and best.coverage < self.s.unknown_head_floor and a.answer_type not in QUANTITIES \
                and not about_subject((a.head,), f"{best.candidate.about} {best.candidate.evidence}"):
            # The corpus never uses the noun asked about: only a passage covering the rest
            # of the question well may stand for it (a synonym), not one shared word.
            return Decision(None, tuple(judged), "missing", (a.head,))
        return Decision(best, tuple(judged))


    def topic_said(self, j: Judged, a: QuestionAnalysis) -> bool:
        """Under a heading that asks the question itself ('Comment candidater ?'), the rest of the
        question is its topic ('… au séjour X'), which the document states once, in its
        introduction: enough when the document uses every such word."""
        if not j.asked:
            return False
        words = self.document_terms(j.candidate.source)
        return bool(words) and all(t in words for t in a.terms)

    def left_blank(self, candidates: list[Candidate], a: QuestionAnalysis) -> bool:
        # 'Le nom du lycée … reste à confirmer' voids a name asked; an amount left open
        # ('le montant de l'aide du Land reste à préciser') need not void another amount.
        named = a.asks_name or a.role
        nouns = (a.head, *a.subject) if named and a.head and a.subject and a.subject[-1] != key_of(a.head) else ()
        # Each quoted line on its own (a candidate's evidence joins statements that no
        # punctuation separates: a calendar's 'Réunion : date communiquée ultérieurement'
        # after the date asked), and the passage, whose blocks stand on lines of their own.
        # The words a blank statement must share are the question's own, apart from the names
        # it gives, which the document's title or section states for its statements alike
        # ('Référent pour l'enseignement agricole : à désigner' in the guide of the académie asked about).
        words = [t for t in a.terms if t not in a.entity_terms] or list(a.terms)
        seen: set[tuple[str, str]] = set()
        for c in candidates:
            lines = [self.quoted(ln.cite) if self.quoted else ln.text for ln in c.lines if ln.cite]
            for text in (*lines, c.passage):
                if text and (c.source, text) not in seen:
                    seen.add((c.source, text))
                    if declared_blank(text, words, self.idf, self.s.blank_share, nouns):
                        return True
        return False


def swapped_away(a: QuestionAnalysis, said: str) -> list[str]:
    """In a follow-up naming another entity ('Et pour le programme B ?' after a question on
    programme A, 'Et à Graz ?' after one on Leipzig), a statement that (with its section)
    names the earlier one and not the new one answers the earlier question, whatever its
    document is about: the new name is missing."""
    if not a.rewritten:
        return []
    mine = [e for e in a.entities if mentions(e, a.own)]
    earlier = [e for e in a.entities if not mentions(e, a.own) and any(m.kind == e.kind for m in mine)]
    if earlier and any(mentions(e, said) for e in earlier):
        return [e.name for e in mine if any(o.kind == e.kind for o in earlier) and not mentions(e, said)]
    # The name the follow-up put in place of the earlier one, whatever their kinds (a city
    # the gazetteer does not know in place of a Land it knows).
    if a.replaced and any(mentions(e, said) for e in a.replaced):
        return [e.name for e in mine if not mentions(e, said)]
    return []


_PROGRAMME = re.compile(r"\bprogrammes?\s+(?:«\s*)?([A-ZÀ-Ý][\w’'+-]+(?:[ -][A-ZÀ-Ý][\w’'+-]+)*)")


def other_programme(a: QuestionAnalysis, said: str) -> list[str]:
    """A programme the question names, where the statement speaks of other programmes
    and not of it ('le programme A' against '112 élèves ont participé au programme B … et
    19 au programme C'): the asked one is missing, even when its document names it."""
    asked = [e for e in a.entities if e.kind == "programme" and e.known]
    if not asked:
        return []
    if not _PROGRAMME.search(said):
        return []
    return [e.name for e in asked if not mentions(e, said)]


def unknown_words(analysis: QuestionAnalysis) -> list[str]:
    return [w for w in analysis.unknown if re.search(r"\w", w)]
