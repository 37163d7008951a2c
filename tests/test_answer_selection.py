"""Selection on small documents built here: a short section is quoted whole, a statement
is not cut after 'M.', the document's front matter says what its sections are about, and a
place named only to say its figure is unknown gets no other place's figure."""
import pytest

from assistant.answer.analysis import analyse
from assistant.answer.followup import rewrite
from assistant.answer.routes import ROUTES
from assistant.answer.routes.context import RouteContext
from assistant.answer.selector import Selector
from assistant.answer.vocabulary import Vocabulary
from assistant.config import AnswerSettings
from assistant.gazetteer import load_gazetteer
from assistant.ingest.document import make_document
from test_answer_routes import MemoryIndex, ask, head, item, para

FAQ = make_document("faq-echanges.html", "Questions fréquentes sur les échanges", [
    head("Questions fréquentes sur les échanges", 0),
    head("Combien de temps dure un échange individuel ?", 2),
    para("Chaque partie d'un échange individuel dure au minimum six semaines, dont quatre de cours."),
    para("Le séjour peut s'étendre jusqu'à trois mois."),
    head("Qui finance le voyage ?", 2),
    para("L'office franco-allemand verse une aide forfaitaire aux familles."),
])
GUIDE = make_document("guide-mobilite.md", "Guide de la mobilité d'observation", [
    head("Guide de la mobilité d'observation", 0),
    para("Ce guide accompagne les enseignants et personnels qui partent en mobilité d'observation."),
    head("Qui peut partir ?", 2),
    para("Tous les personnels des établissements du réseau :"),
    item("les enseignants du premier et du second degré ;"),
    item("les conseillers principaux d'éducation."),
    head("Les étapes de la mobilité", 2),
    item("Avant le départ", ordered=True, marker="1."),
    item("Déposer sa candidature avant le 31 janvier.", ordered=True, marker="1.", level=1),
    item("Demander un ordre de mission.", ordered=True, marker="2.", level=1),
    item("Pendant la mobilité", ordered=True, marker="2."),
    item("Tenir un carnet d'observation.", ordered=True, marker="1.", level=1),
    item("Au retour", ordered=True, marker="3."),
    item("Remplir le rapport du participant.", ordered=True, marker="1.", level=1),
    item("Transmettre les justificatifs de voyage.", ordered=True, marker="2.", level=1),
])
CHARTER = make_document("charte-lyon-piemont.pdf", "Charte de coopération Lyon – Piémont", [
    head("Charte de coopération Lyon – Piémont", 0),
    head("1. Objet de la charte", 1),
    para("La présente charte encadre les partenariats entre les lycées de l'académie de Lyon et du Piémont."),
    para("Elle complète la convention-cadre signée à Turin le 9 octobre 2019."),
    head("2. Durée", 1),
    para("La charte est conclue pour cinq ans."),
    para("Fait à Lyon, le 14 mars 2025, en deux exemplaires originaux."),
])
MINUTES = make_document("cr-comite.txt", "COMPTE RENDU", [
    head("COMPTE RENDU", 0),
    para("Comité de suivi franco-bavarois de l'académie de Grenoble"),
    para("Séance du 12 mars 2025 – Munich"),
    head("PARTICIPANTS", 1),
    para("Mme Claire Roux, déléguée académique, présidente de séance."),
    para("Excusé : M. Paul Durand, inspecteur d'académie."),
    head("CERTIFICATION", 1),
    para("Mme Roux rappelle que 734 élèves grenoblois ont passé la certification en allemand en 2025."),
    para("Côté bavarois, le nombre de candidats au DELF n'a pas encore été communiqué."),
])


@pytest.fixture(scope="module")
def world():
    index = MemoryIndex([FAQ, MINUTES, GUIDE, CHARTER])
    gaz = load_gazetteer()
    vocab = Vocabulary.from_texts([d.text for d in index.docs.values()], index.idf())
    return index, gaz, vocab, RouteContext(index, gaz, AnswerSettings(), [], index.idf())


def decide(world, question, source):
    index, gaz, vocab, ctx = world
    a, hits = ask(world, question, {source})
    candidates = [c for route in ROUTES for c in route(ctx, a, hits)]
    return Selector(index.idf(), AnswerSettings(), lambda s, named: False, ctx.label).decide(candidates, a)


def quoted(decision):
    return " ".join(line.text for line in decision.best.candidate.lines)


def test_a_short_section_under_a_question_heading_is_quoted_whole(world):
    d = decide(world, "Combien de temps dure un échange individuel ?", "faq-echanges.html")
    assert "six semaines" in quoted(d) and "trois mois" in quoted(d)


def test_a_sub_list_is_proposed_under_the_item_that_labels_it(world):
    d = decide(world, "Quelles démarches faut-il faire au retour de la mobilité ?", "guide-mobilite.md")
    said = quoted(d)
    assert "rapport du participant" in said and "justificatifs de voyage" in said
    assert "ordre de mission" not in said  # not the steps before departure


def test_the_front_matter_says_what_a_section_is_about_and_a_title_does_not_cut_a_statement(world):
    d = decide(world, "Qui était excusé au comité de suivi franco-bavarois ?", "cr-comite.txt")
    assert d.best is not None and "M. Paul Durand" in quoted(d)


def test_a_place_named_only_to_say_its_figure_is_unknown_is_refused(world):
    d = decide(world, "Combien d'élèves bavarois ont passé le DELF ?", "cr-comite.txt")
    assert d.best is None
    # The place whose figure is given is answered.
    d = decide(world, "Combien d'élèves grenoblois ont passé la certification en allemand ?", "cr-comite.txt")
    assert d.best is not None and "734" in quoted(d)


def test_a_follow_up_replaces_a_demonym_by_the_new_name_whole():
    gaz = load_gazetteer()
    out = rewrite("Et à Lille ?", ["Combien d'élèves strasbourgeois partent chaque année ?"], gaz)
    assert "Lille" in out and "strasbourgeois" not in out and "Lilleeois" not in out


def test_a_question_about_the_document_itself_is_answered_by_its_dateline(world):
    d = decide(world, "Quand la charte de coopération Lyon – Piémont a-t-elle été signée ?", "charte-lyon-piemont.pdf")
    assert d.best.candidate.route == "document" and "14 mars 2025" in quoted(d)
    d = decide(world, "Quand s'est réuni le comité de suivi franco-bavarois de Grenoble ?", "cr-comite.txt")
    assert "12 mars 2025" in quoted(d)
    # A date of one part of the document is not the document's.
    d = decide(world, "Quand la convention-cadre a-t-elle été signée ?", "charte-lyon-piemont.pdf")
    assert "9 octobre 2019" in quoted(d)


def test_the_section_naming_the_question_beats_the_introduction_under_the_title(world):
    d = decide(world, "Qui peut partir en mobilité d'observation avec le guide ?", "guide-mobilite.md")
    assert "conseillers principaux d'éducation" in quoted(d)


def test_a_statement_about_other_programmes_does_not_answer_for_the_one_asked():
    from assistant.answer.selector import other_programme

    texts = ["Le programme Schuman concerne la Sarre.", "112 élèves ont participé au programme Sauzay et 19 au "
             "programme Voltaire.", "Le programme Voltaire dure six mois."]
    vocab = Vocabulary.from_texts(texts, {})
    a = analyse("Combien d'élèves ont participé au programme Schuman ?", [], load_gazetteer(), vocab)
    assert [e.name for e in a.required] == ["Schuman"]  # a known programme, still to be said or be the topic
    assert other_programme(a, texts[1]) == ["Schuman"]
    assert other_programme(a, "112 élèves ont participé à une mobilité individuelle.") == []
    b = analyse("Combien de temps dure le programme Voltaire ?", [], load_gazetteer(), vocab)
    assert other_programme(b, texts[1]) == [] and other_programme(b, texts[2]) == []
