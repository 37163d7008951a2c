"""Question analysis, done once per question: what is asked, about what, in which
language, with which of its words coming from earlier turns. Retrieval and every
answer route read this instead of re-parsing the question."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import fuzzy
from assistant.answer.answertype import ORDINALS, answer_type, asks_name, focus, strict_date
from assistant.answer.asked import numbers, subject, years
from assistant.answer.followup import antecedent, head_noun, resolve
from assistant.answer.holders import role_asked
from assistant.answer.lookup import is_acronym, numbered_reference
from assistant.answer.vocabulary import Vocabulary, fold
from assistant.gazetteer import Entity, Gazetteer
from assistant.index.analyzer import tokenize
from assistant.language import FUNCTION_WORDS, detect
from assistant.retrieve.glossary import french_terms, known_word, qualifiers
from assistant.textnorm import simple_key

_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9@]{1,}(?![\w-])")
_CAPITALISED = re.compile(r"(?<![\w-])([A-ZÀ-Ý][a-zà-ÿ]{2,}(?:[ -][A-ZÀ-Ý][a-zà-ÿ]+)*)(?![\w])")
_MIXED = re.compile(r"(?<![\w-])([A-Za-zÀ-ÿ]*[a-zà-ÿ][A-ZÀ-Ý][\wÀ-ÿ]*|[A-Z]{2,}[a-z][\w]*)(?![\w])")  # PatMAT, eTwinning
_LEVEL = re.compile(r"\s+([IVX]{1,4})(?![\w-])")
_ACADEMY_OF = re.compile(r"\bacad[ée]mie\s+(?:de la |de l['’]|d['’]|de |du )\s*([A-ZÉÈÎ][\w'’\-]+(?:[ -][A-ZÉ][\w\-]+)*)")
_PERSON_TITLE = re.compile(r"\b(?:M\.|Mme|Mlle|Monsieur|Madame|Mr\.?|Mrs\.?|Dr\.?|Herr|Frau)\s+([A-ZÀ-Ý][\w-]+(?:\s+[A-ZÀ-Ý][\w-]+)?)")
_PROGRAMME_WORD = re.compile(r"\b(?:programme|dispositif|projet|charte|label|réseau|plan|programme)\s+(?:«\s*)?$",
                             re.IGNORECASE)
_AFTER_ARTICLE = re.compile(r"\b(?:le|la|les|l['’]|un|une|des|du|d['’]|au|aux)\s*([^\W\d_]+)", re.IGNORECASE)
_VERBISH = re.compile(r"(?:er|ir|re|ez|ent|ons|ait|aient)$")
_GAZ_KIND = {"academie": "academie", "region": "region", "land": "land"}


@dataclass(frozen=True)
class Named:
    """An entity the question names."""

    kind: str  # academie, region, land, organisation, programme, person
    name: str  # canonical name (gazetteer) or as written
    surface: str  # as written in the question
    id: str = ""  # gazetteer id, when the gazetteer knows it
    known: bool = True  # the corpus uses it
    forms: tuple[str, ...] = ()  # names to look for in a passage (every alias)
    weak: bool = False  # a capitalised word the corpus uses: its document must name it, not the passage


@dataclass(frozen=True)
class QuestionAnalysis:
    question: str  # as asked
    language: str
    own: str  # the user's own words, spelling corrected (an elliptic lead left out)
    effective: str  # the question to answer (a follow-up rewritten against earlier turns)
    context: str  # words taken from earlier turns, "" when none
    shown: str  # the question as searched, for display (== question when not rewritten)
    rewritten: bool
    terms: tuple[str, ...]  # analysed terms of the question to answer (stems, French)
    context_terms: tuple[str, ...]  # terms that come only from earlier turns
    entities: tuple[Named, ...]  # named in the question to answer
    context_entities: tuple[Named, ...]  # named only in earlier turns
    answer_type: str
    strict_date: bool  # 'à quelle date exacte' needs a calendar date
    focus: str  # the asked noun ('land', 'academie', 'objectif', …) or ''
    numbered: tuple[str, str] | None  # ('objectif', '2'), ('article', '3.4')
    acronyms: tuple[str, ...]
    unknown: tuple[str, ...]  # names the corpus does not know
    qualifiers: tuple[str, ...]  # language/nationality words asked (stems)
    head: str = ""  # the noun asked about ('recette' in 'Donne-moi la recette de …'), French questions only
    head_known: bool = True  # whether the corpus uses that noun
    corrections: tuple[tuple[str, str], ...] = ()  # (as written, as read)
    referent: str = ""  # what a follow-up's pronoun stands for ("la convention avec la chambre de commerce")
    asks_name: bool = False  # "Comment s'appelle …": the answer must name someone
    role: str = ""  # "Qui préside …": the role whose holder the answer must name (holders.role_asked)
    subject: tuple[str, ...] = ()  # what a measure is asked of ('aide' in 'le montant de l'aide'), French only
    numbers: tuple[str, ...] = ()  # numbers the question gives ('2000' in 'à plus de 2 000 km'), years apart
    years: tuple[str, ...] = ()  # years the question names ('en 2024', '2024-2025'), one of which a passage must name
    replaced: tuple[Named, ...] = ()  # names of the previous question an elliptic follow-up put its own in place of

    @property
    def search_text(self) -> str:
        """What the retrievers search: the question to answer, then its context."""
        own_extra = self.own if self.own != self.effective and self.own not in self.effective else ""
        # 'Combien de temps dure …' is answered under a heading 'Durée', a word it does not use.
        kind = _TYPE_WORDS.get(self.answer_type, "")
        if self.referent:  # a pronoun's question reads with what the pronoun stands for
            return " ".join(p for p in (self.effective, self.referent, kind) if p)
        return " ".join(p for p in (self.effective, own_extra, self.context, kind) if p)

    def gazetteer_ids(self, *kinds: str, context: bool = False) -> tuple[str, ...]:
        pool = self.entities + (self.context_entities if context else ())
        return tuple(dict.fromkeys(e.id for e in pool if e.id and e.kind in kinds))

    @property
    def entity_terms(self) -> frozenset[str]:
        """Terms of the names the question gives (judged as entities, not as words)."""
        return frozenset(t for e in self.required for t in tokenize(f"{e.surface} {e.name}"))

    @property
    def required(self) -> tuple[Named, ...]:
        """Entities an answer must be about: every one, programmes included (a known programme
        is said by the statement, or at least by its document: a programme is not answered
        for from a report that never names it)."""
        return tuple(self.entities)


# The noun documents title the answer of a kind with, searched with the question.
_TYPE_WORDS = {"duration": "durée"}
_TYPE_PHRASE = re.compile(r"\b(?:pendant |pour )?combien de temps\b|\bhow long\b|\bwie lange\b|\bde quelle mani[eè]re\b|"
                          r"\bà quelle fréquence\b|\bhow often\b|\bque (?:signifie|veut dire|désigne)\b|"
                          r"\bstands? for\b|\bwhat does\b|\bwas bedeutet\b|\bquelles? (?:sont )?(?:les )?(?:étapes|démarches)\b|"
                          r"\bwhat are the steps\b|\bwelche schritte\b|\bque (?:faut-il|doit-on|dois-je|doit|doivent) faire\b|"
                          # 'avoir lieu' is 'take place': 'lieu' is no topic ('Quand a lieu la réunion ?')
                          r"\b(?:a|ont|aura|auront|avait|avaient|avoir|aurait)(?:-t-(?:il|elle|on)|-(?:ils|elles))?\s+lieu\b",
                          re.IGNORECASE)


# Linking words of an English or German question that French stems would misread as topics.
_LINKS = {"between", "among", "within", "about", "under", "zwischen", "unter", "über"}


def renders_as_itself(word: str, lang: str) -> bool:
    """Whether the glossary's French for a foreign word holds the word itself ('programme').
    A word rendered otherwise counts only through its rendering: English 'valid' is 'durée',
    not a document's 'validées'."""
    rendering = french_terms(word, lang)
    return bool(rendering) and bool(set(tokenize(word)) & set(tokenize(rendering)))


def _terms(text: str, gazetteer: Gazetteer, vocabulary: Vocabulary, lang: str) -> list[str]:
    """Question terms; a Land named in German or English is replaced by its French names.
    A verb the corpus never uses says nothing about the topic; an unknown noun does."""
    text = _TYPE_PHRASE.sub(" ", text)  # 'combien de temps' asks for a duration; 'temps' is no topic
    mentions = gazetteer.find(text, {"land"})
    for m in sorted(mentions, key=lambda m: -m.start):
        text = text[:m.start] + " " + text[m.end:]
    names = " ".join(dict.fromkeys(m.entity.name for m in mentions))
    # A word after an article is a noun ('le salaire'), whatever its ending.
    nouns = {m.group(1).lower() for m in _AFTER_ARTICLE.finditer(text)}
    words = [w for w in re.findall(r"[^\W\d_]+|\d+(?:[.,]\d+)?", text)
             if not (lang == "fr" and _VERBISH.search(w.lower()) and w.lower() not in nouns
                     and not any(vocabulary.family(t) for t in tokenize(w)))]
    if lang != "fr":
        # An English or German word the glossary renders counts through its French words;
        # its function words say nothing.
        words = [w for w in words if w.lower() not in FUNCTION_WORDS.get(lang, ()) and w.lower() not in _LINKS
                 and (not known_word(w) or renders_as_itself(w, lang)
                      or (not french_terms(w, lang) and any(t in vocabulary.idf for t in tokenize(w))))]
    # A word is scored under the corpus' form of its family ('inscrire' as 'inscription').
    terms = tokenize(f"{' '.join(words)} {names} {french_terms(text, lang)}")
    return [vocabulary.family(t) or t for t in terms]


def _forms(e: Entity, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Names that stand for an entity in a passage: its aliases and demonyms, and for a
    région of a single académie (a former région such as one old province) that académie's."""
    forms = (*e.aliases, *e.demonyms)
    if e.kind == "region" and len(e.members) == 1:
        member = gazetteer.get("academie", e.members[0])
        if member:
            forms += (*member.aliases, *member.demonyms)
    return forms


def _named(text: str, gazetteer: Gazetteer, vocabulary: Vocabulary, lang: str) -> list[Named]:
    out: list[Named] = []
    taken: list[tuple[int, int]] = []
    for m in gazetteer.find(text):
        e = m.entity
        known = _entity_known(e.aliases, vocabulary)
        # Its demonyms too: a passage on 'les élèves sarrois' names the Land.
        out.append(Named(_GAZ_KIND[e.kind], e.name, text[m.start:m.end], e.id, known, _forms(e, gazetteer)))
        taken.append((m.start, m.end))
    inside = lambda s, e: any(a <= s and e <= b for a, b in taken)  # noqa: E731
    for m in _ACADEMY_OF.finditer(text):
        if not inside(m.start(1), m.end(1)) and not gazetteer.find(m.group(0), {"academie", "region"}):
            out.append(Named("academie", m.group(1), m.group(1), known=False, forms=(m.group(1),)))
            taken.append(m.span(1))
    for m in _PERSON_TITLE.finditer(text):
        if not inside(*m.span(1)):
            name = m.group(1)
            out.append(Named("person", name, name, known=all(vocabulary.knows(w) for w in name.split()), forms=(name,)))
            taken.append(m.span(1))
    from assistant.ingest.registry import PROGRAMMES

    programmes = {fold(p): p for p in PROGRAMMES}
    for m in _MIXED.finditer(text):
        if not inside(*m.span(1)):
            word = m.group(1)
            kind = "programme" if fold(word) in programmes or _PROGRAMME_WORD.search(text[:m.start()]) else "organisation"
            out.append(Named(kind, word, word, known=vocabulary.knows(word) or known_word(word) or not vocabulary.forms,
                             forms=(word,)))
            taken.append(m.span(1))
    for m in _ACRONYM.finditer(text):
        if inside(*m.span()):
            continue
        word = m.group(0)
        kind = "programme" if fold(word) in programmes or _PROGRAMME_WORD.search(text[:m.start()]) else "organisation"
        known = word in vocabulary.acronyms or vocabulary.knows(word) or known_word(word) or not vocabulary.forms
        # A roman numeral after it names one level or edition ("CERT II"): a passage on
        # "CERT I" does not answer for it.
        level = _LEVEL.match(text, m.end())
        full = f"{word} {level.group(1)}" if level else word
        out.append(Named(kind, word, word, known=known, forms=(full,)))
        taken.append((m.start(), level.end() if level else m.end()))
    if lang != "de":  # German capitalises every noun
        # Names found already are blanked out, so that two names side by side ("Saxe
        # Lyon") are not read as one unknown name.
        masked = list(text)
        for a, b in taken:
            masked[a:b] = " " * (b - a)
        for m in _CAPITALISED.finditer("".join(masked)):
            word = m.group(1)
            if _sentence_start(text, m.start(1)):
                continue
            # Common words with a capital at the front of a run ('Quels Länder') are no part of a name.
            parts = word.split(" ")
            while parts and (known_word(parts[0]) or not tokenize(parts[0]) or
                             vocabulary.forms.get(fold(parts[0]), parts[0])[:1].islower()):
                parts.pop(0)
            if not parts:
                continue
            word = " ".join(parts)
            known = vocabulary.knows(word) or known_word(word) or \
                all(vocabulary.knows(w) or known_word(w) for w in re.split(r"[\s-]+", word))
            kind = "programme" if fold(word) in programmes or _PROGRAMME_WORD.search(text[:m.start()]) else "organisation"
            if known and kind == "organisation" and (known_word(word) or not tokenize(word) or
                                                     vocabulary.forms.get(fold(word), word)[:1].islower()):
                continue  # a common word with a capital ('Quels' after stripped markup), not a name
            forms = gazetteer.country_forms(word) or (word,)
            out.append(Named(kind, word, word, known=known, forms=forms, weak=known and kind == "organisation"))
            taken.append(m.span(1))
    return out


_GENERIC = {"academie", "academique", "region", "ac", "land", "freistaat", "de", "du", "la", "le", "des", "d", "l"}


def _entity_known(aliases, vocabulary: Vocabulary) -> bool:
    """Whether the corpus uses one of the names (its distinctive words, not 'académie')."""
    if not vocabulary.forms:
        return True
    for alias in aliases:
        words = [w for w in re.findall(r"[^\W\d_]+", alias) if fold(w) not in _GENERIC]
        if words and all(vocabulary.knows(w) for w in words):
            return True
    return False


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" «\"'(")
    return not before or before[-1] in ".?!:;\n"


def _said(name: str, key: str) -> bool:
    """Whether a name stands as whole words in a text already folded by simple_key."""
    k = simple_key(name)
    return bool(k) and re.search(rf"(?<!\w){re.escape(k)}(?!\w)", key) is not None


def analyse(question: str, history: list[str], gazetteer: Gazetteer, vocabulary: Vocabulary,
            *, max_turns: int = 3, fuzzy_min_length: int = 5, fuzzy_min_ratio: float = 88.0) -> QuestionAnalysis:
    """Everything the answer routes need to know about a question."""
    lang = detect(question)

    def correct(text: str) -> tuple[str, list[tuple[str, str]]]:
        fixes = fuzzy.corrections(text, gazetteer, vocabulary, detect(text), min_length=fuzzy_min_length,
                                  min_ratio=fuzzy_min_ratio)
        return fuzzy.apply(text, fixes), [(c.surface, c.replacement) for c in fixes]

    fixed, changes = correct(question)
    past = [correct(h)[0] for h in history]
    turn = resolve(fixed, past, gazetteer, max_turns)
    shown = turn.shown if turn.rewritten else question
    terms = _terms(f"{turn.effective} {turn.own if turn.own not in turn.effective else ''}", gazetteer, vocabulary, lang)
    referent = ""
    if turn.context and turn.effective == turn.own:
        # A pronoun stands for what the previous question was about: its noun phrase counts
        # as the question's own ("Combien de temps dure-t-elle ?" after one about a convention).
        referent = antecedent(turn.context)
        terms += [t for t in _terms(referent, gazetteer, vocabulary, lang) if t not in terms]
    context_terms = [t for t in _terms(turn.context, gazetteer, vocabulary, lang) if t not in terms] if turn.context else []
    entities = _named(turn.effective if turn.effective != turn.own else turn.own, gazetteer, vocabulary, lang)
    if turn.own not in turn.effective:
        seen = {(e.kind, e.name) for e in entities}
        entities += [e for e in _named(turn.own, gazetteer, vocabulary, lang) if (e.kind, e.name) not in seen]
    seen = {(e.kind, e.name) for e in entities}
    context_entities = [e for e in _named(turn.context, gazetteer, vocabulary, lang) if (e.kind, e.name) not in seen] \
        if turn.context else []
    replaced = ()
    if turn.rewritten and past and turn.own != turn.effective and entities:
        # 'Et à Graz ?' after a question on Leipzig: Leipzig is what the new name stands in for.
        before = resolve(past[-1], past[:-1], gazetteer, max_turns).effective
        now = simple_key(turn.effective)
        replaced = tuple(e for e in _named(before, gazetteer, vocabulary, lang)
                         if not any(_said(f, now) for f in (e.forms or (e.name,))))
    quals = qualifiers()
    # Only in French: an English 'German' is the corpus' 'allemand', which the glossary renders.
    asked_quals = tuple(dict.fromkeys(t for w in re.findall(r"[^\W\d_]+", turn.own) if fold(w) in quals
                                      for t in tokenize(w))) if lang == "fr" else ()
    number = numbered_reference(turn.effective)
    if lang == "fr" and number is None:
        # "le troisième prix": a rank the passage must give (a numbered section is found by number)
        asked_quals += tuple(t for w in re.findall(r"[^\W\d_]+", turn.effective)
                             if fold(w) in ORDINALS and fold(w) not in ("dernier", "derniere", "last")
                             for t in tokenize(w) if t not in asked_quals)
    kind = answer_type(turn.effective if turn.effective != turn.own else turn.own)
    head = head_noun(turn.own, focus(turn.own)) if lang == "fr" and not turn.rewritten else ""
    # A glossary synonym makes a noun known only when the corpus uses the synonym ('salaire'
    # is known through 'traitement' where a document speaks of it).
    glossed = french_terms(head, "fr") if head and known_word(head) else ""
    head_known = not head or not tokenize(head) or vocabulary.knows(head) or \
        (known_word(head) and (not glossed or any(t in vocabulary.idf for t in tokenize(glossed)))) or \
        all(t in vocabulary.idf for t in tokenize(head))
    return QuestionAnalysis(
        question=question, language=lang, own=turn.own, effective=turn.effective, context=turn.context, shown=shown,
        rewritten=turn.rewritten, terms=tuple(terms), context_terms=tuple(context_terms), entities=tuple(entities),
        context_entities=tuple(context_entities), answer_type=kind, strict_date=strict_date(turn.effective),
        focus=focus(turn.effective), numbered=number,
        acronyms=tuple(e.name for e in entities if is_acronym(e.name)),
        unknown=tuple(e.name for e in entities if not e.known), qualifiers=asked_quals, head=head, referent=referent,
        head_known=head_known, corrections=tuple(changes), asks_name=asks_name(turn.effective),
        role=role_asked(turn.effective), subject=subject(turn.own, head) if head else (),
        numbers=numbers(turn.effective) if number is None else (), years=years(turn.effective),
        replaced=replaced,
    )
