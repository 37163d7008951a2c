"""Partnership questions answered from the registry built at ingest: every agreement of an
académie, every académie of a Land, filtered by programme or theme. A record that is not
a partnership ("Pas de partenariat", relations only) is never listed as a partner: it is
shown apart."""
from __future__ import annotations

from assistant.answer import registry as reg
from assistant.answer.candidates import Candidate, Line
from assistant.ingest.registry import is_partner

from assistant.index.analyzer import tokenize

_NOUNS = {"land", "academie", "partenaire", "accord", "convention", "region", "partenariat", "german", "allemand"}
# Words that ask about partnerships themselves (stems).
_PARTNER_TERMS = set(tokenize("Land Länder partenaire partenaires partenariat accord accords convention conventions "
                              "coopération coopère coopèrent académies"))


def _about(records: list[dict]) -> str:
    """What the records are about: their académies, régions and Länder (French and German
    names); a partnership record is an agreement between an académie and a German Land."""
    words = []
    for r in records:
        words += [r["academie"], r.get("region", "")]
        if r.get("land"):
            words += [r["land"]["fr"], r["land"].get("de", ""), "Land Länder allemand"]
        if is_partner(r):
            words.append("partenaire partenariat accord coopération")
    return " ".join(dict.fromkeys(w for w in words if w))


def _lines(records: list[dict], q: reg.PartnerQuery, ctx, lang: str) -> list[Line]:
    rows = reg.rows(records, q, ctx.gazetteer, lang)
    many_per_label = bool(q.lands) and len(rows) > 6
    if not many_per_label:
        return [Line(body, span, prefix=f"- **{label}** : ") for label, body, span in rows]
    merged: dict[str, list] = {}
    for label, body, span in rows:
        merged.setdefault(label, []).append((body, span))
    out = []
    for label, group in merged.items():
        more = len(group) - 1
        suffix = "" if not more else (f" (+{more} more)" if lang == "en" else f" (+{more} autre(s) accord(s))")
        out.append(Line(group[0][0], group[0][1], prefix=f"- **{label}** : ", more=tuple(s for _, s in group[1:]),
                        suffix=suffix))
    return out


def _fit(a, q: reg.PartnerQuery) -> float:
    asks_partners = a.focus in _NOUNS or bool(_PARTNER_TERMS & set(a.terms))
    if asks_partners and (q.academies or q.lands) or (a.answer_type in ("list", "person_org", "yes_no")
                                                        and (q.academies or q.lands)):
        return 1.0
    if q.academies and q.lands:
        return 0.8  # a detail of one agreement: the record holds it
    return 0.5


def propose(ctx, a, hits) -> list:
    if not ctx.records:
        return []
    q = reg.query_from(a)
    if q is None or not (q.academies or q.lands or q.programmes or (q.themes and a.focus in _NOUNS)):
        return []
    selected = reg.select(ctx.records, q, ctx.gazetteer)
    if not selected and q.academies and q.lands:
        # No agreement between these two: what the académie has, said as such.
        only = reg.PartnerQuery(q.academies, (), (), ())
        selected = reg.select(ctx.records, only, ctx.gazetteer)
        q = only
    if not selected:
        return []
    partners = [r for r in selected if is_partner(r)]
    others = [r for r in selected if not is_partner(r)]
    lang = a.language
    lines: list[Line] = []
    if partners:
        head = reg.intro(partners, q, ctx.gazetteer, lang)
        lines += _lines(partners, q, ctx, lang)
        if others:
            lines.append(Line("Other relations, not partnerships:" if lang == "en" else
                              "Autres relations, sans partenariat :"))
    else:
        head = reg.intro_without_partner(q, ctx.gazetteer, lang)
    lines += _lines(others, q, ctx, lang)
    lines = lines[: ctx.settings.max_items + 2]
    lacks = ()
    if reg.asks_renewal(a.effective) and not any(reg.renewal_dates(r) for r in selected):
        lacks = ("date de renouvellement",)
    spans = [tuple(r["span"]) for r in selected]
    source = selected[0]["source"]
    hit = next((h for h in hits if h.chunk.source == source and any(h.chunk.span[0] <= s < h.chunk.span[1]
                                                                      for s, _ in spans)), None)
    return [Candidate(route="registry", source=source, lines=tuple(lines), intro=head,
                      evidence=" ".join(r["text"] for r in selected), about=_about(selected),
                      rank=hit.rank if hit else 0, fit=_fit(a, q), lacks=lacks)]
