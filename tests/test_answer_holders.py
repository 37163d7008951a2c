"""Role questions, blank details and foreign words the glossary renders: pure functions."""
import pytest

from assistant.answer.holders import blank, filled, names_holder, role_asked


@pytest.mark.parametrize("question, role", [
    ("Qui préside le comité de pilotage ?", "preside"),
    ("Who chairs it?", "preside"),
    ("Qui est le directeur de l'institut ?", "dirige"),
    ("Who is the head of the office?", "dirige"),
    ("Quel est le nom du responsable ?", "responsable"),
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
