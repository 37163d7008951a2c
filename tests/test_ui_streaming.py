"""A generative answer streamed into the chat: a real ``dareic ui`` (conftest_ui.UIServer) whose
DAREIC_LLM_URL is the protocol-faithful stub of tests/test_generative.py, driven by a real
socket.io client. The pieces reach the page while the model is still writing; then the checked
answer (only markers of given passages, with their side-panel passages) replaces them."""
from __future__ import annotations

import asyncio
import threading
from http.server import ThreadingHTTPServer

import pytest

try:
    from conftest_ui import UIServer, isolate_chainlit
    from security_client import local_token, new_session_id, run, try_connect, write_corpus
    from test_generative import _Stub
except ImportError:  # pytest --import-mode=importlib
    from tests.conftest_ui import UIServer, isolate_chainlit
    from tests.security_client import local_token, new_session_id, run, try_connect, write_corpus
    from tests.test_generative import _Stub


QUESTION = "Avec quel Gymnasium le lycée Jean Moulin de Zanzibar-sur-Marne est-il apparié ?"
REPLY = "Le lycée Jean Moulin est apparié avec le Gymnasium Tulpenweg de Hildesheim [1], depuis 2024 [7]."


@pytest.fixture(scope="module")
def streaming_server(tmp_path_factory):
    stub = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    _Stub.requests, _Stub.cut_after, _Stub.gate, _Stub.reply = [], None, None, REPLY
    work = tmp_path_factory.mktemp("ui-stream")
    srv = UIServer(work, write_corpus(work / "corpus"), work / "index",
                   extra_env={"DAREIC_LLM_URL": f"http://127.0.0.1:{stub.server_address[1]}/v1"})
    try:
        yield srv.start()
    finally:
        srv.stop()
        stub.shutdown()
        stub.server_close()


@pytest.mark.slow
def test_generative_answer_streams_then_is_replaced_by_the_checked_one(streaming_server):
    token = local_token(streaming_server)
    _Stub.done, _Stub.gate = threading.Event(), threading.Event()  # halfway, the model waits

    async def go():
        s = await try_connect(streaming_server, token, new_session_id())
        assert s is not None
        try:
            await s.send(QUESTION, "local")
            for _ in range(300):  # up to 30 s for the first piece
                if any(e == "stream_start" for e, _ in s.events):
                    break
                await asyncio.sleep(0.1)
            model_done_at_first_piece = _Stub.done.is_set()
            _Stub.gate.set()
            await s.wait_for(lambda o: "Tulpenweg" in o and "[1]" in o)
            return model_done_at_first_piece, list(s.events)
        finally:
            _Stub.gate.set()
            await s.close()

    model_done_at_first_piece, events = run(go())
    names = [e for e, _ in events]
    assert "stream_start" in names, names
    assert not model_done_at_first_piece, "the first piece reached the page only after the model had finished"
    start = next(d for e, d in events if e == "stream_start")
    streamed = start["output"] + "".join(d["token"] for e, d in events if e == "stream_token" and d["id"] == start["id"])
    assert "Tulpenweg" in streamed and "[1]" in streamed  # markers never show broken ("\\[1")
    final = [(i, d) for i, (e, d) in enumerate(events) if e == "new_message" and d["id"] == start["id"]]
    assert len(final) == 1 and final[0][0] > names.index("stream_start")  # the same message, ended once
    final = [final[0][1]]
    assert "[1]" in final[0]["output"] and "[7]" not in final[0]["output"]  # [7] named no passage
    elements = [d for e, d in events if e == "element" and d.get("forId") == start["id"]]
    assert [el["name"] for el in elements] == ["[1]"]  # its side-panel passage


@pytest.mark.slow
def test_stream_cut_midway_takes_the_partial_text_back_and_says_why(streaming_server):
    token = local_token(streaming_server)
    _Stub.cut_after = 6

    async def go():
        s = await try_connect(streaming_server, token, new_session_id())
        assert s is not None
        try:
            await s.send(QUESTION, "local")
            await s.wait_for(lambda o: o.startswith("⚠️"))
            await asyncio.sleep(0.3)
            return list(s.events)
        finally:
            _Stub.cut_after = None
            await s.close()

    events = run(go())
    start = next(d for e, d in events if e == "stream_start")
    assert any(e == "delete_message" and d["id"] == start["id"] for e, d in events)
    errors = [d["output"] for e, d in events if e == "new_message" and d["output"].startswith("⚠️")]
    assert len(errors) == 1 and "\n" not in errors[0] and "RemoteProtocolError" in errors[0], errors
    assert not any(e == "new_message" and d["id"] == start["id"] for e, d in events)  # never sent as an answer


@pytest.mark.parametrize("pieces", [
    ["Voir [", "1] et ![", "2](x) puis [1", "2] ou [", "a] !", "!", " fin [3]"],
    list("Le [1] ![x](http://a/b.png) <b>gras</b> [23] fin !"),
    ["Tout d'un bloc [1]."],
])
def test_shown_parts_escape_like_the_whole_text(pieces):
    isolate_chainlit()  # before Chainlit is first imported
    from assistant.ui.app import md_answer
    from assistant.ui.streaming import split_stable

    shown, held = [], ""
    for piece in pieces:
        part, held = split_stable(held + piece)
        shown.append(md_answer(part))
    assert "".join(shown) + md_answer(held) == md_answer("".join(pieces))
