"""The generative answer step against a protocol-faithful local stub of an OpenAI-compatible
chat-completions endpoint (no LLM exists here), and prompt-template validation."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.answer.prompts import PromptError, load_prompt
from assistant.app import Assistant
from assistant.config import Settings


class _Stub(BaseHTTPRequestHandler):
    requests: list = []
    reply = ""

    def do_POST(self):  # noqa: N802 (http.server API)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Stub.requests.append((self.path, body))
        payload = {"id": "cmpl-1", "object": "chat.completion", "model": body["model"],
                   "choices": [{"index": 0, "finish_reason": "stop",
                                "message": {"role": "assistant", "content": _Stub.reply}}]}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Stub.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_generative_answer_keeps_only_citations_of_given_passages(stub, built_index):
    _Stub.reply = "L'académie de Reims coopère avec la Basse-Saxe [1]. Autre chose [9]."
    a = Assistant(Settings(index_dir=built_index, llm_url=stub, llm_model="stub"))
    answer = a.ask("Quels Länder sont partenaires de l'académie de Reims ?")
    path, body = _Stub.requests[0]
    assert path == "/v1/chat/completions" and body["model"] == "stub"
    prompt = body["messages"][0]["content"]
    assert "Quels Länder sont partenaires de l'académie de Reims ?" in prompt and "[1]" in prompt
    assert not answer.refused and "[1]" in answer.text and "[9]" not in answer.text
    assert len(answer.citations) == 1
    assert answer.citations[0].quote in a.index.raw_text(answer.citations[0].source)


def test_generative_not_found_is_a_refusal(stub, built_index):
    _Stub.reply = "NON_TROUVÉ"
    a = Assistant(Settings(index_dir=built_index, llm_url=stub))
    assert a.ask("Quel est le budget du plan Erasmus ?").refused


def test_prompt_placeholders_are_validated(tmp_path):
    assert "{passages}" in load_prompt("answer", {"question", "passages", "language"})
    (tmp_path / "bad.md").write_text("Question : {question} {oops}", encoding="utf-8")
    with pytest.raises(PromptError, match="missing .*passages.*unknown .*oops"):
        load_prompt("bad", {"question", "passages"}, tmp_path)
