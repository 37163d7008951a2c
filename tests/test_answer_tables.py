"""Table rows: a row about another lycée or city answers nothing about the one asked when
the table has a row of its own for it (routes.table.named_elsewhere)."""
from assistant.answer.analysis import Named
from assistant.answer.routes.table import named_elsewhere


def _named(name):
    return Named(kind="organisation", name=name, surface=name, id="", known=True, forms=(name,), weak=True)


BODY = [(0, 0, ("Lycée des Orangers", "Nice", "24", "7 février 2026")),
        (0, 0, ("Lycée de l'Estérel", "Saint-Raphaël", "15", "à préciser")),
        (0, 0, ("Voyage aller-retour Menton – Vintimille", "–", "185 euros", "")),]


def test_a_row_about_another_place_lacks_the_place_a_row_of_its_own_names():
    orangers = BODY[0][2]
    assert named_elsewhere((_named("Estérel"),), orangers, BODY) == ("Estérel",)
    assert named_elsewhere((_named("Saint-Raphaël"),), orangers, BODY) == ("Saint-Raphaël",)
    # The row naming it is not short of it.
    assert named_elsewhere((_named("Estérel"),), BODY[1][2], BODY) == ()
    # A name inside a longer cell ('Voyage … – Vintimille') is no row of its own.
    assert named_elsewhere((_named("Vintimille"),), orangers, BODY) == ()
    # A name the table never gives is for the selector to judge, not this check.
    assert named_elsewhere((_named("Toulon"),), orangers, BODY) == ()
