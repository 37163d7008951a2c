"""Acronym definitions found in a document's text (assistant/answer/lookup.py): pure functions."""
from assistant.answer.lookup import asked_acronym, definition_span, is_acronym, spells


def quoted(text, acronym):
    span = definition_span(text, acronym)
    return text[span[0]:span[1]] if span else None


def test_expansion_before_or_after_the_acronym():
    assert spells("CNED", "Centre national d'enseignement à distance")
    assert not spells("CNED", "à préciser")
    text = "Le dossier passe par la DEC. Elle travaille avec la Zentralstelle für das Auslandsschulwesen (ZfA), à Bonn."
    assert quoted(text, "ZfA") == "Elle travaille avec la Zentralstelle für das Auslandsschulwesen (ZfA), à Bonn."
    # A sentence at the very start of the text is quoted from its first letter.
    text = "Le CIEP (Centre international d'études pédagogiques) gère les assistants. Autre phrase."
    assert quoted(text, "CIEP") == "Le CIEP (Centre international d'études pédagogiques) gère les assistants."


def test_acronym_first_in_brackets_with_its_own_language_expansion():
    text = ("Le programme associe le ministère de l'Éducation du Land (MBJS, Ministerium für Bildung, Jugend und "
            "Sport).\n\nSuite.")
    assert quoted(text, "MBJS") == ("Le programme associe le ministère de l'Éducation du Land (MBJS, Ministerium "
                                    "für Bildung, Jugend und Sport).")
    assert quoted("Versement par le MBJS (voir plus bas).", "MBJS") is None


def test_mixed_case_acronyms_are_asked_about():
    assert is_acronym("ZfA") and is_acronym("MBJS") and not is_acronym("Lyon") and not is_acronym("eTwinning")
    assert asked_acronym("Que veut dire ZfA ?") == "ZfA"
    assert asked_acronym("Que signifie MBJS dans le tableau ?") == "MBJS"
