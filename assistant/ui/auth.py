"""Who is using the UI.

Two modes (``DAREIC_AUTH_MODE``):

- ``local`` (default): no login page; every visitor is the local admin
  (identifier ``local``). Meant for a single user on ``127.0.0.1``.
- ``password``: users sign in with a name and password checked against
  ``DAREIC_USERS_FILE``, a JSON file holding bcrypt hashes::

      {"users": [
        {"username": "alice", "password_hash": "$2b$12$...", "role": "admin"},
        {"username": "bob",   "password_hash": "$2b$12$...", "role": "user"}
      ]}

  A plain mapping ``{"alice": {"password_hash": "...", "role": "admin"}}`` is
  accepted too. Make a hash with ``python -m assistant.ui.auth`` (asks for the
  password) or ``hash_password("...")``.

Only admins may add documents to the corpus through the chat.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DareicError

LOCAL_IDENTIFIER = "local"
ROLES = ("admin", "user")


class UsersFileError(DareicError):
    hint = "see `python -m assistant.ui.auth --help` for the users file format"


@dataclass(frozen=True)
class Account:
    username: str
    password_hash: str
    role: str = "user"


def hash_password(password: str, rounds: int = 12) -> str:
    """bcrypt hash of ``password`` as text, ready for the users file."""
    import bcrypt

    if not password:
        raise ValueError("empty password")
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def load_users(path: Path) -> dict[str, Account]:
    """Read the users file; raise UsersFileError with a one-line reason when it is unusable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsersFileError(f"users file {path} not found") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsersFileError(f"users file {path} is not readable JSON ({type(exc).__name__})") from exc
    if isinstance(data, dict) and isinstance(data.get("users"), list):
        entries = data["users"]
    elif isinstance(data, dict):
        entries = [{"username": k, **v} for k, v in data.items() if isinstance(v, dict)]
    elif isinstance(data, list):
        entries = data
    else:
        raise UsersFileError(f"users file {path}: expected {{\"users\": [...]}}")
    accounts: dict[str, Account] = {}
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise UsersFileError(f"users file {path}: entry {n} is not an object")
        name = str(e.get("username") or e.get("name") or "").strip()
        pw_hash = str(e.get("password_hash") or e.get("hash") or "")
        role = str(e.get("role") or "user")
        if not name or not pw_hash.startswith("$2"):
            raise UsersFileError(f"users file {path}: entry {n} needs a username and a bcrypt password_hash")
        if role not in ROLES:
            raise UsersFileError(f"users file {path}: entry {n} has role {role!r}, expected one of {ROLES}")
        accounts[name] = Account(name, pw_hash, role)
    return accounts


def check_password(users: dict[str, Account], username: str, password: str) -> Account | None:
    """The account when the password matches its bcrypt hash, else None (constant work per attempt)."""
    import bcrypt

    account = users.get((username or "").strip())
    if account is None or not password:
        return None
    try:
        ok = bcrypt.checkpw(password.encode("utf-8"), account.password_hash.encode("ascii"))
    except ValueError:
        return None
    return account if ok else None


def is_admin(user) -> bool:
    """True for a Chainlit user (or None in a session without auth) allowed to add documents."""
    if user is None:
        return False
    metadata = getattr(user, "metadata", None) or {}
    return metadata.get("role") == "admin"


def main(argv: list[str] | None = None) -> int:
    """``python -m assistant.ui.auth [PASSWORD]``: print a bcrypt hash for the users file."""
    import getpass
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    password = args[0] if args else getpass.getpass("Mot de passe : ")
    if not password:
        print("mot de passe vide", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
