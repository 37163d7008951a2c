"""Validate the evaluation sets ``evals/dev.jsonl`` (tuning) and ``evals/heldout.jsonl`` (never tuned on).

Standard library + pytest only: the checks must run before the package's
dependencies are installed.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EVAL_FILES = (PROJECT_ROOT / "evals" / "dev.jsonl", PROJECT_ROOT / "evals" / "heldout.jsonl")

REQUIRED_KEYS = {
    "id": str,
    "question": str,
    "history": list,
    "answerable": bool,
    "facts": list,
    "sources": list,
    "gold": str,
    "category": str,
}

PARTNERS_FILE = "partenaires-academies-lander.txt"


def _corpus_dir() -> Path:
    primary = PROJECT_ROOT / "corpus"
    if primary.is_dir() and any(primary.glob("*.txt")):
        return primary
    fallback = (PROJECT_ROOT / ".." / "shared" / "corpus").resolve()
    if fallback.is_dir():
        return fallback
    pytest.skip(f"no corpus directory found ({primary} or {fallback})")


def _fold(text: str) -> str:
    """Accent-, case-, apostrophe-, whitespace- and hyphen-insensitive key."""
    text = text.translate(str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"}))
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss").lower()
    return re.sub(r"[\s\-‐‑–—]+", "", text)


@pytest.fixture(scope="module")
def raw_lines() -> list[str]:
    lines = []
    for path in EVAL_FILES:
        assert path.is_file(), f"missing {path}"
        lines += path.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip()]


@pytest.fixture(scope="module")
def items(raw_lines) -> list[dict]:
    parsed = []
    for n, line in enumerate(raw_lines, 1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - reported by the assert
            pytest.fail(f"line {n} is not valid JSON: {exc}")
        assert isinstance(obj, dict), f"line {n} is not a JSON object"
        parsed.append(obj)
    return parsed


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    d = _corpus_dir()
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))}


def test_every_line_parses(raw_lines, items):
    assert len(items) == len(raw_lines)


def test_required_keys_and_types(items):
    for it in items:
        for key, typ in REQUIRED_KEYS.items():
            assert key in it, f"{it.get('id')}: missing key {key!r}"
            assert isinstance(it[key], typ), f"{it.get('id')}: {key!r} should be {typ.__name__}"
        assert it["id"].strip(), "empty id"
        assert it["question"].strip(), f"{it['id']}: empty question"
        assert it["category"].strip(), f"{it['id']}: empty category"
        assert all(isinstance(h, str) and h.strip() for h in it["history"]), f"{it['id']}: history must hold non-empty strings"
        assert all(isinstance(s, str) for s in it["sources"]), f"{it['id']}: sources must be strings"
        for group in it["facts"]:
            assert isinstance(group, list) and group, f"{it['id']}: each fact group is a non-empty list"
            assert all(isinstance(a, str) and a.strip() for a in group), f"{it['id']}: fact alternatives must be non-empty strings"


def test_unique_ids(items):
    dupes = [k for k, v in Counter(it["id"] for it in items).items() if v > 1]
    assert not dupes, f"duplicate ids: {dupes}"


def test_answerable_items(items, corpus):
    for it in items:
        if not it["answerable"]:
            continue
        assert 1 <= len(it["facts"]) <= 5, f"{it['id']}: answerable items need 1 to 5 fact groups"
        assert it["sources"], f"{it['id']}: answerable items need sources"
        gold = it["gold"]
        assert 20 <= len(gold) <= 150, f"{it['id']}: gold length {len(gold)} not in 20..150"
        assert "\n" not in gold, f"{it['id']}: gold spans a line break"
        for src in it["sources"]:
            assert src in corpus, f"{it['id']}: unknown source {src!r}"
        assert any(gold in corpus[src] for src in it["sources"]), (
            f"{it['id']}: gold is not a verbatim substring of {it['sources']}"
        )
        # every fact group has at least one alternative present in the sources
        source_key = "".join(_fold(corpus[src]) for src in it["sources"])
        for group in it["facts"]:
            assert any(_fold(alt) in source_key for alt in group), (
                f"{it['id']}: no alternative of {group} occurs in {it['sources']}"
            )


def test_unanswerable_items_are_empty(items):
    for it in items:
        if it["answerable"]:
            continue
        assert it["facts"] == [], f"{it['id']}: unanswerable item has facts"
        assert it["sources"] == [], f"{it['id']}: unanswerable item has sources"
        assert it["gold"] == "", f"{it['id']}: unanswerable item has gold"


def test_counts(items):
    assert len(items) >= 100
    assert sum(1 for it in items if not it["answerable"]) >= 12
    assert sum(1 for it in items if it["category"] == "followup" and it["history"]) >= 10
    assert sum(1 for it in items if it["category"] == "multilingual") >= 8


_HEADING = re.compile(
    r"(Région académique PACA)"
    r"|Académie (?:de la |de |d['’])([A-ZÀ-Þ][\w’'.]*(?:[ \-][A-ZÀ-Þ][\w’'.]*)*)"
)


def _academies(text: str) -> set[str]:
    names = set()
    for m in _HEADING.finditer(text):
        names.add(m.group(1) or m.group(2))
    return names


def test_heading_regex_finds_academies(corpus):
    names = _academies(corpus[PARTNERS_FILE])
    # sanity: the document lists about thirty académies
    assert len(names) >= 25, sorted(names)
    assert "Région académique PACA" in names


def test_every_academie_is_asked_about(items, corpus):
    names = _academies(corpus[PARTNERS_FILE])
    questions = [_fold(it["question"]) for it in items if it["category"] == "academie_lander"]
    missing = sorted(n for n in names if not any(_fold(n) in q for q in questions))
    assert not missing, f"académies without an academie_lander question: {missing}"
