"""Cleaning, section parsing and chunking on hand-made inputs and on the real corpus."""
from pathlib import Path

from assistant.ingest.clean import clean_text, join_line_hyphens, join_split_words, remove_repeated_page_lines
from assistant.ingest.load import load_document
from assistant.ingest.pipeline import process
from assistant.textnorm import match_key

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_split_words_are_joined_only_when_the_fragment_is_not_a_word():
    text = "les parcours pro fessionnels et les professionnels ; des e ntreprises et des entreprises ; la durée"
    out = join_split_words(text)
    assert "parcours professionnels" in out and "des entreprises et" in out
    assert "la durée" in out  # two real words stay apart


def test_elision_is_not_mistaken_for_a_fragment():
    text = "Cette disposition s’applique aux dispositions suivantes."
    assert join_split_words(text) == text


def test_line_hyphens_keep_compounds_and_join_syllables():
    text = "Rhénanie-du-\nNord-Westphalie et la conven-\ntion, une convention-\ncadre et une convention-cadre"
    out = join_line_hyphens(text)
    assert "Rhénanie-du-Nord-Westphalie" in out
    assert "la convention," in out
    assert "une convention-cadre et" in out


def test_running_headers_and_bookmarks_are_removed():
    text = "[bookmark: _GoBack]Annexe\n\n- item un\n Grand-Est \n(suite) \n\n- item deux"
    out = clean_text(text)
    assert "bookmark" not in out and "(suite)" not in out and "Grand-Est" not in out
    pages = ["Rapport 2021\ncontenu a", "Rapport 2021\ncontenu b", "Rapport 2021\ncontenu c"]
    assert all("Rapport" not in p for p in remove_repeated_page_lines(pages))


def _doc(name):
    return process(load_document(CORPUS / name), 700, 160)


def test_partnership_sections_and_one_academie_per_chunk():
    doc = _doc("partenaires-academies-lander.txt")
    sections = {c.section for c in doc.chunks}
    assert "Grand-Est › Académie de Reims" in sections
    assert "Provence Alpes Côte d’Azur › Région académique PACA" in sections
    for c in doc.chunks:
        # a chunk never holds two académie headings
        assert sum(line.startswith(("Académie", "Région académique")) for line in c.text.split("\n")) <= 1


def test_convention_and_erasmus_section_paths():
    sections = {c.section for c in _doc("convention-aix-marseille-cgpme-agefa.txt").chunks}
    assert any(s.endswith("Article 3 › 3.4 Durée de la convention") for s in sections)
    erasmus = {c.section for c in _doc("plan-erasmus-academie-poitiers.txt").chunks}
    assert any(s.endswith("Objectif 4 - Développer les usages du numérique éducatif") for s in erasmus)


def test_chunks_are_verbatim_slices_and_match_their_source():
    for path in sorted(CORPUS.iterdir()):
        doc = process(load_document(path), 700, 160)
        raw = match_key(path.read_text(encoding="utf-8"))
        for c in doc.chunks:
            assert doc.document.text[c.span[0]:c.span[1]] == c.text
            for line in c.text.split("\n"):
                assert match_key(line) in raw, (path.name, line)
