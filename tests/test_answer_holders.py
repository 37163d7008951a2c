"""Role questions, blank details and foreign words the glossary renders: pure functions."""
import pytest

from assistant.answer.holders import blank, filled, names_holder, role_asked


@pytest.mark.parametrize("question, role", [
    ("Qui préside le comité de pilotage ?", "preside"),
    ("Who chairs it?", "preside"),
    ("Qui est le directeur de l'institut ?", "dirige"),
    ("Who is the head of the office?", "dirige"),
    ("Quel est le nom du référent ?", "referent"),
    ("Qui est responsable du voyage ?", ""),  # said in many ways ('le chef d'établissement organise …')
    ("Qui coordonne le projet ?", "coordonne"),
    ("Quel est le rôle du service de coopération ?", ""),
    ("Qui verse la rémunération ?", ""),
    ("Quelle est la durée de la présidence ?", ""),
])
def test_role_asked(question, role):
    assert role_asked(question) == role


@pytest.mark.parametrize("text, role, named", [
    ("Le comité est présidé par le recteur.", "preside", True),
    ("La présidence est assurée par Mme Dupont.", "preside", True),
    ("Le Goethe-Institut est dirigé par Hans Müller.", "dirige", True),
    ("Il est dirigé par la DAREIC.", "dirige", True),
    ("Le comité de pilotage se réunit deux fois par an.", "preside", False),
    ("Le comité est présidé par …", "preside", False),
    ("Le directeur de l'institut : à préciser.", "dirige", False),
    ("Le directeur : XX", "dirige", False),
])
def test_names_holder(text, role, named):
    assert names_holder(text, role) is named


def test_blank_details():
    assert blank("La réunion aura lieu le XX/XX.") and blank("Durée de la formation (à définir).")
    assert blank("Présidé par …") and not blank("Les enjeux (métiers, recrutement, formation…) sont partagés.")
    assert filled("La convention est signée le 3 mai 2024. La durée est à préciser.") == \
        "La convention est signée le 3 mai 2024."


def test_glossary_word_counts_through_its_rendering():
    from assistant.answer.analysis import renders_as_itself

    assert not renders_as_itself("valid", "en")  # 'durée', not the corpus' 'validées'
    assert not renders_as_itself("between", "en")


def test_subject_of_a_measure():
    from assistant.answer.asked import subject

    assert subject("Quel est le montant de l'aide par élève ?", "montant") == ("aide",)
    assert subject("Quel est le plafond d'aide par projet ?", "plafond") == ("plafond", "aide")
    assert subject("Quelle est la date de la prochaine séance ?", "date") == ("seance",)
    assert subject("Quand se réunit le jury ?", "jury") == ("jury",)
    assert subject("Quel est le montant pour un projet ?", "montant") == ()
    # Only a complement says what is measured; after a bare measure comes a verb.
    assert subject("Quel jour part le groupe pour le stage ?", "jour") == ()
    assert subject("Quel est le montant total de l'aide ?", "montant") == ("aide",)


def test_numbers_asked_must_be_given():
    from assistant.answer.asked import gives_numbers, numbers

    assert numbers("Quel forfait à plus de 2 000 km en 2025 ?") == ("2000",)  # a year is no number asked
    assert gives_numbers(("2000",), "Voyage (2 000 à 2 999 km) : 360 euros")
    assert not gives_numbers(("2000",), "Voyage (100 à 499 km) : 211 euros")


def test_a_detail_the_document_leaves_blank():
    from assistant.answer.asked import declared_blank
    from assistant.index.analyzer import tokenize

    words = tokenize("Quel est le nom du gymnasium partenaire ?")
    idf = {t: 1.0 for t in words}
    assert declared_blank("Un lycée de Metz. Le nom du gymnasium partenaire reste à confirmer.", words, idf)
    assert not declared_blank("Le gymnasium partenaire est le Ludwiggymnasium. Le budget est à préciser.", words, idf)
    # The measure and what it measures named together in a blank statement, whatever the share.
    assert declared_blank("Le nom du Gymnasium reste à confirmer.", words + ["section", "transfrontali"],
                          {**idf, "section": 3.0, "transfrontali": 3.0}, nouns=("nom", "gymnasium"))
    # A bracketed note marks a template's slot, not an unknown detail.
    assert not declared_blank("Le nom du gymnasium partenaire (à préciser) figure en annexe.", words, idf)


def test_a_note_to_the_editor_after_a_full_statement_is_no_blank():
    assert not blank("La présente convention est conclue jusqu'à l'expiration du cycle de formation. (A préciser)")
    assert blank("Durée de la formation (à préciser)")


def test_whom_to_contact():
    assert role_asked("Qui contacter pour l'appel à projets ?") == "referent"
    assert role_asked("A qui poser les questions financières ?") == "referent"
    assert role_asked("Qui copréside le comité ?") == "preside"
    # The heading says the role; the statement names the holder and gives an address.
    assert names_holder("Thomas Bellanger, chargé de mission, thomas.bellanger@ac-test.fr.", "referent", "6. Contact")
    assert not names_holder("Pour toute question :", "referent", "6. Contact")
    # Someone to turn to, whatever the heading: a person, or an office one writes to.
    assert names_holder("Les inscriptions se font auprès du secrétariat de la DAREIC.", "referent")


def test_a_name_asked_is_a_proper_name_in_the_sentence_saying_the_role():
    office = "Un dossier est transmis à la DAREIC. La rectrice et le secrétaire d'État signent le certificat."
    assert names_holder(office, "secretaire") and not names_holder(office, "secretaire", proper=True)
    assert names_holder("Le secrétaire d'État, M. Jan Weber, signe le certificat.", "secretaire", proper=True)


def test_a_name_asked_stands_beside_its_role():
    text = ("Le ministère de Thuringe (Thüringer Ministerium für Bildung, Jugend und Sport, TMBJS), représenté par son "
            "secrétaire d'État, et l'académie conviennent de ce qui suit.")
    assert not names_holder(text, "secretaire", proper=True)


def test_a_contact_may_be_an_office_but_not_a_programme_name():
    assert names_holder("Pour toute question, écrire à la DAREIC.", "referent", "Contact")
    assert not names_holder("Les programmes Voltaire et Brigitte Sauzay permettent des échanges.", "referent",
                            "Foire aux questions")


def test_an_address_stands_for_the_words_that_ask_for_it():
    from assistant.answer.selector import address_terms
    from assistant.index.analyzer import tokenize

    terms = address_terms("Mme Sophie Martin, sophie.martin@ac-test.fr, 05 61 00 00 00")
    assert set(tokenize("adresse mail courriel téléphone")) <= terms
    assert address_terms("La coordination est assurée par la DAREIC.") == frozenset()


def test_a_person_holds_a_role_more_precisely_than_an_office():
    from assistant.answer.holders import names_person

    assert names_person("Pour la Sarre : M. Jens Albrecht, chargé de mission, jens.albrecht@example.de.")
    assert names_person("Écrire à dareic@ac-exemple.fr.")
    assert not names_person("Chaque établissement désigne un professeur référent (PRP), interlocuteur unique.")


def test_years_asked_must_be_named_by_the_answer():
    from assistant.answer.asked import gives_year, years

    assert years("Combien d'élèves en 2024-25, puis en 2026/2027 ?") == ("2024", "2025", "2026", "2027")
    assert years("d'ici la rentrée 2028.") == ("2028",)
    assert years("une aide de 2 000 euros, soit 2 025 euros") == ()
    assert gives_year(("2024",), "Bilan des échanges 2024-2025 : 64 appariements")
    assert not gives_year(("2024",), "À la session 2025, le taux de réussite s'établit à 91 %.")
    assert gives_year((), "Le taux de réussite s'établit à 91 %.")


def test_a_table_row_blank_in_the_column_asked_gives_no_answer():
    from assistant.answer.routes.table import blank_columns
    from assistant.index.analyzer import tokenize

    header = ("Poste", "Côté lycée", "Côté Land partenaire")
    row = ("Visite de suivi", "650 euros", "–")
    ask = lambda q: blank_columns(tokenize(q), header, row)  # noqa: E731
    assert ask("Combien le Land partenaire verse-t-il pour la visite de suivi ?") == ("Côté Land partenaire",)
    assert ask("Combien le lycée verse-t-il pour la visite de suivi ?") == ()
    assert ask("Combien coûte la visite de suivi ?") == ()  # no column named
    assert blank_columns(tokenize("Et côté Land partenaire ?"), header, ("Aide", "25 euros", "à préciser")) == \
        ("Côté Land partenaire",)
