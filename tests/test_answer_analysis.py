"""Question analysis, spelling, follow-ups: pure functions on hand-made inputs (a small
vocabulary built here, the bundled gazetteer of places)."""
import pytest

from assistant.answer.analysis import analyse
from assistant.answer.answertype import answer_type, focus, strict_date
from assistant.answer.followup import antecedent, resolve, substitute_pronoun
from assistant.answer.fuzzy import apply, corrections
from assistant.answer.vocabulary import Vocabulary, phonetic
from assistant.gazetteer import load_gazetteer
from assistant.index.analyzer import tokenize

TEXTS = [
    "Le partenaire de l'académie signe une convention de partenariat avec le Land. La convention dure cinq ans.",
    "Le recteur prononce la validation définitive de l'appariement. Les élèves partent en mobilité.",
    "La DAREIC et le GIP FCIP accompagnent les établissements. Le programme Erasmus finance les mobilités.",
    "Académie de Bordeaux, académie de Montpellier, académie de Lyon, académie de Grenoble : conventions.",
    "Déclaration commune avec le Ministère de la Bavière.",
]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def vocab():
    idf = {t: 1.0 for text in TEXTS for t in tokenize(text)}
    return Vocabulary.from_texts(TEXTS, idf)


@pytest.mark.parametrize("question, kind", [
    ("Qui prononce la validation définitive ?", "person_org"),
    ("Qui verse la rémunération des assistants ?", "person_org"),  # the opening word decides
    ("Quand la convention a-t-elle été signée ?", "date"),
    ("Combien de temps dure la convention ?", "duration"),
    ("Quel est le budget du programme ?", "amount"),
    ("Combien la Berufsschule verse-t-elle pour la visite ?", "amount"),
    ("Combien d'élèves la région finance-t-elle ?", "count"),
    ("Combien d'élèves partent chaque année ?", "count"),
    ("Sur quel portail les offres sont-elles diffusées ?", "place"),
    ("Quels Länder sont partenaires de l'académie ?", "list"),
    ("Comment demander un appariement ?", "procedure"),
    ("Peut-on conclure un appariement sans programme ?", "yes_no"),
    ("Que signifie ECLORE ?", "definition"),
    ("Quel est le rôle du comité ?", "none"),
    ("Who gives the final approval?", "person_org"),
    ("Wann wurde die Vereinbarung unterzeichnet?", "date"),
    ("date limite dossier séjour Graz ?", "date"),  # a query typed as a noun phrase
    ("La date de naissance est-elle demandée ?", "none"),
])
def test_answer_types(question, kind):
    assert answer_type(question) == kind


def test_focus_and_exact_dates():
    assert focus("Quels Länder sont partenaires ?") == "land"
    assert focus("Quelle académie a signé ?") == "academie"
    assert focus("Quel est le deuxième objectif du plan ?") == "objectif"
    assert strict_date("À quelle date exacte a-t-elle été signée ?") and not strict_date("Quand prend-elle effet ?")
    assert strict_date("Quelle est la date de la remise des diplômes ?")


def test_entities_with_kinds_and_unknown_names(gaz, vocab):
    a = analyse("Quelles conventions l'académie de Lyon a-t-elle avec la Bavière et la DAREIC ?", [], gaz, vocab)
    kinds = {(e.kind, e.name) for e in a.entities}
    assert ("academie", "Lyon") in kinds and ("land", "Bavière") in kinds and ("organisation", "DAREIC") in kinds
    assert a.unknown == ()
    a = analyse("Quels sont les partenaires de l'académie de Mayotte ?", [], gaz, vocab)
    assert "Mayotte" in a.unknown and any(e.kind == "academie" and not e.known for e in a.entities)
    a = analyse("Que dit le programme Erasmus ?", [], gaz, vocab)
    assert any(e.kind == "programme" and e.name == "Erasmus" for e in a.entities)
    a = analyse("Qui a écrit à M. Dupont ?", [], gaz, vocab)
    assert any(e.kind == "person" and e.name == "Dupont" for e in a.entities)


def test_numbered_references_acronyms_and_qualifiers(gaz, vocab):
    a = analyse("Quel est le deuxième objectif du plan ?", [], gaz, vocab)
    assert a.numbered == ("objectif", "2")
    a = analyse("Que dit l'article 3.4 de la convention ?", [], gaz, vocab)
    assert a.numbered == ("article", "3.4")
    a = analyse("Que signifie GIP FCIP ?", [], gaz, vocab)
    assert set(a.acronyms) >= {"GIP", "FCIP"}
    a = analyse("Quel est le salaire d'un assistant de langue allemand ?", [], gaz, vocab)
    assert a.qualifiers == tuple(tokenize("allemand")) and a.head == "salaire" and not a.head_known
    # Known through a glossary synonym only where the corpus uses that synonym.
    paid = Vocabulary.from_texts(TEXTS + ["Les enseignants conservent leur traitement."],
                                 {t: 1.0 for x in TEXTS + ["traitement"] for t in tokenize(x)})
    assert analyse("Quel est le salaire d'un assistant de langue ?", [], gaz, paid).head_known


def test_misspelt_names_resolve_when_unambiguous(gaz, vocab):
    def read(text):
        return apply(text, corrections(text, gaz, vocab))

    assert read("partenere de l'academie de bordo") == "partenaire de l'academie de Bordeaux"
    assert "Montpellier" in read("Quels Länder pour montpelier ?")
    assert phonetic("Bordeaux") == phonetic("bordo")
    # A French word the corpus does not use is not turned into one it uses.
    assert read("Quel est le salaire d'un assistant ?") == "Quel est le salaire d'un assistant ?"
    a = analyse("partenere de l'academie de bordo", [], gaz, vocab)
    assert any(e.kind == "academie" and e.name == "Bordeaux" for e in a.entities) and a.corrections


def test_own_words_apart_from_context(gaz, vocab):
    a = analyse("Et pour Grenoble ?", ["Quelles conventions a l'académie de Lyon ?"], gaz, vocab)
    assert a.rewritten and a.own == "Grenoble ?"
    assert "Grenoble" in a.effective and "Lyon" not in a.effective
    assert a.shown == a.effective
    a = analyse("Quel est le rôle de la DAREIC ?", ["Quelles conventions a l'académie de Lyon ?"], gaz, vocab)
    assert not a.rewritten and a.shown == a.question and a.context == ""


def test_follow_ups(gaz):
    lyon = ["Quels Länder sont partenaires de l'académie de Lyon ?"]
    assert resolve("Et pour Grenoble ?", lyon, gaz).effective == "Quels Länder sont partenaires de l'académie de Grenoble ?"
    pupils = ["Quels Länder ont des échanges d'élèves avec l'académie de Lyon ?"]
    assert resolve("Et en formation professionnelle ?", pupils, gaz).effective == \
        "Quels Länder ont des échanges en formation professionnelle avec l'académie de Lyon ?"
    turn = resolve("Combien de temps dure-t-elle ?", ["Qu'est-ce que la convention avec la CGPME PACA ?"], gaz)
    assert turn.rewritten and turn.effective == "Combien de temps dure la convention avec la CGPME PACA ?"
    assert resolve("Et celui de la DAREIC ?", ["Quel est le rôle du GIP FCIP dans le plan ?"], gaz).effective == \
        "Quel est le rôle de la DAREIC dans le plan ?"
    # The fragment's own complement is the variant asked about; the topic's acronym stays.
    assert resolve("Et pour un stage avec hébergement ?", ["Quel est le coût d'un stage BTS sans hébergement ?"],
                   gaz).effective == "Quel est le coût d'un stage BTS avec hébergement ?"
    assert resolve("Et pour le DSD II ?", ["Quand ont lieu les écrits du DSD I à Dijon ?"], gaz).effective == \
        "Quand ont lieu les écrits du DSD II à Dijon ?"
    # A year before or after moves every year of the previous question, school years included.
    assert resolve("Et l'année précédente ?", ["Combien de mobilités en 2019/20 et en 2021 ?"], gaz).effective == \
        "Combien de mobilités en 2018/19 et en 2020 ?"
    assert resolve("Et l'année suivante pour Grenoble ?", ["Combien d'élèves de l'académie de Lyon en 2024-2025 ?"],
                   gaz).effective == "Combien d'élèves de l'académie de Grenoble en 2025-2026 ?"
    same = resolve("Quelle est la durée de la convention CGPME ?", ["Et pour Rouen ?"], gaz)
    assert not same.rewritten and same.shown == same.question
    # A third turn keeps the académie the conversation started with.
    turn = resolve("Et le MOU avec la Rhénanie-du-Nord-Westphalie ?",
                   ["Quels Länder sont partenaires de l'académie de Reims ?",
                    "Quand a été signée la convention avec la Basse-Saxe ?"], gaz)
    assert "Rhénanie-du-Nord-Westphalie" in turn.effective and "Reims" in turn.context


def test_pronouns_stand_for_the_previous_noun_phrase():
    assert antecedent("Que signifie JAMO dans le plan Erasmus ?") == "JAMO dans le plan Erasmus"
    assert antecedent("Quelle est la durée de la convention culturelle ?") == "la convention culturelle"
    assert substitute_pronoun("Qui la valide ?", "la demande") == "Qui valide la demande ?"
    assert substitute_pronoun("Quel est son budget ?", "le programme CAMT") == "Quel est le budget du programme CAMT ?"
    assert substitute_pronoun("Quel est le rôle de la DAREIC ?", "le plan") is None


def test_a_name_asked_needs_a_name_in_the_answer():
    from assistant.answer.answertype import asks_name, names_someone

    assert asks_name("Comment s'appelle le recteur ?") and not asks_name("Qui est le directeur ?")
    assert names_someone("Bernard Beignier, recteur") and not names_someone("Le comité se réunit une fois par an.")


def test_english_word_counts_through_its_french_rendering(gaz, vocab):
    # 'valid' is 'durée' to the glossary: the corpus' 'validation' must not answer it.
    a = analyse("How long is the partnership agreement valid?", [], gaz, vocab)
    assert "valid" not in a.terms and "dur" in a.terms and "between" not in a.terms
    assert a.answer_type == "duration"


def test_role_question_names_its_role(gaz, vocab):
    assert analyse("Qui préside le comité ?", [], gaz, vocab).role == "preside"
    assert analyse("Qui prononce la validation définitive ?", [], gaz, vocab).role == ""


def test_a_roman_numeral_after_an_acronym_is_part_of_what_a_passage_must_name(gaz, vocab):
    from assistant.answer.selector import mentions

    (dsd,) = [e for e in analyse("Quand ont lieu les écrits du DSD II ?", [], gaz, vocab).entities if e.name == "DSD"]
    assert dsd.forms == ("DSD II",)
    assert mentions(dsd, "Les écrits du DSD II ont lieu le 3 mars.")
    assert not mentions(dsd, "Les écrits du DSD I ont lieu le 10 mars.")


def test_a_duration_question_is_searched_with_the_word_documents_title_it_with(gaz, vocab):
    # 'Combien de temps dure …' is answered under 'Durée de la convention', a word it lacks.
    a = analyse("Combien de temps dure la convention ?", [], gaz, vocab)
    assert a.answer_type == "duration" and "durée" in a.search_text
    assert "durée" not in analyse("Qui signe la convention ?", [], gaz, vocab).search_text


def test_an_elliptic_follow_up_swaps_a_name_the_gazetteer_does_not_know(gaz):
    from assistant.answer.followup import rewrite

    asked = rewrite("Et pour Graz ?", ["Quel niveau d'allemand faut-il pour un poste Jean Monnet à Leipzig ?"], gaz)
    assert asked == "Quel niveau d'allemand faut-il pour un poste Jean Monnet à Graz ?"
    asked = rewrite("Et à Hyères ?", ["Combien de places en seconde au lycée de Fréjus ?"], gaz)
    assert asked == "Combien de places en seconde au lycée de Hyères ?"
    # A name opening the question is not the place it asks about; no place: nothing swapped.
    assert "Graz" in rewrite("Et pour Graz ?", ["Quel est le budget total ?"], gaz) and \
        "budget total" in rewrite("Et pour Graz ?", ["Quel est le budget total ?"], gaz)


def test_a_name_its_kind_introduces_is_not_swapped_for_an_unknown_name(gaz):
    from assistant.answer.followup import rewrite

    asked = rewrite("Et pour Graz ?", ["Combien de places pour l'académie de Lyon ?"], gaz)
    assert "académie de Graz" not in asked


def test_avoir_lieu_is_take_place_and_no_topic(gaz, vocab):
    # 'Quand a lieu la réunion ?' asks about the meeting; 'le lieu du stage' asks about a place.
    assert "lieu" not in analyse("Quand a lieu la réunion d'information ?", [], gaz, vocab).terms
    assert "lieu" not in analyse("Où auront-ils lieu ?", [], gaz, vocab).terms
    assert "lieu" in analyse("Quel est le lieu du stage ?", [], gaz, vocab).terms
