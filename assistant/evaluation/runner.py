"""Run eval items through ``Assistant.ask`` (the chat's own path) and score them."""
from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import DareicError
from assistant.evaluation import scoring


def read_items(path: Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DareicError(f"{path.name} line {n}: not valid JSON ({exc.msg})") from exc
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                raise DareicError(f"{path.name} line {n}: an item needs a string 'question'")
            item.setdefault("id", f"line-{n}")
            items.append(item)
    if not items:
        raise DareicError(f"{path.name}: no items")
    return items


def score_item(item: dict, answer_json: dict, passages: list[str], source_text) -> dict:
    """One result row: the answer JSON, the item id/category and its scores."""
    answerable = item.get("answerable")
    facts = item.get("facts") or []
    text = answer_json["answer"]
    recall = scoring.fact_recall(text, facts) if answerable is not False else None
    if answerable is False:
        correct = bool(answer_json["refused"])
    elif facts:
        correct = (not answer_json["refused"]) and recall == 1.0
    else:
        correct = None
    gold = item.get("gold") or ""
    rank = scoring.gold_rank(passages, gold) if gold else "n/a"
    cites = [scoring.citation_valid(c["quote"], source_text(c["source"])) for c in answer_json["citations"]]
    row = dict(answer_json)
    row["id"] = item["id"]
    row["category"] = item.get("category")
    row["kind"] = item.get("kind")
    row["sources"] = list(item.get("sources") or [])
    row["followup"] = bool(item.get("followup") or item.get("history"))
    row["scores"] = {
        "answerable": answerable,
        "fact_recall": recall,
        "missing_facts": scoring.missing_facts(text, facts) if answerable is not False else [],
        "correct": correct,
        "gold_rank": rank,
        "citations_valid": cites,
    }
    return row


def source_text(assistant, source: str) -> str:
    """The document as read from its file, for checking that quotes are verbatim."""
    return assistant.index.raw_text(source) or assistant.index.document_text(source)


def run(assistant, items: list[dict], progress=None) -> list[dict]:
    rows = []
    for item in items:
        history = [h for h in item.get("history") or [] if isinstance(h, str)]
        try:
            answer = assistant.ask(item["question"], history)
            answer_json = answer.to_json(item["id"])
            passages = [h.chunk.text for h in answer.hits]
        except DareicError as exc:
            answer_json = {"id": item["id"], "question": item["question"], "rewritten": None, "answer": "",
                           "citations": [], "refused": True, "latency_ms": 0.0, "error": exc.one_line()}
            passages = []
        rows.append(score_item(item, answer_json, passages, lambda src: source_text(assistant, src)))
        if progress:
            progress()
    return rows
