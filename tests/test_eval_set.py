"""The evaluation sets and the evaluation's own bookkeeping.

- Item files (``evals/dev.jsonl`` where tuning happens, ``evals/heldout.jsonl`` and
  ``evals/newdocs.jsonl`` never tuned on): schema, kinds, gold passages verbatim in the
  source document's text, facts present in the sources, coverage counts, a disjoint split.
- ``evals/sets.json``: every set's files exist, gated sets have baselines.
- Reports: every failing item counted is listed by id, on synthetic rows scored by the
  evaluation's own functions; the gate's tolerance; a set indexes exactly its folders.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EVALS = PROJECT_ROOT / "evals"
CORPUS = PROJECT_ROOT / "corpus"
NEWDOCS = EVALS / "corpora" / "newdocs"
NEWDOCS_DEV = EVALS / "corpora" / "newdocs-dev"
NEWDOCS_DEV2 = EVALS / "corpora" / "newdocs-dev2"
NEWDOCS_DEV3 = EVALS / "corpora" / "newdocs-dev3"
NEWDOCS_DEV4 = EVALS / "corpora" / "newdocs-dev4"
ITEM_FILES = {"dev": EVALS / "dev.jsonl", "heldout": EVALS / "heldout.jsonl", "newdocs": EVALS / "newdocs.jsonl",
              "newdocs-dev": EVALS / "newdocs-dev.jsonl", "newdocs-dev2": EVALS / "newdocs-dev2.jsonl",
              "newdocs-dev3": EVALS / "newdocs-dev3.jsonl", "newdocs-dev4": EVALS / "newdocs-dev4.jsonl"}

REQUIRED_KEYS = {
    "id": str, "question": str, "history": list, "answerable": bool, "facts": list, "sources": list,
    "gold": str, "category": str, "kind": str,
}
KINDS = {"list", "fact", "person_org", "date", "duration", "amount", "count", "place", "procedure", "yes_no",
         "definition", "unanswerable"}
PARTNERS_FILE = "partenaires-academies-lander.txt"


def _fold(text: str) -> str:
    """Accent-, case-, apostrophe-, whitespace- and hyphen-insensitive key."""
    text = text.translate(str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"}))
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss").lower()
    return re.sub(r"[\s\-‐‑–—]+", "", text)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _read(path: Path) -> list[dict]:
    assert path.is_file(), f"missing {path}"
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - reported by the failure
            pytest.fail(f"{path.name} line {n} is not valid JSON: {exc}")
        assert isinstance(obj, dict), f"{path.name} line {n} is not a JSON object"
        items.append(obj)
    return items


@pytest.fixture(scope="module")
def item_sets() -> dict[str, list[dict]]:
    return {name: _read(path) for name, path in ITEM_FILES.items()}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Every source document's text: the .txt files of corpus/ as they are, the new documents
    as the project's reader extracts them from the generated files."""
    from assistant.ingest.load import load_document

    out = {p.name: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
    for p in sorted([*NEWDOCS.iterdir(), *NEWDOCS_DEV.iterdir(), *NEWDOCS_DEV2.iterdir(), *NEWDOCS_DEV3.iterdir(),
                     *NEWDOCS_DEV4.iterdir()]):
        if p.is_file() and p.suffix != ".py":
            out[p.name] = load_document(p).text
    return out


@pytest.mark.parametrize("name", list(ITEM_FILES))
def test_schema(item_sets, name):
    for it in item_sets[name]:
        for key, typ in REQUIRED_KEYS.items():
            assert key in it, f"{name}/{it.get('id')}: missing key {key!r}"
            assert isinstance(it[key], typ), f"{name}/{it.get('id')}: {key!r} should be {typ.__name__}"
        assert it["id"].strip() and it["question"].strip() and it["category"].strip(), f"{name}/{it['id']}: empty field"
        assert it["kind"] in KINDS, f"{name}/{it['id']}: unknown kind {it['kind']!r}"
        assert (it["kind"] == "unanswerable") == (not it["answerable"]), f"{name}/{it['id']}: kind vs answerable"
        assert all(isinstance(h, str) and h.strip() for h in it["history"]), f"{name}/{it['id']}: history holds non-empty strings"
        assert bool(it.get("followup")) == bool(it["history"]), f"{name}/{it['id']}: followup flag iff history"
        if it["history"]:
            assert it["category"] == "followup", f"{name}/{it['id']}: a follow-up's category is 'followup'"
        assert all(isinstance(s, str) for s in it["sources"]), f"{name}/{it['id']}: sources must be strings"
        for group in it["facts"]:
            assert isinstance(group, list) and group, f"{name}/{it['id']}: each fact group is a non-empty list"
            assert all(isinstance(a, str) and a.strip() for a in group), f"{name}/{it['id']}: empty fact alternative"


def test_ids_unique_across_all_sets(item_sets):
    ids = [it["id"] for items in item_sets.values() for it in items]
    dupes = [k for k, v in Counter(ids).items() if v > 1]
    assert not dupes, f"duplicate ids: {dupes}"


@pytest.mark.parametrize("name", list(ITEM_FILES))
def test_answerable_items_are_grounded(item_sets, texts, name):
    """Gold verbatim in a source's text (whitespace runs aside), every fact group present there."""
    for it in item_sets[name]:
        if not it["answerable"]:
            continue
        assert 1 <= len(it["facts"]) <= 5, f"{it['id']}: answerable items need 1 to 5 fact groups"
        assert it["sources"], f"{it['id']}: answerable items need sources"
        for src in it["sources"]:
            assert src in texts, f"{it['id']}: unknown source {src!r}"
        gold = it["gold"]
        assert 20 <= len(gold) <= 150, f"{it['id']}: gold length {len(gold)} not in 20..150"
        assert "\n" not in gold, f"{it['id']}: gold spans a line break"
        assert any(_collapse(gold) in _collapse(texts[src]) for src in it["sources"]), (
            f"{it['id']}: gold is not verbatim in {it['sources']}")
        source_key = "".join(_fold(texts[src]) for src in it["sources"])
        for group in it["facts"]:
            assert any(_fold(alt) in source_key for alt in group), f"{it['id']}: no alternative of {group} in the sources"


@pytest.mark.parametrize("name", list(ITEM_FILES))
def test_unanswerable_items_are_empty(item_sets, name):
    for it in item_sets[name]:
        if not it["answerable"]:
            assert it["facts"] == [] and it["sources"] == [] and it["gold"] == "", f"{it['id']}: unanswerable item has content"


def test_newdocs_sources_are_new_documents(item_sets):
    names = {p.name for p in NEWDOCS.iterdir() if p.is_file() and p.suffix != ".py"}
    assert len(names) >= 6 and {p.suffix for p in map(Path, names)} >= {".html", ".md", ".docx", ".pdf"}
    used = {s for it in item_sets["newdocs"] for s in it["sources"]}
    assert used == names, f"documents without questions: {sorted(names - used)}; unknown: {sorted(used - names)}"


def test_newdocs_coverage(item_sets):
    items = item_sets["newdocs"]
    assert len(items) >= 80
    assert sum(1 for it in items if not it["answerable"]) >= 12
    assert sum(1 for it in items if it["history"]) >= 10
    kinds = Counter(it["kind"] for it in items)
    for kind in ("list", "procedure", "definition", "yes_no", "date", "duration", "count"):
        assert kinds[kind] >= 3, f"newdocs: only {kinds[kind]} {kind} items"


def test_dev_and_heldout_are_a_disjoint_stratified_split(item_sets):
    dev, held = item_sets["dev"], item_sets["heldout"]
    assert not {it["id"] for it in dev} & {it["id"] for it in held}
    assert not {_fold(it["question"]) for it in dev if not it["history"]} & {_fold(it["question"]) for it in held if not it["history"]}
    assert 0.5 <= len(dev) / (len(dev) + len(held)) <= 0.7
    dev_cats, held_cats = Counter(it["category"] for it in dev), Counter(it["category"] for it in held)
    assert set(dev_cats) == set(held_cats), "every category on both sides"


def test_regression_counts(item_sets):
    items = item_sets["dev"] + item_sets["heldout"]
    assert len(items) >= 100
    assert sum(1 for it in items if not it["answerable"]) >= 12
    assert sum(1 for it in items if it["category"] == "followup" and it["history"]) >= 10
    assert sum(1 for it in items if it["category"] == "multilingual") >= 8


_HEADING = re.compile(
    r"(Région académique PACA)"
    r"|Académie (?:de la |de |d['’])([A-ZÀ-Þ][\w’'.]*(?:[ \-][A-ZÀ-Þ][\w’'.]*)*)"
)


def test_every_academie_is_asked_about(item_sets, texts):
    names = {m.group(1) or m.group(2) for m in _HEADING.finditer(texts[PARTNERS_FILE])}
    assert len(names) >= 25 and "Région académique PACA" in names, sorted(names)
    questions = [_fold(it["question"]) for it in item_sets["dev"] + item_sets["heldout"] if it["category"] == "academie_lander"]
    missing = sorted(n for n in names if not any(_fold(n) in q for q in questions))
    assert not missing, f"académies without an academie_lander question: {missing}"


# --- sets.json -----------------------------------------------------------------------------

def test_sets_file_names_existing_inputs_and_baselines():
    from assistant.evaluation.sets import load_sets

    sets = {s.name: s for s in load_sets()}
    assert {"dev", "heldout", "newdocs", "newdocs-dev", "newdocs-dev2", "newdocs-dev3", "newdocs-dev4", "five-pdf",
            "five-docx"} <= set(sets)
    for name in ("dev", "heldout", "newdocs", "newdocs-dev", "newdocs-dev2", "newdocs-dev3", "newdocs-dev4"):
        s = sets[name]
        assert s.gate and not s.missing(), f"{name}: gated and complete"
        assert s.baseline and s.baseline.is_file(), f"{name}: baseline {s.baseline} missing"
        assert json.loads(s.baseline.read_text(encoding="utf-8"))["metrics"], name
    assert sets["newdocs"].corpus[-1] == NEWDOCS and sets["newdocs-dev"].corpus[-1] == NEWDOCS_DEV
    assert sets["newdocs-dev2"].corpus[-1] == NEWDOCS_DEV2 and sets["newdocs-dev3"].corpus[-1] == NEWDOCS_DEV3
    assert sets["newdocs-dev4"].corpus[-1] == NEWDOCS_DEV4


def test_a_set_indexes_exactly_its_folders(tmp_path, monkeypatch):
    from assistant.evaluation.sets import EvalSet, settings_for

    monkeypatch.setenv("DAREIC_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data" / "corpus").mkdir(parents=True)  # a user's uploads: never part of a set
    one = EvalSet("one", tmp_path / "i.jsonl", (tmp_path / "a",), None, False)
    two = EvalSet("two", tmp_path / "i.jsonl", (tmp_path / "a", tmp_path / "b"), None, False)
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
    same = EvalSet("same", tmp_path / "j.jsonl", (tmp_path / "a",), None, False)
    s1, s2 = settings_for(one, tmp_path / "idx"), settings_for(two, tmp_path / "idx")
    assert s1.corpus_dirs() == [tmp_path / "a"] and s2.corpus_dirs() == [tmp_path / "a", tmp_path / "b"]
    assert s1.index_dir != s2.index_dir and s1.index_dir.parent == s2.index_dir.parent == tmp_path / "idx"
    assert settings_for(same, tmp_path / "idx").index_dir == s1.index_dir  # same folders, one index


# --- reports and gate on synthetic rows ----------------------------------------------------

def _row(n: int, *, answerable=True, answered="", refused=False, gold_found=True, bad_cite=False, doc="doc-a.pdf"):
    from assistant.evaluation.runner import score_item

    item = {"id": f"it-{n:02d}", "question": f"Question {n} ?", "answerable": answerable, "kind": "fact",
            "category": "cat-even" if n % 2 == 0 else "cat-odd", "sources": [doc] if answerable else [],
            "facts": [["fait"]] if answerable else [], "gold": "passage de référence" if answerable else ""}
    quote = "citation inventée" if bad_cite else "passage de référence"
    answer = {"id": item["id"], "question": item["question"], "rewritten": item["question"], "answer": answered,
              "citations": [{"n": 1, "source": doc, "section": "S", "quote": quote}], "refused": refused,
              "latency_ms": 10.0}
    passages = ["un passage de référence ici"] if gold_found else ["autre chose"]
    return score_item(item, answer, passages, lambda src: "texte : passage de référence.")


def _synthetic_rows():
    rows = []
    for n in range(40):
        kind = n % 5
        if kind == 0:
            rows.append(_row(n, answered="le fait"))                      # passes
        elif kind == 1:
            rows.append(_row(n, answered="autre chose"))                  # missing facts
        elif kind == 2:
            rows.append(_row(n, answered="le fait", gold_found=False, doc="doc-b.docx"))  # retrieval miss
        elif kind == 3:
            rows.append(_row(n, answered="le fait", bad_cite=True))       # citation not verbatim
        else:
            rows.append(_row(n, answerable=False, answered="une réponse"))  # should have been refused
    return rows


def test_every_failing_item_counted_is_listed():
    from assistant.evaluation import report, scoring

    rows = _synthetic_rows()
    expected = [r["id"] for r in rows if not r["id"].endswith(("0", "5"))]
    assert len(expected) == 32 > 15  # more than the old console list's cut-off
    assert report.failing_ids(rows) == expected

    md = report.set_report("synthetic", scoring.summarize(rows), rows, [], gated=True)
    counted = int(re.search(r"^## Failing items \((\d+)\)$", md, re.M).group(1))
    listed = re.findall(r"^### (\S+) ", md, re.M)
    assert counted == len(listed) == len(expected) and listed == expected

    count_line, = [ln for ln in report.console_lines("synthetic", scoring.summarize(rows), rows) if "failing" in ln]
    m = re.search(r"(\d+) failing item\(s\): (.+)$", count_line)
    assert int(m.group(1)) == len(expected) and m.group(2).split(", ") == expected

    # each breakdown's failing column lists exactly the ids it counts, and they add up
    for label in ("category", "document", "kind"):
        section = md.split(f"## Per {label}\n", 1)[1].split("\n## ", 1)[0]
        seen = []
        for line in section.splitlines()[3:]:
            cell = line.rstrip(" |").rsplit("| ", 1)[1]
            n, _, ids = cell.partition(": ")
            ids = ids.split(", ") if ids else []
            assert int(n) == len(ids), line
            seen += ids
        assert sorted(seen) == sorted(expected), label


def test_breakdowns_by_document_ignore_the_file_format():
    from assistant.evaluation import scoring

    rows = [_row(0, answered="le fait", doc="guide.pdf"), _row(1, answered="le fait", doc="guide.txt"),
            _row(2, answerable=False, answered="")]
    groups = scoring.group_rows(rows, scoring.document_keys)
    assert set(groups) == {"guide", "(no source: unanswerable)"} and len(groups["guide"]) == 2


def test_combined_report_names_every_set_and_skip():
    from assistant.evaluation import report, scoring

    rows = _synthetic_rows()
    results = [{"name": "dev", "summary": scoring.summarize(rows), "rows": rows, "gate": [], "report": "eval-dev.md"},
               {"name": "newdocs", "summary": scoring.summarize(rows[:5]), "rows": rows[:5], "gate": ["fully_correct: 0.2 < baseline 0.5 − 0.015"]}]
    md = report.combined_report(results, ["five-pdf: skipped, evals/corpora/pdf does not exist"])
    assert "| [dev](eval-dev.md) | 40 |" in md and "| passed |" in md
    assert "| newdocs | 5 |" in md and "| FAILED |" in md and "fully_correct: 0.2" in md
    assert "five-pdf: skipped" in md


def test_gate_tolerates_one_item_over_small_counts(tmp_path):
    from assistant.evaluation import gate

    assert gate.allowed_drop(0.015, 200) == 0.015
    assert gate.allowed_drop(0.015, 10) == pytest.approx(0.1)
    assert gate.allowed_drop(0.015, None) == 0.015
    base = tmp_path / "b.json"
    gate.write_baseline({"items": 10, "refusal_recall": 0.9, "fully_correct": 0.9,
                         "counts": {"refusal_recall": 10, "fully_correct": 100}}, base)
    assert gate.compare({"refusal_recall": 0.8, "fully_correct": 0.89}, base) == []  # one refusal of ten, rounding
    failures = gate.compare({"refusal_recall": 0.7, "fully_correct": 0.87}, base)
    assert [f.split(":")[0] for f in failures] == ["fully_correct", "refusal_recall"]
    assert gate.compare({"refusal_recall": None, "fully_correct": 0.9}, base) == ["refusal_recall: None < baseline 0.9 − 0.1"]
