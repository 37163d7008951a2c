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
        # how many items (citations) each rate is taken over: the gate allows one of them to flip
        "counts": {"hit@1": len(ranks), "hit@5": len(ranks), "mrr": len(ranks), "fact_recall": len(with_facts),
                   "fully_correct": sum(1 for r in rows if r["scores"]["correct"] is not None),
                   "refusal_precision": len(refused), "refusal_recall": len(should_refuse),
                   "citation_validity": len(cites)},
    }


def group_rows(rows: list[dict], keys) -> dict[str, list[dict]]:
    """Rows grouped by ``keys(row)`` (a row may belong to several groups), groups sorted."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        for k in keys(r) or ["(none)"]:
            groups[k].append(r)
    return dict(sorted(groups.items()))


def document_key(source: str) -> str:
    """A document named without its extension, so a set of PDFs and a set of .txt files
    report the same document under the same name."""
    stem, dot, ext = source.rpartition(".")
    return stem if dot and ext.isalnum() and len(ext) <= 5 else source


def category_keys(row: dict) -> list[str]:
    return [row.get("category") or "(none)"]


def kind_keys(row: dict) -> list[str]:
    return [row.get("kind") or "(none)"]


def document_keys(row: dict) -> list[str]:
    """The item's source documents; unanswerable items have none and form their own group."""
    docs = list(dict.fromkeys(document_key(s) for s in row.get("sources") or []))
    return docs or ["(no source: unanswerable)" if row["scores"]["answerable"] is False else "(none)"]


# The breakdowns every report shows, in order.
BREAKDOWNS = (("category", category_keys), ("document", document_keys), ("kind", kind_keys))


def by_category(rows: list[dict]) -> dict[str, dict]:
    return {k: summarize(v) for k, v in group_rows(rows, category_keys).items()}
