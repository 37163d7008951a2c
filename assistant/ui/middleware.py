"""The ASGI layer in front of Chainlit's app (installed by ``assistant.ui.hardening``).

Every HTTP request and websocket goes through ``SecurityMiddleware`` first:

- **Origin**: a request carrying an ``Origin`` header is refused (403) unless it
  is the server's own origin, the public URL's or one of
  ``DAREIC_ALLOWED_ORIGINS`` — this covers the socket.io handshake, which
  Chainlit leaves unchecked (``cors_allowed_origins=[]``).
- **Host** (local mode only): a loopback name, so that a web page cannot reach
  the no-login server through a DNS name it rebinds to 127.0.0.1.
- **Session ids**: a ``session_id``/``sessionId`` that is not a UUID, in the
  query string or a JSON body, is refused (400): Chainlit uses it as a folder
  name.
- **Bodies**: ``POST /project/file`` is for admins only (403, checked before
  the body is read) and is cut at ``max_upload_mb`` while it streams (413);
  other request bodies are cut at 1 MB.
- **Feedback**: ``PUT``/``DELETE /feedback`` only on the caller's own
  conversations (Chainlit checks nothing).
- **Sign-in**: failed ``POST /login`` are counted per name and per address
  (``assistant.ui.throttle``); a locked name or address gets 429.
- **Headers**: Content-Security-Policy (same origin only), X-Frame-Options:
  DENY, X-Content-Type-Options: nosniff, Referrer-Policy; cookies get
  ``Secure`` when the public URL is https.
"""
from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import parse_qs, urlsplit

from assistant.ui.auth import is_loopback
from assistant.ui.throttle import LoginThrottle

log = logging.getLogger("dareic.ui.security")

UUID_RX = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
SESSION_KEYS = ("session_id", "sessionId")
BODY_LIMIT = 1024 * 1024  # JSON and form bodies of Chainlit's API are a few kilobytes
MULTIPART_SLACK = 64 * 1024  # multipart boundaries and part headers around the uploaded file


def is_uuid(value) -> bool:
    return isinstance(value, str) and bool(UUID_RX.match(value))


def origin_of(url: str) -> Optional[str]:
    """``scheme://host[:port]`` of a URL, lower case, default port dropped; None when not http(s)."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    if port and port != {"http": 80, "https": 443}[parts.scheme]:
        host += f":{port}"
    return f"{parts.scheme}://{host}"


@dataclass
class Guard:
    """What the middleware enforces; built by ``hardening.install`` from the settings."""

    local_mode: bool
    allowed_origins: frozenset
    secure_cookies: bool
    upload_limit: int
    authenticate: Callable[[str], object]  # token -> user with .metadata, or None
    csp: Callable[[], str]
    feedback_owners: Callable[..., set] = lambda **ids: set()  # authors of the threads a feedback touches
    prefix: str = ""
    throttle: LoginThrottle = field(default_factory=LoginThrottle)

    @property
    def socket_path(self) -> str:
        return f"{self.prefix}/ws/socket.io"


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}


def token_from_headers(headers: dict[str, str]) -> Optional[str]:
    """The Chainlit access token: cookie (possibly in chunks), else ``Authorization: Bearer``."""
    from chainlit.auth.cookie import get_token_from_cookies

    from starlette.requests import cookie_parser  # as Chainlit reads cookies (lenient, like browsers)

    token = get_token_from_cookies(cookie_parser(headers.get("cookie", "")))
    if token:
        return token
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class SecurityMiddleware:
    def __init__(self, app, guard: Guard):
        self.app = app
        self.guard = guard

    # ----------------------------------------------------------------- checks

    def _host_ok(self, headers) -> bool:
        if not self.guard.local_mode:
            return True
        host = urlsplit("//" + headers.get("host", "")).hostname or ""
        return is_loopback(host)

    def _origin_ok(self, scope, headers, origin: str) -> bool:
        normal = origin_of(origin)
        if normal is None:  # "null" (sandboxed frame, file://) or garbage
            return False
        if normal in self.guard.allowed_origins:
            return True
        scheme = "https" if scope.get("scheme") in {"https", "wss"} else "http"
        own = origin_of(f"{scheme}://{headers.get('host', '')}")
        return own is not None and normal == own

    def _user(self, headers):
        token = token_from_headers(headers)
        return self.guard.authenticate(token) if token else None

    # ---------------------------------------------------------------- plumbing

    def _secure_send(self, send):
        guard = self.guard

        async def wrapped(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                for name, value in ((b"content-security-policy", guard.csp().encode()),
                                    (b"x-frame-options", b"DENY"),
                                    (b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"same-origin")):
                    if name not in present:
                        headers.append((name, value))
                if guard.secure_cookies:
                    headers = [(k, v + b"; Secure") if k.lower() == b"set-cookie" and b"secure" not in v.lower()
                               else (k, v) for k, v in headers]
                message = {**message, "headers": headers}
            await send(message)

        return wrapped

    @staticmethod
    async def _respond(send, status: int, detail: str, extra: tuple = ()) -> None:
        body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
        headers = [(b"content-type", b"application/json; charset=utf-8"),
                   (b"content-length", str(len(body)).encode()), *extra]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _read_body(receive, limit: int) -> Optional[bytes]:
        """The whole body, or None when it exceeds ``limit`` (reading stops there)."""
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            body = message.get("body", b"")
            total += len(body)
            if total > limit:
                return None
            chunks.append(body)
            if not message.get("more_body", False):
                return b"".join(chunks)

    @staticmethod
    def _replay(body: bytes, receive):
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    # -------------------------------------------------------------------- ASGI

    async def __call__(self, scope, receive, send):
        if scope["type"] not in {"http", "websocket"}:
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        if scope["type"] == "websocket":
            origin = headers.get("origin")
            if not self._host_ok(headers) or (origin is not None and not self._origin_ok(scope, headers, origin)):
                log.warning("websocket refused: origin %r, host %r", origin, headers.get("host"))
                return await send({"type": "websocket.close", "code": 1008})
            return await self.app(scope, receive, send)

        send = self._secure_send(send)
        if not self._host_ok(headers):
            return await self._respond(send, 421, "host not allowed: local mode answers on the loopback address only")
        origin = headers.get("origin")
        if origin is not None and not self._origin_ok(scope, headers, origin):
            log.warning("request refused: origin %r on %s %s", origin, scope["method"], scope["path"])
            return await self._respond(send, 403, "origin not allowed")
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if any(not is_uuid(v) for key in SESSION_KEYS for v in query.get(key, [])):
            return await self._respond(send, 400, "invalid session id")

        path, method = scope["path"], scope["method"]
        if method == "POST" and path == f"{self.guard.prefix}/project/file":
            return await self._upload(scope, receive, send, headers)
        if method in {"GET", "HEAD", "OPTIONS"} or path.startswith(self.guard.socket_path):
            return await self.app(scope, receive, send)  # no body; socket.io caps its own (1 MB)

        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > BODY_LIMIT:
            return await self._respond(send, 413, "request body too large")
        body = await self._read_body(receive, BODY_LIMIT)
        if body is None:
            return await self._respond(send, 413, "request body too large")
        form = headers.get("content-type", "").lower().startswith(("multipart/", "application/x-www-form-urlencoded"))
        if body and not form:  # FastAPI reads JSON also without (or with an odd) content type
            try:
                data = json.loads(body)
            except ValueError:
                data = None
            if isinstance(data, dict) and any(k in data and not is_uuid(data[k]) for k in SESSION_KEYS):
                return await self._respond(send, 400, "invalid session id")
            if path == f"{self.guard.prefix}/feedback" and isinstance(data, dict):
                refused = await self._foreign_feedback(headers, data)
                if refused:
                    return await self._respond(send, *refused)
        receive = self._replay(body, receive)
        if method == "POST" and path == f"{self.guard.prefix}/login":
            return await self._login(scope, receive, send, headers, body)
        return await self.app(scope, receive, send)

    async def _foreign_feedback(self, headers, data: dict) -> Optional[tuple[int, str]]:
        """(status, reason) when the feedback request touches a conversation of someone else."""
        import asyncio

        user = self._user(headers)
        if user is None:
            return None  # Chainlit answers 401
        feedback = data.get("feedback") if isinstance(data.get("feedback"), dict) else {}
        ids = {"step_id": feedback.get("forId"), "thread_id": feedback.get("threadId"),
               "feedback_id": feedback.get("id") or data.get("feedbackId")}
        ids = {k: v for k, v in ids.items() if isinstance(v, str) and v}
        owners = await asyncio.to_thread(self.guard.feedback_owners, **ids) if ids else set()
        if owners != {user.identifier}:
            log.warning("feedback refused: %r is not the author of %s", user.identifier, ids)
            return 403, "feedback on another user's conversation"
        return None

    async def _login(self, scope, receive, send, headers, body: bytes):
        from starlette.requests import Request

        try:
            form = await Request(scope, self._replay(body, receive)).form()
            name = str(form.get("username") or "")
        except Exception:
            name = ""
        address = (scope.get("client") or ("?", 0))[0]
        wait = self.guard.throttle.retry_after(name, address)
        if wait > 0:
            log.warning("sign-in locked for %r from %s (%.0f s left)", name, address, wait)
            return await self._respond(send, 429, "Trop d'échecs de connexion : réessayez dans une minute. / Too many failed sign-ins: wait a minute.",
                                       ((b"retry-after", str(math.ceil(wait)).encode()),))
        status = 0

        async def watch(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        if status == 401:
            self.guard.throttle.failure(name, address)
        elif 200 <= status < 300:
            self.guard.throttle.success(name, address)

    async def _upload(self, scope, receive, send, headers):
        limit = self.guard.upload_limit + MULTIPART_SLACK
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return await self._respond(send, 413, "fichier trop volumineux / file too large")
        user = self._user(headers)
        if user is None:
            return await self._respond(send, 401, "not signed in")
        if (getattr(user, "metadata", None) or {}).get("role") != "admin":
            log.warning("upload refused: %r is not an admin", user.identifier)
            return await self._respond(send, 403, "seuls les administrateurs ajoutent des documents / admins only")
        total, cut = 0, False

        async def limited():
            nonlocal total, cut
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                if total > limit:  # answer now; the app sees a disconnected client
                    cut = True
                    await self._respond(send, 413, "fichier trop volumineux / file too large")
                    return {"type": "http.disconnect"}
            return message

        async def unless_cut(message):
            if not cut:
                await send(message)

        try:
            await self.app(scope, limited, unless_cut)
        except Exception:
            if not cut:
                raise
