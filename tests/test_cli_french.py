"""`dareic --help` and its commands' help are French from top to bottom, Typer's own words
included; a usage error is French too. The real command, in a subprocess."""
from __future__ import annotations

import re
import subprocess

import pytest
from cli_support import DAREIC, _env

# Words of Typer's or an English help that French help never uses.
ENGLISH = re.compile(r"\b(usage|show this message|commands?|arguments? missing|missing|default|required|"
                     r"the|folder|print|question, or|number of|build|answer a|start the|list the|write|"
                     r"run eval|one eval|where|record|only these)\b", re.IGNORECASE)


def help_of(*command: str, tmp_path) -> str:
    p = subprocess.run([DAREIC, *command, "--help"], capture_output=True, text=True, timeout=60,
                       env=_env(tmp_path / "index", tmp_path / "corpus") | {"COLUMNS": "200"})
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.mark.parametrize("command", [(), ("ingest",), ("search",), ("ask",), ("chat",), ("partners",),
                                     ("eval",), ("ui",), ("feedback",), ("feedback", "export")])
def test_help_is_french(command, tmp_path):
    text = help_of(*command, tmp_path=tmp_path)
    assert "Utilisation : dareic" in text and "Afficher cette aide et quitter." in text
    words = re.sub(r"--?[\w-]+", " ", text)  # option names stay as they are
    assert ENGLISH.findall(words) == [], text


def test_a_usage_error_is_french(tmp_path):
    p = subprocess.run([DAREIC, "search", "-k", "abc", "question"], capture_output=True, text=True, timeout=60,
                       env=_env(tmp_path / "index", tmp_path / "corpus") | {"COLUMNS": "200"})
    assert p.returncode == 2
    assert "Valeur invalide pour '-k' : un nombre entier est attendu." in p.stderr, p.stderr
    assert "Traceback" not in p.stderr
