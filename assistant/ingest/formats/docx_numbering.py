"""Word list numbering: the marker a reader sees in front of a numbered paragraph.

Word stores no "1." or "a)" in the text of a numbered paragraph: the paragraph (or its
style) points to a numbering instance (``w:numPr``: ``numId`` and level ``ilvl``), whose
abstract definition gives each level a format (decimal, lowerLetter, bullet…), a start
value and a pattern such as "%1." or "%1.%2)". The visible marker is the pattern filled
with running counters, kept per numbering instance and level.
"""
from __future__ import annotations

from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLET = "•"


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


def roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def bullet_symbol(text: str) -> str:
    """A bullet level's symbol as shown: private-use glyphs of symbol fonts read as '•'."""
    text = text.strip()
    if len(text) == 1 and not (0xE000 <= ord(text) <= 0xF8FF) and text.isprintable():
        return text
    return BULLET


def fill(pattern: str, counters: list[int], levels: dict[int, Level]) -> str:
    """'%1.%2)' with counters [3, 2] and decimal/lowerLetter levels -> '3.b)'."""
    out = pattern
    for i in range(9, 0, -1):
        token = f"%{i}"
        if token in out:
            n = counters[i - 1] if i - 1 < len(counters) else 0
            lvl = levels.get(i - 1, Level())
            out = out.replace(token, format_number(max(n, 1), lvl.fmt))
    return out.strip()


class Numbering:
    """Markers of numbered paragraphs, counted in document order."""

    def __init__(self, numbering_element=None):
        self._abstract: dict[str, dict[int, Level]] = {}
        self._num: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self._counters: dict[str, list[int]] = {}
        if numbering_element is not None:
            self._load(numbering_element)

    def _load(self, root) -> None:
        for an in root.iter(f"{W}abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in an.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0") or 0)
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText")
                start = _val(lvl, "start")
                levels[ilvl] = Level(fmt, f"%{ilvl + 1}." if text is None else text,
                                     int(start) if start and start.lstrip("-").isdigit() else 1)
            self._abstract[an.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            abstract = _val(num, "abstractNumId") or ""
            starts: dict[int, int] = {}
            for ov in num.iter(f"{W}lvlOverride"):
                s = _val(ov, "startOverride")
                if s and s.lstrip("-").isdigit():
                    starts[int(ov.get(f"{W}ilvl", "0") or 0)] = int(s)
            self._num[num.get(f"{W}numId", "")] = (abstract, starts)

    def levels(self, num_id: str) -> dict[int, Level] | None:
        if num_id not in self._num:
            return None
        abstract, starts = self._num[num_id]
        levels = dict(self._abstract.get(abstract, {}))
        for ilvl, start in starts.items():
            base = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
            levels[ilvl] = Level(base.fmt, base.text, start)
        return levels

    def next_marker(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """The marker of the next paragraph of instance ``num_id`` at level ``ilvl`` and
        whether the list is ordered; None when the instance is unknown or numbering is off."""
        levels = self.levels(num_id)
        if not levels:
            return None
        lvl = levels.get(ilvl) or levels.get(0) or Level()
        if lvl.fmt == "bullet":
            return bullet_symbol(lvl.text), False
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level_def = levels.get(len(counters), Level())
            counters.append(level_def.start - 1)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):  # a higher level restarts the levels below it
            counters[deeper] = levels.get(deeper, Level()).start - 1
        if lvl.fmt == "none":
            return "", True
        return fill(lvl.text, counters, levels), True


def _val(elm, tag: str) -> str | None:
    child = elm.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")
