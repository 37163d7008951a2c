"""Prompt templates live in prompts/ as files; their placeholders are checked at load."""
from __future__ import annotations

import string
from pathlib import Path

from assistant.config import PROJECT_ROOT
from assistant.errors import DareicError

PROMPTS_DIR = PROJECT_ROOT / "prompts"


class PromptError(DareicError):
    hint = "fix the template in prompts/"


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def load_prompt(name: str, required: set[str], directory: Path = PROMPTS_DIR) -> str:
    """The template text; raises PromptError when a required placeholder is missing or an
    unknown one is present (it would fail, or silently leak braces, at format time)."""
    path = directory / f"{name}.md"
    if not path.exists():
        raise PromptError(f"prompt '{name}' not found in {directory}")
    text = path.read_text(encoding="utf-8")
    try:
        found = placeholders(text)
    except ValueError as exc:
        raise PromptError(f"prompt '{name}': malformed placeholder ({exc})") from exc
    missing, unknown = required - found, found - required
    if missing or unknown:
        detail = "; ".join(p for p in (f"missing {sorted(missing)}" if missing else "",
                                       f"unknown {sorted(unknown)}" if unknown else "") if p)
        raise PromptError(f"prompt '{name}': {detail}")
    return text
