"""Plain-text rendering of an answer for terminals."""
from __future__ import annotations

from assistant.types import Answer, Citation


def where(source: str, title: str, section: str, page: int | None) -> str:
    """« Title » (file) — section, p. N: the document by its title, the file name as detail."""
    shown = title or source
    file = f" ({source})" if title and title != source else ""
    section = f" — {section}" if section and section.strip().casefold() != shown.strip().casefold() else ""
    return f"« {shown} »{file}{section}" + (f", p. {page}" if page else "")


def _where(c: Citation) -> str:
    return where(c.source, c.title, c.section, c.page)


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
