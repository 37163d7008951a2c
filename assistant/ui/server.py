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

APP_NAME = "Assistant DAREIC"
ENTRY_MODULE = "dareic_chainlit_app.py"
SECRET_FILE = ".chainlit_auth_secret"

WELCOME_FR = """\
**Bienvenue !** Posez vos questions sur la coopération éducative franco-allemande et européenne :
partenariats entre académies et Länder, appariements, plan Erasmus+, conventions de coopération.

Chaque réponse cite ses sources : cliquez sur **[1]**, **[2]**… pour lire le passage d'origine.
Vous pouvez poser des questions de suivi (« Et pour Rouen ? »).
"""

README_FR = """\
# Assistant DAREIC

Cet assistant répond en français à partir des documents du corpus de la DAREIC
(délégation académique aux relations européennes, internationales et à la coopération).
Il fonctionne entièrement hors ligne : aucune question ne quitte cette machine.

## Poser une question

- Tapez votre question dans la zone de saisie, ou choisissez une suggestion.
- Les marqueurs **[1]**, **[2]**… renvoient aux passages cités : cliquez dessus pour
  afficher le document, la section, la page et l'extrait dans le panneau latéral.
- Les questions de suivi tiennent compte de la conversation (« Et pour Rouen ? ») ;
  la question réellement recherchée est alors indiquée en italique.
- Si le corpus ne contient pas la réponse, l'assistant le dit au lieu d'inventer.

## Donner votre avis

Utilisez 👍 ou 👎 sous une réponse, avec un commentaire si vous le souhaitez.
Ces avis servent à améliorer l'assistant.

## Ajouter un document (administrateurs)

Joignez un fichier PDF, DOCX, TXT ou MD au message (trombone ou glisser-déposer).
Il est vérifié, ajouté au corpus puis indexé ; les réponses suivantes peuvent le citer.
"""

# Two fixes in the page, as plain DOM code (Chainlit offers no option for either):
# 1. Chainlit >= 2.11 opens the source panel by itself, with every side element of the
#    conversation, whenever an answer arrives (Chainlit issue #2911). Sources should open
#    on a click on [n] only: close the panel when it opens or fills up without one.
# 2. The file picker rejects wrong types or sizes with English toasts: say it in French.
JS = """\
(function () {
  var MAX_MB = __MAX_MB__;
  var lastClick = 0, wasOpen = false;
  var FR = [
    [/^File type must be|File type not allowed|^Invalid file type/i,
     "Type de fichier non pris en charge : seuls les documents PDF, DOCX, TXT ou MD peuvent être ajoutés au corpus."],
    [/^File is larger than|File size too large|too large/i,
     "Fichier trop volumineux : " + MAX_MB + " Mo au maximum. Le corpus n'a pas été modifié."],
    [/^Too many files/i, "Trop de fichiers à la fois."],
    [/credentialssignin/i, "Identifiant ou mot de passe incorrect."]
  ];
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest("a.element-link")) lastClick = Date.now();
  }, true);
  function sourcePanel() {
    var content = document.getElementById("side-view-content");
    var open = !!content;
    if (open && Date.now() - lastClick > 1500) {
      var many = content.children.length > 1;
      if (!wasOpen || many) {
        var title = document.getElementById("side-view-title");
        var button = title && title.querySelector("button");
        if (button) { button.click(); open = false; }
      }
    }
    wasOpen = open;
  }
  function toasts() {
    var nodes = document.querySelectorAll("[data-sonner-toast], [role=alert], .text-destructive");
    for (var i = 0; i < nodes.length; i++) {
      var walker = document.createTreeWalker(nodes[i], NodeFilter.SHOW_TEXT);
      var t;
      while ((t = walker.nextNode())) {
        for (var j = 0; j < FR.length; j++) {
          if (FR[j][0].test(t.nodeValue) && t.nodeValue !== FR[j][1]) { t.nodeValue = FR[j][1]; break; }
        }
      }
    }
  }
  new MutationObserver(function () { sourcePanel(); toasts(); })
    .observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  sourcePanel(); toasts();
  window.__dareicUi = true;
})();
"""

CSS = """\
/* Assistant DAREIC: no web fonts are loaded (offline); use the local sans-serif fonts. */
:root { --font-sans: Inter, "Noto Sans", "DejaVu Sans", Roboto, "Segoe UI", system-ui, sans-serif; }
/* Citation markers stand out a little more. */
.message-content a.element-link, .element-link { font-weight: 600; }
"""

LOGO_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64">
  <rect x="2" y="8" width="48" height="48" rx="10" fill="#1f4e9c"/>
  <rect x="14" y="20" width="8" height="24" fill="#000000"/>
  <rect x="22" y="20" width="8" height="24" fill="#dd0000"/>
  <rect x="30" y="20" width="8" height="24" fill="#ffce00"/>
  <text x="62" y="42" font-family="DejaVu Sans, sans-serif" font-size="26" font-weight="700"
        fill="{fill}">DAREIC</text>
</svg>
"""

ICON_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#1f4e9c"/>
  <rect x="16" y="16" width="10" height="32" fill="#000000"/>
  <rect x="27" y="16" width="10" height="32" fill="#dd0000"/>
  <rect x="38" y="16" width="10" height="32" fill="#ffce00"/>
</svg>
"""

LOGIN_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000" viewBox="0 0 800 1000">
  <rect width="800" height="1000" fill="#1f4e9c"/>
  <rect x="330" y="330" width="46" height="150" fill="#000000"/>
  <rect x="377" y="330" width="46" height="150" fill="#dd0000"/>
  <rect x="424" y="330" width="46" height="150" fill="#ffce00"/>
  <text x="400" y="570" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="44"
        font-weight="700" fill="#ffffff">Assistant DAREIC</text>
  <text x="400" y="625" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="21"
        fill="#dbe4f5">Coopération éducative franco-allemande et européenne</text>
</svg>
"""

# Chainlit's fr-FR translation, with the texts this app wants different.
FR_OVERRIDES = {
    "auth": {
        "login": {
            "form": {
                "email": {"label": "Identifiant", "placeholder": "prenom.nom",
                          "required": "l'identifiant est obligatoire"},
            },
        },
    },
    "chat": {
        "watermark": "Réponses extraites des documents du corpus : vérifiez les passages cités.",
        "input": {"placeholder": "Posez votre question sur la coopération européenne et franco-allemande…"},
        "fileUpload": {"dragDrop": "Déposez ici un document PDF, DOCX, TXT ou MD à ajouter au corpus"},
    },
}


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def config_toml(settings: Settings) -> str:
    """The ``.chainlit/config.toml`` for this app (French UI, uploads, no HTML, no LaTeX)."""
    from assistant.ui.upload import ACCEPT

    accept = ", ".join(f"{_toml_str(k)} = {json.dumps(v)}" for k, v in ACCEPT.items())
    return f"""\
# Written by `dareic ui` at every start: edit assistant/ui/server.py instead.
[project]
user_env = []
session_timeout = 3600
user_session_timeout = 1296000
cache = false
persist_user_env = false
mask_user_env = false
allow_origins = ["*"]

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
    _write(public / "dareic.js", JS.replace("__MAX_MB__", str(int(settings.max_upload_mb))))
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


def check_auth_settings(settings: Settings) -> None:
    """Password mode needs a readable users file: fail before starting, not at the first login."""
    if settings.auth_mode != "password":
        return
    from assistant.ui.auth import UsersFileError, load_users

    if settings.users_file is None:
        raise UsersFileError("DAREIC_AUTH_MODE=password needs DAREIC_USERS_FILE (a JSON file of users)")
    if not load_users(settings.users_file):
        raise UsersFileError(f"users file {settings.users_file} lists no user")


def run_ui(host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Run the Chainlit server in this process until interrupted (headless: no browser opened)."""
    settings = settings or Settings()
    check_auth_settings(settings)
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
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)
    config.run.headless = True
    config.run.watch = False
    config.run.debug = False
    print(f"Assistant DAREIC : http://{host}:{port}  (Ctrl-C pour arrêter)", flush=True)
    run_chainlit(str(entry))
