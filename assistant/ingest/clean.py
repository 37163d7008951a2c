"""Repair the extraction artefacts of the corpus, changing only whitespace and hyphens
inside words (plus removing whole artefact lines), so every cleaned passage still
matches its source under accent/case/whitespace/hyphen-insensitive comparison."""
from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# "Grand-Est (suite)" printed again at the top of a continued table page, possibly wrapped.
_SUITE = re.compile(r"^[ \t]*(?![-·•o] )[^\n]{2,60}?[ \t]*\n?[ \t]*\(suite\)[ \t]*$", re.MULTILINE)
_LINE_HYPHEN = re.compile(r"([^\W\d_]+)-[ \t]*\n[ \t]*\n?[ \t]*([^\W\d_]+)")


def remove_bookmarks(text: str) -> str:
    return _BOOKMARK.sub("", text)


def remove_continuation_headers(text: str) -> str:
    return _SUITE.sub("", text)


def remove_repeated_page_lines(pages: list[str], min_pages: int = 3) -> list[str]:
    """Drop first/last lines that repeat on most pages (running headers and footers)."""
    if len(pages) < min_pages:
        return pages
    edges: Counter[str] = Counter()
    for page in pages:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        for ln in set(lines[:2] + lines[-2:]):
            edges[re.sub(r"\d+", "#", ln)] += 1
    repeated = {k for k, n in edges.items() if n >= max(min_pages, len(pages) // 2 + 1)}
    if not repeated:
        return pages
    out = []
    for page in pages:
        kept = [ln for ln in page.splitlines() if re.sub(r"\d+", "#", ln.strip()) not in repeated]
        out.append("\n".join(kept))
    return out


def vocabulary(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def join_split_words(text: str, vocab: Counter[str] | None = None) -> str:
    """'pro fessionnels' -> 'professionnels' when the joined word occurs elsewhere in the
    document and one of the fragments occurs nowhere else (so it is not a real word)."""
    vocab = vocab if vocab is not None else vocabulary(text)
    words = list(_WORD.finditer(text))
    adjacent = [(m1, m2) for m1, m2 in zip(words, words[1:]) if text[m1.end() : m2.start()] == " "]
    pairs = Counter((m1.group().lower(), m2.group().lower()) for m1, m2 in adjacent)
    out, pos, last_joined = [], 0, -1
    for m1, m2 in adjacent:
        a, b = m1.group(), m2.group()
        n = pairs[(a.lower(), b.lower())]
        fragment = vocab[a.lower()] <= n or vocab[b.lower()] <= n
        if (
            m1.start() > last_joined
            and fragment
            and vocab[(a + b).lower()] > 0
            and a[1:] == a[1:].lower()
            and b == b.lower()
            and text[m2.end() : m2.end() + 1] not in "'’"  # "s’applique" is an elision, not a fragment
        ):
            out.append(text[pos : m1.end()])
            pos = m2.start()  # drop the stray space
            last_joined = m2.start()
    out.append(text[pos:])
    return "".join(out)


def join_line_hyphens(text: str, vocab: Counter[str] | None = None) -> str:
    """Rejoin words hyphenated across a line break. Real compounds ('Rhénanie-du-\\nNord',
    'convention-\\ncadre') keep their hyphen; syllable splits ('conven-\\ntion') lose it."""
    vocab = vocab if vocab is not None else vocabulary(text)

    def fix(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        joined = (a + b).lower()
        compound = b[:1].isupper() or (vocab[a.lower()] > 1 and vocab[b.lower()] > 1 and vocab[joined] == 0)
        if not compound and (vocab[joined] > 0 or vocab[a.lower()] <= 1 or vocab[b.lower()] <= 1):
            return a + b
        return f"{a}-{b}"

    return _LINE_HYPHEN.sub(fix, text)


def clean_text(text: str) -> str:
    """All repairs for one document's text (pages already joined)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\f", "\n\n")
    text = remove_bookmarks(text)
    text = remove_continuation_headers(text)
    vocab = vocabulary(text)
    text = join_line_hyphens(text, vocab)
    text = join_split_words(text, vocab)
    return text


_GAP = r"[\s\-‐‑\u00ad]*"


def raw_span(raw: str, cleaned: str, hint: int = 0) -> tuple[int, int] | None:
    """Where a cleaned passage stands in the raw text. Cleaning only removed whitespace and
    hyphens inside words, so the passage is the raw text with those allowed back in."""
    chars = [c for c in cleaned.strip() if not c.isspace() and c not in "-‐‑\u00ad"]
    if not chars:
        return None
    rx = re.compile(_GAP.join(re.escape(c) for c in chars))
    m = rx.search(raw, max(0, hint)) or rx.search(raw)
    return (m.start(), m.end()) if m else None
