"""The document model: rendering with spans, sections from heading levels, chunks that
know their blocks and neighbours, and the partnership registry read from blocks."""
from pathlib import Path

from assistant.ingest.chunk import chunk_document, sentence_spans
from assistant.ingest.document import (Block, document_from_dict, document_to_dict, front_matter, make_document,
                                       table_block, title_from_filename)
from assistant.index.store import index_text
from assistant.ingest.load import load_document
from assistant.ingest.registry import extract_from_document, is_partner
from assistant.ingest.sections import ancestors, sections

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _doc(blocks, source="note.docx", title="Note"):
    return make_document(source, title, blocks)


def test_render_gives_every_block_an_exact_span_and_markers_stay_outside_it():
    doc = _doc([
        Block("heading", "Procédure", level=1),
        Block("paragraph", "Voici les étapes :"),
        Block("item", "Remplir le formulaire", ordered=True, marker="1."),
        Block("item", "L'envoyer au service", ordered=True, marker="2."),
        Block("item", "Un détail", level=1, marker="•"),
        table_block([["Programme", "Durée"], ["Échange court", "2 semaines"]], header=True),
    ])
    for b in doc.blocks:
        assert doc.text[b.span[0]:b.span[1]] == b.text
    assert "\n1. Remplir le formulaire\n2. L'envoyer au service\n  • Un détail" in doc.text
    table = doc.blocks[-1]
    assert table.rows == (("Programme", "Durée"), ("Échange court", "2 semaines")) and table.header
    assert table.text.split("\n")[1] == "Échange court | 2 semaines"


def test_round_trip_through_the_index_format():
    doc = _doc([Block("heading", "Titre", level=0), Block("item", "Un", ordered=True, marker="1.", page=2),
                table_block([["a", "b"]])])
    back = document_from_dict(document_to_dict(doc), doc.text)
    assert back.blocks == doc.blocks and back.title == doc.title


def test_sections_follow_heading_levels_and_title_names_only_the_preamble():
    doc = _doc([
        Block("heading", "Guide de l'échange", level=0),
        Block("paragraph", "Introduction."),
        Block("heading", "Article 2 – Engagements des parties", level=1, label="Article 2"),
        Block("heading", "2.1 Accueil", level=2, label="2.1"),
        Block("paragraph", "L'établissement accueille."),
        Block("heading", "2.2 Suivi", level=2, label="2.2"),
        Block("paragraph", "Un tuteur suit l'élève."),
        Block("heading", "Annexe", level=1),
        Block("paragraph", "Texte."),
    ])
    paths = [s.label for s in sections(doc)]
    assert paths == ["Guide de l'échange", "Article 2 – Engagements des parties", "Article 2 › 2.1 Accueil",
                     "Article 2 › 2.2 Suivi", "Annexe"]
    suivi = next(i for i, b in enumerate(doc.blocks) if b.text == "Un tuteur suit l'élève.")
    assert [doc.blocks[i].text for i in ancestors(doc, suivi)] == ["Article 2 – Engagements des parties", "2.2 Suivi"]


def test_chunks_know_blocks_title_and_neighbours_and_never_split_a_table_row():
    rows = [["Ville", "Description"]] + [[f"Ville {i}", "mot " * 30] for i in range(12)]
    doc = _doc([Block("heading", "Villes", level=1), table_block(rows, header=True)], title="Guide")
    chunks = chunk_document(doc, 400, 100)
    assert len(chunks) > 1
    for i, c in enumerate(chunks):
        assert c.title == "Guide" and doc.text[c.span[0]:c.span[1]] == c.text
        assert c.prev == (chunks[i - 1].id if i else None)
        assert c.next == (chunks[i + 1].id if i + 1 < len(chunks) else None)
        assert c.blocks[0] < c.blocks[1]
        for line in c.text.split("\n"):  # whole rows only (or the section heading)
            assert line in ("Villes", "", "Ville | Description") or (line.startswith("Ville ") and line.endswith("mot"))


def test_title_from_file_name():
    assert title_from_filename("guide-accueil_eleve.pdf") == "Guide accueil eleve"


def _triples(records):
    return {(r["academie_id"], (r["land"] or {}).get("id"), r["region"]) for r in records if is_partner(r)}


def test_registry_reads_headings_and_items_whatever_the_format():
    blocks = [
        Block("heading", "Partenariats", level=0),
        Block("heading", "Pays de la Loire", level=1),
        Block("heading", "Académie de Nantes", level=2),
        Block("item", "Convention avec le Ministère de l’Education de Saxe (12 mars 2011, renouvelée en 2016)",
              marker="•"),
        Block("heading", "Bretagne", level=1),
        Block("heading", "Académie de Rennes", level=2),
        Block("item", "Pas de partenariat", marker="•"),
        Block("item", "Relations privilégiées avec la Hesse", marker="•"),
    ]
    records = extract_from_document(_doc(blocks, "partenaires.pdf"))
    nantes = next(r for r in records if r["academie_id"] == "nantes")
    assert nantes["land"]["fr"] == "Saxe" and nantes["region"] == "Pays de la Loire" and nantes["status"] == "renouvelé"
    assert doc_span_ok(records)
    rennes = [r for r in records if r["academie_id"] == "rennes"]
    assert {r["status"] for r in rennes} == {"pas de partenariat", "relations privilégiées"}
    assert not any(is_partner(r) for r in rennes)  # a relation is not a partnership


def doc_span_ok(records) -> bool:
    return all(r["span"][0] < r["span"][1] for r in records)


def test_registry_of_the_bundled_table_never_lists_no_partnership_entries_as_partners():
    records = extract_from_document(load_document(CORPUS / "partenaires-academies-lander.txt"))
    said_none = {r["academie_id"] for r in records if r["status"] == "pas de partenariat"}
    assert said_none  # the table has académies without a partnership
    assert not [r for r in records if r["academie_id"] in said_none and is_partner(r)]
    # every record's région is a gazetteer région and every académie resolved
    assert all(r["academie_id"] and r["region"] for r in records)
    assert len(_triples(records)) >= 40


def test_no_control_or_private_use_character_reaches_the_canonical_text():
    doc = _doc([Block("item", "\x7f Premier point\x0b avec\u00ad soin", marker="\uf0b7"),
                Block("paragraph", "Fin\x00 du texte.")])
    assert all(ch in "\n\t" or ch.isprintable() for ch in doc.text)
    assert "Premier point" in doc.text and "avec soin" in doc.text
    assert "\uf0b7" not in doc.text and "\x7f" not in doc.text


def test_plain_text_rules_capital_titles_and_pipe_tables(tmp_path):
    path = tmp_path / "compte-rendu.txt"
    path.write_text("Compte rendu de séance\n\n=====\n\nPARTICIPANTS\n\n- Mme Une, présidente\n- M. Deux\n\n"
                    "1. BILAN DE L'ANNÉE\n\nLe bilan est adopté.\n\n-----\n\nACTIONS\n\n"
                    "Action | Responsable | Échéance\nDiffuser l'appel | Mme Une | 15 mai 2026\n", encoding="utf-8")
    doc = load_document(path)
    heads = [(b.text, b.level, b.label) for b in doc.blocks if b.kind == "heading" and b.level > 0]
    assert heads == [("PARTICIPANTS", 1, ""), ("1. BILAN DE L'ANNÉE", 1, "1"), ("ACTIONS", 1, "")]
    assert "=====" not in doc.text and "-----" not in doc.text
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.header and table.rows[1] == ("Diffuser l'appel", "Mme Une", "15 mai 2026")
    assert [b.text for b in doc.blocks if b.kind == "item"] == ["Mme Une, présidente", "M. Deux"]


def test_plain_text_markdown_style_pipe_table_keeps_its_header_and_every_row(tmp_path):
    """A table typed in a note the Markdown way: its rule row marks the header and is no row;
    a cell typed against its '|' keeps its row."""
    path = tmp_path / "aides.txt"
    path.write_text("Aides\n\nLe tableau suivant donne les aides.\n\n| Destination | Durée | Montant |\n"
                    "|---|:---:|---:|\n| Graz | 2 semaines | 400 euros |\n| Leipzig| 3 semaines | 600 euros |\n"
                    "|Fréjus |4 semaines|800 euros|\n\nFin de la note.\n", encoding="utf-8")
    doc = load_document(path)
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "table", "paragraph"]
    table = doc.blocks[2]
    assert table.header and table.rows == (("Destination", "Durée", "Montant"), ("Graz", "2 semaines", "400 euros"),
                                           ("Leipzig", "3 semaines", "600 euros"), ("Fréjus", "4 semaines", "800 euros"))
    assert "---" not in doc.text


def test_front_matter_is_the_short_lines_under_the_title_and_every_chunk_is_indexed_with_it():
    doc = _doc([
        Block("heading", "Compte rendu"),
        Block("paragraph", "Comité de suivi franco-italien, académie de Lyon / Piémont"),
        Block("paragraph", "Réunion du 3 mai 2024 – Turin"),
        Block("heading", "Participants", level=1),
        Block("paragraph", "Excusé : M. Paul Durand, inspecteur."),
    ], title="Compte rendu")
    assert front_matter(doc) == "Comité de suivi franco-italien, académie de Lyon / Piémont / Réunion du 3 mai 2024 – Turin"
    chunks = chunk_document(doc, 600, 50)
    assert chunks and all("Piémont" in index_text(c) and "Turin" in index_text(c) for c in chunks)
    # A long preamble or a numbered first section is no front matter.
    assert front_matter(_doc([Block("heading", "Charte"), Block("paragraph", "Entre les parties " * 20)],
                             title="Charte")) == ""
    assert front_matter(_doc([Block("heading", "I – Contexte", level=1, label="I"), Block("paragraph", "Texte.")],
                             title="Plan")) == ""


def test_sentences_do_not_end_after_a_title_or_at_a_label_colon():
    text = "Excusé : M. Paul Durand, inspecteur. Secrétariat : Mme Anne Roy. Dr. Weber présente le bilan ; Il conclut."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Excusé : M. Paul Durand, inspecteur.", "Secrétariat : Mme Anne Roy.", "Dr. Weber présente le bilan ;",
        "Il conclut."]


def test_a_numbered_title_between_paragraphs_is_a_heading_and_a_numbered_list_stays_a_list():
    from assistant.ingest.formats.text import blocks_from_text

    text = ("IV. ORGANISATION\n\n1. Inscription des candidats\n\n"
            "Les inscriptions se font en ligne par l'établissement, sur l'application académique.\n\n"
            "2. Centres d'examen\n\n"
            "Les épreuves se déroulent dans l'établissement du candidat lorsqu'il compte quinze inscrits.\n\n"
            "Pour candidater :\n\n1. Remplir le formulaire\n\n2. Joindre une lettre\n\n3. Envoyer le dossier\n")
    blocks = blocks_from_text(text)
    kinds = {b.text: (b.kind, b.label) for b in blocks}
    assert kinds["1. Inscription des candidats"] == ("heading", "1")
    assert kinds["2. Centres d'examen"] == ("heading", "2")
    # Items one after the other (with blank lines between them) are a list, not titles.
    assert [b.kind for b in blocks if b.text.startswith(("Remplir", "Joindre", "Envoyer"))] == ["item"] * 3
    heading = next(i for i, b in enumerate(blocks) if b.text == "1. Inscription des candidats")
    assert blocks[heading].level > blocks[0].level  # under the part it numbers


def test_front_matter_keeps_a_note_s_objet_line_below_its_letterhead():
    doc = _doc([
        Block("heading", "RÉGION ACADÉMIQUE EXEMPLE", level=0),
        Block("paragraph", "ACADÉMIE D'EXEMPLE"), Block("paragraph", "Rectorat"),
        Block("paragraph", "Délégation académique aux relations internationales"),
        Block("paragraph", "Exempleville, le 20 novembre 2025"),
        Block("paragraph", "Référence : NS n° 2025-058"),
        Block("paragraph", "OBJET : Séjours d'observation des professeurs stagiaires à Lübeck – session 2026"),
        Block("heading", "1. CADRE DU DISPOSITIF", level=1, label="1"),
        Block("paragraph", "Objet : ce paragraphe est dans une section."),
    ], title="RÉGION ACADÉMIQUE EXEMPLE")
    front = front_matter(doc)
    assert "ACADÉMIE D'EXEMPLE" in front and "Rectorat" in front  # the first short lines, as before
    assert "OBJET : Séjours d'observation des professeurs stagiaires à Lübeck" in front  # and the subject
    assert "Référence" not in front and "dans une section" not in front
