"""What exactly a quantity question asks about, so that an amount, a date or a count is
taken only from a statement about that thing: 'le montant de l'aide' needs the aid, not
another amount nearby; 'à plus de 2 000 km' needs 2 000 km; a document saying the detail
is still to be fixed ('la date reste à déterminer') has no answer to give."""
from __future__ import annotations

import re

from assistant.answer.holders import blank
from assistant.index.analyzer import stem_in, tokenize
from assistant.textnorm import simple_key

# Head nouns that name a measure rather than the thing measured: the noun after them is
# what the question is about ('le montant de l'aide' -> 'aide'). A specific measure
# ('plafond', 'forfait') says it on its own as well.
_GENERIC = {"montant", "date", "nombre", "nom", "somme", "total", "valeur", "quantite", "liste", "niveau", "lieu",
            "cout", "jour", "annee", "mois", "heure"}
_SPECIFIC = {"duree", "taux", "prix", "part", "pourcentage", "frequence", "periode", "horaire", "delai", "plafond",
             "budget", "forfait", "calendrier"}
_SKIP = {"de", "du", "des", "d", "la", "le", "les", "l", "un", "une", "prochain", "prochaine", "premier", "premiere",
         "dernier", "derniere", "nouveau", "nouvelle", "exact", "exacte", "precis", "precise", "total", "totale",
         "maximal", "maximale", "minimal", "minimale", "global", "globale", "annuel", "annuelle"}
_LINKS = {"de", "du", "des", "d", "of"}
_ADJECTIVES = _SKIP - _LINKS - {"la", "le", "les", "l", "un", "une"}
_STOP = {"pour", "par", "a", "au", "aux", "dans", "en", "sur", "avec", "entre", "est", "sont", "qui", "que"}


def subject(question: str, head: str) -> tuple[str, ...]:
    """What a question's head noun measures, as alternatives any of which a statement may
    name: the head itself unless it is a bare measure ('jury' in 'Quand se réunit le
    jury'), the first noun after a measure ('aide' in 'le montant de l'aide'); () when
    there is none."""
    h = simple_key(head)
    if not h:
        return ()
    base = h[:-1] if h.endswith("s") and len(h) > 4 else h
    if base not in _GENERIC and base not in _SPECIFIC:
        return (h,)
    out = [h] if base in _SPECIFIC else []
    words = re.findall(r"[a-z]+", simple_key(question).replace("'", " "))
    for i, w in enumerate(words):
        if w == h or w == base:
            # Only a complement says what is measured ('le montant de l'aide'); the word
            # after a bare measure is a verb or its subject ('Quel jour part le groupe').
            rest = [x for x in words[i + 1:] if x not in _ADJECTIVES]
            linked = bool(rest) and rest[0] in _LINKS
            after = [x for x in rest if x not in _SKIP]
            if linked and after and after[0] not in _STOP and after[0] not in _GENERIC:
                out.append(after[0])
            break
    return tuple(out)


def about_subject(nouns: tuple[str, ...], text: str) -> bool:
    """Whether text speaks of one of the nouns (by its stem)."""
    stems = [t for n in nouns for t in tokenize(n)]
    present = set(tokenize(text))
    return not stems or any(stem_in(t, present) for t in stems)


_NUMBER = re.compile(r"(?<![\w,.])\d{1,3}(?:[  .]\d{3})+(?![\d])|(?<![\w,.])\d+(?:[.,]\d+)?(?![\d])")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def numbers(text: str) -> tuple[str, ...]:
    """The numbers a text gives, digits only ('2 000' -> '2000'), years apart: a year
    in a question names an edition, often written another way ('2025-2026')."""
    out = []
    for m in _NUMBER.finditer(text):
        n = re.sub(r"[  .]", "", m.group(0)).replace(",", ".")
        if not _YEAR.match(m.group(0)):  # '2 000' (km) is no year, '2000' may be one
            out.append(n)
    return tuple(dict.fromkeys(out))


# A year, or a school year ('2024-2025', '2024/25'): (first year, separator, second year).
YEAR_SPAN = r"((?:19|20)\d\d)(?:(\s*[-–/]\s*)((?:19|20)?\d\d))?"
_YEARS = re.compile(rf"(?<!\d)(?<![,.]\d)(?<!\d[  .]){YEAR_SPAN}(?!\d|[,.]\d|[  ]\d{{3}})")


def years(text: str) -> tuple[str, ...]:
    """The years a text names, school years spelt out ('2024-25' -> 2024, 2025)."""
    out = []
    for m in _YEARS.finditer(text):
        out.append(m.group(1))
        if m.group(3):
            second = m.group(3)
            out.append(second if len(second) == 4 else m.group(1)[:2] + second)
    return tuple(dict.fromkeys(out))


def gives_year(asked: tuple[str, ...], text: str) -> bool:
    """Whether text names one of the years a question asks about: a rate or a count of
    2025 is no answer to a question about 2024."""
    return not asked or bool(set(asked) & set(years(text)))


def gives_numbers(asked: tuple[str, ...], text: str) -> bool:
    """Whether every number a question asks about is in text ('à plus de 2 000 km')."""
    if not asked:
        return True
    have = set(numbers(text))
    return all(n in have for n in asked)


def declared_blank(text: str, words, idf: dict[str, float], share: float = 0.5, nouns: tuple[str, ...] = ()) -> bool:
    """Whether text holds a statement that leaves the asked detail blank: a blank statement
    covering at least share of the question's words (IDF-weighted), or naming together
    the measure asked and what it measures ('Le nom du lycée partenaire reste à
    confirmer' for 'le nom du lycée …', nouns ('nom', 'lycee'))."""
    from assistant.answer.selector import coverage

    if not words:
        return False
    for part in re.split(r"(?<=[.!?])\s+|\n+", text):
        # A note in brackets marks a template's slot ('le diplôme (à préciser)'), not a
        # statement that the detail is unknown.
        if not blank(re.sub(r"\([^)]*\)", " ", part)):
            continue
        if coverage(words, part, idf, 0.0) >= share:
            return True
        if len(nouns) >= 2 and all(about_subject((n,), part) for n in nouns):
            return True
    return False


# The word a question opens with; 'quel' stands for its four forms.
_ASKING = {"comment", "qui", "quand", "ou", "combien", "quel", "pourquoi", "que", "qu", "quoi", "lequel", "est", "peut",
           "puis", "dois", "doit", "faut", "a"}


def _opening(text: str) -> list[str]:
    words = re.findall(r"[a-z]+", simple_key(text).replace("'", " "))
    if words[:1] == ["et"]:
        words = words[1:]
    return [re.sub(r"^(quel|lequel)(?:le)?s?$", r"\1", w) for w in words[:2]]


def heading_asks(heading: str, question: str, terms=()) -> bool:
    """Whether a heading is the question itself, short of its topic ('Comment candidater ?'
    for 'Comment candidater au séjour X ?'): guides and FAQs title each part with the
    question it answers. The heading must open with the same question word and hold no
    content word the question lacks ('Qui peut candidater ?' does not answer 'Comment …');
    terms: the question's analysed terms, its synonyms rendered ('postuler' -> 'candidater')."""
    if not heading.rstrip().endswith("?"):
        return False
    h, q = _opening(heading), _opening(question)
    if not h or h[0] not in _ASKING or not q or q[0] != h[0]:
        return False
    own = tokenize(heading)
    present = set(tokenize(question)) | set(terms)
    return bool(own) and all(stem_in(t, present) for t in own)

