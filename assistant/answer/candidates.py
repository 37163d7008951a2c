"""What an answer route proposes: a candidate answer made of lines, each quoting a span
of a document, with what the selector needs to compare it to the others."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant.answer.base import CitationBook

Span = tuple[str, int, int]  # (source, start, end) in the document's canonical text


@dataclass(frozen=True)
class Line:
    text: str  # what is shown, before the citation marker
    cite: Span | None = None  # the quoted span (None: a line composed from structure)
    prefix: str = ""  # Markdown before the text ("- ", "1. ", "**Académie de X** : ")
    more: tuple[Span, ...] = ()  # further spans the same line stands for (cited after the first)
    suffix: str = ""  # after the citations ("(+2 autres accords)")


@dataclass(frozen=True)
class Candidate:
    route: str
    source: str  # the main document
    lines: tuple[Line, ...]
    evidence: str  # the text that answers (scored for key terms and answer type)
    about: str = ""  # what the evidence is about (section path, record names); scored with it
    passage: str = ""  # the passage around the evidence (the retrieved chunk), for the coverage gate
    rank: int = 0  # retrieval rank of that passage; 0 when found outside the retrieved passages
    fit: float = 0.5  # how well the form answers the question's form (list for a list question, …), 0-1
    lacks: tuple[str, ...] = ()  # qualifiers the route knows are missing (a renewal date never given)
    blocks: tuple[int, ...] = ()  # the document blocks the evidence comes from
    intro: str = ""  # a line composed from structure, shown first (a registry count)
    typed: str | None = None  # the text that must be the kind of answer asked (default: the main statement)
    main: str | None = None  # the statement chosen as the answer, apart from companions (default: the evidence)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def with_lines(self, lines) -> "Candidate":
        return replace(self, lines=tuple(lines))


def _inside(span: Span, other: Span) -> bool:
    return span[0] == other[0] and other[1] <= span[1] and span[2] <= other[2]


def render(candidate: Candidate, book: CitationBook) -> str:
    """The answer text: the intro, then each line with its citation marker. A span quoted
    once is never quoted again, nor is a span inside one already quoted."""
    out: list[str] = [candidate.intro] if candidate.intro else []
    cited: list[Span] = []
    for line in candidate.lines:
        if line.cite is not None:
            if any(_inside(line.cite, c) for c in cited):
                continue
            cited.append(line.cite)
            marks = " ".join(book.cite(*span) for span in (line.cite, *line.more))
            out.append(f"{line.prefix}{line.text} {marks}{line.suffix}".rstrip())
        elif line.text or line.prefix:
            out.append(f"{line.prefix}{line.text}".rstrip())
    return "\n".join(dict.fromkeys(out))
