"""Plain-text rendering of an answer for terminals."""
from __future__ import annotations

from assistant.types import Answer, Citation


def _where(c: Citation) -> str:
    """« Title » (file) — section, p. N: the document by its title, the file name as detail."""
    title = c.title or c.source
    file = f" ({c.source})" if c.title and c.title != c.source else ""
    section = f" — {c.section}" if c.section and c.section.strip().casefold() != title.strip().casefold() else ""
    page = f", p. {c.page}" if c.page else ""
    return f"« {title} »{file}{section}{page}"


def answer_text(answer: Answer) -> str:
    lines = [answer.text, ""]
    for c in answer.citations:
        lines.append(f"[{c.n}] {_where(c)}")
        lines.append(f"    « {c.excerpt or ' '.join(c.quote.split())} »")
    if answer.nearest:
        lines.append("Passages les plus proches :")
        cited = {c.n for c in answer.citations}
        for c in answer.nearest:
            marked = c.n and c.n not in cited and f"[{c.n}]" in answer.text
            lines.append(f"{f'[{c.n}]' if marked else '  -'} {_where(c)}")
    return "\n".join(lines).rstrip()
