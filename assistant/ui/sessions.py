"""Revocable sign-in tokens for the chat UI.

Chainlit signs a JWT at login and accepts it until it expires (15 days here):
logging out only deletes the browser's cookie, and a user removed from the
users file keeps working. ``assistant.ui.hardening`` makes Chainlit sign and
check tokens through ``issue_claims`` / ``check_claims`` below, on every HTTP
request and socket.io connection:

- the token carries the auth mode of the server that signed it: a token from
  a ``local`` server is refused by a ``password`` server sharing the data
  folder (and the reverse);
- it carries the user's *token version* and the global version, kept in
  ``<data_dir>/sessions.db`` (SQLite): logging out bumps the user's version,
  ``python -m assistant.ui.sessions revoke --all`` bumps the global one, and
  every token signed before is refused;
- in password mode it carries the role and a fingerprint of the password
  hash; the users file is re-read when it changes, so removing a user,
  changing a role or a password ends that user's sessions within a second.
"""
from __future__ import annotations

import hashlib
import hmac
import sqlite3
import sys
from pathlib import Path

from assistant.config import Settings

DB_NAME = "sessions.db"
CLAIM = "dareic"  # the JWT claim holding what is checked on every request
EVERYONE = "*"  # row of the global version


class RevokedToken(Exception):
    """The token is well signed but no longer valid (one-line reason)."""


class TokenVersions:
    """Per-user and global token versions in a small SQLite file (one read per check)."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / DB_NAME

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=10)
        con.execute('CREATE TABLE IF NOT EXISTS token_versions ("identifier" TEXT PRIMARY KEY, "version" INTEGER NOT NULL)')
        return con

    def get(self, identifier: str) -> tuple[int, int]:
        """(user's version, global version)."""
        with self._connect() as con:
            rows = dict(con.execute('SELECT "identifier", "version" FROM token_versions WHERE "identifier" IN (?, ?)',
                                    (identifier, EVERYONE)).fetchall())
        return int(rows.get(identifier, 0)), int(rows.get(EVERYONE, 0))

    def bump(self, identifier: str) -> int:
        """Invalidate every token of ``identifier`` (``EVERYONE``: of all users); returns the new version."""
        with self._connect() as con:
            con.execute('INSERT INTO token_versions ("identifier", "version") VALUES (?, 1) '
                        'ON CONFLICT ("identifier") DO UPDATE SET "version" = "version" + 1', (identifier,))
            return int(con.execute('SELECT "version" FROM token_versions WHERE "identifier" = ?',
                                   (identifier,)).fetchone()[0])


def password_fingerprint(secret: str, password_hash: str) -> str:
    """Short keyed digest of the stored hash: a changed password invalidates older tokens."""
    return hmac.new(secret.encode("utf-8"), password_hash.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _account(settings: Settings, identifier: str):
    from assistant.ui.auth import UsersFileError, current_users

    if settings.users_file is None:
        raise RevokedToken("password mode without a users file")
    try:
        users = current_users(settings.users_file)
    except UsersFileError as exc:  # fail closed: an unreadable users file lets nobody in
        raise RevokedToken(exc.one_line()) from exc
    account = users.get(identifier)
    if account is None:
        raise RevokedToken(f"user {identifier!r} is no longer in the users file")
    return account


def issue_claims(settings: Settings, secret: str, identifier: str) -> dict:
    """What a new token for ``identifier`` carries under ``CLAIM``."""
    user_v, all_v = TokenVersions(settings.data_dir).get(identifier)
    claims = {"mode": settings.auth_mode, "v": user_v, "g": all_v}
    if settings.auth_mode == "password":
        claims["pw"] = password_fingerprint(secret, _account(settings, identifier).password_hash)
    return claims


def check_claims(settings: Settings, secret: str, identifier: str, metadata: dict, claims) -> None:
    """Raise RevokedToken unless a token with these claims is still valid on this server."""
    if not isinstance(claims, dict):
        raise RevokedToken("token without dareic claims (signed before the sessions were revocable)")
    if claims.get("mode") != settings.auth_mode:
        raise RevokedToken(f"token signed in {claims.get('mode')!r} mode, server in {settings.auth_mode!r} mode")
    user_v, all_v = TokenVersions(settings.data_dir).get(identifier)
    if claims.get("v") != user_v or claims.get("g") != all_v:
        raise RevokedToken(f"token of {identifier!r} revoked (logout or revoke)")
    if settings.auth_mode == "password":
        account = _account(settings, identifier)
        if (metadata or {}).get("role") != account.role:
            raise RevokedToken(f"role of {identifier!r} changed")
        if claims.get("pw") != password_fingerprint(secret, account.password_hash):
            raise RevokedToken(f"password of {identifier!r} changed")


def main(argv: list[str] | None = None) -> int:
    """``python -m assistant.ui.sessions revoke (USER | --all)``: end sessions now."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "revoke" or args[1] in {"-h", "--help"}:
        print("usage: python -m assistant.ui.sessions revoke (USER | --all)\n"
              "  USER   end every session of this user (they sign in again)\n"
              "  --all  end every session of every user", file=sys.stderr)
        return 0 if args[-1:] in (["-h"], ["--help"]) else 2
    settings = Settings()
    who = EVERYONE if args[1] == "--all" else args[1]
    TokenVersions(settings.data_dir).bump(who)
    target = "tous les utilisateurs / all users" if who == EVERYONE else who
    print(f"sessions révoquées / sessions revoked: {target} ({Path(settings.data_dir) / DB_NAME})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
