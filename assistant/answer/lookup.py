"""Direct look-ups that do not need sentence scoring: numbered sections ("l'objectif 6",
"le deuxième objectif", "article 10") and acronym definitions ("que signifie ECLORE")."""
from __future__ import annotations

import re

from assistant.textnorm import simple_key

_ORDINALS = {"premier": 1, "premiere": 1, "first": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3,
             "third": 3, "quatrieme": 4, "fourth": 4, "cinquieme": 5, "fifth": 5, "sixieme": 6, "sixth": 6,
             "septieme": 7, "seventh": 7, "huitieme": 8, "eighth": 8, "neuvieme": 9, "ninth": 9, "dixieme": 10,
             "tenth": 10}
_LABELS = r"objectif|objective|article|axe|partie|section|chapitre|titre|annexe|point|priorite|action|mesure|etape"
_NUMBERED = re.compile(rf"\b({_LABELS})\s+(?:n[°o]\s*)?(\d{{1,2}}(?:\.\d{{1,2}})*|[ivx]{{1,4}})\b")
_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+({_LABELS})\b")
_DEFINE = re.compile(
    r"(?:que (?:signifie|veut dire|designe)|signification d[eu]s?|definition d[eu]s?|what (?:does|is)|"
    r"stands? for|c'est quoi|qu'est-ce que|qu est ce que|was (?:bedeutet|ist))", re.IGNORECASE)
_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9@]{2,})\b")
_WORD = re.compile(r"\b[A-Z]\w+\b")


def numbered_reference(question: str) -> tuple[str, str] | None:
    """('objectif', '6') for 'Quel est l'objectif 6 …' or 'le sixième objectif';
    ('article', '3.4') for 'l'article 3.4'."""
    key = simple_key(question)
    m = _NUMBERED.search(key)
    if m:
        return _canonical(m.group(1)), m.group(2)
    m = _ORDINAL.search(key)
    if m:
        return _canonical(m.group(2)), str(_ORDINALS[m.group(1)])
    return None


def _canonical(label: str) -> str:
    return "objectif" if label == "objective" else label


_GENERIC = {"section", "partie", "chapitre", "titre", "point"}
_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi", "7": "vii", "8": "viii", "9": "ix",
          "10": "x"}


def section_matches(heading: str, label: str, number: str, heading_label: str = "") -> bool:
    """Whether a heading is the numbered one asked: its label ('Objectif 2', '3.4', 'II')
    or, for formats that give none, its opening words."""
    key = simple_key(heading_label or heading)
    numbers = {str(number), _ROMAN.get(str(number), str(number))}
    for n in numbers:
        # A bare number ('2.1', 'II') stands for a section or a part, not for 'objectif 2'.
        # A dotted number ('2.2') names one sub-section whatever it is called.
        if re.match(rf"{label}\s+{re.escape(n)}(?![\w.])", key) or \
                (heading_label and key == n and (label in _GENERIC or "." in n)):
            return True
    return re.match(rf"{label}\s+{re.escape(str(number))}(?![\w.])", simple_key(heading)) is not None


def is_acronym(name: str) -> bool:
    """Capitals ('MBJS'), or a short word of two capitals or more ('ZfA', 'PdL')."""
    return len(name) >= 2 and " " not in name and (
        name.isupper() or (len(name) <= 6 and sum(c.isupper() for c in name) >= 2 and name[0].isupper()))


def asked_acronym(question: str) -> str | None:
    m = _DEFINE.search(question)
    if not m:
        return None
    mixed = lambda text: [w for w in _WORD.findall(text) if is_acronym(w) and not w.isupper()]  # noqa: E731
    after = _ACRONYM.findall(question[m.end():]) or mixed(question[m.end():]) or _ACRONYM.findall(question)
    return after[0] if after else None


def spells(acronym: str, expansion: str) -> bool:
    """Whether an expansion's word initials spell most of the acronym, in order: 'Centre
    National d'Enseignement à Distance' spells CNED; '(à préciser)' spells nothing."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"\b[dlDL]['’]", " ", expansion))
    initials = "".join(w[0] for w in words).upper()
    letters = [c for c in acronym.upper() if c.isalpha()]
    pos, found = 0, 0
    for c in letters:
        at = initials.find(c, pos)
        if at >= 0:
            found += 1
            pos = at + 1
    return bool(letters) and found >= 0.6 * len(letters) and letters[0] == (initials[:1] or "?")


def _spelt_before(acronym: str, before: str) -> bool:
    """Whether the words just before '(ACRONYM)' spell it, from a word with its first letter."""
    words = re.sub(r"\b[dlDL]['’]", " ", before).split()[-3 * len(acronym):]
    return any(w[:1].upper() == acronym[:1].upper() and spells(acronym, " ".join(words[i:]))
               for i, w in enumerate(words))


def definition_span(text: str, acronym: str) -> tuple[int, int] | None:
    """Span of 'ACRONYM (expansion)' or 'expansion (ACRONYM)' in text, extended to the
    surrounding sentence so the quote reads on its own."""
    after = re.compile(rf"{re.escape(acronym)}\s*\([^()]{{6,200}}\)")
    # "(ACRONYM, expansion in its own language)" after the name in the text's language.
    inside = re.compile(rf"{re.escape(acronym)}\s*[,:;–-]\s*([^()]{{6,200}})\)")
    pos = text.find(acronym)
    while pos >= 0:  # only where the acronym stands, not a scan of every position
        lo = hi = -1
        m = after.match(text, pos)
        n = inside.match(text, pos)
        if m and (pos == 0 or not text[pos - 1].isalnum()) and spells(acronym, m.group(0)[len(acronym):]):
            lo, hi = m.start(), m.end()
        elif n and text[:pos].rstrip().endswith("(") and spells(acronym, n.group(1)):
            lo, hi = len(text[:pos].rstrip()) - 1, n.end()
        else:  # "expansion (ACRONYM)": the acronym alone in brackets, words before it on its line
            open_ = len(text[:pos].rstrip())
            close = pos + len(acronym) + (len(text[pos + len(acronym):]) - len(text[pos + len(acronym):].lstrip()))
            line_start = text.rfind("\n", 0, pos) + 1
            before = text[max(line_start, open_ - 200):open_ - 1]
            if open_ > 0 and text[open_ - 1] == "(" and text[close:close + 1] == ")" and \
                    len(before.strip()) >= 6 and ")" not in before[-30:] and _spelt_before(acronym, before):
                lo, hi = open_ - 1, close + 1
        if lo >= 0:
            stop = text.rfind(". ", 0, lo)
            start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, lo) + 1)
            ends = [i for i in (text.find(". ", hi), text.find("\n", hi)) if i >= 0]
            end = min(ends) + (1 if ends and text[min(ends)] == "." else 0) if ends else len(text)
            return start, end
        pos = text.find(acronym, pos + 1)
    return None
