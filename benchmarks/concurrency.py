"""Concurrent chat sessions against a running ``dareic ui`` (Chainlit 2.x) server, over socket.io.

Protocol (chainlit/socket.py, chainlit/server.py, chainlit/emitter.py):

1. ``POST /auth/header`` logs in through the app's ``header_auth_callback`` (auth mode
   ``local``) and sets the ``access_token`` cookie (a JWT).
2. socket.io connects on path ``/ws/socket.io`` with that cookie in the ``Cookie``
   header and ``auth = {sessionId, clientType, userEnv, chatProfile, threadId}``.
3. The client emits ``connection_successful`` (the server then runs ``on_chat_start``).
4. A question is ``client_message`` ``{"message": <step dict, id uuid4, type
   user_message, output=question>, "fileReferences": None}``. The server answers with
   ``task_start``, the passages as ``element`` events, ``new_message`` (the answer, author
   "Assistant DAREIC"; ``stream_start`` / ``stream_token`` only for a streamed answer) and
   ``task_end``.

Three loads, after one warm-up question: one session asking its questions one after the
other; ``sessions`` sessions asking back to back (saturation: latency is then mostly the
queue, by Little's law sessions / throughput); the same sessions pausing 1–3 s before each
question, as people reading answers do (the everyday case the p50 target is about).

Only loopback addresses are ever contacted; every wait is bounded.
"""
from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.common import percentile
from benchmarks.uiserver import start_ui, ui_available
ERROR_PREFIXES = ("⚠️", "❌", "⛔")


@dataclass
class Turn:
    question: str
    latency_ms: float | None = None  # client_message -> final answer message
    first_token_ms: float | None = None
    answer: str = ""
    error: str | None = None
    elements: int = 0


@dataclass
class SessionResult:
    session: int
    turns: list[Turn] = field(default_factory=list)
    error: str | None = None


async def _login(base_url: str) -> str:
    import aiohttp

    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base_url}/auth/header", timeout=aiohttp.ClientTimeout(total=30)) as resp:
            if resp.status != 200:
                raise RuntimeError(f"POST /auth/header answered {resp.status}: {(await resp.text())[:200]}")
            cookie = resp.cookies.get("access_token")
            if cookie is not None:
                return cookie.value
            data = await resp.json(content_type=None)
            token = data.get("access_token") if isinstance(data, dict) else None
            if not token:
                raise RuntimeError("POST /auth/header set no access_token cookie")
            return token


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


async def run_session(base_url: str, token: str, n: int, questions: list[str], answer_timeout: float = 120,
                      author: str = "Assistant DAREIC", think: tuple[float, float] | None = None) -> SessionResult:
    """One chat session: connect, ask ``questions`` one after the other (pausing ``think`` =
    (min, max) seconds before each when given), disconnect."""
    import socketio

    result = SessionResult(n)
    sio = socketio.AsyncClient(reconnection=False)
    events: asyncio.Queue = asyncio.Queue()

    for name in ("task_start", "task_end", "stream_start", "stream_token", "new_message", "update_message",
                 "element", "delete_message"):
        def make(ev):
            async def handler(data=None):
                await events.put((ev, data, time.perf_counter()))
            return handler
        sio.on(name, make(name))

    @sio.event
    async def disconnect(*_args):
        await events.put(("disconnect", None, time.perf_counter()))

    try:
        for attempt in range(5):  # a server that just started may refuse the first websocket
            try:
                await sio.connect(
                    base_url,
                    headers={"Cookie": f"access_token={token}"},
                    auth={"sessionId": str(uuid.uuid4()), "clientType": "webapp", "userEnv": "{}",
                          "chatProfile": "DAREIC", "threadId": None},
                    socketio_path="/ws/socket.io",
                    transports=["websocket"],
                    wait_timeout=30,
                )
                break
            except socketio.exceptions.ConnectionError:
                if attempt == 4:
                    raise
                await asyncio.sleep(1 + attempt)
        await sio.emit("connection_successful")
        # The server answers connection_successful with a task_end (and runs on_chat_start);
        # wait for it so that it cannot be mistaken for the end of the first question.
        deadline = time.perf_counter() + 15
        while time.perf_counter() < deadline:
            try:
                ev, _, _ = await asyncio.wait_for(events.get(), deadline - time.perf_counter())
            except asyncio.TimeoutError:
                break
            if ev == "task_end":
                break
        await asyncio.sleep(0.05)
        rng = random.Random(n)
        for q in questions:
            if think:
                await asyncio.sleep(rng.uniform(*think))
            turn = Turn(q)
            result.turns.append(turn)
            while not events.empty():
                events.get_nowait()
            msg_id = str(uuid.uuid4())
            step = {"id": msg_id, "threadId": "", "parentId": None, "createdAt": _now_iso(), "start": _now_iso(),
                    "end": _now_iso(), "output": q, "name": "User", "type": "user_message", "streaming": False,
                    "metadata": {}}
            t0 = time.perf_counter()
            await sio.emit("client_message", {"message": step, "fileReferences": None})
            started, ended, answer_at, final = False, False, None, None
            deadline = t0 + answer_timeout
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    if final is None:
                        turn.error = ("task ended without an answer message" if ended
                                      else f"no answer within {answer_timeout:.0f} s")
                    break
                try:
                    ev, data, t = await asyncio.wait_for(events.get(), remaining)
                except asyncio.TimeoutError:
                    continue
                if ev == "disconnect":
                    turn.error = "server closed the connection"
                    break
                if ev == "task_start":
                    started = True
                elif ev == "stream_start" and turn.first_token_ms is None:
                    turn.first_token_ms = (t - t0) * 1000
                elif ev == "element":
                    turn.elements += 1
                elif ev in ("new_message", "update_message") and isinstance(data, dict):
                    if data.get("id") == msg_id or data.get("type") == "user_message":
                        continue
                    content = data.get("output") or ""
                    if data.get("isError") or content.startswith(ERROR_PREFIXES):
                        turn.error = f"error message: {content[:200]}"
                    elif data.get("name") == author and content and not content.startswith("⏳"):
                        final, answer_at = content, t
                        if ended:
                            break
                elif ev == "task_end" and started:
                    if final is not None or turn.error:
                        break
                    # a task_end with no answer yet: allow a short grace period for late events
                    ended = True
                    deadline = min(deadline, time.perf_counter() + 5)
            if final is not None:
                turn.answer = final
                turn.latency_ms = (answer_at - t0) * 1000
            elif turn.error is None:
                turn.error = "task ended without an answer message"
    except Exception as exc:  # noqa: BLE001 - reported per session
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        with contextlib.suppress(Exception):
            await sio.disconnect()
    return result


async def _run_all(base_url: str, sessions: int, per_session: int, questions: list[str],
                   answer_timeout: float, think: tuple[float, float] | None) -> list[SessionResult]:
    token = await _login(base_url)
    jobs = []
    for s in range(sessions):
        qs = [questions[(s * per_session + i) % len(questions)] for i in range(per_session)]
        jobs.append(run_session(base_url, token, s, qs, answer_timeout, think=think))
    return await asyncio.gather(*jobs)


def run_load(base_url: str, sessions: int, per_session: int, questions: list[str], answer_timeout: float = 120,
             rss_probe=None, think: tuple[float, float] | None = None) -> dict:
    """``sessions`` concurrent sessions × ``per_session`` questions (pausing ``think`` seconds
    before each when given); returns latencies and errors.

    ``rss_probe`` (callable returning MiB) is sampled every 0.2 s during the run."""
    samples: list[float] = []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            with contextlib.suppress(Exception):
                samples.append(rss_probe())
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True) if rss_probe else None
    if sampler:
        sampler.start()
    t0 = time.perf_counter()
    try:
        results = asyncio.run(_run_all(base_url, sessions, per_session, questions, answer_timeout, think))
    finally:
        stop.set()
        if sampler:
            sampler.join(2)
    wall = time.perf_counter() - t0
    turns = [t for r in results for t in r.turns]
    lat = [t.latency_ms for t in turns if t.latency_ms is not None and t.error is None]
    ttft = [t.first_token_ms for t in turns if t.first_token_ms is not None]
    errors = [f"session {r.session}: {r.error}" for r in results if r.error]
    errors += [f"session {r.session} q{i}: {t.error}" for r in results for i, t in enumerate(r.turns) if t.error]
    return {
        "sessions": sessions, "per_session": per_session, "expected": sessions * per_session,
        "think_s": list(think) if think else None,
        "answered": len(lat), "errors": errors, "wall_s": wall,
        "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "max_ms": max(lat) if lat else float("nan"),
        "first_token_p50_ms": percentile(ttft, 50),
        "throughput_qps": len(lat) / wall if wall else float("nan"),
        "rss_peak_sampled_mb": max(samples) if samples else None,
        "answers": [t.answer for t in turns],
    }


THINK_S = (1.0, 3.0)  # pause before each question in the paced load: reading the previous answer


def benchmark(index_dir: Path, sessions: int = 20, per_session: int = 10, questions: list[str] | None = None,
              corpus_dir: Path | None = None, answer_timeout: float = 180) -> dict:
    """Start the UI on the given index, warm it with one session, run the three loads, stop it.

    The top-level keys are the back-to-back load of ``sessions`` sessions; ``single`` and
    ``paced`` hold the one-session and the paced loads."""
    reason = ui_available()
    if reason:
        return {"skipped": reason}
    if questions is None:
        from benchmarks.common import load_eval

        questions = [it["question"] for it in load_eval() if not it.get("history")]
    out: dict = {}
    t0 = time.perf_counter()
    with start_ui(index_dir, corpus_dir) as server:
        out["start_s"] = time.perf_counter() - t0
        out["rss_started_mb"] = server.rss_mb()
        warm = run_load(server.url, 1, 1, questions[:1], answer_timeout)
        out["first_answer_s"] = time.perf_counter() - t0
        out["warm_errors"] = warm["errors"]
        out["rss_idle_mb"] = server.rss_mb()
        single = run_load(server.url, 1, max(per_session, 20), questions, answer_timeout)
        load = run_load(server.url, sessions, per_session, questions, answer_timeout, rss_probe=server.rss_mb)
        paced = run_load(server.url, sessions, per_session, questions, answer_timeout, think=THINK_S)
        out.update(load)
        out["single"] = {k: v for k, v in single.items() if k != "answers"}
        out["paced"] = {k: v for k, v in paced.items() if k != "answers"}
        out["errors"] = load["errors"] + [f"1 session: {e}" for e in single["errors"]] + \
            [f"paced: {e}" for e in paced["errors"]]
        out["rss_after_mb"] = server.rss_mb()
        log = server.log_tail(400)
        if "ingesting the corpus first" in log or "ingest:" in log:
            out["note"] = "the UI found the index stale or missing and ingested first (first answer includes it)"
        if load["errors"]:
            out["server_log_tail"] = server.log_tail(30)
        server.stop()
        out["rss_peak_mb"] = server.peak_rss_mb
    return out
