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
from assistant.errors import DareicError
from assistant.ui import auth, feedback, hardening, sources, state, streaming, upload
from assistant.ui.assets import APP_NAME, STARTERS, WELCOME_FR
from assistant.ui.state import get_assistant, settings
from assistant.ui.server import patch_chainlit_offline

log = logging.getLogger("dareic.ui")

HISTORY_KEY = "history"

# --------------------------------------------------------------------------- the shared assistant


@cl.on_app_startup
def _startup() -> None:
    threading.Thread(target=state.warm_in_background, name="dareic-warm", daemon=True).start()


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
            users = auth.current_users(s.users_file)  # re-read when the file changes
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
        # Anyone who reaches the server is the local admin: `dareic ui` listens on loopback only
        # in this mode, and the middleware refuses other Host names and foreign origins.
        return cl.User(identifier=auth.LOCAL_IDENTIFIER, metadata={"role": "admin", "provider": "local"})


@cl.on_logout
def _logout(request, response):
    # Chainlit only clears the cookie: end every token of this user on the server side too.
    from assistant.ui.middleware import token_from_headers

    hardening.revoke_token_owner(token_from_headers({k.lower(): v for k, v in request.headers.items()}))
    return {"success": True}


@cl.data_layer
def _data_layer():
    return feedback.make_data_layer(settings())


patch_chainlit_offline()
hardening.install(_settings_at_import)  # no-op when `dareic ui` installed it already


def _source_pdf(name: str):
    a = get_assistant()
    return sources.resolve(name, a.index.manifest.get("files", {}), a.settings.corpus_dirs())


sources.install(_source_pdf)

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
_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_HAIR_SPACE = "\u200a"


def md_escape(text: str) -> str:
    """Corpus or user text shown exactly as typed, whatever Markdown or HTML it contains.

    Every ASCII punctuation character is backslash-escaped (CommonMark shows ``\\x`` as ``x`` for
    all of them): no emphasis, link, table, heading or list marker, no raw HTML or entity, no
    directive (``:alert``), and no bare URL or e-mail turned into a link (``http\\:``,
    ``www\\.``, ``\\@``). Leading indentation becomes no-break spaces, so a passage never turns
    into a code block (where the escapes would show).
    """
    escaped = _ASCII_PUNCT.sub(r"\\\1", text or "")
    return _INDENT.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), escaped)


def _punct(ch: str) -> bool:
    import unicodedata

    return bool(ch) and unicodedata.category(ch)[0] in "PS"


def _flanked(before: str, bold: str, after: str) -> str:
    """Join a bold run to its neighbours so that its ``**`` still open and close (CommonMark:
    ``mot**\\(x\\)**`` is not bold); a hair space is added only where the rule would fail."""
    if bold.startswith("**") and before and not before[-1].isspace() and not _punct(before[-1]) \
            and _punct(bold[2:3]):
        before += _HAIR_SPACE
    if bold.endswith("**") and after and not after[0].isspace() and not _punct(after[0]) \
            and _punct(bold[-3:-2]):
        after = _HAIR_SPACE + after
    return before + bold + after


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
    return _flanked(md_escape(context[:start]), _bold(md_escape(context[start:end])), md_escape(context[end:]))


def nearest_names(answer) -> list[str]:
    """Side-panel names of a refusal's nearest passages. A passage the refusal's text already
    marks as [n] (with no citation of that number) takes that name, so the marker becomes its
    link; the others are lettered [A], [B]… — never a number, since every occurrence of an
    element's name in the message becomes its link — and listed under the text."""
    text, cited = answer.text or "", {c.n for c in answer.citations}
    names, letters = [], iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for c in getattr(answer, "nearest", ()) or ():
        marker = f"[{c.n}]"
        names.append(marker if c.n and c.n not in cited and marker in text else f"[{next(letters, 'Z')}]")
    return names


def _section(c) -> str:
    """The section path, unless it only repeats the document's title."""
    section = (c.section or "").strip()
    return "" if section.casefold() == (c.title or "").strip().casefold() else section


def _place(c) -> str:
    """Section and page of a passage, on one line (Markdown-escaped)."""
    parts = [md_escape(_section(c))] if _section(c) else []
    if c.page:
        parts.append(f"page {c.page}")
    return " · ".join(parts)


def citation_markdown(c) -> str:
    """Side-panel text of one passage: the document's title, where in it, the file name
    (secondary), then the passage with the quote in bold; for a PDF, the page itself with
    the quote highlighted and a link that opens the original at that page."""
    head = [f"**{md_escape(c.title or c.source)}**"]
    if _place(c):
        head.append(f"Section : {_place(c)}" if _section(c) else _place(c).capitalize())
    head.append(f"*Fichier : {md_escape(c.source)}*")
    text = "\n".join(head) + "\n\n---\n\n" + emphasise(c.context or c.excerpt or c.quote, c.excerpt or c.quote)
    if c.page and sources.is_pdf(c.source):
        image = sources.page_image_url(c.source, c.page, c.excerpt or c.quote)
        text += (f"\n\n![Page {c.page} du document, passage cité surligné]({image})"
                 f"\n\n[Ouvrir le document original à la page {c.page}]({sources.file_url(c.source, c.page)})")
    return text


def _same_question(a: str, b: str) -> bool:
    from assistant.textnorm import simple_key

    return simple_key(a or "") == simple_key(b or "")


def answer_markdown(answer, history_used: bool = False) -> str:
    """The message: the searched question when the conversation changed it, the answer,
    and for a refusal the nearest passages, each a link to the side panel."""
    parts = []
    if history_used and answer.rewritten and not _same_question(answer.rewritten, answer.question):
        parts.append(f"*Question recherchée : {md_escape(answer.rewritten)}*\n\n")
    text = md_answer(answer.text or "")
    parts.append(("ℹ️ " + text) if answer.refused else text)
    items = []
    for name, c in zip(nearest_names(answer), getattr(answer, "nearest", ()) or ()):
        if not name[1:-1].isdigit():  # not already marked in the text
            place = f" — {_place(c)}" if _place(c) else ""
            items.append(f"- {name} {md_escape(c.title or c.source)}{place}")
    if items:
        parts.append("\n\n**Passages les plus proches :**\n" + "\n".join(items))
    return "".join(parts)


def side_passages(answer) -> list[tuple[str, str]]:
    """(name, Markdown) of the side-panel passages: one per citation marker, one per nearest
    passage of a refusal."""
    seen, out = set(), []
    named = [(f"[{c.n}]", c) for c in answer.citations]
    named += list(zip(nearest_names(answer), getattr(answer, "nearest", ()) or ()))
    for name, c in named:
        if name not in seen:
            seen.add(name)
            out.append((name, citation_markdown(c)))
    return out


def citation_elements(answer) -> list:
    return [cl.Text(name=name, content=content, display="side") for name, content in side_passages(answer)]


# --------------------------------------------------------------------------- messages


async def _answer(question: str) -> None:
    history = list(cl.user_session.get(HISTORY_KEY) or [])
    if not state.ready():
        waiting = None
        if not state.failed():
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
    msg = cl.Message(content="", author=APP_NAME)
    try:  # a generative answer is shown as the model writes it, then replaced by the checked one
        answer = await streaming.ask(question, history, msg, md_answer)
    except DareicError as exc:
        await streaming.abandon(msg)
        await cl.Message(content=f"⚠️ {md_escape(exc.one_line())}").send()
        return
    except Exception:
        await streaming.abandon(msg)
        log.exception("answering %r failed", question)
        await cl.ErrorMessage(content="Une erreur interne a empêché de répondre à cette question. "
                                      "Réessayez ; si elle persiste, signalez-la avec la question posée.").send()
        return
    cl.user_session.set(HISTORY_KEY, history + [question])

    t_ask = time.perf_counter()
    msg.content = answer_markdown(answer, history_used=bool(history))
    msg.metadata = {feedback.META_KEY: {
        "question": question,
        "history": history,
        "rewritten": answer.rewritten,
        "answer": answer.text,
        "refused": answer.refused,
        "sources": sorted({c.source for c in answer.citations}),
        "latency_ms": round(answer.latency_ms, 1),
    }}
    # The answer is complete: it goes out at once (replacing any streamed text), its
    # passages first so that every marker is a link as soon as the message shows.
    elements = citation_elements(answer)
    await asyncio.gather(*(el.send(for_id=msg.id) for el in elements))
    t_elements = time.perf_counter()
    await msg.send()
    log.info("answered in %.0f ms (answer step %.0f ms, passages %.0f ms, message %.0f ms)",
             (time.perf_counter() - t0) * 1000, answer.latency_ms, (t_elements - t_ask) * 1000,
             (time.perf_counter() - t_elements) * 1000)


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
