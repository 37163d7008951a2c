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
    host: str = typer.Option("127.0.0.1", "--host", help="Adresse d'écoute (0.0.0.0 pour un serveur d'équipe, en mode mot de passe)."),
    port: int = typer.Option(8000, "--port", help="Port d'écoute."),
):
    """Lancer l'interface de chat (Chainlit) ; indexe d'abord le corpus si l'index manque ou n'est plus à jour. Ctrl-C pour arrêter."""
    from assistant.ui.server import run_ui

    run_ui(host, port, Settings())


@feedback_app.command("export")
def feedback_export(
    out: Optional[Path] = typer.Option(None, "--out", help="Fichier JSONL à écrire (par défaut : la sortie standard)."),
    db: Optional[Path] = typer.Option(None, "--db", help="Base des conversations (par défaut : <data_dir>/chat.db)."),
):
    """Exporter les réponses notées comme items d'évaluation candidats (lignes JSON ; faits et passage de référence à compléter)."""
    from assistant.ui.feedback import db_path, export_feedback

    n = export_feedback(db or db_path(Settings()), out)
    if out is not None:
        typer.echo(f"{n} rated answer{'s' if n != 1 else ''} written to {out}", err=True)
