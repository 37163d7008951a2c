"""Lists in a cleaned document: runs of item lines and the sentences that frame them."""
from __future__ import annotations

import re

_ITEM_LINE = re.compile(r"^(?:[-–·•▪◦o]\s+|\d{1,2}[.)]\s+)", re.MULTILINE)


def is_item(line: str) -> bool:
    return bool(_ITEM_LINE.match(line))


def strip_marker(line: str) -> str:
    return _ITEM_LINE.sub("", line, count=1).strip()


def item_runs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of consecutive list-item lines (spans), in document order."""
    runs, current, pos = [], [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if _ITEM_LINE.match(line):
            current.append((start, end))
        elif line.strip():
            if len(current) >= 2:
                runs.append(current)
            current = []
    if len(current) >= 2:
        runs.append(current)
    return runs


def paragraph_before(text: str, start: int) -> tuple[int, int] | None:
    end = text.rfind("\n", 0, start)
    if end <= 0:
        return None
    begin = text.rfind("\n", 0, end) + 1
    return (begin, end) if text[begin:end].strip() else None


def sentence_after(text: str, end: int) -> tuple[int, int] | None:
    from assistant.ingest.chunk import sentence_spans

    begin = end
    while begin < len(text) and text[begin] == "\n":
        begin += 1
    stop = text.find("\n", begin)
    stop = len(text) if stop < 0 else stop
    if begin >= stop or _ITEM_LINE.match(text[begin:stop]):
        return None
    spans = sentence_spans(text[begin:stop], begin)
    return spans[0] if spans else None


def list_following(text: str, end: int, limit: int = 12) -> list[tuple[int, int]]:
    """Spans of the list items (and short sub-headings ending with ':') right after end."""
    out: list[tuple[int, int]] = []
    pos = text.find("\n", end)
    if pos < 0 or text[end:pos].strip():
        return out
    while pos >= 0 and len(out) < limit:
        start = pos + 1
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
        line = text[start:stop]
        if line.strip():
            if _ITEM_LINE.match(line) or (len(line.strip()) <= 60 and line.rstrip().endswith(":")):
                out.append((start, stop))
            else:
                break
        pos = stop if stop < len(text) else -1
    while out and not _ITEM_LINE.match(text[out[-1][0]:out[-1][1]]):
        out.pop()  # a trailing sub-heading without items says nothing
    return out
