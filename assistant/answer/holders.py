"""Questions about who holds a role ("Qui préside le comité ?", "Who is the director of
X?") and details a document leaves blank ("à préciser", "XX", "…"). A role is answered
only by a statement that names someone (or some body) in that role; a blank is no answer."""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.textnorm import fold_accents, simple_key

# Each role: how a question asks for its holder (accent-folded, lower case) and the stem a
# statement says it with ('présidé par', 'la présidente', 'chairs').
_ROLES: tuple[tuple[str, str, str], ...] = (
    ("preside", r"\b(?:co)?presid\w*|\b(?:co)?chair\w*|\bvorsitz\w*", r"presid|\bchair|vorsitz"),
    ("dirige", r"\bdirig\w*|\bdirect(?:eur|rice|or|s)\b|\bdirects?\b|\bhead(?:s|ed)?\b|\bleads?\b|\bleit\w*",
     r"dirig|direct(?:eur|rice|or|ion)|\bhead|\bled by\b|\bleads?\b|leit"),
    ("coordonne", r"\bcoordon\w*|\bcoordinat\w*|\bkoordin\w*", r"coordon|coordinat|koordin"),
    # Whom to contact: a statement giving an e-mail address gives a contact.
    ("referent", r"\breferent\w*|\bcorrespondant\w*|\binterlocut\w*|\bcontact\w*|\bansprechp\w*|"
     r"\ba qui (?:poser|adresser|s adresser|ecrire|envoyer|demander)\b|\bwho (?:do i|should i|to) (?:contact|ask|write)",
     r"referent|correspondant|interlocut|contact|ansprechp|@"),
    ("secretaire", r"\bsecretai\w*|\bsecretary\b", r"secretai|secretary"),
)
_ASKS_WHO = re.compile(r"(?:^|[,;:] |\b(?:a|par|de|pour|avec|chez|et) )qui\b|\bwho\b|\bwer\b|\bwen\b|\bquel(?:le)?s? (?:est |sont )?"
                       r"(?:le |la |les |l )?(?:nom|personne|interlocut|referent|correspondant|responsable|president|"
                       r"directeur|directrice|coordinat|secretaire)|\bwhat is the name\b|\bcomment s appell")
# A person's title before a capitalised name ("Mme Roux", "Herr Weber").
_TITLED = r"\b(?:M\.|Mme|Mlle|Monsieur|Madame|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Herr|Frau|Prof\.?)\s+[A-ZÀ-Ý]"
# Someone or some body, named: a person's title, two capitalised words, an acronym, or the
# office that holds roles in these documents.
_HOLDER = re.compile(
    _TITLED + r"|\b[A-ZÀ-Ý][a-zà-ÿ]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ]+)+|\b[A-Z]{2,}[a-z]?\b|"
    r"(?i:\b(?:recteur|rectrice|ministre|ministere|proviseur|principal|inspect(?:eur|rice)|prefet|maire|doyen|delegue|"
    r"deleguee|conseill(?:er|ere)|charge(?:e)? de mission|chef|directeur|directrice|president|presidente|"
    r"secretaire general|universite|rectorat|academie|region|land|service|association|entreprise|chambre|"
    r"rector|minister|principal|headteacher|university|ministerium)\b)")
# A detail left to fill in: "à préciser", "à définir", "XX", a lone "…" where a value goes.
_BLANK = re.compile(r"\ba (?:preciser|definir|completer|determiner|confirmer|fixer|venir|designer|communiquer)\b|"
                    r"\b(?:communique|precise|fixe|annonce|defini|designe)e?s? ulterieurement\b|"
                    r"\bn[' ](?:a|ont) pas (?:encore )?ete (?:communique|precise|fixe|annonce|defini|designe|arrete)e?s?\b|"
                    r"\bnon (?:encore )?"
                    r"(?:defini|designe|connu)e?s?\b|\btbd\b|\btbc\b|\bto be (?:confirmed|determined|defined)\b|"
                    r"\bnoch offen\b")
_BLANK_RAW = re.compile(r"\bX{2,}\b|_{3,}|\[\s*(?:…|\.\.\.)?\s*\]|(?:[:=(]|\b(?:le|la|les|du|de|au|par|à|M\.|Mme|"
                        r"est|sont|by|is|on))\s*(?:…|\.{3})\s*(?:$|[).;,])")


def role_asked(question: str) -> str:
    """The role whose holder a question asks for ('preside' for 'Qui préside …', 'Who
    chairs it?'), '' when it asks for none."""
    key = simple_key(question).replace("'", " ")
    if not _ASKS_WHO.search(key):
        return ""
    for name, asked, _ in _ROLES:
        if re.search(asked, key):
            return name
    return ""


_NOTE = re.compile(r"\s*\((?:[aà] (?:préciser|preciser|définir|definir|compléter|completer))\)\s*\.?\s*$", re.IGNORECASE)


@lru_cache(maxsize=16384)
def blank(text: str) -> bool:
    """Whether a statement leaves its detail to be filled in ('Durée (à préciser)', 'le
    XX/XX', 'présidé par …'). A full statement that ends with such a note to its editor
    (a model convention's '… jusqu'à l'expiration du cycle de formation. (A préciser)')
    still says something."""
    m = _NOTE.search(text)
    if m and len(text[:m.start()]) >= 60:
        text = text[:m.start()]
    return bool(_BLANK.search(simple_key(text)) or _BLANK_RAW.search(text))


_PERSON = re.compile(_TITLED + r"|[\w.+-]+@[\w-]+\.[\w.]+|\b0\d(?:[ .]?\d{2}){4}\b|\+\d{2}[\d .]{8,}")


_OFFICE = re.compile(r"\b[A-Z]{2,}[a-z]?\b|" + _HOLDER.pattern.split("|(?i:", 1)[1].join(("(?i:", "")))
_TURN_TO = re.compile(r"\baupres d|\bs adress|\bcontacter\b|\becrire a\b|\bsecretariat\b")
# A person's name: a title before a capital, or two capitalised words.
_PROPER = re.compile(_TITLED + r"|\b[A-ZÀ-Ý][a-zà-ÿ]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ]+)+")


def _named_beside(part: str, said: str) -> bool:
    """A person's name close to the role's word (within a few words either side)."""
    folded = fold_accents(part)
    for m in re.finditer(rf"(?i)\b\w*(?:{said})\w*", folded):
        window = folded[max(0, m.start() - 45):m.start()] + " " + folded[m.end():m.end() + 60]
        if _PROPER.search(window):
            return True
    return False


def names_holder(text: str, role: str, about: str = "", proper: bool = False) -> bool:
    """Whether a statement names someone or some body in the role: one of its sentences
    (or list items) says the role, or the heading it sits under (about) does, and that
    sentence, apart from the role's own word, names a holder; a blank holder is none.
    A contact is a person (a title, an e-mail address, a telephone number); a name asked
    (proper) is a proper name, not an office ('la rectrice')."""
    said = next((said for name, _, said in _ROLES if name == role), "")
    if not said:
        return False
    heading = bool(re.search(said, simple_key(about)))
    parts = re.split(r"(?<!\bM\.)(?<!\bDr\.)(?<!\bMr\.)(?<=[.;!?:])\s+|\n+", text)
    for part in parts:
        key = simple_key(part)
        if blank(part) or not (heading or re.search(said, key)):
            continue
        without = re.sub(rf"(?i)\b\w*(?:{said})\w*", " ", fold_accents(part))  # the role's own word is no holder
        if role == "referent":  # a person, or an office or body (not two capitalised words: a programme's name)
            if _PERSON.search(part) or _OFFICE.search(without):
                return True
        elif (_named_beside(part, said) or (heading and _PROPER.search(part))) if proper else _HOLDER.search(without):
            return True
    if role == "referent":  # someone to write to or to turn to, whatever the heading says
        return any(_PERSON.search(p) or (_TURN_TO.search(simple_key(p)) and _OFFICE.search(p)) for p in parts
                   if not blank(p))
    return False


def names_person(text: str) -> bool:
    """A person in text: a title before a capital ('Mme Roux'), an e-mail address or a
    telephone number - more precise holders of a role than an office or a body."""
    return bool(_PERSON.search(text))


def filled(text: str) -> str:
    """The statements of a text that leave nothing blank (split at line and sentence ends)."""
    parts = re.split(r"(?<=[.;!?])\s+(?=[A-ZÀ-Ý«\"(])|\n+", text)
    return " ".join(p for p in parts if not blank(p))
