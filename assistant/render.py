"""Plain-text rendering of an answer for terminals."""
from __future__ import annotations

from assistant.types import Answer


def answer_text(answer: Answer) -> str:
    lines = [answer.text, ""]
    for c in answer.citations:
        page = f", p. {c.page}" if c.page else ""
        lines.append(f"[{c.n}] {c.source} — {c.section}{page}")
        lines.append(f"    « {c.excerpt or ' '.join(c.quote.split())} »")
    return "\n".join(lines).rstrip()
