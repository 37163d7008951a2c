"""What kind of answer a question expects (a person or body, a date, a duration, an
amount, a count, a place, a list, a procedure, yes or no, a definition), and whether a
passage can give that kind of answer."""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.textnorm import simple_key

TYPES = ("person_org", "date", "duration", "amount", "count", "place", "list", "procedure", "yes_no", "definition",
         "none")

# Matched on the accent-folded, lower-case question (simple_key), first match wins.
_RULES: list[tuple[str, str]] = [
    ("definition", r"\bque (?:signifie|veut dire|designe|sont les|recouvre)\b|\bqu est ce qu|\bc est quoi\b|"
                   r"\bdefinition\b|\ben quoi consiste|\bque represente|\bwhat (?:does \S+ (?:stand for|mean)|is an? "
                   r"[a-z]+ ?\?|is the meaning)|\bstands? for\b|\bwas (?:bedeutet|ist)\b|\bwhat (?:is|are) [A-Z]"),
    ("duration", r"\bcombien de temps\b|\bquelle (?:est la )?duree\b|\bpendant combien\b|\bpour combien de temps\b|"
                 r"\bduree\b.*\?|\bhow long\b|\bwie lange\b"),
    ("date", r"\bquand\b|\bquelle date\b|\bquelle (?:est|sera|etait) la date\b|\ba quelle date\b|\ben quelle annee\b|\bde quand date\b|\bdepuis quand\b|"
             r"\bjusqu a quand\b|\bquel jour\b|\bwhen\b|\bwhat date\b|\bwhich year\b|\bwann\b|\bseit wann\b"),
    ("amount", r"\bmontant\b|\bbudget\b|\bcout\b|\bprix\b|\bfinancement\b|\bsalaire\b|\bremuneration\b|\bindemnite|"
               r"\btarifs?\b|\bplafond\b|\btaux\b|\bpourcentage\b|\bquelle part\b|\bhow much\b|\bcost\b|\bsalary\b|"
               r"\bbudget\b|\bwie viel (?:kostet|geld)\b"),
    ("count", r"\bcombien\b|\bnombre de\b|\bhow many\b|\bwie viele\b"),
    ("procedure", r"^(?:et )?comment (?!s appelle|appelle t on|se nomme)|\bquelles? (?:sont les )?(?:etapes|demarches)\b|"
                  r"\bprocedure\b|\bque (?:faut il|doit(?: on)?|dois je|doivent(?: [a-z]+)?) faire\b|\bhow (?:do|to|can|should)\b|\bsteps?\b|"
                  r"^wie (?!viele|lange)"),
    ("place", r"^ou\b(?! en est)|\bou (?:se trouve|est|sont|peut on|trouver)\b|\bsur quel(?:le)? (?:site|portail|plateforme)|"
              r"\bquelle adresse\b|\ba quelle adresse\b|\bwhere\b|^wo\b"),
    ("person_org", r"(?:^|[,;:] |\b(?:a|par|de|pour|avec|chez|et) )qui\b|\bwho(?:m)?\b|\bwer\b|\bwem\b|\bquel(?:le)? (?:est |sont )?(?:le |la |l )?(?:organisme|service|institut|"
                   r"instance|acteur|personne|academie|land|partenaire|etablissement|structure|autorite)\b|"
                   r"\bwhich (?:[a-z]+ )?(?:academie|academy|land|state|institut|body|organisation|organization)\b|"
                   r"\bwelche[rs]? (?:akademie|land|institut)\b"),
    ("list", r"\bquel(?:le)?s\b|\bliste\b|\benumere|\bwhat are\b|\bwhich (?:[a-z]+ )?[a-z]+s\b|\bwelche\b"),
    ("yes_no", r"^(?:est ce qu|peut on|peut il|peut elle|faut il|doit on|y a t il|a t on|existe t il|is |are |"
               r"does |do |can |has |have |gibt es|ist |sind |hat |kann )|\b\w+ (?:t )?(?:il|elle|ils|elles|on) "
               r"(?:un|une|des|obligatoire|possible|necessaire|autorise|permis)\b"),
]
_COMPILED = [(t, re.compile(rx)) for t, rx in _RULES]


# The question word that opens a question decides before any other word in it ("Qui verse
# la rémunération …" asks for a person, not an amount).
_RANKED_PRIZE = re.compile(r"\b(?:premier|deuxieme|second|troisieme|dernier|grand|1er|2e|3e)s? prix\b")
# 'Combien l'école partenaire verse-t-elle ?' asks how much money, not how many of something.
_COST = re.compile(r"\bcombien (?:ca )?(?:coute|coutent)\b|\bhow much does\b|\bwas kostet\b|"
                   r"^(?:et )?combien (?!de |d )(?:[^\W\d_]+[ -]){0,6}(?:verse|versent|paie|paient|paye|payent|touche|"
                   r"touchent|percoit|percoivent|rembourse|remboursent|gagne|gagnent|depense|depensent|finance|financent)\b")
_OPENING = [
    ("amount", _COST),
    ("duration", re.compile(r"^(?:et )?(?:pendant |pour )?combien de temps\b|^(?:et )?how long\b|^wie lange\b")),
    ("count", re.compile(r"^(?:et )?combien\b|^how many\b|^wie viele\b")),
    ("date", re.compile(r"^(?:et )?(?:quand|depuis quand|jusqu a quand|a quelle date|de quand)\b|^when\b|^wann\b|"
                        # a query typed as a noun phrase: 'date limite dossier X ?'
                        r"^(?:et )?(?:la |les )?(?:dates?|echeance)\b(?! de naissance)")),
    ("person_org", re.compile(r"^(?:et )?(?:a |par |pour |avec |de )?qui\b|^who(?:m)?\b|^(?:wer|wem)\b")),
    ("place", re.compile(r"^(?:et )?ou\b(?! en est)|^where\b|^wo\b")),
]


def answer_type(question: str) -> str:
    key = simple_key(question).replace("'", " ")
    for name, rx in _OPENING:
        if rx.search(key) and not (name in ("person_org", "place") and _COMPILED[0][1].search(key)):
            return name
    for name, rx in _COMPILED:
        if name == "amount" and _RANKED_PRIZE.search(key) and not re.search(r"\b(?:montant|cout|budget|euros?)\b", key):
            continue  # "le premier prix" is an award, not a price
        if rx.search(key):
            return name
    return "none"


_FOCUS = re.compile(r"\b(?:quel|quels|quelle|quelles|which|what|welche|welcher|welches)\s+(?:(?:est|sont)\s+)?"
                    r"(?:(?:le|la|les|l|the)\s+)?([a-z]+)")
ORDINALS = {"premier", "premiere", "deuxieme", "second", "seconde", "troisieme", "quatrieme", "cinquieme", "sixieme",
            "septieme", "huitieme", "neuvieme", "dixieme", "dernier", "derniere", "first", "third", "fourth", "fifth",
            "sixth", "seventh", "eighth", "ninth", "tenth", "last"}
_FOCUS_FORMS = {"lander": "land", "states": "land", "state": "land", "lands": "land", "bundeslander": "land",
                "academies": "academie", "academy": "academie", "akademie": "academie", "akademien": "academie",
                "partenaires": "partenaire", "partner": "partenaire", "partners": "partenaire",
                "objectifs": "objectif", "objective": "objectif", "objectives": "objectif",
                "articles": "article", "axes": "axe", "etapes": "etape", "steps": "etape"}


def focus(question: str) -> str:
    """The noun a 'quel(le)(s) …' / 'which …' question asks for, normalised ('Quels
    Länder' -> 'land', 'Quelle académie' -> 'academie'); '' when there is none."""
    m = _FOCUS.search(simple_key(question).replace("'", " "))
    if not m:
        return ""
    word = m.group(1)
    if word in ORDINALS:  # 'le deuxième objectif': the noun follows
        nxt = re.match(r"\s+([a-z]+)", simple_key(question).replace("'", " ")[m.end():])
        word = nxt.group(1) if nxt else ""
    return _FOCUS_FORMS.get(word, word[:-1] if word.endswith("s") and len(word) > 4 else word)


# --- what an answer of each type looks like ---------------------------------------------------
_MONTHS = r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|" \
          r"march|april|june|july|august|september|october|november|december"
CALENDAR = re.compile(rf"\b(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS})\s+(?:19|20)\d{{2}}\b|\b(?:19|20)\d{{2}}\b|"
                      rf"\b\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.](?:19|20)?\d{{2}}\b")
_TEMPORAL = re.compile(r"\b(?:date|jour|mois|ans?|annee|duree|delai|compter|jusqu|expiration|echeance|terme|"
                       r"reconduction|fin|signature)\b")
_DURATION = re.compile(r"\b(?:un|une|\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quelques|plusieurs)\s+"
                       r"(?:ans?|annees?|mois|jours?|journees?|semaines?|heures?)\b|\bduree\b|\bannee scolaire\b|"
                       r"\bcycle\b|\bjusqu|\byears?\b|\bmonths?\b")
_MONEY = re.compile(r"€|\beuros?\b|\bm€|%|\bpour ?cent\b|\bgratuite?s?\b|\bfree of charge\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d|\b(?:un|une)\s+(?:fois|jour|journee|an|annee|mois|semaine|heure)s?\b|\b(?:deux|trois|"
                     r"quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent|mille|moitie|double|"
                     r"plusieurs)\b")
# A date proper: day and month, month and year, a numeric date, or a year given as one
# ('(2006)', 'en 2006', 'le … 2006'), not a number that looks like a year ('loi 1901').
_EXACT_DATE = re.compile(rf"\b(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS})\s+(?:19|20)\d{{2}}\b|\b\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\b|"
                         r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d{2}\b|(?:\(|\ben |\bdepuis |\bdu |\bau |\ble )(?:19|20)\d{2}\b")
STRICT_DATE = re.compile(r"\bquelle date\b|\bquelle (?:est|sera|etait) la date\b|\bdate exacte\b|\ben quelle annee\b|\bquel jour\b|\bwhat date\b|"
                         r"\bwhich year\b|\bde quand date\b")


@lru_cache(maxsize=16384)
def _key(text: str) -> str:
    return simple_key(text)


def strict_date(question: str) -> bool:
    """'À quelle date exacte …' needs a calendar date; 'quand …' may be answered by an event."""
    return bool(STRICT_DATE.search(simple_key(question)))


def satisfies(kind: str, text: str, strict: bool = False) -> bool:
    """Whether a passage can answer a question of this type: an amount needs a currency
    or a percentage, a count a quantity that is not a date, 'when' a time."""
    if kind not in ("amount", "duration", "count", "date"):
        return True
    key = _key(text)
    if kind == "amount":
        return bool(_MONEY.search(text))
    if kind == "duration":
        return bool(_DURATION.search(key))
    if kind == "count":
        return bool(_NUMBER.search(CALENDAR.sub(" ", key)))
    if kind == "date":
        if strict:
            return bool(_EXACT_DATE.search(key))
        return bool(CALENDAR.search(key) or _TEMPORAL.search(key))
    return True  # a place is said in too many ways ('dans les familles', 'à Metz') to check


_NUMBERED_DURATION = re.compile(r"\b(?:un|une|\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|"
                                r"quelques|plusieurs)\s+(?:ans?|annees?|mois|jours?|journees?|semaines?|heures?|"
                                r"years?|months?|weeks?|days?)\b")


def type_strength(kind: str, text: str, strict: bool = False) -> float:
    """How fully a passage gives the kind of answer asked, 0 to 1: a calendar date answers
    'quand' fully, a word about time ('à compter de sa signature') only half; a duration
    counted ('trois mois') fully, the word 'durée' half. Other kinds: 1 when satisfied."""
    if not satisfies(kind, text, strict):
        return 0.0
    key = _key(text)
    if kind == "date":
        if CALENDAR.search(key):
            return 1.0
        # The noun 'date' alone names a date without giving it ('avant la date limite'); a
        # time fixed by an event ('à compter de sa signature') gives it, if not by the calendar.
        return 0.5 if any(m.group() not in ("date", "dates") for m in _TEMPORAL.finditer(key)) else 0.25
    if kind == "duration":
        return 1.0 if _NUMBERED_DURATION.search(key) else 0.5
    return 1.0


# "Comment s'appelle …", "Quel est le nom …": the answer is a name (not "qui est …", which a
# role answers: "le recteur").
_ASKS_NAME = re.compile(r"^(?:et )?(?:comment s appellen?t?|quel est le nom|what is the name|wie hei(?:ss|ß)t)\b")
_NAME = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ]+)+|\b[A-Z]{2,}\b")


def asks_name(question: str) -> bool:
    return bool(_ASKS_NAME.search(simple_key(question).replace("'", " ")))


def names_someone(text: str) -> bool:
    """A proper name (two capitalised words, 'Bernard Beignier') or an acronym in text."""
    return bool(_NAME.search(text))
