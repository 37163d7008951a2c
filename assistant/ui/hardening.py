"""Security patches of Chainlit 2.12, in one place (``install`` is idempotent).

Chainlit trusts too much by default; each patch below names the hole it closes.

1. **Session ids are folder names.** ``WebsocketSession.files_dir`` is
   ``.files/<sessionId>`` with the id chosen by the client: ``../../corpus``
   or ``/etc`` let a signed-in user delete a folder (``clear_session``) or drop
   a file anywhere (``POST /project/file``). The socket.io ``connect`` handler
   now refuses an id that is not a UUID, the middleware does the same on HTTP,
   and ``files_dir`` refuses a folder outside ``.files``.
2. **Tokens outlive logout.** ``create_jwt``/``decode_jwt`` are replaced by
   versions carrying and checking ``assistant.ui.sessions`` claims (auth mode,
   token version, role, password fingerprint) on every request, so logout,
   ``revoke``, a users-file edit or a mode change end sessions; open sockets are
   re-checked at each event. ``/auth/jwt`` goes through the same check.
3. **Uploads**: an empty file is refused with a clear 400 (Chainlit stored it);
   admin-only access and the streaming size cap are in the middleware.
4. **Feedback**: ``PUT /feedback`` and ``DELETE /feedback`` let anyone signed
   in rate or un-rate any message; the middleware now lets only the thread's
   author through (``feedback.feedback_owners``).
5. **Origins and headers**: ``assistant.ui.middleware.SecurityMiddleware``.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from assistant.config import Settings
from assistant.ui import sessions
from assistant.ui.middleware import Guard, SecurityMiddleware, is_uuid, origin_of

log = logging.getLogger("dareic.ui.security")

_installed: dict = {}


def allowed_origins(settings: Settings) -> list[str]:
    """Origins trusted with credentialed CORS: the public URL's and DAREIC_ALLOWED_ORIGINS."""
    raw = [settings.public_url or ""] + re.split(r"[\s,]+", settings.allowed_origins or "")
    out = []
    for item in raw:
        origin = origin_of(item)
        if origin and origin not in out:
            out.append(origin)
    return out


def content_security_policy(html: str) -> str:
    """Same-origin CSP; the page's inline scripts are allowed by hash, nothing else inline runs.
    Styles need 'unsafe-inline': the chat's UI libraries insert <style> elements at run time."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S | re.I)})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' data: blob:",
        "media-src 'self' data: blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def session_files_dir(parent: Path, session_id: str) -> Path:
    """``parent/<session_id>``, refused (PermissionError) unless it is a UUID folder inside ``parent``."""
    path = (Path(parent) / str(session_id)).resolve()
    if not is_uuid(session_id) or path.parent != Path(parent).resolve():
        raise PermissionError(f"session id {session_id!r} does not name a folder inside {parent}")
    return path


STALE_STAGING_S = 15 * 60  # older than any upload check; newer ones may belong to a running server


def clean_staging(settings: Settings, now: float | None = None) -> list[Path]:
    """Remove what interrupted uploads left in ``<data_dir>/uploads`` (untouched for 15 minutes)."""
    import shutil
    import time

    root = Path(settings.data_dir) / "uploads"
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return removed
    for entry in entries:
        try:
            if now - entry.lstat().st_mtime < STALE_STAGING_S:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError as exc:
            log.warning("could not remove stale upload %s: %s", entry, exc)
    if removed:
        log.info("removed %d stale upload staging folder(s) from %s", len(removed), root)
    return removed


# --------------------------------------------------------------------------- tokens


def _secret() -> str:
    from chainlit.auth.jwt import get_jwt_secret

    secret = get_jwt_secret()
    if not secret:
        raise RuntimeError("CHAINLIT_AUTH_SECRET is not set")
    return secret


def create_jwt(user) -> str:
    """Chainlit's token plus the ``dareic`` claims that make it revocable."""
    import jwt as pyjwt
    from chainlit.config import config
    from fastapi import HTTPException

    settings, secret = _installed["settings"], _secret()
    try:
        claims = sessions.issue_claims(settings, secret, user.identifier)
    except sessions.RevokedToken as exc:
        raise HTTPException(status_code=401, detail="credentialssignin") from exc
    now = datetime.now(timezone.utc)
    payload = {**user.to_dict(), "exp": now + timedelta(seconds=config.project.user_session_timeout), "iat": now,
               sessions.CLAIM: claims}
    return pyjwt.encode(payload, secret, algorithm="HS256")


def decode_jwt(token: str):
    """Chainlit's check (signature, expiry) plus ours; a revoked token raises InvalidTokenError."""
    import jwt as pyjwt
    from chainlit.user import User

    secret = _secret()
    payload = pyjwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "identifier"]})
    try:
        sessions.check_claims(_installed["settings"], secret, str(payload["identifier"]),
                              payload.get("metadata") or {}, payload.get(sessions.CLAIM))
    except sessions.RevokedToken as exc:
        log.info("token refused: %s", exc)
        raise pyjwt.InvalidTokenError(str(exc)) from exc
    return User(identifier=payload["identifier"], display_name=payload.get("display_name"),
                metadata=payload.get("metadata") or {})


def user_of_token(token: str):
    """The user of a valid token, else None (never raises)."""
    try:
        return decode_jwt(token)
    except Exception:
        return None


def revoke_token_owner(token: str | None) -> None:
    """Logout: every token of the user who presents ``token`` stops working (signature checked first)."""
    import jwt as pyjwt

    if not token:
        return
    try:
        payload = pyjwt.decode(token, _secret(), algorithms=["HS256"], options={"verify_exp": False})
    except pyjwt.InvalidTokenError:
        return
    identifier = payload.get("identifier")
    if isinstance(identifier, str) and identifier:
        sessions.TokenVersions(_installed["settings"].data_dir).bump(identifier)
        log.info("sessions of %r revoked (logout)", identifier)


# --------------------------------------------------------------------------- install


def _patch_tokens() -> None:
    import chainlit.auth as auth_pkg
    import chainlit.auth.jwt as jwt_mod
    import chainlit.server as srv

    for module in (auth_pkg, jwt_mod, srv):
        module.create_jwt = create_jwt
        module.decode_jwt = decode_jwt


def _patch_socket() -> None:
    from chainlit.server import sio
    from chainlit.session import WebsocketSession

    handlers = sio.handlers["/"]
    connect = handlers["connect"]

    async def checked_connect(sid, environ, auth=None):
        auth = auth if isinstance(auth, dict) else {}
        if not is_uuid(auth.get("sessionId")) or (auth.get("threadId") and not is_uuid(auth.get("threadId"))):
            log.warning("socket.io connect refused: session id %r", auth.get("sessionId"))
            raise ConnectionRefusedError("invalid session id")
        return await connect(sid, environ, auth)

    def still_valid(handler):
        async def checked(sid, *args):
            session = WebsocketSession.get(sid)
            if session is not None and session.token and user_of_token(session.token) is None:
                log.info("socket.io event from a revoked session: disconnecting")
                await sio.disconnect(sid)
                return None
            return await handler(sid, *args)

        checked.__name__ = getattr(handler, "__name__", "checked")
        return checked

    for event, handler in list(handlers.items()):
        if event not in {"connect", "disconnect"}:
            handlers[event] = still_valid(handler)
    handlers["connect"] = checked_connect


def _patch_files() -> None:
    import chainlit.server as srv
    from chainlit.config import FILES_DIRECTORY
    from chainlit.session import BaseSession

    BaseSession.files_dir = property(lambda self: session_files_dir(FILES_DIRECTORY, self.id))
    validate = srv.validate_file_upload

    def validate_file_upload(file, spec=None):
        if file.size == 0:
            raise ValueError("Le fichier est vide : rien à ajouter. / The file is empty.")
        return validate(file, spec)

    srv.validate_file_upload = validate_file_upload


def install(settings: Settings | None = None) -> None:
    """Apply every patch and add the middleware; call before the server starts serving."""
    if _installed:
        return
    settings = settings or Settings()
    import chainlit.server as srv
    from chainlit.config import config

    if settings.auth_mode == "local":  # also when started by `chainlit run` rather than `dareic ui`
        from assistant.ui.server import check_auth_settings

        check_auth_settings(settings, config.run.host or "127.0.0.1")
    _installed["settings"] = settings

    from assistant.ui.feedback import db_path, feedback_owners

    _patch_tokens()
    _patch_socket()
    _patch_files()

    csp: dict = {}

    def current_csp() -> str:
        if "value" not in csp:  # the page's inline scripts are known once the config is loaded
            csp["value"] = content_security_policy(srv.get_html_template(""))
        return csp["value"]

    guard = Guard(
        local_mode=settings.auth_mode == "local",
        allowed_origins=frozenset(allowed_origins(settings)),
        secure_cookies=(settings.public_url or "").lower().startswith("https://"),
        upload_limit=int(settings.max_upload_mb) * 1024 * 1024,
        authenticate=user_of_token,
        feedback_owners=lambda **ids: feedback_owners(db_path(settings), **ids),
        csp=current_csp,
        prefix=config.run.root_path or "",
    )
    srv.app.add_middleware(SecurityMiddleware, guard=guard)
    log.info("security patches installed (auth mode %s, trusted origins %s)", settings.auth_mode,
             sorted(guard.allowed_origins) or "none")
