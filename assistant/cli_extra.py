"""Further ``dareic`` commands (partners), registered on the same Typer app."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.cli import _assistant, _settings, app
from assistant.errors import DareicError


@app.command()
def partners(
    academie: Optional[str] = typer.Option(None, "--academie", help="Académie (any usual name)."),
    land: Optional[str] = typer.Option(None, "--land", help="Land (French, German or English name, or abbreviation)."),
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    index: Optional[Path] = typer.Option(None, "--index", help="Index folder."),
):
    """List the agreements of the partnership registry, filtered by académie and/or Land."""
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

        t = Table("académie", "Land", "type", "signature", "renouvellements", "prévu", "programmes")
        for f in flat:
            t.add_row(f["academie"], f["land"], f["kind"], f["signature"], f["renewals"], f["planned"], f["programmes"])
        Console().print(t)
