"""Further ``dareic`` commands, registered on the same Typer app."""
