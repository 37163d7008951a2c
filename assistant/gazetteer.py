"""Names of Länder, académies and régions académiques (data in data/gazetteer.json),
and finding them in free text, by name or by demonym ("les élèves sarrois")."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.textnorm import simple_key

DATA = Path(__file__).parent / "data" / "gazetteer.json"


@dataclass(frozen=True)
class Entity:
    kind: str  # "land", "academie" or "region"
    id: str
    name: str  # canonical French name
    aliases: tuple[str, ...]
    german: str = ""
    english: str = ""
    members: tuple[str, ...] = ()  # académie ids of a région
    # Adjectives of the place, every gender and number ("sarrois", "sarroise", "sarroises").
    # find() matches them like aliases, but they stay out of `aliases`: readers of aliases
    # take them for names to show or to correct a misspelling to ("Versaille" would be read
    # as "versaillaises"), and a demonym is never a name.
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int  # offsets in the original text
    end: int
    surface: str


def plural(word: str) -> str:
    """French plural of a demonym (or of the last word of a compound one: "bas-saxons")."""
    low = word.lower()
    if low.endswith(("s", "x", "z")):
        return word
    if low.endswith("eau"):
        stem, ending = word, "x"  # tourangeau -> tourangeaux
    elif low.endswith("al"):
        stem, ending = word[:-1], "ux"  # provençal -> provençaux
    else:
        stem, ending = word, "s"
    return stem + (ending.upper() if word.isupper() else ending)


def inflections(forms: Iterable[str]) -> tuple[str, ...]:
    """The given singular forms and their plurals, in order, without repeats."""
    return tuple(dict.fromkeys(f for form in forms for f in (form, plural(form))))


class Gazetteer:
    def __init__(self, data: dict):
        self.entities: list[Entity] = []
        for d in data.get("lander", []):
            dem = inflections(d.get("demonyms", []))
            names = {d["fr"], d["de"], d["en"], *d.get("aliases", [])}
            self.entities.append(Entity("land", d["id"], d["fr"], tuple(names), d["de"], d["en"], demonyms=dem))
        for d in data.get("academies", []):
            dem = inflections(d.get("demonyms", []))
            names = {d["name"], d.get("label", ""), *d.get("aliases", [])} - {""}
            self.entities.append(Entity("academie", d["id"], d["name"], tuple(names), demonyms=dem))
        for d in data.get("regions", []):
            dem = inflections(d.get("demonyms", []))
            names = {d["name"], *d.get("aliases", [])}
            self.entities.append(Entity("region", d["id"], d["name"], tuple(names),
                                        members=tuple(d.get("academies", [])), demonyms=dem))
        self.by_id = {(e.kind, e.id): e for e in self.entities}
        # A country is not an entity of its own (questions rarely ask about a whole country),
        # but a passage naming one of its parts names it: "en Allemagne" is said by "à Hambourg".
        self._countries: dict[str, tuple[str, ...]] = {}
        for d in data.get("countries", []):
            parts = [e for e in self.entities if e.kind == "land"] if d.get("parts") == "lander" else []
            forms = tuple(dict.fromkeys([*d.get("aliases", []), *(f for e in parts for f in (*e.aliases, *e.demonyms))]))
            for a in d.get("aliases", []):
                self._countries[simple_key(a)] = forms
        # Longest alias first, so "Basse-Saxe" wins over "Saxe" and "Saxe-Anhalt" over "Saxe".
        index: dict[str, list[Entity]] = {}
        for e in self.entities:
            for a in (*e.aliases, *e.demonyms):
                key = simple_key(a)
                if key and e not in index.setdefault(key, []):
                    index[key].append(e)
        # Phrases in which a name or demonym does not name its place ("anglo-saxon",
        # "Grande-Bretagne"): indexed with no entity, so the longest match swallows the shorter.
        for phrase in data.get("not_names", []):
            index.setdefault(simple_key(phrase), [])
        self._index = index
        alternation = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(index, key=len, reverse=True))
        self._rx = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
        self._upper_only = {simple_key(a) for e in self.entities for a in e.aliases if a.isupper() and len(a) <= 4}

    def find(self, text: str, kinds: set[str] | None = None) -> list[Mention]:
        """Entities named in text, left to right; overlapping names resolve to the longest."""
        key = _same_length_key(text)
        out = []
        for m in self._rx.finditer(key):
            surface = " ".join(m.group(0).split())
            if surface in self._upper_only and not _has_upper(text, surface):
                continue  # "nrw" typed in lower case is fine, but "be"/"by" words are not aliases
            if _common_noun(text, m.start(), m.end()):
                continue  # "la réunion de préparation" is a meeting, not La Réunion
            for e in self._index[surface]:
                if kinds is None or e.kind in kinds:
                    out.append(Mention(e, m.start(), m.end(), surface))
        return out

    def country_forms(self, name: str) -> tuple[str, ...]:
        """The names that stand for a country in a passage (its own and its parts'), or ()."""
        return self._countries.get(simple_key(name), ())

    def get(self, kind: str, id: str) -> Entity | None:
        return self.by_id.get((kind, id))

    def region_keys(self) -> set[str]:
        from assistant.textnorm import match_key

        return {match_key(a) for e in self.entities if e.kind == "region" for a in e.aliases}


def _same_length_key(text: str) -> str:
    """simple_key() character by character, so match offsets are offsets in text."""
    from assistant.textnorm import fold_accents, normalize_apostrophes

    out = []
    for ch in normalize_apostrophes(text):
        f = fold_accents(ch).lower()[:1] or ch.lower()
        out.append(" " if f in "-‐‑–—" else f)
    return "".join(out)


# A complement after a name typed in lower case makes it a common noun ('la réunion de
# préparation', 'le centre de formation'); a place name takes none.
_COMPLEMENT = re.compile(r"\s+(?:de|d['’]|du|des)\b", re.IGNORECASE)


def _common_noun(text: str, start: int, end: int) -> bool:
    written = text[start:end]
    return not any(c.isupper() for c in written) and _COMPLEMENT.match(text, end) is not None


def _has_upper(text: str, surface: str) -> bool:
    """Whether a short upper-case alias is written as a name: in capitals ("BW", "AURA") or
    capitalised ("Paca"); in lower case only as three letters ("nrw"). A lower-case word of
    four letters is a word of the language ("aura 15 ans"), not "AURA"."""
    m = re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", text, re.IGNORECASE)
    if m is None:
        return False
    written = m.group(0)
    return surface.upper() in text or written[:1].isupper() or len(surface) == 3


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    return Gazetteer(json.loads(Path(path or DATA).read_text(encoding="utf-8")))
