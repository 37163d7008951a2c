"""A heading that asks the question itself ('Comment candidater ?') names the part of a
guide that answers 'Comment candidater au séjour X ?', though the document's topic words
('séjour', 'X') sit in its introduction; and a verb meets its noun ('inscrire' /
'inscription') though the stemmer cuts them differently."""
import pytest

from assistant.answer.analysis import analyse
from assistant.answer.asked import heading_asks
from assistant.answer.routes import ROUTES
from assistant.answer.routes.context import RouteContext
from assistant.answer.selector import Selector
from assistant.answer.vocabulary import Vocabulary
from assistant.config import AnswerSettings
from assistant.gazetteer import load_gazetteer
from assistant.index.analyzer import stem_in, tokenize
from assistant.ingest.document import make_document
from test_answer_routes import MemoryIndex, head, item, para

SHEET = make_document("fiche-sejours-carinthie.pdf", "Séjours d'observation en Carinthie", [
    head("Séjours d'observation en Carinthie", 0),
    head("Présentation", 1),
    para("La délégation propose des séjours d'observation professionnelle, ou job shadowing, dans des collèges "
         "de Carinthie. Le job shadowing dure deux semaines."),
    head("Qui peut candidater ?", 1),
    item("être titulaire d'un poste de professeur ;"),
    item("enseigner une langue vivante."),
    head("Comment candidater ?", 1),
    item("Remplir le formulaire en ligne.", ordered=True, marker="1."),
    item("Joindre une lettre de motivation.", ordered=True, marker="2."),
    item("Envoyer le dossier à la délégation.", ordered=True, marker="3."),
])
OTHER = make_document("guide-accueil.md", "Guide de l'accueil des assistants", [
    head("Guide de l'accueil des assistants", 0),
    head("Comment accueillir un assistant ?", 1),
    para("L'établissement désigne un tuteur qui accueille l'assistant à la gare."),
    para("Le tuteur présente l'assistant aux équipes dès le premier jour."),
])


@pytest.fixture(scope="module")
def world():
    index = MemoryIndex([SHEET, OTHER])
    gaz = load_gazetteer()
    vocab = Vocabulary.from_texts([d.text for d in index.docs.values()], index.idf())
    return index, gaz, vocab, RouteContext(index, gaz, AnswerSettings(), [], index.idf())


def decide(world, question):
    from assistant.types import Hit

    index, gaz, vocab, ctx = world
    a = analyse(question, [], gaz, vocab)
    # Retrieval as word overlap: the introduction, holding the topic words, ranks first.
    ranked = sorted(index.chunks, key=lambda c: -len(set(a.terms) & set(tokenize(f"{c.section} {c.text}"))))
    hits = [Hit(c, 1.0, i) for i, c in enumerate(ranked[:5], start=1)]
    candidates = [c for route in ROUTES for c in route(ctx, a, hits)]
    terms = {s: frozenset(tokenize(index.document_text(s))) for s in index.sources()}
    selector = Selector(index.idf(), AnswerSettings(), lambda s, named: False, ctx.label, terms.get)
    return selector.decide(candidates, a)


def test_a_heading_asking_the_question_names_the_part_that_answers(world):
    d = decide(world, "Comment candidater au job shadowing en Carinthie ?")
    assert d.best is not None, d.reason
    quoted = " ".join(line.text for line in d.best.candidate.lines)
    assert "formulaire en ligne" in quoted and "lettre de motivation" in quoted
    assert "Présentation" not in d.best.candidate.about


def test_heading_asks_needs_the_same_question_word_and_no_word_of_its_own():
    q = "Comment candidater au job shadowing en Carinthie ?"
    assert heading_asks("Comment candidater ?", q)
    assert not heading_asks("Qui peut candidater ?", q)  # another question word
    assert not heading_asks("Comment accueillir un assistant ?", q)  # a word the question lacks
    assert not heading_asks("Candidater", q)  # not a question
    assert heading_asks("Quelle est la durée ?", "Quelle est la durée du séjour en Carinthie ?")
    assert heading_asks("Quels documents fournir ?", "Et quels documents faut-il fournir pour la bourse ?")
    # The question's analysed terms count: a synonym rendered by the glossary.
    assert not heading_asks("Comment candidater ?", "Comment postuler au séjour ?")
    assert heading_asks("Comment candidater ?", "Comment postuler au séjour ?", tuple(tokenize("candidater séjour")))


def test_a_verb_meets_its_noun_though_the_stemmer_cuts_them_differently():
    inscrire, inscription = tokenize("inscrire inscription")
    assert inscrire != inscription
    assert stem_in(inscrire, {inscription}) and stem_in(inscription, {inscrire})
    participer, particulier = tokenize("participer particulier")
    assert not stem_in(participer, {particulier})  # six letters shared are not kinship
    assert not stem_in(*tokenize("formation formulaire")[:1], set(tokenize("formulaire")))


NOTE = make_document("note-certification.txt", "Note de service : certification", [
    head("Note de service : certification", 0),
    head("1. Inscription des candidats", 2),
    para("Les inscriptions se font en ligne par l'établissement, sur l'application Ariane. L'établissement :"),
    item("recueille l'accord écrit du représentant légal ;"),
    item("vérifie l'identité des candidats ;"),
    item("édite la liste des inscrits."),
    head("2. Centres d'examen", 2),
    para("Les épreuves se déroulent dans l'établissement du candidat lorsqu'il compte quinze inscrits."),
])


def test_a_question_word_is_scored_under_the_corpus_form_of_its_family():
    from assistant.answer.vocabulary import Vocabulary

    index = MemoryIndex([NOTE])
    vocab = Vocabulary.from_texts([NOTE.text], index.idf())
    inscrire, = tokenize("inscrire")
    assert inscrire not in index.idf() and vocab.family(inscrire) in index.idf()
    assert vocab.family(*tokenize("inscrits")) == tokenize("inscrits")[0]  # a word the corpus uses is itself
    assert vocab.family(*tokenize("météorologie")) is None
    a = analyse("Que doit faire le lycée pour inscrire ses élèves ?", [], load_gazetteer(), vocab)
    assert a.answer_type == "procedure"
    assert vocab.family(inscrire) in a.terms  # the verb is kept, under the corpus' form
    assert not {t for t in a.terms if t.startswith("fair")}  # 'que doit faire' asks for a procedure: no topic


def test_a_list_opened_by_a_bare_label_is_quoted_with_the_sentence_before_it():
    from assistant.types import Hit

    index = MemoryIndex([NOTE])
    gaz = load_gazetteer()
    vocab = Vocabulary.from_texts([NOTE.text], index.idf())
    ctx = RouteContext(index, gaz, AnswerSettings(), [], index.idf())
    a = analyse("Que doit faire le lycée pour inscrire ses élèves ?", [], gaz, vocab)
    hits = [Hit(c, 1.0, i) for i, c in enumerate(index.chunks[:5], start=1)]
    candidates = [c for route in ROUTES for c in route(ctx, a, hits)]
    opened = [c for c in candidates if any(line.text == "L'établissement :" for line in c.lines)]
    assert {c.route for c in opened} >= {"list", "sentence"}
    for c in opened:
        texts = [line.text for line in c.lines]
        at = texts.index("L'établissement :")
        assert at > 0 and "application Ariane" in texts[at - 1], texts  # what the list is about, first


def test_a_procedure_a_little_before_the_ranked_passage_in_its_section_is_proposed():
    from assistant.types import Hit

    note = make_document("note-sejours.txt", "Note", [
        head("Note", 0),
        head("4. Modalités de candidature", 1),
        para("4.1. Le stagiaire qui souhaite candidater procède comme suit :"),
        item("il remplit le formulaire en ligne ;", ordered=True, marker="1)"),
        item("il rédige une lettre de motivation ;", ordered=True, marker="2)"),
        item("il envoie le dossier à la délégation.", ordered=True, marker="3)"),
        para("4.2. Un dossier incomplet n'est pas examiné."),
        para("4.3. La commission de sélection réunit la délégation, l'inspection et l'institut de formation."),
        head("5. Prise en charge", 1),
        para("5.1. Les frais de voyage sont remboursés sur justificatifs."),
    ])
    index = MemoryIndex([note])
    gaz = load_gazetteer()
    vocab = Vocabulary.from_texts([note.text], index.idf())
    ctx = RouteContext(index, gaz, AnswerSettings(), [], index.idf())
    doc = note
    last = next(i for i, b in enumerate(doc.blocks) if b.text.startswith("4.3."))
    # A passage holding only '4.3', as retrieval may rank it.
    from dataclasses import replace
    chunk = replace(index.chunks[0], blocks=(last, last + 1), text=doc.blocks[last].text,
                    span=doc.blocks[last].span, section="4. Modalités de candidature")
    route = next(r for r in ROUTES if r.__module__.endswith("lists"))

    def listed(question):
        a = analyse(question, [], gaz, vocab)
        return [c for c in route(ctx, a, [Hit(chunk, 1.0, 1)]) if "formulaire en ligne" in c.evidence]

    assert listed("Comment un stagiaire candidate-t-il ?")  # a procedure asked
    assert not listed("Qui siège à la commission de sélection ?")  # not a list: only what is near the passage
