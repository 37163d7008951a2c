"""Each answer route, the selector and the lead on small documents built here (typed blocks,
no corpus file): what a route proposes comes from the blocks, not from patterns in text."""
import math
from collections import Counter
from dataclasses import replace

import pytest

from assistant.answer.analysis import analyse
from assistant.answer.base import CitationBook
from assistant.answer.candidates import Candidate, Line, render
from assistant.answer.lead import with_lead
from assistant.answer.routes import definition, lists, numbered, outline, registry, sentences, table
from assistant.answer.routes.context import RouteContext
from assistant.answer.selector import Selector
from assistant.answer.vocabulary import Vocabulary
from assistant.config import AnswerSettings
from assistant.gazetteer import load_gazetteer
from assistant.index.analyzer import tokenize
from assistant.index.store import index_text
from assistant.ingest.chunk import chunk_document
from assistant.ingest.document import Block, make_document, table_block
from assistant.types import Hit


class MemoryIndex:
    """The part of LoadedIndex the routes read, over documents held in memory."""

    def __init__(self, docs):
        self.docs = {d.source: d for d in docs}
        self.chunks = [c for d in docs for c in chunk_document(d, 700, 160)]
        df = Counter(t for c in self.chunks for t in set(tokenize(index_text(c))))
        n = len(self.chunks)
        self._idf = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) + 0.1 for t, k in df.items()}

    def document(self, source):
        return self.docs.get(source)

    def document_text(self, source):
        return self.docs[source].text

    def raw_text(self, source):
        return ""

    def title(self, source):
        return self.docs[source].title

    def sources(self):
        return list(self.docs)

    def chunks_of(self, source):
        return [c for c in self.chunks if c.source == source]

    def idf(self):
        return self._idf

    def extra(self, key):
        return None


def para(text):
    return Block("paragraph", text)


def head(text, level=1, label=""):
    return Block("heading", text, level=level, label=label)


def item(text, ordered=False, marker="-", level=0):
    return Block("item", text, level=level, ordered=ordered, marker=marker)


GUIDE = make_document("guide.html", "Guide des échanges", [
    head("Guide des échanges", 0),
    para("Le Centre de ressources pour les échanges (CRE) conseille les écoles."),
    head("Demander un jumelage", 1),
    para("Pour demander un jumelage, l'établissement suit ces étapes :"),
    item("- le directeur écrit au service des échanges ;", ordered=True, marker="1."),
    item("2) le service cherche une école partenaire ;", ordered=True, marker="2."),
    item("le service informe le directeur.", ordered=True, marker="3."),
    para("la validation finale est prononcée par l'inspecteur."),
    head("Les priorités du guide", 1),
    head("Priorité 1 - Ouvrir les écoles rurales", 2, "Priorité 1"),
    para("Les écoles rurales reçoivent une aide pour leurs premiers échanges."),
    head("Priorité 2 - Former les enseignants", 2, "Priorité 2"),
    para("Les enseignants suivent une formation aux échanges numériques."),
    head("Priorité 3 - Valoriser les langues", 2, "Priorité 3"),
    para("Les langues régionales sont valorisées dans les projets."),
    head("Assistants", 1),
    table_block([("Langue", "Nombre d'assistants"), ("Anglais", "48"), ("Allemand", "21")], header=True),
    head("Coordination", 1),
    para("La coordination est assurée par le service des échanges. Elle accompagne les écoles dans leur projet."),
])
TABLE = make_document("reseau.txt", "Réseau des académies", [
    head("Réseau des académies", 0),
    head("Grand-Est", 1),
    head("Académie de Nancy-Metz", 2),
    item("Expérimentation « Langue passion » : initiation dans 15 classes de maternelle"),
    head("Occitanie", 1),
    head("Académie de Toulouse", 2),
    item("Atelier de théâtre bilingue dans 4 lycées"),
])


@pytest.fixture(scope="module")
def world():
    index = MemoryIndex([GUIDE, TABLE])
    gaz = load_gazetteer()
    vocab = Vocabulary.from_texts([d.text for d in index.docs.values()], index.idf())
    ctx = RouteContext(index, gaz, AnswerSettings(), [], index.idf())
    return index, gaz, vocab, ctx


def ask(world, question, sources=None):
    index, gaz, vocab, ctx = world
    a = analyse(question, [], gaz, vocab)
    chunks = [c for c in index.chunks if sources is None or c.source in sources]
    ranked = sorted(chunks, key=lambda c: -len(set(a.terms) & set(tokenize(index_text(c)))))
    return a, [Hit(c, 1.0, i) for i, c in enumerate(ranked[:5], start=1)]


def texts(candidate):
    return [f"{line.prefix}{line.text}" for line in candidate.lines]


def test_procedure_reads_item_blocks_with_lead_in_and_continuation(world):
    a, hits = ask(world, "Comment demander un jumelage ?", {"guide.html"})
    c = next(c for c in lists.propose(world[3], a, hits) if "jumelage" in c.evidence)
    shown = texts(c)
    assert shown[0] == "Pour demander un jumelage, l'établissement suit ces étapes :"
    # The items are the blocks, numbered in order, whatever their text starts with.
    assert shown[1:4] == ["1. - le directeur écrit au service des échanges ;", "2. 2) le service cherche une école partenaire ;",
                          "3. le service informe le directeur."]
    assert shown[4] == "la validation finale est prononcée par l'inspecteur."  # the sentence goes on
    assert c.fit == 1.0


def test_outline_lists_the_headings_one_level_below(world):
    a, hits = ask(world, "Quelles sont les priorités du guide ?", {"guide.html"})
    c = next(c for c in outline.propose(world[3], a, hits) if c.route == "outline")
    assert texts(c) == ["- Priorité 1 - Ouvrir les écoles rurales", "- Priorité 2 - Former les enseignants",
                        "- Priorité 3 - Valoriser les langues"]


def test_numbered_section_by_its_label(world):
    a, hits = ask(world, "Quelle est la deuxième priorité ?", {"guide.html"})
    (c,) = numbered.propose(world[3], a, hits)[:1]
    assert texts(c) == ["**Priorité 2 - Former les enseignants**",
                        "Les enseignants suivent une formation aux échanges numériques."]


def test_definition_of_an_acronym(world):
    a, hits = ask(world, "Que signifie CRE ?", {"guide.html"})
    (c,) = definition.propose(world[3], a, hits)
    assert texts(c) == ["Le Centre de ressources pour les échanges (CRE) conseille les écoles."] and c.fit == 1.0


def test_table_row_with_its_headers(world):
    a, hits = ask(world, "Combien d'assistants d'allemand ?", {"guide.html"})
    best = max(table.propose(world[3], a, hits), key=lambda c: "Allemand" in c.evidence)
    assert "**Nombre d'assistants** : 21" in best.lines[0].text and "**Langue** : Allemand" in best.lines[0].text
    source, start, end = best.lines[0].cite
    assert GUIDE.text[start:end] == "Allemand | 21"


def test_registry_lists_partners_apart_from_other_relations(world):
    index, gaz, vocab, ctx = world

    def record(academie, aid, land, status, text, start):
        return {"source": "reseau.txt", "region": "", "academie": academie, "academie_id": aid,
                "academie_kind": "academie", "cosignatories": [], "kind": "convention", "status": status,
                "dates": {"signature": None, "renewals": [], "planned": []}, "themes": [], "programmes": [],
                "span": [start, start + len(text)], "page": None, "text": text,
                "land": {"id": land[0], "fr": land[1], "de": land[2]} if land else None}

    records = [record("Académie de Caen", "caen", ("bayern", "Bavière", "Bayern"), "signé", "Convention avec la Bavière", 0),
               record("Académie de la Martinique", "martinique", ("bayern", "Bavière", "Bayern"), "relations privilégiées",
                      "Échanges réalisés avec la Bavière", 40)]
    rctx = RouteContext(index, gaz, AnswerSettings(), records, index.idf())
    a = analyse("Quelles académies sont partenaires de la Bavière ?", [], gaz, vocab)
    (c,) = registry.propose(rctx, a, [])
    shown = texts(c)
    assert c.intro.startswith("Académies partenaires de Bavière") and c.intro.endswith(": 1")
    assert shown[0].startswith("- **Académie de Caen**")
    assert shown[1] == "Autres relations, sans partenariat :" and "Martinique" in shown[2]


def test_selector_refuses_when_the_best_lacks_an_asked_entity(world):
    index, gaz, vocab, ctx = world
    sel = Selector(index.idf(), AnswerSettings(), lambda source, named: False, ctx.label)
    a = analyse("Quel atelier l'académie de Lyon mène-t-elle dans 4 lycées ?", [], gaz, vocab)
    other = Candidate("sentence", "reseau.txt", (Line("Atelier de théâtre bilingue dans 4 lycées"),),
                      evidence="Atelier de théâtre bilingue dans 4 lycées", about="Occitanie › Académie de Toulouse",
                      rank=1, fit=0.6)
    decision = sel.decide([other], a)
    assert decision.best is None and decision.reason == "missing" and "Lyon" in decision.missing
    a = analyse("Quel atelier l'académie de Toulouse mène-t-elle dans 4 lycées ?", [], gaz, vocab)
    assert sel.decide([other], a).best.candidate is other


def test_lead_names_the_section_and_the_pronouns_subject(world):
    index, gaz, vocab, ctx = world
    a, hits = ask(world, "Quelle académie mène l'expérimentation « Langue passion » ?", {"reseau.txt"})
    c = next(c for c in sentences.propose(ctx, a, hits) if "Langue passion" in c.evidence)
    led = with_lead(ctx, c, a)
    assert led.lines[0].text == "**Académie de Nancy-Metz**"
    a, hits = ask(world, "Qui accompagne les écoles dans leur projet ?", {"guide.html"})
    c = Candidate("sentence", "guide.html", (Line("Elle accompagne les écoles dans leur projet.",
                                                  ("guide.html", GUIDE.text.index("Elle accompagne"),
                                                   GUIDE.text.index("Elle accompagne") + 44)),),
                  evidence="Elle accompagne les écoles dans leur projet.", blocks=(len(GUIDE.blocks) - 1,))
    led = with_lead(ctx, c, a)
    assert [line.text for line in led.lines] == ["La coordination est assurée par le service des échanges.",
                                                 "Elle accompagne les écoles dans leur projet."]


def test_a_span_is_never_quoted_twice(world):
    index = world[0]
    span = ("guide.html", 0, 18)
    c = Candidate("sentence", "guide.html", (Line("Guide des échanges", span), Line("Guide des échanges", span),
                                             Line("Guide", ("guide.html", 0, 5))), evidence="")
    book = CitationBook(index)
    assert render(c, book) == "Guide des échanges [1]" and len(book.citations) == 1


def test_selector_answers_a_role_only_with_its_holder_and_a_date_only_when_given(world):
    index, gaz, vocab, ctx = world
    sel = Selector(index.idf(), AnswerSettings(), lambda source, named: False, ctx.label)

    def said(text, main=None):
        return Candidate("sentence", "guide.html", (Line(text),), evidence=text, about="Coordination", rank=1,
                         main=main)

    a = analyse("Qui dirige le service des échanges ?", [], gaz, vocab)
    assert a.role == "dirige"
    assert sel.decide([said("Le service des échanges conseille les écoles et fixe le calendrier.")], a).best is None
    assert sel.decide([said("Le service des échanges est dirigé par …")], a).best is None
    named = said("Le service des échanges est dirigé par l'inspecteur.")
    assert sel.decide([named], a).best.candidate is named
    a = analyse("Quand le service des échanges informe-t-il le directeur ?", [], gaz, vocab)
    assert sel.decide([said("Le service des échanges informe le directeur le XX/XX (date à préciser).")], a).best is None
    given = said("Le service des échanges informe le directeur le 3 mai.")
    assert sel.decide([given], a).best.candidate is given
    # The main statement must be the kind of answer asked; a companion's date does not make it one.
    companion = said("Le service des échanges informe le directeur. Il a été créé le 3 mai 2021.",
                     main="Le service des échanges informe le directeur.")
    a = analyse("À quelle date exacte le service des échanges informe-t-il le directeur ?", [], gaz, vocab)
    assert sel.decide([companion], a).best is None


def test_selector_refuses_when_a_passage_says_the_detail_is_still_to_be_fixed(world):
    index, gaz, vocab, ctx = world
    sel = Selector(index.idf(), AnswerSettings(), lambda source, named: False, ctx.label)
    a = analyse("Quelle est la date de la formation des enseignants ?", [], gaz, vocab)
    dated = Candidate("sentence", "guide.html", (Line("Les écoles rurales reçoivent une aide le 3 mai."),),
                      evidence="Les écoles rurales reçoivent une aide le 3 mai.", rank=1,
                      passage="Les enseignants suivent une formation. La date de la formation reste à fixer.")
    decision = sel.decide([dated], a)
    assert decision.best is None and decision.missing == ("formation",)


FLAT = make_document("convention.docx", "Convention de coopération", [
    head("Convention de coopération", 0),
    head("I. OBJET", 1),
    para("La convention organise la coopération entre les établissements."),
    head("II. AXES DE COOPÉRATION", 1),
    head("Article 3 - Échanges d'élèves", 1),
    para("Les élèves partent trois semaines."),
    head("Article 4 - Formation des enseignants", 1),
    para("Les enseignants suivent un stage commun."),
    head("III. DISPOSITIONS FINALES", 1),
    head("Article 5 - Durée", 1),
    para("La convention est conclue pour trois ans."),
])


def test_outline_reads_headings_numbered_another_way_on_the_same_level():
    index = MemoryIndex([FLAT])
    gaz = load_gazetteer()
    vocab = Vocabulary.from_texts([FLAT.text], index.idf())
    ctx = RouteContext(index, gaz, AnswerSettings(), [], index.idf())
    assert outline.flat_children(FLAT, 3) == [4, 6] and outline.flat_children(FLAT, 1) == []
    assert outline.numbering("II. AXES") == "roman" and outline.numbering("Article 4 - Formation") == "article"
    a = analyse("Quels sont les axes de la convention ?", [], gaz, vocab)
    chunk = next(c for c in index.chunks if "stage commun" in c.text)
    c = next(c for c in outline.propose(ctx, a, [Hit(chunk, 1.0, 1)]) if c.route == "outline")
    assert texts(c) == ["- Article 3 - Échanges d'élèves", "- Article 4 - Formation des enseignants"]


def test_companions_add_only_a_share_to_the_chosen_statement(world):
    index, gaz, vocab, ctx = world
    sel = Selector(index.idf(), AnswerSettings(), lambda source, named: False, ctx.label)
    a = analyse("Comment le service des échanges informe-t-il le directeur ?", [], gaz, vocab)
    both = "Le service des échanges informe le directeur. Les écoles rurales reçoivent une aide."
    alone = Candidate("sentence", "guide.html", (Line(both),), evidence=both, rank=1,
                      main="Les écoles rurales reçoivent une aide.")
    carried = sel.judge(alone, a)
    chosen = sel.judge(Candidate("sentence", "guide.html", (Line(both),), evidence=both, rank=1,
                                 main="Le service des échanges informe le directeur."), a)
    assert chosen.coverage > carried.coverage


def test_a_demonstrative_subject_points_back():
    from assistant.answer.docview import is_anaphoric

    assert is_anaphoric("Dans l'établissement public, cette convention est soumise au conseil.")
    assert is_anaphoric("Elle accompagne les écoles.") and not is_anaphoric("La convention dure cinq ans.")


def test_another_amount_left_open_does_not_void_the_one_given(world):
    index, gaz, vocab, ctx = world
    sel = Selector(index.idf(), AnswerSettings(), lambda source, named: False, ctx.label)
    a = analyse("Quel est le montant de l'aide aux écoles rurales ?", [], gaz, vocab)
    given = Candidate("sentence", "guide.html", (Line("Les écoles rurales reçoivent une aide de 40 euros."),),
                      evidence="Les écoles rurales reçoivent une aide de 40 euros.", rank=1,
                      passage="Les écoles rurales reçoivent une aide de 40 euros. "
                              "Le montant de l'aide aux enseignants reste à préciser.")
    assert sel.decide([given], a).best.candidate is given


def test_a_blank_is_read_line_by_line_from_the_document_not_from_joined_or_shortened_lines(world):
    """Left blank: a quoted line (the document's own words at its span) saying the asked
    detail is still to come. A calendar quoted whole joins 'Date limite : 27 mars 2026' and
    'Commission de sélection : date communiquée ultérieurement' with no punctuation between
    them: the blank of the second does not void the date the first gives."""
    index, gaz, vocab, ctx = world
    doc = "Date limite de dépôt des fiches : 27 mars 2026\nCommission de sélection : date communiquée ultérieurement"
    spans = {"fiches": ("guide.html", 0, 46), "commission": ("guide.html", 47, len(doc))}
    idf = {**index.idf(), **{t: 2.0 for t in tokenize(doc)}}
    quoted = lambda span: doc[span[1]:span[2]]  # noqa: E731
    sel = Selector(idf, AnswerSettings(), lambda source, named: False, ctx.label, quoted=quoted)
    calendar = Candidate("list", "guide.html", (Line("Date limite de dépôt des fiches : 27 mars 2026", spans["fiches"]),
                                                Line("Commission de sélection", spans["commission"])),
                         evidence=" ".join(doc.split("\n")), rank=1, passage=doc)
    assert not sel.left_blank([calendar], analyse("Quelle est la date limite de dépôt des fiches ?", [], gaz, vocab))
    commission = analyse("Quelle est la date de la commission de sélection ?", [], gaz, vocab)
    # The line is read in full from the document, though it is shown shortened (a registry
    # line ends '…' where it is cut, which would read as a blank slot)…
    assert sel.left_blank([replace(calendar, passage="")], commission)
    # … which the line as shown does not say.
    shown_only = Selector(idf, AnswerSettings(), lambda source, named: False, ctx.label)
    assert not shown_only.left_blank([replace(calendar, passage="")], commission)


def test_a_follow_up_on_another_programme_is_not_answered_by_the_first(world):
    from assistant.answer.selector import swapped_away

    index, gaz, vocab, ctx = world
    a = analyse("Et pour Sauzay ?", ["Combien de places Voltaire pour l'académie de Nancy-Metz ?"], gaz, vocab)
    assert a.rewritten
    said = "L'académie de Nancy-Metz dispose de 18 places dans le programme Voltaire."
    assert swapped_away(a, said) == ["Sauzay"]
    assert swapped_away(a, "Programme Voltaire › Places Les élèves de seconde peuvent candidater.") == ["Sauzay"]
    assert swapped_away(a, "L'académie de Nancy-Metz dispose de 6 places Sauzay.") == []


def test_a_follow_up_naming_another_place_is_not_answered_by_the_place_it_replaced(world):
    """'Et à Graz ?' after a question on Berlin: the gazetteer knows Berlin (a Land), not Graz,
    so the two names are of different kinds; the name replaced still marks the earlier answer."""
    from assistant.answer.selector import swapped_away

    index, gaz, vocab, ctx = world
    a = analyse("Et à Graz ?", ["Qui accueille les enseignants à Berlin ?"], gaz, vocab)
    assert a.effective == "Qui accueille les enseignants à Graz ?"
    assert [e.name for e in a.replaced] == ["Berlin"]
    assert swapped_away(a, "Contacts Mme Une, référente pour l'accueil des enseignants à Berlin ;") == ["Graz"]
    assert swapped_away(a, "Contacts M. Deux accueille les enseignants à Graz et à Berlin.") == []
    assert swapped_away(a, "Contacts Mme Une accueille les enseignants.") == []
    # A question that is not a follow-up replaces nothing.
    assert analyse("Qui accueille les enseignants à Graz ?", [], gaz, vocab).replaced == ()


def test_a_calendar_row_need_not_name_the_programme_its_document_is_about():
    """In the note on the Sommerkurs Graz, the calendar's row on the preparation meeting
    answers for the Sommerkurs, though another row of the table is the Sommerkurs itself."""
    note = make_document("note-sommerkurs-graz.docx", "Note de service : Sommerkurs Graz", [
        Block("heading", "Note de service : Sommerkurs Graz", level=0),
        Block("heading", "Calendrier", level=1),
        table_block([["Étape", "Date", "Observations"], ["Sommerkurs Graz", "du 13 au 31 juillet 2026", "Graz"],
                     ["Réunion de préparation", "10 juin 2026", "au rectorat, à Fréjus"]], header=True),
    ])
    index = MemoryIndex([note])
    gaz = load_gazetteer()
    vocab = Vocabulary.from_texts([note.text], index.idf())
    ctx = RouteContext(index, gaz, AnswerSettings(), [], index.idf())
    a = analyse("Où se tient la réunion de préparation du Sommerkurs Graz ?", [], gaz, vocab)
    assert any(e.name == "Sommerkurs Graz" for e in a.required)
    hits = [Hit(c, 1.0, i) for i, c in enumerate(index.chunks, start=1)]
    row = next(c for c in table.propose(ctx, a, hits) if "Réunion de préparation" in c.evidence)
    assert row.lacks == ()
