"""The partnership registry: one record per agreement, extracted from any document
laid out as région / académie headings with agreements as list items or paragraphs.
Nothing here is typed by hand for a given académie; names resolve through the gazetteer."""
from __future__ import annotations

import re

from assistant.gazetteer import Gazetteer, load_gazetteer
from assistant.ingest.sections import parse_blocks, render, sections

_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
DATE = re.compile(rf"\b(?:(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS})\s+)?(?:19|20)\d{{2}}\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:prévu|prévue|prévus|prévues|à l['’]étude|en projet|en attente|imminent)", re.IGNORECASE)
_COSIGN = re.compile(r"\(cosign[ée]e\s+(?:avec|par)\s+([^)]*)\)", re.IGNORECASE)

# Agreement kinds, most specific first (matched at the start of an item).
KINDS = [
    ("convention-cadre", r"convention[- ]cadre"),
    ("déclaration d'intention", r"d[ée]claration (?:commune )?d['’]intention|lettre d['’]intention"),
    ("déclaration commune", r"d[ée]claration (?:commune|conjointe|de coop|de partenariat)"),
    ("MOU", r"\bMOU\b|memorandum"),
    ("arrangement administratif", r"arrangement administratif"),
    ("plan de travail", r"plan de travail"),
    ("protocole d'accord", r"protocole d['’]accord"),
    ("programme", r"(?:nouveau )?programme"),
    ("charte", r"charte"),
    ("convention", r"conventions?"),
    ("projet", r"projets?|exp[ée]rimentation"),
    ("partenariat", r"partenariats?"),
    ("relations privilégiées", r"relations privil[ée]gi[ée]es|contacts|plusieurs [ée]changes"),
    ("aucun partenariat", r"pas de partenariat"),
]
PROGRAMMES = ["Sauzay", "Hessel", "Schuman", "Azubi-Bac pro", "Abibac", "Voltaire", "CAMT", "Interreg", "eTwinning", "Erasmus"]
THEMES = {
    "formation professionnelle": r"formation professionnel|enseignement professionnel|[ée]changes? professionnels|professionnels?\b|apprentis|PFMP|Berufsschul|CMQ|Azubi",
    "échanges d'élèves": r"[ée]changes? (?:individuels? |scolaires? |collectifs? )?d['’]?[ée]l[èe]ves|mobilit[ée]s? individuelles|[ée]changes? individuels?|[ée]changes scolaires",
    "mobilité des enseignants": r"mobilit[ée]s? d['’]enseignants|mobilit[ée] enseignants|s[ée]jours professionnels r[ée]ciproques|professeurs",
    "formation des enseignants": r"formation (?:initiale |continue )?(?:et continue )?des (?:enseignants|personnels)|formation des enseignants",
    "appariements": r"appariements?",
    "langue du partenaire": r"apprentissage du fran[çc]ais|langue du voisin|plurilinguisme|allemand",
    "projets européens": r"projets? europ[ée]ens?",
}


def _academie_entity(text: str, gaz: Gazetteer):
    for m in gaz.find(text, {"academie"}):
        return m.entity
    for m in gaz.find(text, {"region"}):
        return m.entity
    return None


def _kind(text: str) -> str:
    head = re.sub(r"^[-–·•▪◦o]\s+", "", text)[:80]
    for name, rx in KINDS:
        if re.match(rf"(?:signature d['’]un |nouveau )?{rx}", head, re.IGNORECASE):
            return name
    for name, rx in KINDS:
        if re.search(rx, head, re.IGNORECASE):
            return name
    return "autre"


def _dates(text: str) -> dict:
    out = {"signature": None, "renewals": [], "planned": []}
    for sentence in re.split(r"(?<=[.;)…])\s+(?=[A-ZÉ])", text):
        found = [m.group(0) for m in DATE.finditer(sentence)]
        if not found:
            continue
        if _PLANNED.search(sentence) and re.search(r"renouvel|extension", sentence, re.IGNORECASE):
            out["planned"].extend(found)
            continue
        if out["signature"] is None:
            out["signature"] = found[0]
            found = found[1:]
        out["renewals"].extend(found)
    return out


def _cosigners(text: str, gaz: Gazetteer) -> list[str]:
    ids = []
    for m in _COSIGN.finditer(text):
        for mention in gaz.find(m.group(1), {"academie"}):
            if mention.entity.id not in ids:
                ids.append(mention.entity.id)
    return ids


def extract_from_document(source: str, text: str, gaz: Gazetteer | None = None) -> list[dict]:
    gaz = gaz or load_gazetteer()
    blocks = parse_blocks(text, known_regions=gaz.region_keys())
    rendered, spans = render(blocks)
    records = []
    for section in sections(spans):
        head = section.blocks[0][0]
        if head.heading_kind != "academie":
            continue
        owner = _academie_entity(head.text, gaz)
        region = section.path[0] if len(section.path) > 1 else ""
        for block, start, end in section.blocks[1:]:
            item = block.text
            # Spans index the document text as ingested; re-rendering must give the same text.
            pos = text.find(item) if rendered != text else start
            if pos < 0:
                continue
            lands = []
            for m in gaz.find(item, {"land"}):
                if m.entity.id not in [l["id"] for l in lands]:
                    lands.append({"id": m.entity.id, "fr": m.entity.name, "de": m.entity.german})
            cosign = [i for i in _cosigners(item, gaz) if not owner or i != owner.id]
            base = {
                "source": source,
                "region": region,
                "academie": head.text,
                "academie_id": owner.id if owner else None,
                "academie_kind": owner.kind if owner else None,
                "cosignatories": cosign,
                "kind": _kind(item),
                "dates": _dates(item),
                "themes": [t for t, rx in THEMES.items() if re.search(rx, item, re.IGNORECASE)],
                "programmes": [p for p in PROGRAMMES if re.search(re.escape(p).replace(r"\-", r"[\s\-–]*"), item, re.IGNORECASE)],
                "span": [pos, pos + len(item)],
                "text": item,
            }
            for land in lands or [None]:
                records.append({**base, "land": land})
    return records


def extract_registry(texts: dict[str, str]) -> list[dict]:
    gaz = load_gazetteer()
    out = []
    for source, text in sorted(texts.items()):
        out.extend(extract_from_document(source, text, gaz))
    return out
