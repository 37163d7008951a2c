"""The answer routes, each a small module with ``propose(ctx, analysis, hits) -> [Candidate]``.
Every route proposes; the selector (assistant/answer/selector.py) chooses. Adding or
removing a route is one line here."""
from __future__ import annotations

from assistant.answer.routes import definition, document, lists, numbered, outline, registry, sentences, table

ROUTES = (
    registry.propose,
    definition.propose,
    numbered.propose,
    lists.propose,
    outline.propose,
    table.propose,
    sentences.propose,
    document.propose,
)
