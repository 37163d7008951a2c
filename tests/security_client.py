"""A small attacker's toolkit for tests/test_security.py: real HTTP (httpx, raw sockets) and a
real socket.io client (python-socketio) against a running ``dareic ui`` (conftest_ui.UIServer)."""
from __future__ import annotations

import asyncio
import json
import re
import select
import socket
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import socketio

FICHE = ("Fiche d'appariement\n\nLe lycée Jean Moulin de Zanzibar-sur-Marne est apparié avec le Gymnasium "
         "Tulpenweg de Hildesheim depuis 2024. Les échanges ont lieu chaque printemps.\n")
GUIDE = ("Guide de la mobilité\n\nLes élèves partent deux semaines en Allemagne. La demande se fait auprès "
         "du chef d'établissement avant le 15 mars.\n")


def write_corpus(folder: Path) -> Path:
    """A two-document corpus: each server ingests it at start (fast), in its own tmp folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fiche-appariement.txt").write_text(FICHE, encoding="utf-8")
    (folder / "guide-mobilite.txt").write_text(GUIDE, encoding="utf-8")
    return folder


def write_users(path: Path, accounts: dict[str, tuple[str, str]]) -> None:
    """A users file from {name: (bcrypt hash, role)}."""
    path.write_text(json.dumps({"users": [{"username": n, "password_hash": h, "role": r}
                                          for n, (h, r) in accounts.items()]}), encoding="utf-8")


def listing(*folders: Path) -> set[str]:
    return {str(p) for f in folders if f.exists() for p in f.rglob("*")}


def new_session_id() -> str:
    return str(uuid.uuid4())


# ---------------------------------------------------------------------------- HTTP


def _token_from(response: httpx.Response) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        m = re.match(r"access_token=([^;]+)", header)
        if m:
            return m.group(1)
    return None


def http(server, method: str, path: str, token: str | None = None, headers: dict | None = None,
         **kwargs) -> httpx.Response:
    """One request; the token goes in the Cookie header (cookies marked Secure are not sent over
    http by a cookie jar, and the password server runs with an https public URL)."""
    h = dict(headers or {})
    if token:
        h["Cookie"] = f"access_token={token}"
    with httpx.Client(base_url=server.url, timeout=30) as c:
        return c.request(method, path, headers=h, **kwargs)


def login(server, username: str, password: str) -> tuple[int, str | None, httpx.Response]:
    r = http(server, "POST", "/login", data={"username": username, "password": password})
    return r.status_code, _token_from(r), r


def local_token(server) -> str:
    r = http(server, "POST", "/auth/header")
    assert r.status_code == 200, r.text
    token = _token_from(r)
    assert token
    return token


def upload(server, token: str, session_id: str, name: str, data: bytes, mime: str = "text/plain") -> httpx.Response:
    return http(server, "POST", "/project/file", token, params={"session_id": session_id},
                files={"file": (name, data, mime)})


def raw_upload_status(server, token: str, session_id: str, declared: int | None, to_send: int,
                      chunk: int = 1 << 20, wait: float = 20.0) -> tuple[int | None, int]:
    """POST /project/file by hand: announce ``declared`` bytes (None: chunked), send up to
    ``to_send`` bytes while watching for an early answer; (status or None, bytes sent)."""
    host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
    boundary = "dareicboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"gros.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()
    lines = [f"POST /project/file?session_id={session_id} HTTP/1.1", f"Host: {host}:{port}",
             f"Cookie: access_token={token}", f"Content-Type: multipart/form-data; boundary={boundary}"]
    lines.append(f"Content-Length: {declared}" if declared is not None else "Transfer-Encoding: chunked")
    s = socket.create_connection((host, port), timeout=wait)
    sent, answer = 0, b""
    try:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        payload = head + b"x" * (chunk - len(head))
        while sent < to_send:
            if select.select([s], [], [], 0)[0]:
                break  # the server answered before the body was complete
            part = payload if sent == 0 else b"x" * chunk
            try:
                s.sendall(part if declared is not None else b"%x\r\n%s\r\n" % (len(part), part))
            except OSError:
                break
            sent += len(part)
        if declared is None and sent >= to_send:
            try:
                s.sendall(b"0\r\n\r\n")
            except OSError:
                pass
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and b"\r\n" not in answer:
            if select.select([s], [], [], 0.5)[0]:
                try:
                    data = s.recv(4096)
                except OSError:
                    break
                if not data:
                    break
                answer += data
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    return (int(m.group(1)) if m else None), sent


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ------------------------------------------------------------------------ socket.io


class Socket:
    """A socket.io client speaking Chainlit's protocol; ``events`` keeps what the server sent."""

    def __init__(self):
        self.client = socketio.AsyncClient(reconnection=False)
        self.events: list[tuple[str, object]] = []
        self.client.on("*", self._record)
        self.disconnected = asyncio.Event()
        self.client.on("disconnect", lambda *a: self.disconnected.set())

    async def _record(self, event, data=None):
        self.events.append((event, data))

    async def connect(self, server, token: str, session_id: str, origin: str | None = None) -> "Socket":
        headers = {"Cookie": f"access_token={token}"}
        if origin:
            headers["Origin"] = origin
        await self.client.connect(server.url, socketio_path="/ws/socket.io", transports=["websocket"],
                                  headers=headers, wait_timeout=10,
                                  auth={"sessionId": session_id, "clientType": "webapp", "userEnv": "{}",
                                        "chatProfile": None, "threadId": None})
        await self.client.emit("connection_successful")
        await asyncio.sleep(0.3)  # let it reach the server before the caller blocks the loop
        return self

    async def send(self, text: str, author: str, files: list[dict] = ()) -> str:
        message_id = str(uuid.uuid4())
        await self.client.emit("client_message", {
            "message": {"id": message_id, "threadId": "", "type": "user_message", "output": text, "name": author,
                        "createdAt": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")},
            "fileReferences": [{"id": f["id"]} for f in files]})
        return message_id

    def outputs(self) -> list[str]:
        return [d.get("output") or "" for e, d in self.events
                if e in {"new_message", "update_message"} and isinstance(d, dict)]

    async def wait_for(self, predicate, timeout: float = 120.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(predicate(o) for o in self.outputs()):
                return self.outputs()
            await asyncio.sleep(0.2)
        raise AssertionError(f"no expected message in {timeout:.0f} s; got {json.dumps(self.outputs())[:1500]}")

    async def close(self) -> None:
        if self.client.connected:
            await self.client.disconnect()


async def try_connect(server, token: str, session_id: str, origin: str | None = None) -> Socket | None:
    """The connected socket, or None when the server refused the connection."""
    s = Socket()
    try:
        return await s.connect(server, token, session_id, origin)
    except socketio.exceptions.ConnectionError:
        return None


def run(coro):
    return asyncio.run(coro)


# ------------------------------------------------------------------------ processes, browser


def run_dareic_ui(tmp_path: Path, host: str, timeout: float) -> tuple[int | None, str]:
    """``dareic ui --host HOST`` in local mode: (exit code, stderr), or (None, "") if still running
    after ``timeout`` seconds (then stopped)."""
    import os
    import signal
    import subprocess
    import sys

    try:
        from conftest_ui import free_port
    except ImportError:
        from tests.conftest_ui import free_port
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DAREIC_", "CHAINLIT_"))}
    env.update({"DAREIC_DATA_DIR": str(tmp_path / "data"), "DAREIC_CORPUS_DIR": str(write_corpus(tmp_path / "c")),
                "DAREIC_INDEX_DIR": str(tmp_path / "index"), "HF_HUB_OFFLINE": "1"})
    code = "import assistant.cli_ui; from assistant.cli import main; main()"
    proc = subprocess.Popen([sys.executable, "-c", code, "ui", "--host", host, "--port", str(free_port())],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # its own session: the server and nothing else
        proc.communicate()
        return None, ""
    return proc.returncode, err


def browse_with_csp_watch(url: str, question: str, expected: str) -> tuple[dict, list[str]]:
    """Open the chat in headless Chromium, ask, open the first source; (page headers, CSP violations)."""
    from playwright.sync_api import sync_playwright

    try:
        from conftest_ui import CHROMIUM, CHROMIUM_ARGS
    except ImportError:
        from tests.conftest_ui import CHROMIUM, CHROMIUM_ARGS
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(locale="fr-FR")
            page.set_default_timeout(60000)
            page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                                 "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))")
            headers = page.goto(url).headers
            page.wait_for_selector("#chat-input")
            page.click("#chat-input")
            page.keyboard.type(question)
            page.wait_for_selector("#chat-submit:enabled")  # Enter is ignored until connected
            page.keyboard.press("Enter")
            page.wait_for_function(f"() => document.body.innerText.includes({json.dumps(expected)})")
            page.locator("a.element-link").first.click()  # the side panel renders the quoted passage
            page.locator("#side-view-content").wait_for()
            return headers, page.evaluate("window.__csp")
        finally:
            browser.close()
