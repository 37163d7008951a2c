"""Start the Chainlit UI: app folder, environment, offline page, server.

Chainlit reads ``CHAINLIT_APP_ROOT`` (``.chainlit/config.toml``, translations,
``public/``, ``chainlit*.md``) when ``chainlit.config`` is first imported, so
``run_ui`` writes the folder and sets the environment *before* importing it.
The folder is ``<data_dir>/ui`` and is rewritten at every start from the
constants below (the upload size limit comes from the settings).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import sys
from pathlib import Path

from assistant.config import Settings
from assistant.errors import DareicError
from assistant.ui.assets import (APP_NAME, CSS, FR_OVERRIDES, ICON_SVG, JS, LOGIN_SVG, LOGO_SVG, README_FR,
                                  UI_LABELS_FR)

ENTRY_MODULE = "dareic_chainlit_app.py"
SECRET_FILE = ".chainlit_auth_secret"


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def config_toml(settings: Settings) -> str:
    """The ``.chainlit/config.toml`` for this app (French UI, uploads, no HTML, no LaTeX)."""
    from assistant.ui.upload import ACCEPT

    from assistant.ui.hardening import allowed_origins

    accept = ", ".join(f"{_toml_str(k)} = {json.dumps(v)}" for k, v in ACCEPT.items())
    # Credentialed CORS only for the public URL and DAREIC_ALLOWED_ORIGINS (Chainlit's default "*"
    # reflects any site's origin with cookies); same-origin pages need no CORS header.
    origins = json.dumps(allowed_origins(settings))
    return f"""\
# Written by `dareic ui` at every start: edit assistant/ui/server.py instead.
[project]
user_env = []
session_timeout = 3600
user_session_timeout = 1296000
cache = false
persist_user_env = false
mask_user_env = false
allow_origins = {origins}

[features]
unsafe_allow_html = false
latex = false
user_message_markdown = false
user_message_autoscroll = true
assistant_message_autoscroll = true
auto_tag_thread = false
edit_message = false
allow_thread_sharing = false
favorites = false

[features.spontaneous_file_upload]
enabled = true
accept = {{ {accept} }}
max_files = 5
max_size_mb = {int(settings.max_upload_mb)}

[features.audio]
enabled = false
sample_rate = 24000

[features.mcp]
enabled = false

[UI]
name = {_toml_str(APP_NAME)}
description = "Questions sur la coopération éducative franco-allemande et européenne, avec sources."
language = "fr-FR"
default_theme = "light"
layout = "wide"
default_sidebar_state = "closed"
confirm_new_chat = false
cot = "hidden"
custom_css = "/public/dareic.css"
custom_js = "/public/dareic.js"
alert_style = "classic"
login_page_image = "/public/login.svg"
custom_meta_image_url = "/public/logo_light.svg"
custom_meta_url = "/"
logo_file_url = ""
default_avatar_file_url = ""

[meta]
generated_by = "2.12.0"
"""


def _merge(base: dict, patch: dict) -> dict:
    out = dict(base)
    for k, v in patch.items():
        out[k] = _merge(out.get(k, {}), v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


def app_dir(settings: Settings) -> Path:
    return Path(settings.data_dir).resolve() / "ui"


def prepare_app_dir(settings: Settings) -> Path:
    """Write config, translations, welcome texts, public assets and the entry module; return the folder."""
    root = app_dir(settings)
    (root / ".files").mkdir(parents=True, exist_ok=True)
    _write(root / ".chainlit" / "config.toml", config_toml(settings))
    shipped = _chainlit_translations_dir()
    for lang in ("fr-FR", "en-US"):
        src = shipped / f"{lang}.json"
        data = json.loads(src.read_text(encoding="utf-8")) if src.is_file() else {}
        if lang == "fr-FR":
            data = _merge(data, FR_OVERRIDES)
        _write(root / ".chainlit" / "translations" / f"{lang}.json", json.dumps(data, ensure_ascii=False, indent=2))
    _write(root / "chainlit.md", README_FR)
    _write(root / "chainlit_fr-FR.md", README_FR)
    public = root / "public"
    _write(public / "dareic.css", CSS)
    _write(public / "dareic.js", JS.replace("__MAX_MB__", str(int(settings.max_upload_mb)))
                                  .replace("__LABELS__", json.dumps(UI_LABELS_FR, ensure_ascii=False)))
    _write(public / "logo_light.svg", LOGO_SVG.replace("{fill}", "#1f2937"))
    _write(public / "logo_dark.svg", LOGO_SVG.replace("{fill}", "#f3f4f6"))
    _write(public / "icon.svg", ICON_SVG)
    _write(public / "login.svg", LOGIN_SVG)
    _write(public / "favicon.svg", ICON_SVG)
    _write(public / "avatars" / "assistant_dareic.svg", ICON_SVG)
    _write(root / ENTRY_MODULE, "# Entry point for `chainlit run`: the handlers live in assistant/ui/app.py.\n"
                                "import assistant.ui.app  # noqa: F401\n")
    return root


def _chainlit_translations_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("chainlit")
    if spec is None or not spec.origin:
        return Path("/nonexistent")
    return Path(spec.origin).parent / "translations"


def ensure_auth_secret(settings: Settings) -> str:
    """``CHAINLIT_AUTH_SECRET`` from the environment, else one kept in ``<data_dir>`` (created once)."""
    if os.environ.get("CHAINLIT_AUTH_SECRET"):
        return os.environ["CHAINLIT_AUTH_SECRET"]
    path = Path(settings.data_dir) / SECRET_FILE
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except OSError:
        secret = ""
    if not secret:
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(secret + "\n")
    os.environ["CHAINLIT_AUTH_SECRET"] = secret
    return secret


def settings_env(settings: Settings) -> dict[str, str]:
    """``DAREIC_*`` variables that rebuild these settings in the Chainlit process."""
    env = {}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        if isinstance(value, Path):
            value = str(value.resolve())
        elif isinstance(value, (dict, list)):  # a nested settings group: pydantic-settings reads JSON
            value = json.dumps(value, ensure_ascii=False, default=str)
        env[f"DAREIC_{name.upper()}"] = str(value)
    return env


# ----------------------------------------------------------------- offline index.html

_EXTERNAL_TAG = re.compile(
    r"""<link\b[^>]*\bhref\s*=\s*["'](?:https?:)?//[^"']*["'][^>]*/?>"""
    r"""|<script\b[^>]*\bsrc\s*=\s*["'](?:https?:)?//[^"']*["'][^>]*>\s*</script>""",
    re.IGNORECASE | re.DOTALL,
)


def offline_html(html: str) -> str:
    """Drop every <link>/<script> that would fetch from another host (Google Fonts, KaTeX CDN)."""
    html = _EXTERNAL_TAG.sub("", html)
    return re.sub(r'<html lang="[^"]*"', '<html lang="fr"', html, count=1)


def patch_chainlit_offline() -> None:
    """Serve Chainlit's index.html without its CDN links (fonts, KaTeX CSS); idempotent."""
    import chainlit.server as srv

    original = srv.get_html_template
    if getattr(original, "_dareic_offline", False):
        return

    def get_html_template(*args, **kwargs):
        return offline_html(original(*args, **kwargs))

    get_html_template._dareic_offline = True  # type: ignore[attr-defined]
    srv.get_html_template = get_html_template


# ------------------------------------------------------------------------- run


def prepare_environment(host: str, port: int, settings: Settings) -> Path:
    """App folder + environment for Chainlit; returns the entry module path."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    root = prepare_app_dir(settings)
    ensure_auth_secret(settings)
    os.environ.update(settings_env(settings))
    os.environ["CHAINLIT_APP_ROOT"] = str(root)
    os.environ["CHAINLIT_HOST"] = str(host)
    os.environ["CHAINLIT_PORT"] = str(int(port))
    # Offline: Chainlit has no telemetry, and the Literal AI cloud client it bundles stays
    # unused without an API key (the chat history goes to the local SQLite data layer).
    os.environ.pop("LITERAL_API_KEY", None)
    return root / ENTRY_MODULE


class UnsafeHostError(DareicError):
    hint = "see docs/securite.md"


def check_auth_settings(settings: Settings, host: str = "127.0.0.1") -> None:
    """Fail before starting, not at the first login: local mode (no login, everyone is admin)
    listens on a loopback address only; password mode needs a readable users file."""
    from assistant.ui.auth import is_loopback

    if settings.auth_mode != "password":
        if not is_loopback(host):
            raise UnsafeHostError(
                f"mode local sans connexion : écoute sur {host} refusée, seulement 127.0.0.1 ; pour un serveur "
                "d'équipe, passez en mode mot de passe (DAREIC_AUTH_MODE=password, DAREIC_USERS_FILE) / "
                f"local mode has no login: refusing to listen on {host}; use password mode for a team server")
        return
    from assistant.ui.auth import UsersFileError, load_users

    if settings.users_file is None:
        raise UsersFileError("DAREIC_AUTH_MODE=password needs DAREIC_USERS_FILE (a JSON file of users)")
    if not load_users(settings.users_file):
        raise UsersFileError(f"users file {settings.users_file} lists no user")


def run_ui(host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Run the Chainlit server in this process until interrupted (headless: no browser opened)."""
    settings = settings or Settings()
    check_auth_settings(settings, host)
    entry = prepare_environment(host, port, settings)
    if "chainlit.config" in sys.modules:
        loaded = sys.modules["chainlit.config"].APP_ROOT
        if Path(loaded).resolve() != entry.parent:
            raise RuntimeError(f"chainlit was imported before run_ui (app root {loaded}); start `dareic ui` fresh")
    os.chdir(entry.parent)

    import logging

    from chainlit.cli import run_chainlit
    from chainlit.config import config

    patch_chainlit_offline()
    from assistant.ui.hardening import clean_staging, install

    install(settings)
    clean_staging(settings)
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)
    config.run.headless = True
    config.run.watch = False
    config.run.debug = False
    print(f"Assistant DAREIC : http://{host}:{port}  (Ctrl-C pour arrêter)", flush=True)
    run_chainlit(str(entry))
