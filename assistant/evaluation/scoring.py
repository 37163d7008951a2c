"""Pure scoring functions for one eval item and for a set of results."""
from __future__ import annotations

import statistics
from collections import defaultdict

from assistant.textnorm import match_key


def contains(haystack: str, needle: str) -> bool:
    """Lenient containment: accents, case, whitespace and hyphens ignored."""
    n = match_key(needle)
    return bool(n) and n in match_key(haystack)


def fact_recall(answer: str, facts: list[list[str]]) -> float | None:
    if not facts:
        return None
    met = sum(any(contains(answer, alt) for alt in group) for group in facts)
    return met / len(facts)


def missing_facts(answer: str, facts: list[list[str]]) -> list[list[str]]:
    return [g for g in facts if not any(contains(answer, alt) for alt in g)]


def gold_rank(passages: list[str], gold: str) -> int | None:
    """1-based rank of the first passage holding the gold, or None."""
    if not gold:
        return None
    for i, text in enumerate(passages, start=1):
        if contains(text, gold):
            return i
    return None


def citation_valid(quote: str, source_text: str) -> bool:
    """The quote stands in the source as it is (whitespace runs may differ, nothing else)."""
    if not quote.strip():
        return False
    if quote in source_text:
        return True
    collapse = lambda t: " ".join(t.split())  # noqa: E731
    return collapse(quote) in collapse(source_text)


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    idx = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[idx]


def _mean(xs):
    xs = [x for x in xs if x is not None]
    return statistics.fmean(xs) if xs else None


def summarize(rows: list[dict]) -> dict:
    """Headline metrics over scored rows (see runner.score_item for the row shape)."""
    answerable = [r for r in rows if r["scores"]["answerable"] is not False]
    with_gold = [r for r in rows if r["scores"]["gold_rank"] != "n/a"]
    refused = [r for r in rows if r["refused"]]
    should_refuse = [r for r in rows if r["scores"]["answerable"] is False]
    ranks = [r["scores"]["gold_rank"] for r in with_gold]
    cites = [c for r in rows for c in r["scores"]["citations_valid"]]
    with_facts = [r for r in answerable if r["scores"]["fact_recall"] is not None]
    lengths = [len(r["answer"]) for r in rows if not r["refused"]]
    lat = [r["latency_ms"] for r in rows]
    true_refusals = [r for r in refused if r["scores"]["answerable"] is False]
    return {
        "items": len(rows),
        "hit@1": _mean([1.0 if rk == 1 else 0.0 for rk in ranks]),
        "hit@5": _mean([1.0 if rk and rk <= 5 else 0.0 for rk in ranks]),
        "mrr": _mean([1.0 / rk if rk else 0.0 for rk in ranks]),
        "fact_recall": _mean([r["scores"]["fact_recall"] for r in with_facts]),
        "fully_correct": _mean([1.0 if r["scores"]["correct"] else 0.0 for r in rows if r["scores"]["correct"] is not None]),
        "refusal_precision": (len(true_refusals) / len(refused)) if refused else (1.0 if not should_refuse else None),
        "refusal_recall": (len(true_refusals) / len(should_refuse)) if should_refuse else None,
        "answerable_refused": sum(1 for r in refused if r["scores"]["answerable"] is True),
        "citation_validity": _mean([1.0 if ok else 0.0 for ok in cites]) if cites else None,
        "answer_chars_median": statistics.median(lengths) if lengths else None,
        "latency_p50_ms": percentile(lat, 50),
        "latency_p95_ms": percentile(lat, 95),
    }


def by_category(rows: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r.get("category") or "(none)"].append(r)
    return {k: summarize(v) for k, v in sorted(groups.items())}
