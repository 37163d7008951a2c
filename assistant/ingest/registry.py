"""The partnership registry: one record per agreement, read from the document model of
any document laid out as région / académie headings with agreements as list items or
paragraphs below them (a .txt, or a PDF whose 2-column table the loader turned into the
same headings). Names resolve through the gazetteer, so the same agreement read from two
formats gives the same (académie, Land, région); nothing is typed by hand for an académie."""
from __future__ import annotations

import re

from assistant.gazetteer import Gazetteer, load_gazetteer
from assistant.ingest.document import Document
from assistant.ingest.sections import ancestors, sections

_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
DATE = re.compile(rf"\b(?:(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS})\s+)?(?:19|20)\d{{2}}\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:prévu|prévue|prévus|prévues|à l['’]étude|en projet|en attente|imminent)", re.IGNORECASE)
_NO_PARTNER = re.compile(r"\bpas de partenariat|\baucun partenariat", re.IGNORECASE)
_AGREEMENT = re.compile(r"\b(?:convention|accord|d[ée]claration|protocole|MOU|charte|arrangement)", re.IGNORECASE)
_PENDING = re.compile(r"en attente de signature", re.IGNORECASE)
_PROJECT = re.compile(r"^(?:projet|[ée]tude|proposition) d[e'’]", re.IGNORECASE)
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


# Statuses of a record; only the first four are partnerships.
PARTNER_STATUSES = ("signé", "renouvelé", "prévu", "en attente de signature")
STATUSES = PARTNER_STATUSES + ("pas de partenariat", "relations privilégiées")


def status(text: str, kind: str, dates: dict, section_says_none: bool) -> str:
    """Where an agreement stands, from its own words and its section's ("Pas de partenariat")."""
    if _NO_PARTNER.search(text):
        return "pas de partenariat"
    if section_says_none or (kind == "relations privilégiées" and not _AGREEMENT.search(text)):
        return "relations privilégiées"  # "relations … et convention-cadre avec …" still holds an agreement
    if _PENDING.search(text):
        return "en attente de signature"
    if _PROJECT.match(re.sub(r"^[-–·•▪◦o]\s+", "", text)):
        return "prévu"
    if dates["renewals"]:
        return "renouvelé"
    return "signé"


def _region_of(doc: Document, heading: int, gaz: Gazetteer) -> str:
    """The région of an académie heading: the enclosing heading naming a région académique
    (its gazetteer name), else the nearest enclosing heading's text."""
    chain = ancestors(doc, heading)
    for i in reversed(chain):
        for m in gaz.find(doc.blocks[i].text, {"region"}):
            return m.entity.name
    return doc.blocks[chain[-1]].text if chain else ""


def extract_from_document(doc: Document, gaz: Gazetteer | None = None) -> list[dict]:
    gaz = gaz or load_gazetteer()
    records = []
    for section in sections(doc):
        head_index = section.blocks[0]
        head = doc.blocks[head_index]
        if head.kind != "heading" or head.level <= 0:
            continue
        # An académie's own heading ("Académie de Lille", "Région académique Bretagne"), not any
        # heading that happens to name one.
        owner = _academie_entity(head.text, gaz) if len(head.text) <= 80 and \
            re.match(r"(?:acad[ée]mie|r[ée]gion acad[ée]mique)\b", head.text, re.IGNORECASE) else None
        if owner is None:
            continue
        region = _region_of(doc, head_index, gaz)
        body = [doc.blocks[i] for i in section.blocks[1:] if doc.blocks[i].kind in ("item", "paragraph")]
        says_none = any(_NO_PARTNER.search(b.text) for b in body)
        for block in body:
            item = block.text
            lands = []
            for m in gaz.find(item, {"land"}):
                if m.entity.id not in [l["id"] for l in lands]:
                    lands.append({"id": m.entity.id, "fr": m.entity.name, "de": m.entity.german})
            cosign = [i for i in _cosigners(item, gaz) if i != owner.id]
            kind = _kind(item)
            dates = _dates(item)
            base = {
                "source": doc.source,
                "region": region,
                "academie": " ".join(head.text.split()),
                "academie_id": owner.id,
                "academie_kind": owner.kind,
                "cosignatories": cosign,
                "kind": kind,
                "status": status(item, kind, dates, says_none),
                "dates": dates,
                "themes": [t for t, rx in THEMES.items() if re.search(rx, item, re.IGNORECASE)],
                "programmes": [p for p in PROGRAMMES if re.search(re.escape(p).replace(r"\-", r"[\s\-–]*"), item, re.IGNORECASE)],
                "span": list(block.span),
                "page": block.page,
                "text": item,
            }
            for land in lands or [None]:
                records.append({**base, "land": land})
    return records


def is_partner(record: dict) -> bool:
    """Whether a record is a partnership (not "pas de partenariat" nor mere relations)."""
    return record.get("status", "signé") in PARTNER_STATUSES


def extract_registry(documents: dict[str, Document]) -> list[dict]:
    gaz = load_gazetteer()
    out = []
    for source, doc in sorted(documents.items()):
        out.extend(extract_from_document(doc, gaz))
    return out
