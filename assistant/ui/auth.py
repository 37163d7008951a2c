"""Who is using the UI.

Two modes (``DAREIC_AUTH_MODE``):

- ``local`` (default): no login page; every visitor is the local admin
  (identifier ``local``). Only on a loopback address (``dareic ui`` refuses
  ``--host 0.0.0.0`` in this mode).
- ``password``: users sign in with a name and password checked against
  ``DAREIC_USERS_FILE``, a JSON file holding bcrypt hashes::

      {"users": [
        {"username": "alice", "password_hash": "$2b$12$...", "role": "admin"},
        {"username": "bob",   "password_hash": "$2b$12$...", "role": "user"}
      ]}

  A plain mapping ``{"alice": {"password_hash": "...", "role": "admin"}}`` is
  accepted too. Make a hash with ``python -m assistant.ui.auth`` (asks for the
  password) or ``hash_password("...")``.

The users file is re-read when it changes: removing a user or changing a
role takes effect at once, and that user's earlier sessions stop working
(see ``assistant.ui.sessions`` and docs/securite.md).

Only admins may add documents to the corpus through the chat.
"""
from __future__ import annotations

import functools
import json
import re
import secrets
import threading
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


def _rounds(pw_hash: str) -> int:
    m = re.match(r"^\$2[abxy]?\$(\d\d)\$", pw_hash)
    return int(m.group(1)) if m else 12


@functools.lru_cache(maxsize=8)
def _dummy_hash(rounds: int) -> bytes:
    """A hash of a random password at a given cost: checked for unknown names so that an unknown
    and a known name cost the same time (no user enumeration by timing)."""
    import bcrypt

    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(rounds))


def check_password(users: dict[str, Account], username: str, password: str) -> Account | None:
    """The account when the password matches its bcrypt hash, else None.

    Every attempt runs one bcrypt check at the cost of the users file's hashes, even for an
    unknown name or an empty password, so the answer time does not tell which names exist.
    """
    import bcrypt

    account = users.get((username or "").strip())
    rounds = max((_rounds(a.password_hash) for a in users.values()), default=12)
    candidate = account.password_hash.encode("ascii") if account is not None else _dummy_hash(rounds)
    try:
        ok = bcrypt.checkpw((password or "").encode("utf-8"), candidate)
    except ValueError:
        ok = False
    return account if ok and account is not None and password else None


_cache: dict[str, tuple[tuple, dict[str, Account]]] = {}
_cache_lock = threading.Lock()


def current_users(path: Path) -> dict[str, Account]:
    """``load_users`` re-read whenever the file changes (size, time or inode): an edit of the
    users file takes effect at the next request, without a restart. Raises UsersFileError."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise UsersFileError(f"users file {path} not found") from exc
    key = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    with _cache_lock:
        hit = _cache.get(str(path))
        if hit is not None and hit[0] == key:
            return hit[1]
    users = load_users(path)
    with _cache_lock:
        _cache[str(path)] = (key, users)
    return users


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    host = (host or "").strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
