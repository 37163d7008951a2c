"""Candidate statements (sentences and list items) of retrieved passages, and how well
each one answers the question."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.index.analyzer import stem_in, tokenize
from assistant.ingest.chunk import sentence_spans
from assistant.types import Hit

_ITEM = re.compile(r"^(?:[-–·•▪◦o]\s+|\d{1,2}[.)]\s+)")
_NUMBER = re.compile(r"\d|\b(?:un|une)\s+(?:fois|jour|journée|an|année|mois|semaine|heure)s?\b|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent|mille|"
                     r"moitié|double|plusieurs)\b", re.IGNORECASE)
_DATE = re.compile(r"\b(?:\d{1,2}(?:er)?\s+)?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                   r"novembre|décembre)\s+\d{4}\b|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_TEMPORAL = re.compile(r"\b(?:date|jour|mois|ans?|année|durée|délai|compter|jusqu|expiration|échéance|terme|"
                       r"reconduction|fin)\b", re.IGNORECASE)
_MONEY = re.compile(r"€|\beuros?\b|\bM€", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class Unit:
    source: str
    start: int  # span in the cleaned document
    end: int
    text: str
    rank: int  # rank of the hit it came from
    is_item: bool
    ends_with_colon: bool


def units_of(hit: Hit) -> list[Unit]:
    """Split a chunk into list items and sentences, with document spans."""
    c = hit.chunk
    heading = c.section.rsplit(" › ", 1)[-1].strip()
    out, pos = [], 0
    for line in c.text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip() or line.strip() == heading:  # a heading is a label, not a statement
            continue
        is_item = bool(_ITEM.match(line))
        spans = [(line_start, line_start + len(line))] if is_item else sentence_spans(line, line_start)
        for s, e in spans:
            text = c.text[s:e].strip()
            if len(text) < 12 and not is_item:
                continue
            out.append(Unit(c.source, c.span[0] + s, c.span[0] + e, text, hit.rank, is_item, text.endswith(":")))
    return out


def coverage(question_terms: list[str], text: str, idf: dict[str, float], oov_weight: float) -> float:
    """Share of the question's information (IDF-weighted terms) found in text. Terms the
    corpus never uses weigh oov_weight each, so 'budget' or 'météo' lower every score."""
    terms = set(question_terms)
    if not terms:
        return 0.0
    present = set(tokenize(text))
    total = sum(idf.get(t, oov_weight) for t in terms)
    found = sum(idf[t] for t in terms if t in idf and stem_in(t, present))
    return found / total if total else 0.0


def wants_number(question: str) -> bool:
    return bool(re.search(r"\bcombien\b|\bhow (?:many|much|long)\b|\bnombre\b|\bmontant\b|\bbudget\b|\bpourcentage\b|"
                          r"\btaux\b|\bquel(?:le)? (?:est le )?(?:co[uû]t|prix)\b|\bwie viele\b", question, re.IGNORECASE))


_DURATION_Q = re.compile(r"\bcombien de temps\b|\bhow long\b|\bquelle (?:est la )?dur[ée]e\b|\bpendant combien\b|"
                         r"\bwie lange\b", re.IGNORECASE)
_DURATION = re.compile(r"\b(?:un|une|\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quelques|plusieurs)\s+"
                       r"(?:ans?|années?|mois|jours?|journées?|semaines?|heures?)\b|\bdur[ée]e\b|\bann[ée]e scolaire\b|"
                       r"\bcycle\b|\bjusqu", re.IGNORECASE)


def wants_duration(question: str) -> bool:
    return bool(_DURATION_Q.search(question))


def wants_money(question: str) -> bool:
    return bool(re.search(r"\bmontant\b|\bbudget\b|\bco[uû]t\b|\bprix\b|\bfinancement\b|\bsalaire\b|"
                          r"\br[ée]mun[ée]ration\b|\bindemnit[ée]s?\b|\btarifs?\b|\bhow much\b|\bcost\b|\bsalary\b",
                          question, re.IGNORECASE))


def wants_date(question: str) -> bool:
    return bool(re.search(r"\bquand\b|\bquelle date\b|\ben quelle ann[ée]e\b|\bwhen\b|\bwann\b|\bdepuis quand\b|"
                          r"\bwhat date\b|\bwhich year\b", question, re.IGNORECASE))


def satisfies_type(question: str, text: str) -> bool:
    """Whether a statement can answer the kind of question asked: an amount needs a
    currency, a count needs a quantity that is not a date, 'when' needs a time."""
    if wants_money(question):
        return bool(_MONEY.search(text))
    if wants_duration(question):
        return bool(_DURATION.search(text))
    if wants_number(question):
        return bool(_NUMBER.search(_DATE.sub(" ", text)))
    if wants_date(question):
        return bool(_DATE.search(text) or _TEMPORAL.search(text))
    return True


def local_idf(chunk_texts: list[str], global_idf: dict[str, float]) -> dict[str, float]:
    """IDF of every corpus term within one document's chunks (absent terms weigh most)."""
    import math
    from collections import Counter

    df: Counter[str] = Counter()
    for text in chunk_texts:
        df.update(set(tokenize(text)))
    n = len(chunk_texts)
    return {t: math.log(1 + (n + 1) / (df.get(t, 0) + 0.5)) for t in global_idf}


def score_units(terms: list[str], hits: list[Hit], local_idf_of) -> list[tuple[float, Unit, float]]:
    """(score, unit, own coverage) for every statement of the hits, best first. A unit is
    scored on its own words and, more lightly, with its section title; better-ranked
    passages get a small prior; very short units (labels, signatures) are discounted."""
    out = []
    for hit in hits:
        idf = local_idf_of(hit.chunk.source)
        for u in units_of(hit):
            own = coverage(terms, u.text, idf, 0.0)
            ctx = coverage(terms, f"{hit.chunk.section} {u.text}", idf, 0.0)
            short = 1.0 if u.ends_with_colon else min(1.0, len(u.text) / 40)  # a list's lead-in is expanded
            score = (0.45 * own + 0.3 * ctx + 0.25 / hit.rank) * short
            out.append((score, u, own))
    out.sort(key=lambda x: -x[0])
    return out
