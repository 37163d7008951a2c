"""Demonyms in the gazetteer: "les élèves sarrois" names the Saarland, "le rectorat
grenoblois" the académie de Grenoble; plurals come from a pure function; a demonym is
found but never becomes a name (Entity.name, Entity.aliases)."""
import pytest

from assistant.answer.fuzzy import corrections
from assistant.answer.vocabulary import Vocabulary
from assistant.gazetteer import Gazetteer, inflections, load_gazetteer, plural
from assistant.index.analyzer import tokenize
from assistant.textnorm import match_key, simple_key


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def found(gaz, text, kinds=None):
    return {(m.entity.kind, m.entity.id) for m in gaz.find(text, kinds)}


@pytest.mark.parametrize("word, expected", [
    ("thuringien", "thuringiens"),
    ("thuringienne", "thuringiennes"),
    ("sarrois", "sarrois"),  # -s: unchanged
    ("sarroise", "sarroises"),
    ("nez", "nez"),  # -z: unchanged
    ("heureux", "heureux"),  # -x: unchanged
    ("tourangeau", "tourangeaux"),  # -eau: -eaux
    ("tourangelle", "tourangelles"),
    ("provençal", "provençaux"),  # -al: -aux
    ("bas-saxon", "bas-saxons"),  # a compound agrees in its last part
    ("néo-aquitaine", "néo-aquitaines"),
    ("MESSIN", "MESSINS"),
])
def test_plural(word, expected):
    assert plural(word) == expected


def test_inflections_keep_order_and_drop_repeats():
    assert inflections(["sarrois", "sarroise"]) == ("sarrois", "sarroise", "sarroises")
    assert inflections(["tourangeau", "tourangelle"]) == ("tourangeau", "tourangeaux", "tourangelle", "tourangelles")
    assert inflections([]) == ()


def test_demonyms_are_loaded_with_their_plurals_and_never_become_names():
    g = Gazetteer({"lander": [{"id": "x", "fr": "Xeland", "de": "Xeland", "en": "Xeland",
                               "aliases": ["Xeland"], "demonyms": ["xelandais", "xelandaise"]}]})
    e = g.get("land", "x")
    assert e.name == "Xeland"
    assert e.demonyms == ("xelandais", "xelandaise", "xelandaises")
    assert not set(e.demonyms) & set(e.aliases)
    for text in ("un lycée xelandais", "une école Xélandaise", "les écoles XELANDAISES"):
        (m,) = g.find(text)
        assert m.entity is e
        assert text[m.start:m.end].lower().replace("é", "e") == m.surface  # offsets in the text as written


@pytest.mark.parametrize("text, expected", [
    ("Qui est l'interlocuteur côté thuringien ?", {("land", "thueringen")}),
    ("La secrétaire d'État thuringienne signe la charte.", {("land", "thueringen")}),
    ("Combien d'élèves sarrois ont passé le DELF ?", {("land", "saarland")}),
    ("Les écoles primaires sarroises cherchent un partenaire.", {("land", "saarland")}),
    ("une école bavaroise", {("land", "bayern")}),
    ("la coopération franco-bavaroise", {("land", "bayern")}),
    ("LES LYCÉES HESSOIS", {("land", "hessen")}),
    ("un partenaire brémois", {("land", "bremen")}),  # é for ê
    ("un partenaire bremois", {("land", "bremen")}),
    ("le rectorat grenoblois", {("academie", "grenoble")}),
    ("les lyonnaises", {("academie", "lyon")}),
    ("Les lycées Tourangeaux", {("academie", "orleans-tours")}),  # -eaux plural
    ("des collèges montpellierains", {("academie", "montpellier")}),  # accent left out
    ("les établissements nancéiens et messins", {("academie", "nancy-metz")}),
    ("des élèves cristoliens", {("academie", "creteil")}),
    ("les lycées franciliens", {("region", "ile-de-france")}),
    ("la région parisienne", {("region", "ile-de-france")}),  # not the académie de Paris
    ("les élèves parisiens", {("academie", "paris")}),
    ("les lycées néo-aquitains", {("region", "nouvelle-aquitaine")}),
    # A demonym of a single-académie région names both, as its name does.
    ("des enseignants martiniquais", {("academie", "martinique"), ("region", "martinique")}),
])
def test_find_reads_a_demonym_as_its_place(gaz, text, expected):
    assert found(gaz, text) == expected


def test_find_keeps_the_demonym_span_and_the_canonical_name(gaz):
    text = "Les élèves Sarrois et les professeurs grenoblois"
    ms = gaz.find(text)
    assert [(m.entity.name, text[m.start:m.end]) for m in ms] == [("Sarre", "Sarrois"), ("Grenoble", "grenoblois")]


@pytest.mark.parametrize("text", ["une école bas-saxonne", "les établissements bas-saxons", "le partenaire Bas-Saxon",
                                  "une école bas saxonne"])
def test_lower_saxon_is_not_saxon(gaz, text):
    assert found(gaz, text) == {("land", "niedersachsen")}


def test_saxon_alone_is_saxony(gaz):
    assert found(gaz, "un lycée saxon et une école saxonne") == {("land", "sachsen")}


@pytest.mark.parametrize("text", [
    "une association saxophone",  # whole words only
    "les pays anglo-saxons",  # a phrase holding a demonym that names none of our places
    "la tradition anglo-saxonne",
    "les îles anglo-normandes",
    "la banlieue parisienne",
    "une agence du Crédit lyonnais",
    "un séjour en Grande-Bretagne",
    "un lycée nantaisien",
    "la mairie tourangelloise",
])
def test_find_reads_nothing_into_unrelated_words(gaz, text):
    assert found(gaz, text) == set()


def test_saxon_anhalt_is_left_to_the_spelling_corrector(gaz):
    # "Saxon-Anhalt" (a misspelt Saxony-Anhalt) must not read as Saxony.
    assert found(gaz, "un lycée de Saxon-Anhalt") == set()
    assert found(gaz, "un lycée de Saxe-Anhalt") == {("land", "sachsen-anhalt")}


def test_bretagne_still_found_beside_grande_bretagne(gaz):
    assert found(gaz, "en Grande-Bretagne et en Bretagne") == {("region", "bretagne")}


def test_demonyms_stay_out_of_names(gaz):
    with_demonyms = [e for e in gaz.entities if e.demonyms]
    assert len(with_demonyms) >= 40
    for e in with_demonyms:
        names = {simple_key(a) for a in e.aliases}
        assert not names & {simple_key(d) for d in e.demonyms}, e.id
        assert simple_key(e.name) not in {simple_key(d) for d in e.demonyms}, e.id
    # Plain-text heading detection knows région names only, not "normande" or "bretonne".
    keys = gaz.region_keys()
    assert not keys & {match_key(d) for e in gaz.entities if e.kind == "region" for d in e.demonyms}
    assert match_key("Normandie") in keys


def test_no_demonym_is_another_places_name_or_shared_with_another_place(gaz):
    names: dict[str, set] = {}
    demonyms: dict[str, set] = {}
    for e in gaz.entities:
        for a in e.aliases:
            names.setdefault(simple_key(a), set()).add((e.kind, e.id))
        for d in e.demonyms:
            demonyms.setdefault(simple_key(d), set()).add((e.kind, e.id))
    for key, owners in demonyms.items():
        assert key not in names, key
        if len(owners) > 1:  # only an académie and its région, which share their name too
            name_owners = [names[simple_key(e.name)] for e in gaz.entities if (e.kind, e.id) in owners]
            assert all(n >= owners for n in name_owners), key


def test_a_misspelt_name_is_corrected_to_the_name_not_to_a_demonym(gaz):
    texts = ["Le partenaire signe une convention avec le Land."]
    vocab = Vocabulary.from_texts(texts, {t: 1.0 for t in tokenize(texts[0])})
    for misspelt, (kind, id) in [("Versaille", ("academie", "versailles")), ("Orlean", ("academie", "orleans-tours")),
                                 ("Thuringie", ("land", "thueringen"))]:
        (fix,) = corrections(f"Quels lycées à {misspelt} ?", gaz, vocab)
        e = gaz.get(kind, id)
        assert fix.replacement in e.aliases and fix.replacement not in e.demonyms, fix


def test_a_region_of_one_academie_is_named_by_that_academie_in_a_passage():
    """A former région (one old province, one académie) is found by name and adjective, and a
    passage naming its académie names it too; a région of several académies is not reduced
    to one of them."""
    from assistant.answer.analysis import analyse

    g = Gazetteer({
        "academies": [{"id": "a1", "name": "Aval", "aliases": ["Aval", "académie d'Aval"]},
                      {"id": "a2", "name": "Bimont", "aliases": ["Bimont"]}],
        "regions": [{"id": "old", "name": "Vieille-Marche", "aliases": ["Vieille-Marche"], "academies": ["a1"],
                     "demonyms": ["vieux-marchois"]},
                    {"id": "big", "name": "Grand Val", "aliases": ["Grand Val"], "academies": ["a1", "a2"]}]})
    assert found(g, "des lycées vieux-marchois") == {("region", "old")}
    vocab = Vocabulary.from_texts(["académie d'Aval", "Bimont"], {})
    (old,) = [n for n in analyse("Combien d'élèves de Vieille-Marche partent ?", [], g, vocab).entities]
    assert {"Vieille-Marche", "vieux-marchois", "Aval", "académie d'Aval"} <= set(old.forms)
    (big,) = [n for n in analyse("Combien d'élèves du Grand Val partent ?", [], g, vocab).entities]
    assert "Aval" not in big.forms and "Bimont" not in big.forms


def test_former_regions_are_in_the_bundled_gazetteer(gaz):
    assert found(gaz, "les établissements lorrains et alsaciens", {"region"}) == {("region", "lorraine"),
                                                                                  ("region", "alsace")}
    assert found(gaz, "Nouvelle-Aquitaine", {"region"}) == {("region", "nouvelle-aquitaine")}  # longest name wins


def test_a_short_capitals_alias_typed_in_lower_case():
    g = load_gazetteer()
    assert found(g, "Mon fils aura 15 ans en mars") == set()  # a verb, not AURA
    assert found(g, "les lycées de la région AURA") == {("region", "auvergne-rhone-alpes")}
    assert found(g, "un lycée en Paca") == {("region", "provence-alpes-cote-d-azur")}
    assert found(g, "partenariat avec nrw") == {("land", "nordrhein-westfalen")}


def test_a_country_is_named_in_a_passage_by_its_parts():
    from assistant.answer.analysis import analyse

    g = Gazetteer({"lander": [{"id": "x", "fr": "Xeland", "de": "Xeland", "en": "Xeland", "aliases": ["Xeland"],
                               "demonyms": ["xelandais"]}],
                   "countries": [{"id": "c", "name": "Grandpays", "aliases": ["Grandpays", "Bigland"], "parts": "lander"}]})
    assert g.country_forms("grandpays") == ("Grandpays", "Bigland", "Xeland", "xelandais")
    assert g.country_forms("Ailleurs") == () and g.find("un stage en Grandpays") == []
    vocab = Vocabulary.from_texts(["Un stage en Grandpays, à Xeland."], {})
    (named,) = analyse("Combien dure le stage en Grandpays ?", [], g, vocab).entities
    assert "Xeland" in named.forms and "xelandais" in named.forms


def test_a_name_typed_in_lower_case_with_a_complement_is_a_common_noun(gaz):
    """'la réunion de préparation' is a meeting and 'le centre de formation' a place of
    training; La Réunion and the Centre are names when capitalised, after 'académie de', or
    without a complement ('avec la sarre pour …' still names the Land)."""
    found = lambda text: [m.entity.id for m in gaz.find(text)]  # noqa: E731
    assert found("Où se tient la réunion de préparation au départ ?") == []
    assert found("Le centre de formation accueille les stagiaires.") == []
    assert found("Quels sont les partenaires de l'académie de la réunion ?") == ["la-reunion"]
    assert "la-reunion" in found("La Réunion de 2026 en chiffres")
    assert "saarland" in found("Quelles académies travaillent avec la sarre pour les échanges ?")
