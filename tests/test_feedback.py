"""Feedback storage (Chainlit's SQLAlchemy data layer on SQLite) and its export as eval items."""
from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid

import pytest

try:
    from conftest_ui import isolate_chainlit
except ImportError:  # pytest --import-mode=importlib
    from tests.conftest_ui import isolate_chainlit

isolate_chainlit()

from assistant.config import Settings  # noqa: E402
from assistant.ui import feedback  # noqa: E402

REIMS = "Quels Länder sont partenaires de l'académie de Reims ?"
ROUEN = "Et pour Rouen ?"


async def _record_conversation(settings: Settings) -> dict:
    """A conversation written the way the running UI writes it: through Chainlit's data layer."""
    import chainlit as cl
    from chainlit.context import init_http_context
    from chainlit.types import Feedback

    layer = feedback.make_data_layer(settings)
    user = await layer.create_user(cl.User(identifier="local", metadata={"role": "admin"}))
    thread_id = str(uuid.uuid4())
    init_http_context(thread_id=thread_id, user=user)
    await layer.update_thread(thread_id, name=REIMS, user_id=user.id, metadata={"chat_profile": "DAREIC"})

    def stamp(n: int) -> str:
        return f"2026-01-01T10:00:0{n}.000000Z"

    steps = {}
    # As the UI writes them: user message <- on_message run <- assistant message. The UI
    # rates the run; older Chainlit versions rated the message itself: both are exported.
    user1 = cl.Message(content=REIMS, type="user_message", author="local", created_at=stamp(1))
    run1 = cl.Step(name="on_message", type="run", parent_id=user1.id)
    run1.created_at = stamp(2)
    answer1 = cl.Message(content="*texte affiché*", created_at=stamp(3), parent_id=run1.id,
                         metadata={feedback.META_KEY: {"question": REIMS, "history": [],
                                                       "answer": "Basse-Saxe [1], Bade-Wurtemberg [2]",
                                                       "refused": False,
                                                       "sources": ["partenaires-academies-lander.txt"]}})
    user2 = cl.Message(content=ROUEN, type="user_message", author="local", created_at=stamp(4))
    run2 = cl.Step(name="on_message", type="run", parent_id=user2.id)
    run2.created_at = stamp(5)
    # An answer without the UI's metadata: question and history come from the thread itself.
    answer2 = cl.Message(content="Basse-Saxe [1]", created_at=stamp(6), parent_id=run2.id)
    for name, m in {"user1": user1, "run1": run1, "answer1": answer1,
                    "user2": user2, "run2": run2, "answer2": answer2}.items():
        await layer.create_step(m.to_dict())
        steps[name] = m.id
    await layer.create_element(cl.Text(name="[1]", content="passage", display="side", for_id=answer1.id))
    await layer.upsert_feedback(Feedback(forId=run1.id, threadId=thread_id, value=1, comment="Parfait"))
    await layer.upsert_feedback(Feedback(forId=answer2.id, threadId=thread_id, value=0, comment=None))
    await layer.engine.dispose()
    steps["thread"] = thread_id
    return steps


@pytest.fixture()
def recorded(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    ids = asyncio.run(_record_conversation(settings))
    return feedback.db_path(settings), ids


def test_schema_takes_everything_chainlit_writes(recorded):
    db, ids = recorded
    with sqlite3.connect(db) as con:
        step_ids = {r[0] for r in con.execute('SELECT "id" FROM steps')}
        assert {ids[k] for k in ("user1", "run1", "answer1", "user2", "run2", "answer2")} <= step_ids
        assert con.execute("SELECT COUNT(*) FROM feedbacks").fetchone()[0] == 2
        assert con.execute('SELECT "userIdentifier" FROM threads WHERE "id" = ?', (ids["thread"],)).fetchone() == ("local",)
        # Citation texts are kept inline, so a conversation reopened from the history keeps its sources.
        (name, display, url), = con.execute('SELECT "name", "display", "url" FROM elements WHERE "forId" = ?',
                                            (ids["answer1"],)).fetchall()
        assert (name, display) == ("[1]", "side") and url.startswith("data:text/plain;charset=utf-8;base64,")


def test_ensure_schema_is_idempotent(tmp_path):
    db = tmp_path / "chat.db"
    feedback.ensure_schema(db)
    feedback.ensure_schema(db)
    with sqlite3.connect(db) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"users", "threads", "steps", "elements", "feedbacks"} <= tables


def test_export_writes_candidate_eval_items(recorded, tmp_path):
    db, ids = recorded
    out = tmp_path / "out" / "feedback.jsonl"
    assert feedback.export_feedback(db, out) == 2
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    first, second = items
    keys = {"id", "question", "history", "answerable", "facts", "sources", "gold", "category", "feedback"}
    assert set(first) == keys and set(second) == keys

    assert first["question"] == REIMS and first["history"] == []
    assert first["feedback"] == {"value": 1, "comment": "Parfait", "answer": "Basse-Saxe [1], Bade-Wurtemberg [2]"}
    assert first["facts"] == [] and first["gold"] == "" and first["category"] == "feedback"
    assert first["answerable"] is True and first["sources"] == ["partenaires-academies-lander.txt"]
    assert first["id"] == f"feedback-{ids['answer1'][:8]}"

    assert second["question"] == ROUEN and second["history"] == [REIMS]
    assert second["feedback"] == {"value": 0, "comment": "", "answer": "Basse-Saxe [1]"}


def test_cli_export(recorded, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import assistant.cli_ui  # noqa: F401  (registers the commands)
    from assistant.cli import app

    db, _ = recorded
    monkeypatch.setenv("DAREIC_DATA_DIR", str(db.parent))
    out = tmp_path / "fb.jsonl"
    result = CliRunner().invoke(app, ["feedback", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    result = CliRunner().invoke(app, ["feedback", "export"])
    assert result.exit_code == 0
    assert REIMS in result.stdout


def test_export_without_database_is_a_clear_error(tmp_path):
    with pytest.raises(feedback.FeedbackExportError) as err:
        feedback.export_feedback(tmp_path / "absent.db", tmp_path / "x.jsonl")
    assert "no chat database" in err.value.one_line()
    assert not (tmp_path / "x.jsonl").exists()
