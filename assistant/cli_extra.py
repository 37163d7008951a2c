"""Further ``dareic`` commands (partners), registered on the same Typer app."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.cli import _assistant, _settings, app
from assistant.errors import DareicError


PIPE_WIDTH = 160  # columns of the partners table when the output is not a terminal


@app.command()
def partners(
    academie: Optional[str] = typer.Option(None, "--academie", help="Académie (sous l'un de ses noms usuels)."),
    land: Optional[str] = typer.Option(None, "--land", help="Land (nom français, allemand ou anglais, ou abréviation)."),
    fmt: str = typer.Option("table", "--format", help="table, csv ou json."),
    index: Optional[Path] = typer.Option(None, "--index", help="Dossier de l'index."),
):
    """Lister les accords du registre des partenariats, filtrés par académie et/ou par Land."""
    import csv

    from assistant.answer.registry import PartnerQuery, select

    a = _assistant(_settings(index=index), warn_stale=False)
    records = a.index.extra("registry") or []
    ids = lambda text, kinds: tuple(dict.fromkeys(m.entity.id for m in a.gazetteer.find(text, kinds)))  # noqa: E731
    acad_ids = ids(academie, {"academie", "region"}) if academie else ()
    land_ids = ids(land, {"land"}) if land else ()
    if (academie and not acad_ids) or (land and not land_ids):
        raise DareicError(f"unknown {'académie' if academie and not acad_ids else 'Land'}: {academie if academie and not acad_ids else land}")
    rows = select(records, PartnerQuery(acad_ids, land_ids, (), ()), a.gazetteer) if (acad_ids or land_ids) else records
    flat = [{
        "region": r["region"], "academie": r["academie"], "cosignatories": ", ".join(r["cosignatories"]),
        "land": (r["land"] or {}).get("fr", ""), "land_de": (r["land"] or {}).get("de", ""), "kind": r["kind"],
        "signature": r["dates"]["signature"] or "", "renewals": ", ".join(r["dates"]["renewals"]),
        "planned": ", ".join(r["dates"]["planned"]), "themes": ", ".join(r["themes"]),
        "programmes": ", ".join(r["programmes"]), "source": r["source"], "span": f"{r['span'][0]}-{r['span'][1]}",
    } for r in rows]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=list(flat[0]) if flat else ["academie"])
        w.writeheader()
        w.writerows(flat)
    else:
        from rich.console import Console
        from rich.table import Table

        # Long cells wrap (a long word folds) instead of being cut; piped output gets a wide
        # table rather than the 80 columns rich assumes without a terminal.
        console = Console() if sys.stdout.isatty() else Console(width=PIPE_WIDTH)
        t = Table(show_lines=True)
        for name in ("académie", "Land", "type", "statut", "signature", "renouvellements", "prévu", "programmes"):
            t.add_column(name, overflow="fold")
        for r, f in zip(rows, flat):
            t.add_row(f["academie"], f["land"], f["kind"], r.get("status") or "", f["signature"], f["renewals"],
                      f["planned"], f["programmes"])
        console.print(t)
