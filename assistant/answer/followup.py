"""Follow-up questions resolved against the previous user turns, without an LLM.

- A self-contained question is never rewritten.
- An elliptic one ("Et pour Grenoble ?", "Et en formation professionnelle ?") is the
  previous question with the new entity or word swapped for the old one of its kind.
- One whose pronoun has no antecedent in it ("Qui la valide ?", "Combien de temps
  dure-t-elle ?") keeps the previous question as its context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.answertype import ORDINALS, focus
from assistant.answer.asked import YEAR_SPAN
from assistant.answer.vocabulary import fold
from assistant.gazetteer import Gazetteer, Mention
from assistant.index.analyzer import tokenize
from assistant.retrieve.glossary import word_classes
from assistant.textnorm import simple_key

_LEAD = re.compile(
    r"^\s*(?:et\s+(?:pour|avec|concernant|chez|du côté de|en ce qui concerne|sur|dans|à propos de|quant à)?\s*|"
    r"and\s+(?:for|with|about)?\s*|what\s+about\s+|how\s+about\s+|und\s+(?:für|mit|bei)?\s*|ou\s+|or\s+|"
    r"sinon\s+|même question pour\s+)",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(
    r"^(?:qui|que|qu['’]|quoi|quel(?:le)?s?|comment|combien|quand|où|pourquoi|lequel|laquelle|lesquel(?:le)?s|"
    r"est-ce|y a-t-il|peut-on|who|what|which|when|where|why|how|is|are|does|do|can|wer|was|welche[rsnm]?|wann|"
    r"wo|wie|warum|gibt)\b", re.IGNORECASE)
# A pronoun standing for something named earlier: object clitic before a verb ("qui la
# valide", "doit l'approuver"), demonstrative ("celui de …", "ce dernier").
_CLITIC = re.compile(r"\b(?i:qui|que|comment|pourquoi|quand|doit|doivent|peut|peuvent|faut-il|va|vont|ne|on)\s+"
                     r"(?:le|la|les|l['’]|lui|leur|en|y)\s*(?=[a-zàâçéèêëîïôûù]+\b)(?!(?:le|la|les|un|une)\b)")
_DEMONSTRATIVE = re.compile(r"\b(?:celui|celle|ceux|celles)(?:-ci|-là)?\b|\bce(?:tte)? derni[eè]re?\b|"
                            r"\b(?:this|that|these|those) (?:one|ones)\b|\bit\b|\bthey\b|\bthem\b", re.IGNORECASE)
# Weaker signs: a subject pronoun after the verb, a possessive; they count only in a
# question that names nothing of its own ("Combien de temps dure-t-elle ?", "Quel est son budget ?").
_WEAK = re.compile(r"-t-(?:il|elle|ils|elles)\b|-(?:il|elle|ils|elles)\b|\b(?:son|sa|ses|leur|leurs|its|their|"
                   r"sein|seine|ihr|ihre)\b|^(?:il|elle|ils|elles)\b|"
                   r"\b(?:le|la|les|l['’])\s*[a-zéèê]+(?:ent|ons|ez|it)\b", re.IGNORECASE)
# An acronym or a run of them, with a roman numeral after it ("CERT I", "CERT II").
_NAME = re.compile(r"\b[A-Z][A-Z0-9]{1,}(?:\s+[A-Z][A-Z0-9]{1,})*(?:\s+[IVX]{1,4}\b)?\b")
CONTEXT = " (à propos de : "


@dataclass(frozen=True)
class Turn:
    question: str  # as asked
    own: str  # the user's own words (an elliptic lead such as "Et pour" left out)
    effective: str  # the question to answer
    context: str = ""  # words taken from earlier turns
    rewritten: bool = False

    @property
    def shown(self) -> str:
        """The question as searched, for display: the question itself when not rewritten."""
        if not self.rewritten:
            return self.question
        if self.effective != self.own:
            return self.effective + (f"{CONTEXT}{self.context})" if self.context else "")
        return f"{self.own}{CONTEXT}{self.context})" if self.context else self.own


def strip_lead(question: str) -> str:
    rest = _LEAD.sub("", question, count=1).strip()
    return rest[:1].upper() + rest[1:] if rest else question.strip()


def _content_terms(text: str) -> list[str]:
    return tokenize(text)


def is_fragment(question: str) -> bool:
    """Opens like a continuation ("Et pour …", "What about …")."""
    return bool(_LEAD.match(question)) and bool(_LEAD.sub("", question, count=1).strip())


def has_anaphor(question: str, gazetteer: Gazetteer) -> bool:
    """A pronoun that stands for something the question itself does not name."""
    names = gazetteer.find(question) or _NAME.search(question)
    if _CLITIC.search(question) or _DEMONSTRATIVE.search(question):
        return not names
    if _WEAK.search(question):
        return not names and len(_content_terms(question)) <= 2
    return False


def is_self_contained(question: str, gazetteer: Gazetteer) -> bool:
    if is_fragment(question) or has_anaphor(question, gazetteer):
        return False
    return len(_content_terms(question)) > 1 or bool(gazetteer.find(question))


_GROUP = {"academie": "place", "region": "place", "land": "land"}


def _swap_entities(base: str, rest: str, gazetteer: Gazetteer) -> tuple[str, bool]:
    """Put the entities the fragment names in place of those of the same kind in base."""
    swapped = False
    for new in gazetteer.find(rest):
        olds = [m for m in gazetteer.find(base) if _GROUP[m.entity.kind] == _GROUP[new.entity.kind]
                and m.entity.id != new.entity.id]
        if olds:
            base = _replace(base, olds[0], new)
            swapped = True
    return base, swapped


def _replace(text: str, old: Mention, new: Mention) -> str:
    surface = text[old.start:old.end]
    # "l'académie de Lyon" -> "l'académie de Grenoble"; a demonym ("lyonnais") holds the name
    # only as part of a word, and is replaced whole.
    m = re.search(rf"(?<!\w){re.escape(simple_key(old.entity.name))}(?!\w)", simple_key(surface))
    if m and len(simple_key(surface)) == len(surface):
        surface = surface[:m.start()] + new.entity.name + surface[m.end():]
    else:
        surface = new.entity.name
    return text[:old.start] + surface + text[old.end:]


def _swap_names(base: str, rest: str) -> tuple[str, bool]:
    """An acronym or capitalised name ("celui de la DAREIC") in place of the first one of base."""
    new = _NAME.search(rest)
    old = _NAME.search(base)
    if not new or not old or new.group(0) == old.group(0):
        return base, False
    start, end = old.span()
    # The article before the old name goes too ("du GIP FCIP" -> "de la DAREIC").
    art = re.search(r"(?:\b(?:du|de la|de l['’]|des|le|la|les|l['’]|au|aux)\s*)$", base[:start])
    new_art = re.search(r"(?:\b(?:du|de la|de l['’]|des|le|la|les|l['’]|au|aux)\s*)$", rest[:new.start()])
    if art and new_art:
        start = art.start()
        return base[:start] + new_art.group(0) + new.group(0) + base[end:], True
    return base[:start] + new.group(0) + base[end:], True


_DET = r"(?:(?:d['’]|des |les |aux |pour les |de la |du |en |l['’]|la |le |un |une |dans l['’]|dans le |dans la )\s*)?"


def _swap_words(base: str, rest: str) -> tuple[str, bool]:
    """A word of a known kind ("en formation professionnelle") for the one of the same kind
    in base ("d'élèves"), with its determiner."""
    rest_key = simple_key(rest)
    for members in word_classes().values():
        new = next((w for w in members if re.search(rf"\b{re.escape(simple_key(w))}\b", rest_key)), None)
        if not new:
            continue
        for old in members:
            if simple_key(old) == simple_key(new):
                continue
            m = re.search(rf"\b{_DET}{re.escape(old)}\b", base, re.IGNORECASE)
            if m:
                said = re.search(rf"\b{_DET}{re.escape(new)}\b", rest, re.IGNORECASE)
                phrase = said.group(0) if said else new
                if re.search(r"\b(?:quel|quels|quelle|quelles|which|welche)\s*$", base[:m.start()], re.IGNORECASE):
                    phrase = new  # "Quels personnels" -> "Quels apprenants", not "Quels les apprenants"
                phrase = phrase[:1].lower() + phrase[1:] if not phrase[:2].isupper() else phrase
                return base[:m.start()] + phrase + base[m.end():], True
    return base, False


_BOUNDARY = re.compile(r"\s+(?:dans|avec|pour|entre|en|sur|par|selon|chez|with|for|in|between|mit|für)\s+|\s*[?,;:]|$",
                       re.IGNORECASE)


def _swap_head(base: str, rest: str) -> tuple[str, bool]:
    """A noun phrase whose head noun base also has ("le taux de poursuite d'étude" after
    "le taux d'admis au bac dans …") takes the place of base's phrase."""
    m = re.match(rf"{_DET}([^\W\d_]{{3,}})", rest.strip(), re.IGNORECASE)
    if not m:
        return base, False
    head = m.group(1)
    found = re.search(rf"\b{re.escape(head)}\b", base, re.IGNORECASE)
    if not found:
        return base, False
    start = found.start()
    end = start + _BOUNDARY.search(base[start + len(head):]).start() + len(head)
    # The fragment's own complement is what it asks about ("un projet avec une mobilité"
    # after "un projet PFAI à distance"): it is kept whole. Names and acronyms of the
    # replaced phrase identify the topic, not the variant, and stay after the head noun.
    phrase = rest.strip()[m.start(1):].rstrip(" ?!.")
    names = [n for n in _NAME.findall(base[start + len(head):end]) if n not in phrase]
    if names:
        phrase = f"{phrase[:len(head)]} {' '.join(names)}{phrase[len(head):]}"
    return base[:start] + phrase + base[end:], True


_BEFORE = re.compile(
    r"\b(?:l['’]\s*(?:ann[ée]e|an|exercice|[ée]dition|session)(?:\s+scolaire)?\s+(?:d['’]\s*avant|pr[ée]c[ée]dente?|"
    r"pass[ée]e?|derni[eè]re?)|the\s+(?:year|session)\s+before|the\s+previous\s+(?:year|session)|"
    r"(?:im\s+)?vorjahr|das\s+jahr\s+davor)\b", re.IGNORECASE)
_AFTER = re.compile(
    r"\b(?:l['’]\s*(?:ann[ée]e|an|exercice|[ée]dition|session)(?:\s+scolaire)?\s+(?:d['’]\s*apr[eè]s|suivante?|"
    r"prochaine?)|the\s+(?:following|next)\s+(?:year|session)|the\s+(?:year|session)\s+after|"
    r"(?:im\s+)?folgejahr|das\s+jahr\s+danach)\b", re.IGNORECASE)
_YEAR = re.compile(rf"(?<![\d/]){YEAR_SPAN}(?![\d/])")  # (not the year of a date such as 12/03/2025)


_CAP = r"[A-ZÀ-Ý][\w’'-]*(?:[ -][A-ZÀ-Ý][\w’'-]*)*"
_NEW_PLACE = re.compile(rf"^(?i:(?:pour|à|a|en|au|aux|dans|avec|chez|de|du)\s+)?(?i:(?:le|la|les)\s+|l['’])?({_CAP})\s*\??$")
_OLD_PLACE = re.compile(rf"\b(?:à|en|au|aux|de|d['’]|du|pour|avec|chez|dans)\s+(?:(?:le|la|les)\s+|l['’])?({_CAP})")


_KIND_BEFORE = re.compile(r"\b(?:acad[ée]mie|r[ée]gion(?: acad[ée]mique)?|land|rectorat)\s+(?:de\s+(?:la\s+)?|d['’]|du\s+)?$",
                          re.IGNORECASE)


def _swap_place(base: str, rest: str) -> tuple[str, bool]:
    """A name the gazetteer does not know ('Et pour Graz ?', 'Et à Hyères ?' after a
    question on a lycée of Fréjus) in place of the last name base gives after a
    preposition ('à Leipzig', 'de Fréjus'), not a name opening the question."""
    new = _NEW_PLACE.match(rest.strip())
    # A name its kind introduces ('l'académie de X') is for the gazetteer's swap: one of
    # another kind ('Et pour <programme> ?') must not become 'l'académie de <programme>'.
    olds = [m for m in _OLD_PLACE.finditer(base) if m.start(1) > 0 and not _KIND_BEFORE.search(base[:m.start(1)])]
    if not new or not olds or olds[-1].group(1) == new.group(1):
        return base, False
    old = olds[-1]
    return base[:old.start(1)] + new.group(1) + base[old.end(1):], True


def shift_years(base: str, rest: str) -> tuple[str, str, bool]:
    """A fragment asking about the year before or after ("Et l'année d'avant ?") moves every
    year of base by one, school years included ("2024-2025" -> "2023-2024"). Returns the
    new base, what is left of the fragment, and whether anything moved."""
    found = _BEFORE.search(rest) or _AFTER.search(rest)
    if not found or not _YEAR.search(base):
        return base, rest, False
    step = -1 if _BEFORE.search(rest) else 1

    def move(m: re.Match) -> str:
        first = str(int(m.group(1)) + step)
        if not m.group(3):
            return first
        end = int(m.group(3)) + step
        second = f"{end % 100:02d}" if len(m.group(3)) == 2 else str(end)
        return f"{first}{m.group(2)}{second}"

    left = (rest[:found.start()] + rest[found.end():]).strip(" ?,;.")
    return _YEAR.sub(move, base), left, True


def _carry(effective: str, earlier: list[str], gazetteer: Gazetteer) -> str:
    """Entities of the earlier turns of a kind the rewritten question does not name
    (the académie of a conversation that went on about one of its agreements)."""
    have = {_GROUP[m.entity.kind] for m in gazetteer.find(effective)}
    out = []
    for turn in reversed(earlier):
        for m in gazetteer.find(turn):
            group = _GROUP[m.entity.kind]
            if group not in have:
                out.append(turn[m.start:m.end])
                have.add(group)
    return ", ".join(out)


_HEAD = re.compile(r"\b(?:le|la|les|l['’]|un|une|des|du|d['’])\s*([^\W\d_]{4,})", re.IGNORECASE)


def head_noun(own: str, focus_word: str) -> str:
    """The noun a question asks about: the 'quel …' noun, else the first noun after an
    article ('Donne-moi la recette de …', 'Combien d'habitants …')."""
    if focus_word:
        return focus_word
    for m in _HEAD.finditer(own):
        if fold(m.group(1)) not in ORDINALS:
            return m.group(1)
    return ""


_DEFINED = re.compile(r"(?i:signifie|veut dire|désigne|qu['’]est-ce que|c'est quoi|que sont|stand for|what is|was ist)\s+"
                      r"(?i:(?:le|la|les|l['’]|un|une|des|the)\s*)?([A-Z][A-Z0-9@]{1,})\b")


def antecedent(previous: str) -> str:
    """What a pronoun of a follow-up stands for: the acronym a definition question asked
    about ("ABC dans le plan Erasmus"), else the previous question's noun phrase ("la
    convention avec la chambre de commerce")."""
    m = _DEFINED.search(previous)
    if m:
        return previous[m.start(1):].rstrip(" ?!.")
    head = head_noun(previous, focus(previous))
    if not head:
        return previous
    word = next((w for w in re.findall(r"[^\W\d_]+", previous) if fold(w) == fold(head) or
                 fold(w).rstrip("s") == fold(head)), head)
    at = re.search(rf"(?:\b(?:le|la|les|l['’]|un|une|des|du|d['’]|son|sa|ses)\s*)?\b{re.escape(word)}\b", previous)
    if not at:
        return head
    phrase = previous[at.start():].rstrip(" ?!.")
    # "la durée de la convention X": the pronoun stands for the convention, not its durée.
    of = re.match(rf"{re.escape(previous[at.start():at.end()])}\s+(de la |de l['’]|du |des |de |d['’])\s*(.+)$", phrase)
    if fold(word).rstrip("s") in _ATTRIBUTES and of:
        article = {"de la ": "la ", "du ": "le ", "des ": "les "}.get(of.group(1), of.group(1)[3:] if
                                                                   of.group(1).startswith("de l") else "")
        return f"{article}{of.group(2)}"
    return phrase


# Nouns that name a property of something ("la durée de la convention"), not a thing.
_ATTRIBUTES = {"duree", "date", "role", "montant", "nombre", "objet", "mission", "fonction", "but", "taux", "budget",
               "cout", "prix", "liste", "frequence", "forme", "type", "nature", "adresse", "calendrier", "contenu",
               "statut", "periode", "delai", "responsable", "signataire", "partenaire"}
_INVERSION = re.compile(r"\b([^\W\d_]+)-(?:t-)?(?:il|elle|ils|elles)\b")
_OBJECT = re.compile(r"\b(la|le|les|l['’])\s*([a-zàâçéèêëîïôûù]+(?:ent|ons|ez|it|e|er|ir|re))\b")
_POSSESSIVE = re.compile(r"\b(son|sa|ses|leur|leurs)\s+([^\W\d_]+)", re.IGNORECASE)
_ARTICLE = {"son": "le", "sa": "la", "ses": "les", "leur": "le", "leurs": "les"}


def substitute_pronoun(question: str, referent: str) -> str | None:
    """The question with what its pronoun stands for in its place: "Combien de temps
    dure-t-elle ?" -> "Combien de temps dure la convention … ?", "Qui la valide ?" ->
    "Qui valide la demande … ?", "Quel est son budget ?" -> "Quel est le budget du … ?"."""
    ref = referent.strip()
    if not ref:
        return None
    m = _INVERSION.search(question)
    if m:
        return question[:m.start()] + f"{m.group(1)} {ref}" + question[m.end():]
    m = _OBJECT.search(question)
    if m and _CLITIC.search(question) or (m and _WEAK.search(question)):
        return question[:m.start()] + f"{m.group(2)} {ref}" + question[m.end():]
    m = _POSSESSIVE.search(question)
    if m:
        phrase = f"{_ARTICLE[m.group(1).lower()]} {m.group(2)} de {ref}"
        phrase = re.sub(r"\bde le\b", "du", re.sub(r"\bde les\b", "des", phrase))
        return question[:m.start()] + phrase + question[m.end():]
    return None


def resolve(question: str, history: list[str], gazetteer: Gazetteer, max_turns: int = 3) -> Turn:
    """How to read a question given the previous user turns (oldest first)."""
    history = [h for h in history if h and h.strip()][-max_turns:]
    if not history or is_self_contained(question, gazetteer):
        return Turn(question, question, question)
    previous = resolve(history[-1], history[:-1], gazetteer, max_turns)
    base = previous.effective
    earlier = history[:-1]
    if is_fragment(question):
        rest = strip_lead(question)
        if _QUESTION_WORD.match(rest) or has_anaphor(rest, gazetteer):
            substituted = substitute_pronoun(rest, antecedent(base)) if has_anaphor(rest, gazetteer) else None
            if substituted:
                return Turn(question, rest, substituted, "", True)
            return Turn(question, rest, rest, base, True)
        base, rest, by_year = shift_years(base, rest)
        if by_year and not _content_terms(rest):
            return Turn(question, strip_lead(question), base, _carry(base, earlier, gazetteer), True)
        swapped, by_entity = _swap_entities(base, rest, gazetteer)
        swapped, by_name = _swap_names(swapped, rest) if not by_entity else (swapped, False)
        swapped, by_word = _swap_words(swapped, rest)
        by_head = False
        if not (by_entity or by_name or by_word):
            swapped, by_head = _swap_head(swapped, rest)
        by_place = False
        if not (by_entity or by_name or by_word or by_head):
            swapped, by_place = _swap_place(swapped, rest)
        if not (by_entity or by_name or by_word or by_head or by_place):
            swapped = f"{base.rstrip(' ?')} — {rest.rstrip(' ?')} ?"
        carried = _carry(swapped, earlier, gazetteer)
        return Turn(question, rest, swapped, carried, True)
    context = base
    carried = _carry(question + " " + base, earlier, gazetteer)
    if carried:
        context = f"{base} ({carried})"
    substituted = substitute_pronoun(question, antecedent(base))
    if substituted:
        return Turn(question, question, substituted, carried, True)
    return Turn(question, question, question, context, True)


def rewrite(question: str, history: list[str], gazetteer: Gazetteer) -> str:
    """The question as searched (see Turn.shown)."""
    return resolve(question, history, gazetteer).shown


def own_part(rewritten: str) -> str:
    """The user's own words of a rewritten question, without the attached context."""
    return rewritten.split(CONTEXT, 1)[0]
