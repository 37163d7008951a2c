"""Chat persistence and feedback export.

Chainlit's ``SQLAlchemyDataLayer`` stores users, threads, messages (steps) and
👍/👎 feedback, but does not create its tables: ``ensure_schema`` does, with
the schema from Chainlit's SQLAlchemy data-layer documentation adapted to
SQLite types. The database lives at ``<data_dir>/chat.db``.

``export_feedback`` turns every rated answer into a candidate evaluation item
in the ``evals/*.jsonl`` schema; evaluators fill ``facts`` and ``gold``.
"""
from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import Iterable

from assistant.config import Settings
from assistant.errors import DareicError

DB_NAME = "chat.db"

# Chainlit 2.x SQLAlchemy data-layer schema (docs.chainlit.io/data-layers/sqlalchemy),
# with SQLite types: UUID/JSONB/TEXT[] are stored as TEXT. Every column that
# Chainlit's Step/Message/Element ``to_dict`` may write exists, otherwise the
# INSERT fails and the message is silently not persisted.
SCHEMA = [
    """CREATE TABLE IF NOT EXISTS users (
        "id" TEXT PRIMARY KEY,
        "identifier" TEXT NOT NULL UNIQUE,
        "metadata" TEXT NOT NULL,
        "createdAt" TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS threads (
        "id" TEXT PRIMARY KEY,
        "createdAt" TEXT,
        "name" TEXT,
        "userId" TEXT,
        "userIdentifier" TEXT,
        "tags" TEXT,
        "metadata" TEXT,
        FOREIGN KEY ("userId") REFERENCES users("id") ON DELETE CASCADE
    )""",
    """CREATE TABLE IF NOT EXISTS steps (
        "id" TEXT PRIMARY KEY,
        "name" TEXT NOT NULL,
        "type" TEXT NOT NULL,
        "threadId" TEXT NOT NULL,
        "parentId" TEXT,
        "streaming" BOOLEAN NOT NULL,
        "waitForAnswer" BOOLEAN,
        "isError" BOOLEAN,
        "metadata" TEXT,
        "tags" TEXT,
        "input" TEXT,
        "output" TEXT,
        "createdAt" TEXT,
        "command" TEXT,
        "modes" TEXT,
        "start" TEXT,
        "end" TEXT,
        "generation" TEXT,
        "showInput" TEXT,
        "language" TEXT,
        "indent" INT,
        "defaultOpen" BOOLEAN,
        "autoCollapse" BOOLEAN,
        FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE
    )""",
    """CREATE TABLE IF NOT EXISTS elements (
        "id" TEXT PRIMARY KEY,
        "threadId" TEXT,
        "type" TEXT,
        "url" TEXT,
        "chainlitKey" TEXT,
        "name" TEXT NOT NULL,
        "display" TEXT,
        "objectKey" TEXT,
        "size" TEXT,
        "page" INT,
        "language" TEXT,
        "forId" TEXT,
        "mime" TEXT,
        "props" TEXT,
        "autoPlay" BOOLEAN,
        "playerConfig" TEXT,
        FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE
    )""",
    """CREATE TABLE IF NOT EXISTS feedbacks (
        "id" TEXT PRIMARY KEY,
        "forId" TEXT NOT NULL,
        "threadId" TEXT NOT NULL,
        "value" INT NOT NULL,
        "comment" TEXT,
        FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE
    )""",
    'CREATE INDEX IF NOT EXISTS steps_thread ON steps ("threadId", "createdAt")',
    'CREATE INDEX IF NOT EXISTS feedbacks_for ON feedbacks ("forId")',
]

# Key of the assistant message metadata where the UI records what it answered.
META_KEY = "dareic"


class FeedbackExportError(DareicError):
    hint = "start `dareic ui`, ask questions and rate answers with 👍/👎 first"


def db_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / DB_NAME


def conninfo(path: Path) -> str:
    return f"sqlite+aiosqlite:///{Path(path).resolve()}"


def ensure_schema(path: Path) -> Path:
    """Create the database file and Chainlit's tables when missing (idempotent)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path, timeout=30) as con:
        con.execute("PRAGMA journal_mode=WAL")
        for statement in SCHEMA:
            con.execute(statement)
    return path


def make_data_layer(settings: Settings):
    """Chainlit's SQLAlchemy data layer on ``<data_dir>/chat.db``, tables created first."""
    from chainlit.data.sql_alchemy import SQLAlchemyDataLayer

    class LocalDataLayer(SQLAlchemyDataLayer):
        """Citation texts are stored inline (a ``data:`` URL in ``elements.url``): no blob
        storage is needed, and a conversation reopened from the history keeps its sources."""

        async def create_element(self, element):
            if not element.for_id or element.type != "text" or element.content is None:
                return None  # uploaded documents live in the corpus, not in the chat database
            data = element.content.encode("utf-8") if isinstance(element.content, str) else bytes(element.content)
            row = {k: v for k, v in element.to_dict().items() if v is not None}
            row["url"] = "data:text/plain;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")
            row["mime"] = "text/plain"
            row.pop("chainlitKey", None)
            row.pop("path", None)
            for key in ("props", "playerConfig"):
                if key in row:
                    row[key] = json.dumps(row[key])
            columns = ", ".join(f'"{k}"' for k in row)
            values = ", ".join(f":{k}" for k in row)
            updates = ", ".join(f'"{k}" = :{k}' for k in row if k != "id")
            await self.execute_sql(
                f"INSERT INTO elements ({columns}) VALUES ({values}) ON CONFLICT (id) DO UPDATE SET {updates}", row
            )
            return None

    import logging

    path = ensure_schema(db_path(settings))
    chainlit_log = logging.getLogger("chainlit")
    level = chainlit_log.level
    chainlit_log.setLevel(logging.ERROR)  # its "no storage client" warning does not apply here
    try:
        return LocalDataLayer(conninfo(path))
    finally:
        chainlit_log.setLevel(level)


def feedback_owners(path: Path, step_id: str | None = None, thread_id: str | None = None,
                    feedback_id: str | None = None) -> set[str]:
    """Authors of the conversations a feedback request touches: the rated message's thread, the
    thread named, and the thread of the feedback being changed. A caller may act only when this
    is exactly ``{their identifier}``; an unknown message or feedback gives an empty set."""
    path = Path(path)
    if not path.is_file():
        return set()
    owners: set[str] = set()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        def owner(sql: str, key: str) -> None:
            row = con.execute(sql, (key,)).fetchone()
            owners.add(row[0] if row and row[0] else "")  # "" never matches a user: refused

        if step_id:
            owner('SELECT t."userIdentifier" FROM steps s JOIN threads t ON t."id" = s."threadId" '
                  'WHERE s."id" = ?', step_id)
        if thread_id:
            owner('SELECT "userIdentifier" FROM threads WHERE "id" = ?', thread_id)
        if feedback_id:
            row = con.execute('SELECT t."userIdentifier" FROM feedbacks f LEFT JOIN threads t '
                              'ON t."id" = f."threadId" WHERE f."id" = ?', (feedback_id,)).fetchone()
            if row is not None or not step_id:  # a new id on an update names nothing yet
                owners.add(row[0] if row and row[0] else "")
    except sqlite3.Error:
        return set()
    finally:
        con.close()
    owners.discard(None)
    return owners


# --------------------------------------------------------------------------- export


def _json(value) -> dict:
    if isinstance(value, dict):
        return value
    if not value:
        return {}
    try:
        out = json.loads(value)
    except (TypeError, ValueError):
        return {}
    return out if isinstance(out, dict) else {}


def _answer_step(con, step: sqlite3.Row) -> sqlite3.Row:
    """The assistant message a feedback is about.

    Chainlit's UI rates the *run* (the ``on_message`` step) that produced the message,
    not the message itself: take that run's answer, the one carrying this UI's metadata
    (a run that also reported an upload has two messages).
    """
    if step["type"] != "run":
        return step
    children = con.execute(
        """SELECT "id", "type", "threadId", "parentId", "output", "metadata", "createdAt" FROM steps
           WHERE "parentId" = ? AND "type" = 'assistant_message' ORDER BY "createdAt" """,
        (step["id"],),
    ).fetchall()
    tagged = [c for c in children if META_KEY in _json(c["metadata"])]
    return (tagged or children or [step])[-1]


def rated_exchanges(path: Path) -> list[dict]:
    """Every rated assistant answer with the user message it replied to and the earlier ones."""
    path = Path(path)
    if not path.is_file():
        raise FeedbackExportError(f"no chat database at {path}")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    con.row_factory = sqlite3.Row
    try:
        try:
            rows = con.execute(
                """SELECT f."id" AS fid, f."value" AS value, f."comment" AS comment,
                          s."id" AS "id", s."type" AS "type", s."threadId" AS "threadId",
                          s."parentId" AS "parentId", s."output" AS "output",
                          s."metadata" AS "metadata", s."createdAt" AS "createdAt"
                   FROM feedbacks f JOIN steps s ON s."id" = f."forId"
                   ORDER BY s."createdAt", f."id" """
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise FeedbackExportError(f"{path} is not a dareic chat database ({exc})") from exc
        out = []
        for r in rows:
            step = _answer_step(con, r)
            meta = _json(step["metadata"]).get(META_KEY) or {}
            users = [
                u["output"] or ""
                for u in con.execute(
                    """SELECT "output" FROM steps
                       WHERE "threadId" = ? AND "type" = 'user_message' AND "createdAt" <= ?
                       ORDER BY "createdAt" """,
                    (step["threadId"], step["createdAt"]),
                )
            ]
            question = meta.get("question") or (users[-1] if users else "")
            history = meta.get("history")
            if not isinstance(history, list):
                history = users[:-1]
            out.append(
                {
                    "feedback_id": r["fid"],
                    "step_id": step["id"],
                    "thread_id": step["threadId"],
                    "created": step["createdAt"],
                    "value": int(r["value"]),
                    "comment": r["comment"] or "",
                    "question": question,
                    "history": [h for h in history if isinstance(h, str)],
                    "answer": meta.get("answer") or step["output"] or "",
                    "refused": bool(meta.get("refused", False)),
                    "sources": [s for s in meta.get("sources") or [] if isinstance(s, str)],
                }
            )
        return out
    finally:
        con.close()


def to_eval_item(ex: dict) -> dict:
    """A candidate item for ``evals/*.jsonl``: facts and gold are left for an evaluator."""
    return {
        "id": f"feedback-{ex['step_id'][:8]}",
        "question": ex["question"],
        "history": ex["history"],
        "answerable": not ex["refused"],
        "facts": [],
        "sources": ex["sources"],
        "gold": "",
        "category": "feedback",
        "feedback": {"value": ex["value"], "comment": ex["comment"], "answer": ex["answer"]},
    }


def export_feedback(path: Path, out=None) -> int:
    """Write one JSON line per rated exchange to ``out`` (a path or a text stream); return the count."""
    items: Iterable[dict] = [to_eval_item(ex) for ex in rated_exchanges(path) if ex["question"]]
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    text = "".join(line + "\n" for line in lines)
    if out is None:
        import sys

        sys.stdout.write(text)
    elif isinstance(out, (str, Path)):
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    else:
        out.write(text)
    return len(lines)
