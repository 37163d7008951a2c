"""``dareic ui`` and ``dareic feedback export``, registered on the main Typer app."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from assistant.cli import app
from assistant.config import Settings

feedback_app = typer.Typer(add_completion=False, no_args_is_help=True,
                           help="Avis 👍/👎 donnés dans l'interface de chat.")
app.add_typer(feedback_app, name="feedback")


@app.command()
def ui(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for a team server)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
):
    """Start the chat interface (Chainlit); ingests first if the index is missing or stale."""
    from assistant.ui.server import run_ui

    run_ui(host, port, Settings())


@feedback_app.command("export")
def feedback_export(
    out: Optional[Path] = typer.Option(None, "--out", help="JSONL file to write (default: stdout)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Chat database (default: <data_dir>/chat.db)."),
):
    """Write rated answers as candidate eval items (JSON lines; facts and gold left to fill)."""
    from assistant.ui.feedback import db_path, export_feedback

    n = export_feedback(db or db_path(Settings()), out)
    if out is not None:
        typer.echo(f"{n} rated answer{'s' if n != 1 else ''} written to {out}", err=True)
