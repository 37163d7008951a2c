"""Chainlit handlers of the DAREIC assistant (loaded by ``dareic ui``).

Nothing heavy happens at import: the ``Assistant`` is built on first use in a
module-level cache (ingesting first when the index is missing or stale) and
warmed in a background thread as soon as the server starts.
"""
from __future__ import annotations

import asyncio
import logging
import re
import threading
import time

import chainlit as cl

from assistant.config import Settings
from assistant.errors import DareicError, IndexMissingError, IndexStaleError
from assistant.ui import auth, feedback, upload
from assistant.ui.assets import APP_NAME, WELCOME_FR
from assistant.ui.server import patch_chainlit_offline

log = logging.getLogger("dareic.ui")

HISTORY_KEY = "history"

STARTERS = [
    ("Länder partenaires de Reims", "Quels Länder sont partenaires de l'académie de Reims ?"),
    ("Académies partenaires de la Basse-Saxe", "Quelles académies sont partenaires de la Basse-Saxe ?"),
    ("Demander un appariement", "Comment demander un appariement avec un établissement étranger ?"),
    ("Objectifs du plan Erasmus", "Quels sont les objectifs du plan Erasmus de l'académie de Poitiers ?"),
    ("Durée d'une FCIL", "Quelle est la durée d'une FCIL ?"),
]

# --------------------------------------------------------------------------- assistant cache

_state: dict = {"assistant": None, "error": None}
_build_lock = threading.Lock()
_ask_lock = threading.Lock()


def settings() -> Settings:
    return Settings()


def _ensure_index(a) -> None:
    try:
        stale = a.stale_files()
    except (IndexMissingError, IndexStaleError) as exc:
        log.info("index not usable (%s): ingesting the corpus first", exc.one_line())
        stale = True
    if stale:
        with upload.INGEST_LOCK:
            report = upload._ingest(a, lambda m: log.warning("ingest: %s", m))
        log.info("ingest: %s", report.summary())


def get_assistant():
    """The shared, warmed Assistant (blocking; built once, retried after a failure)."""
    a = _state["assistant"]
    if a is not None:
        return a
    with _build_lock:
        if _state["assistant"] is None:
            from assistant.app import Assistant

            t0 = time.perf_counter()
            try:
                a = Assistant(settings())
                _ensure_index(a)
                a.warm()
                try:  # the first answer loads what warm() does not (caches, registry look-ups)
                    a.ask(STARTERS[0][1], [])
                except Exception:
                    pass
            except Exception as exc:
                _state["error"] = exc
                raise
            _state["assistant"], _state["error"] = a, None
            log.info("assistant ready in %.1f s", time.perf_counter() - t0)
    return _state["assistant"]


def _warm_in_background() -> None:
    try:
        get_assistant()
    except Exception as exc:  # reported to the user on their first question
        log.error("assistant could not be prepared: %s", exc)


@cl.on_app_startup
def _startup() -> None:
    threading.Thread(target=_warm_in_background, name="dareic-warm", daemon=True).start()


def _ask(question: str, history: list[str]):
    a = get_assistant()
    with _ask_lock:
        return a.ask(question, history)


# --------------------------------------------------------------------------- auth and data layer

_settings_at_import = Settings()

if _settings_at_import.auth_mode == "password":

    @cl.password_auth_callback
    async def _password_login(username: str, password: str):
        s = settings()
        if s.users_file is None:
            log.error("DAREIC_AUTH_MODE=password needs DAREIC_USERS_FILE")
            return None
        try:
            users = auth.load_users(s.users_file)
        except DareicError as exc:
            log.error("%s", exc.one_line())
            return None
        account = await asyncio.to_thread(auth.check_password, users, username, password)
        if account is None:
            return None
        return cl.User(identifier=account.username, metadata={"role": account.role, "provider": "credentials"})

else:

    @cl.header_auth_callback
    async def _local_login(headers):
        return cl.User(identifier=auth.LOCAL_IDENTIFIER, metadata={"role": "admin", "provider": "local"})


@cl.data_layer
def _data_layer():
    return feedback.make_data_layer(settings())


patch_chainlit_offline()

# --------------------------------------------------------------------------- welcome screen


@cl.set_chat_profiles
async def _profiles(user=None, language=None):
    # One profile (no selector is shown): its description is the French welcome text.
    overrides = None
    if not auth.is_admin(user):
        from chainlit.config import ChainlitConfigOverrides, FeaturesSettings, SpontaneousFileUploadFeature

        overrides = ChainlitConfigOverrides(
            features=FeaturesSettings(spontaneous_file_upload=SpontaneousFileUploadFeature(enabled=False))
        )
    return [cl.ChatProfile(name="DAREIC", display_name=APP_NAME, markdown_description=WELCOME_FR,
                           icon="/public/icon.svg", default=True, config_overrides=overrides)]


@cl.set_starters
async def _starters(user=None, language=None):
    return [cl.Starter(label=label, message=message) for label, message in STARTERS]


@cl.on_chat_start
async def _chat_start():
    cl.user_session.set(HISTORY_KEY, [])


@cl.on_chat_resume
async def _chat_resume(thread):
    steps = sorted(thread.get("steps") or [], key=lambda s: s.get("createdAt") or "")
    cl.user_session.set(HISTORY_KEY, [s.get("output") or "" for s in steps
                                      if s.get("type") == "user_message" and (s.get("output") or "").strip()])


# --------------------------------------------------------------------------- rendering

_MARKER = re.compile(r"\[\d+\]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown/HTML syntax so user or corpus text is shown as typed."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _bold(escaped: str) -> str:
    """Bold each line of an already escaped passage, after any list marker (bold cannot span blocks)."""
    def one(line: str) -> str:
        m = re.match(r"^(\s*(?:[-*+•·]\s+|\d+[.)]\s+)?)(.*?)(\s*)$", line)
        if not m or not m.group(2):
            return line
        return f"{m.group(1)}**{m.group(2)}**{m.group(3)}"

    return "\n".join(one(line) for line in escaped.split("\n"))


def md_answer(text: str) -> str:
    """The answer's own Markdown (bold, lists) kept; raw HTML, images and links neutralised."""
    out, last = [], 0
    risky = re.compile(r"([<>\[\]])|!(?=\[)")

    def esc(part: str) -> str:
        return risky.sub(lambda m: "\\" + m.group(0), part)

    for m in _MARKER.finditer(text):
        out.append(esc(text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def emphasise(context: str, quote: str) -> str:
    """The passage as Markdown, the quoted sentence in bold (appended as a quote when not found)."""
    quote = (quote or "").strip()
    context = context or ""
    if not quote:
        return md_escape(context)
    start = context.find(quote)
    if start < 0:  # same words, different spacing or line breaks
        words = [re.escape(w) for w in quote.split()]
        m = re.search(r"\s+".join(words), context) if words else None
        if m:
            start, end = m.span()
        else:
            body = md_escape(context).strip()
            return (body + "\n\n" if body else "") + "> " + _bold(md_escape(quote))
    else:
        end = start + len(quote)
    return md_escape(context[:start]) + _bold(md_escape(context[start:end])) + md_escape(context[end:])


def citation_markdown(c) -> str:
    """Side-panel text of one citation: where it comes from, then the passage, quote in bold."""
    lines = [f"**Source [{c.n}]**", f"Document : {md_escape(c.source)}"]
    if c.section:
        lines.append(f"Section : {md_escape(c.section)}")
    if c.page:
        lines.append(f"Page : {c.page}")
    return "\n".join(lines) + "\n\n---\n\n" + emphasise(c.context or c.excerpt or c.quote, c.excerpt or c.quote)


def answer_markdown(answer) -> str:
    parts = []
    if answer.rewritten and answer.rewritten.strip() != (answer.question or "").strip():
        parts.append(f"*Question recherchée : {md_escape(answer.rewritten)}*\n\n")
    text = md_answer(answer.text or "")
    parts.append(("ℹ️ " + text) if answer.refused else text)
    return "".join(parts)


def citation_elements(answer) -> list:
    seen, elements = set(), []
    for c in answer.citations:
        name = f"[{c.n}]"
        if name in seen:
            continue
        seen.add(name)
        elements.append(cl.Text(name=name, content=citation_markdown(c), display="side"))
    return elements


def _pieces(text: str, max_pieces: int = 16) -> list[str]:
    """Split for streaming: about word by word, at most ``max_pieces`` sends."""
    tokens = re.findall(r"\S+\s*|\s+", text)
    if not tokens:
        return []
    per = max(1, -(-len(tokens) // max_pieces))
    return ["".join(tokens[i:i + per]) for i in range(0, len(tokens), per)]


# --------------------------------------------------------------------------- messages


async def _answer(question: str) -> None:
    history = list(cl.user_session.get(HISTORY_KEY) or [])
    if _state["assistant"] is None:
        waiting = None
        if _state["error"] is None:
            waiting = cl.Message(content="⏳ Préparation de l'index (première utilisation), un instant…")
            await waiting.send()
        try:
            await asyncio.to_thread(get_assistant)
        except Exception as exc:
            await cl.ErrorMessage(content=_preparation_error(exc)).send()
            return
        finally:
            if waiting is not None:
                await waiting.remove()
    t0 = time.perf_counter()
    try:
        answer = await asyncio.to_thread(_ask, question, history)
    except DareicError as exc:
        await cl.Message(content=f"⚠️ {md_escape(exc.one_line())}").send()
        return
    except Exception:
        log.exception("answering %r failed", question)
        await cl.ErrorMessage(content="Une erreur interne a empêché de répondre à cette question. "
                                      "Réessayez ; si elle persiste, signalez-la avec la question posée.").send()
        return
    cl.user_session.set(HISTORY_KEY, history + [question])

    t_ask = time.perf_counter()
    content = answer_markdown(answer)
    msg = cl.Message(content="", author=APP_NAME)
    msg.metadata = {feedback.META_KEY: {
        "question": question,
        "history": history,
        "rewritten": answer.rewritten,
        "answer": answer.text,
        "refused": answer.refused,
        "sources": sorted({c.source for c in answer.citations}),
        "latency_ms": round(answer.latency_ms, 1),
    }}
    # Citations first: their links then work as soon as a marker is streamed.
    elements = citation_elements(answer)
    await asyncio.gather(*(el.send(for_id=msg.id) for el in elements))
    t_stream = time.perf_counter()
    pieces = _pieces(content, max_pieces=16)
    for piece in pieces:
        await msg.stream_token(piece)
        await asyncio.sleep(0.015)
    t_send = time.perf_counter()
    msg.content = content
    await msg.send()
    log.info("answered in %.0f ms (answer step %.0f ms, citations %.0f ms, streaming %.0f ms)",
             (time.perf_counter() - t0) * 1000, answer.latency_ms, (t_stream - t_ask) * 1000,
             (t_send - t_stream) * 1000)


def _preparation_error(exc: Exception) -> str:
    detail = exc.one_line() if isinstance(exc, DareicError) else type(exc).__name__
    return f"L'assistant n'a pas pu préparer l'index ({md_escape(detail)}). Consultez le terminal de `dareic ui`."


def _uploaded_files(message: cl.Message) -> list:
    return [e for e in (message.elements or []) if getattr(e, "path", None)]


async def _handle_uploads(files: list) -> None:
    user = cl.user_session.get("user")
    if not auth.is_admin(user):
        await cl.Message(content="⛔ Seuls les administrateurs peuvent ajouter des documents au corpus. "
                                 "Le fichier joint a été ignoré.").send()
        return
    try:
        a = await asyncio.to_thread(get_assistant)
    except Exception as exc:
        await cl.ErrorMessage(content=_preparation_error(exc)).send()
        return
    for f in files:
        name = f.name or "document"
        status = cl.Message(content=f"⏳ Vérification et indexation de « {md_escape(name)} »…")
        await status.send()
        try:
            result = await asyncio.to_thread(upload.add_document, a, f.path, name)
            await asyncio.to_thread(a.warm)
        except upload.UploadError as exc:
            status.content = f"❌ {md_escape(str(exc))}"
        except Exception as exc:  # never leave the user without an answer
            log.exception("upload failed")
            status.content = f"❌ « {md_escape(name)} » n'a pas pu être ajouté ({md_escape(type(exc).__name__)}). " \
                             "Le corpus n'a pas été modifié."
        else:
            status.content = md_escape(result.message_fr())
        await status.update()


@cl.on_message
async def _on_message(message: cl.Message):
    files = _uploaded_files(message)
    if files:
        await _handle_uploads(files)
    question = (message.content or "").strip()
    if question:
        await _answer(question)
