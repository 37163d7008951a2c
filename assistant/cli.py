"""``dareic`` command line: a thin surface over ``Assistant``; errors become one line."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.config import Settings
from assistant.errors import DareicError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Assistant DAREIC : questions sur la coopération éducative franco-allemande et européenne.")


def _settings(corpus: Optional[Path] = None, index: Optional[Path] = None) -> Settings:
    overrides = {}
    if corpus is not None:
        overrides["corpus_dir"] = corpus
    if index is not None:
        overrides["index_dir"] = index
    return Settings(**overrides)


def _assistant(settings: Settings, warn_stale: bool = True):
    from assistant.app import Assistant

    a = Assistant(settings)
    if warn_stale:
        try:
            changed = a.stale_files()
        except OSError:  # an unreadable corpus folder is not a reason to refuse answering
            changed = []
        if changed:
            typer.echo(f"warning: the corpus changed since the last ingest ({', '.join(changed[:3])}"
                       f"{'…' if len(changed) > 3 else ''}) — run `dareic ingest`", err=True)
    return a


def _lines(stream):
    for line in stream:
        if line.strip():
            yield line.rstrip("\n")


@app.command()
def ingest(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Dossier du corpus (par défaut : corpus/)."),
    index: Optional[Path] = typer.Option(None, "--index", help="Dossier de l'index (par défaut : index/)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Sans barre de progression."),
):
    """Construire ou mettre à jour l'index à partir du corpus (seuls les fichiers modifiés sont traités)."""
    from assistant.app import Assistant

    report = Assistant(_settings(corpus, index)).ingest(progress=not quiet)
    typer.echo(report.summary())


@app.command()
def search(
    question: str = typer.Argument(..., help="La question, ou - pour lire une question par ligne sur l'entrée standard."),
    k: int = typer.Option(5, "-k", min=1, max=50, help="Nombre de passages."),
    as_json: bool = typer.Option(False, "--json", help="Sortie en JSON."),
    index: Optional[Path] = typer.Option(None, "--index", help="Dossier de l'index."),
):
    """Afficher les passages retrouvés pour une question."""
    a = _assistant(_settings(index=index))
    if question == "-":
        for q in _lines(sys.stdin):
            typer.echo(json.dumps(_search_json(a, q, k), ensure_ascii=False))
        return
    hits = a.search(question, k)
    if as_json:
        typer.echo(json.dumps({"question": question, "hits": [h.to_json() for h in hits]}, ensure_ascii=False))
        return
    from assistant.render import where

    for h in hits:
        c = h.chunk
        typer.secho(f"[{h.rank}] {where(c.source, c.title, c.section, c.page)}  ({h.score:.4f})", bold=True)
        typer.echo("    " + h.chunk.text.replace("\n", "\n    ")[:600])


def _search_json(a, q: str, k: int) -> dict:
    try:
        return {"question": q, "hits": [h.to_json() for h in a.search(q, k)]}
    except DareicError as exc:
        return {"question": q, "hits": [], "error": exc.one_line()}


@app.command()
def ask(
    question: str = typer.Argument(..., help='La question, ou - pour lire des lignes JSON {"id","question","history"} sur l\'entrée standard.'),
    as_json: bool = typer.Option(False, "--json", help="Réponse en JSON."),
    index: Optional[Path] = typer.Option(None, "--index", help="Dossier de l'index."),
):
    """Répondre à une question, avec les passages cités."""
    from assistant.render import answer_text

    a = _assistant(_settings(index=index))
    if question == "-":
        for line in _lines(sys.stdin):
            typer.echo(json.dumps(_ask_json_line(a, line), ensure_ascii=False))
        return
    answer = a.ask(question)
    typer.echo(json.dumps(answer.to_json(), ensure_ascii=False) if as_json else answer_text(answer))


def _ask_json_line(a, line: str) -> dict:
    try:
        item = json.loads(line)
        if isinstance(item, str):
            item = {"question": item}
        if not isinstance(item, dict):
            raise ValueError("not an object")
    except ValueError:
        item = {"question": line}
    try:
        history = [h for h in item.get("history") or [] if isinstance(h, str)]
        return a.ask(str(item.get("question", "")), history).to_json(item.get("id"))
    except DareicError as exc:
        return {"id": item.get("id"), "question": item.get("question"), "rewritten": None, "answer": "",
                "citations": [], "refused": True, "latency_ms": 0.0, "error": exc.one_line()}


@app.command()
def chat(index: Optional[Path] = typer.Option(None, "--index", help="Dossier de l'index.")):
    """Conversation dans le terminal (les questions de suivi tiennent compte des précédentes)."""
    from assistant.render import answer_text

    a = _assistant(_settings(index=index))
    a.warm()
    history: list[str] = []
    typer.echo("Posez votre question (Ctrl-D pour quitter).")
    while True:
        try:
            q = input("> ")
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if not q.strip():
            continue
        try:
            answer = a.ask(q, history)
        except DareicError as exc:
            typer.echo(f"erreur : {exc.one_line()}")
            continue
        if answer.rewritten != answer.question:
            typer.secho(f"(recherché : {answer.rewritten})", dim=True)
        typer.echo(answer_text(answer))
        history.append(q)


def main() -> None:
    from assistant import cli_extra  # noqa: F401  (registers partners)
    from assistant import cli_eval  # noqa: F401  (registers eval)

    try:
        from assistant import cli_ui  # noqa: F401  (registers ui, feedback)
    except ImportError:
        pass
    from assistant import cli_fr

    cli_fr.install()  # Typer's own words in --help and usage errors, in French
    try:
        app()
    except DareicError as exc:
        typer.echo(f"error: {exc.one_line()}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the edge: a user sees one line; DAREIC_DEBUG=1 shows the traceback
        import os

        if os.environ.get("DAREIC_DEBUG"):
            raise
        typer.echo(f"error: unexpected {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} "
                   "(set DAREIC_DEBUG=1 for details)", err=True)
        sys.exit(2)
