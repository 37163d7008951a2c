"""Questions about partnerships, answered completely from the registry built at ingest."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.base import CitationBook
from assistant.gazetteer import Gazetteer
from assistant.ingest.registry import PROGRAMMES
from assistant.textnorm import simple_key

# Matched on the accent-folded, lower-case question.
_PARTNER_WORDS = re.compile(
    r"partena|partner|lander|\bland\b|cooper|koope|accord|agreement|convention|declaration|\bmou\b|travaill|"
    r"\bwork|collabor|relation|echange|exchange|sign|jumel|lie(?:e|s|es)?\b|avec quel|with which|which|welche|"
    r"zusammen|mit wem|academies|akademie|programme|dispositif|renouvel|date|quand|when|wann",
)
_THEME_QUERY = {
    "formation professionnelle": r"formation professionnel|enseignement professionnel|voie professionnelle|vocational|berufl|apprenti",
    "formation des enseignants": r"formation des (?:enseignants|professeurs|personnels)|teacher training",
    "appariements": r"appariement",
}


@dataclass(frozen=True)
class PartnerQuery:
    academies: tuple[str, ...]  # gazetteer ids (académies, or a région académique)
    lands: tuple[str, ...]
    programmes: tuple[str, ...]
    themes: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.academies or self.lands or self.programmes or self.themes)


def themes_of(question: str) -> tuple[str, ...]:
    return tuple(t for t, rx in _THEME_QUERY.items() if re.search(rx, question, re.IGNORECASE))


def query_from(analysis) -> PartnerQuery | None:
    """The partnership filters of an analysed question (entities of the question to answer,
    and of earlier turns when it names none of that kind)."""
    academies = analysis.gazetteer_ids("academie", "region") or analysis.gazetteer_ids("academie", "region", context=True)
    lands = analysis.gazetteer_ids("land") or (analysis.gazetteer_ids("land", context=True) if not academies else ())
    key = simple_key(analysis.effective)
    programmes = tuple(p for p in PROGRAMMES if simple_key(p) in key)
    q = PartnerQuery(tuple(academies), tuple(lands), programmes, themes_of(analysis.effective))
    return None if q.empty else q


def parse_query(question: str, gazetteer: Gazetteer) -> PartnerQuery | None:
    """The partnership filters a question asks for, or None when it is not about partners."""
    if not _PARTNER_WORDS.search(simple_key(question)):
        return None
    academies, lands = [], []
    for m in gazetteer.find(question):
        target = lands if m.entity.kind == "land" else academies
        if m.entity.id not in target:
            target.append(m.entity.id)
    key = simple_key(question)
    programmes = [p for p in PROGRAMMES if simple_key(p) in key]
    q = PartnerQuery(tuple(academies), tuple(lands), tuple(programmes), themes_of(question))
    return None if q.empty else q


def _academie_ids(record: dict) -> set[str]:
    ids = set(record.get("cosignatories") or [])
    if record.get("academie_id"):
        ids.add(record["academie_id"])
    return ids


def wanted_academies(q: PartnerQuery, gazetteer: Gazetteer) -> set[str]:
    """The académies asked about; a région académique stands for its académies too."""
    wanted = set(q.academies)
    for aid in q.academies:
        region = gazetteer.get("region", aid)
        if region:
            wanted |= set(region.members)
    return wanted


def select(records: list[dict], q: PartnerQuery, gazetteer: Gazetteer) -> list[dict]:
    out = records
    wanted = wanted_academies(q, gazetteer)
    if wanted:
        out = [r for r in out if _academie_ids(r) & wanted]
    if q.lands:
        out = [r for r in out if r.get("land") and r["land"]["id"] in q.lands]
    if q.programmes:
        out = [r for r in out if set(r.get("programmes") or []) & set(q.programmes)]
    out = prefer_own(out, wanted)
    if q.themes and not (q.academies or q.lands or q.programmes):
        out = [r for r in out if set(r.get("themes") or []) & set(q.themes)]
    elif q.themes:
        narrowed = [r for r in out if set(r.get("themes") or []) & set(q.themes)]
        out = narrowed or out
    return out


def prefer_own(records: list[dict], wanted: set[str]) -> list[dict]:
    """A co-signed agreement appears under each signatory: keep the asked académies' own
    entries and show another's copy only when none of them has one for that Land."""
    if not wanted:
        return records
    own_lands = {(r["land"] or {}).get("id") for r in records if r.get("academie_id") in wanted}
    return [r for r in records if r.get("academie_id") in wanted or (r["land"] or {}).get("id") not in own_lands]


_ACADEMY_NAME = re.compile(r"\bacad[ée]mie\s+(?:de la |de l['’]|d['’]|de |du )\s*([A-ZÉÈÎ][\w'’\-]+(?:[ -][A-ZÉ][\w\-]+)*)")


def unknown_academy_names(question: str, gazetteer: Gazetteer) -> list[str]:
    """Names written as 'académie de X' that are no académie or région in the gazetteer."""
    out = []
    for m in _ACADEMY_NAME.finditer(question):
        name = m.group(1)
        if not gazetteer.find(name, {"academie", "region"}) and not gazetteer.find(m.group(0), {"academie", "region"}):
            out.append(name)
    return out


def asks_renewal(question: str) -> bool:
    return bool(re.search(r"renouvel|reconduit|prolong|renew|verl[äa]nger", simple_key(question)))


def renewal_dates(record: dict) -> list[str]:
    return list(record["dates"]["renewals"]) + list(record["dates"]["planned"])


def known_academies(records: list[dict]) -> set[str]:
    return {i for r in records for i in _academie_ids(r)}


def headline(text: str, limit: int = 230) -> str:
    """The opening of an agreement item: up to its ' : ' detail list, cut at a word."""
    t = re.sub(r"^[-–·•▪◦o]\s+", "", text).strip()
    cut = t.find(" : ")
    if 30 <= cut <= limit:
        return t[:cut]
    if len(t) <= limit:
        return t
    return t[: t.rfind(" ", 0, limit)] + " …"


def _land_label(land: dict | None) -> str:
    if not land:
        return ""
    return f"{land['fr']} ({land['de']})" if land.get("de") and simple_key(land["de"]) != simple_key(land["fr"]) else land["fr"]


def rows(records: list[dict], q: PartnerQuery, gazetteer: Gazetteer, lang: str) -> list[tuple[str, str, tuple]]:
    """(label, body, (source, start, end)) per agreement item, labelled by the side the
    question did not name. A narrow question (a few agreements) gets each whole item, with
    its themes, programmes and later steps; a list gets each item's opening. A long list
    for a Land (many académies) gets one line per académie."""
    by_item: dict[tuple[str, int, int], list[dict]] = {}
    for r in records:
        by_item.setdefault((r["source"], *r["span"]), []).append(r)
    wanted = wanted_academies(q, gazetteer)
    group_by_academie = bool(q.lands) or (not q.academies) or len(wanted) > len(q.academies)
    detail = len(by_item) <= 3
    out: list[tuple[str, str, tuple]] = []
    for span, recs in by_item.items():
        first = recs[0]
        lands = ", ".join(dict.fromkeys(_land_label(r["land"]) for r in recs if r["land"]))
        if group_by_academie:
            label = first["academie"]
            if lands and not q.lands:
                label += f" — {lands}"
        else:
            label = lands or ("Other" if lang == "en" else "Sans Land")
            if first.get("academie_id") not in wanted:
                label += f" (via {first['academie']})"
        body = re.sub(r"^[-–·•▪◦o]\s+", "", first["text"]).strip() if detail else headline(first["text"])
        out.append((label, body, span))
    return out


def intro(records: list[dict], q: PartnerQuery, gazetteer: Gazetteer, lang: str) -> str:
    lands = {r["land"]["id"] for r in records if r.get("land")}
    academies = {r["academie"] for r in records}
    if q.academies and not q.lands:
        names = " / ".join(_name(gazetteer, a, lang) for a in q.academies)
        count = f"{len(lands)} Land" if len(lands) == 1 else f"{len(lands)} Länder"
        if lang == "en":
            return f"Agreements of {names} ({count}):"
        return f"Accords de {names} avec {count} :" if lands else f"Situation de {names} :"
    if q.lands and not q.academies:
        land = gazetteer.get("land", q.lands[0])
        name = _land_label({"fr": land.name, "de": land.german}) if land else q.lands[0]
        if lang == "en":
            return f"{name} works with {len(academies)} French académie{'s' if len(academies) > 1 else ''}:"
        return f"Académies partenaires de {name} : {len(academies)}"
    if lang == "en":
        return f"Matching agreements ({len(by_span(records))}):"
    return f"Accords correspondants ({len(by_span(records))}) :"


def intro_without_partner(q: PartnerQuery, gazetteer: Gazetteer, lang: str) -> str:
    """The opening when the records found are no partnership ("Pas de partenariat", relations)."""
    if q.academies and not q.lands:
        names = " / ".join(_name(gazetteer, a, lang) for a in q.academies)
        return (f"No partnership with a Land for {names} in the documents:" if lang == "en" else
                f"Pas de partenariat avec un Land pour {names} dans les documents :")
    if q.lands and not q.academies:
        land = gazetteer.get("land", q.lands[0])
        name = _land_label({"fr": land.name, "de": land.german}) if land else q.lands[0]
        return (f"No partner académie of {name} in the documents; other relations:" if lang == "en" else
                f"Aucune académie partenaire de {name} dans les documents ; autres relations :")
    return "No matching partnership; other relations:" if lang == "en" else \
        "Aucun partenariat correspondant ; autres relations :"


def by_span(records: list[dict]) -> set[tuple]:
    return {(r["source"], *r["span"]) for r in records}


def _name(gazetteer: Gazetteer, gid: str, lang: str = "fr") -> str:
    e = gazetteer.get("academie", gid) or gazetteer.get("region", gid)
    if not e:
        return gid
    if lang == "en":
        return f"the académie of {e.name}" if e.kind == "academie" else f"the région académique {e.name}"
    return f"l'académie de {e.name}" if e.kind == "academie" else f"la région académique {e.name}"
