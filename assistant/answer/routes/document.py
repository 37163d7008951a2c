"""Facts about a document as a whole: when and where a meeting was held, when and where a
charter was signed. Minutes say it once in their front matter ("Séance du 7 octobre 2025 –
<lieu>"); an agreement says it in its closing formula ("Fait à <lieu>, le <date>"). Neither
line repeats what it is the date of: the document's title does. So these lines are proposed
only when the question is about the document itself, when its title, front matter and file
name hold most of the question's words."""
from __future__ import annotations

import re

from assistant.answer.answertype import CALENDAR
from assistant.answer.candidates import Candidate, Line
from assistant.answer.selector import coverage, terms_of
from assistant.textnorm import simple_key

# "Fait à Lyon, le 3 mai 2024", "Fait en deux exemplaires à Metz le …", "Signé à …": the
# formula that closes an agreement; what it says is where and when the document was signed.
_SIGNED = re.compile(r"^(?:fait|signe|etabli)e?\b.{0,80}?\b(?:a|le)\b", re.IGNORECASE)
SIGNATURE_WORDS = "signature signé signée signer date lieu"
_ASKED = ("date", "place")


def _closing(doc) -> list[int]:
    """The blocks of the document's closing formula (searched among its last blocks)."""
    out = []
    for i in range(len(doc.blocks) - 1, max(-1, len(doc.blocks) - 8), -1):
        b = doc.blocks[i]
        key = simple_key(b.text)
        if b.kind in ("paragraph", "heading") and _SIGNED.search(key) and CALENDAR.search(key):
            out.append(i)
    return out


def _front(doc, subject: str) -> list[int]:
    return [i for i, b in enumerate(doc.blocks[:4]) if subject and " ".join(b.text.split()) in subject
            and CALENDAR.search(simple_key(b.text))]


def propose(ctx, a, hits) -> list:
    if a.answer_type not in _ASKED:
        return []
    words = [t for t in a.terms if t not in a.entity_terms] or list(a.terms)
    oov = max(ctx.idf.values()) if ctx.idf else 1.0
    out = []
    for source in dict.fromkeys(h.chunk.source for h in hits):
        doc = ctx.doc(source)
        if not doc or not doc.blocks:
            continue
        label = ctx.label(source)
        datelines = [(i, label) for i in _front(doc, ctx.front(source))]
        datelines += [(i, f"{label} {SIGNATURE_WORDS}") for i in _closing(doc)]
        for i, about in datelines:
            # About the document itself: its label (and, for a closing formula, the act of
            # signing) holds most of what the question asks.
            if coverage(words, terms_of(about), ctx.idf, oov) < ctx.settings.document_fact_share:
                continue
            b = doc.blocks[i]
            out.append(Candidate(
                route="document", source=source, lines=(Line(b.text.strip(), (source, *b.span)),), evidence=b.text,
                about=about, passage=f"{about} {b.text}", rank=ctx.doc_rank(hits, source), fit=0.9, blocks=(i,)))
    return out
