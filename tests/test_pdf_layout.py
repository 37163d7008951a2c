"""The PDF layout rules as pure functions over positioned glyphs and lines (no PDF needed)."""
from assistant.ingest.formats import pdf_flow as F
from assistant.ingest.formats import pdf_layout as L
from assistant.ingest.formats import pdf_tables as T
from assistant.ingest.formats import pdf_titles as H


def glyphs(text, x, top, size=10.0, bold=False, width=None):
    """One glyph per character of ``text`` from x, 0.5 × size wide (spaces included)."""
    w = width or size * 0.5
    return [L.Glyph(c, x + i * w, x + (i + 1) * w, top, top + size, size, bold) for i, c in enumerate(text)]


def line(text, x, top, size=10.0, bold=False, page=1):
    return L.group_lines(glyphs(text, x, top, size, bold), page)[0]


def test_glyphs_group_into_lines_and_words_with_a_bullet_in_another_font():
    # A Symbol bullet sits 2 pt higher than its text: still one line, the bullet a word of its own.
    gs = [L.Glyph("\uf0b7", 50, 54, 98, 108, 10)] + glyphs("Texte du point", 62, 100) + glyphs("Suite", 50, 114)
    lines = L.group_lines(gs)
    assert [ln.text for ln in lines] == ["\uf0b7 Texte du point", "Suite"]
    assert [w.text for w in lines[0].words] == ["\uf0b7", "Texte", "du", "point"]


def test_line_style_is_its_letters_style():
    ln = L.Line(L.group_lines(glyphs("Objet", 50, 100, 13, bold=True))[0].words
                + L.group_lines([L.Glyph("•", 40, 45, 100, 110, 9)])[0].words)
    assert ln.bold and ln.size == 13.0


def test_unmapped_and_control_glyphs_are_cleaned():
    assert L.clean_glyph("(cid:127)") == "\x7f"  # a WinAnsi bullet pdfminer cannot name
    assert L.clean_glyph("(cid:3)") == ""
    assert L.clean_glyph("\x01") == "" and L.clean_glyph("ﬁ") == "fi" and L.clean_glyph("\xad") == "-"
    assert L.strip_controls("a\x7fb\uf0b7c\u200bd\x00e") == "abcde"


def test_page_numbers():
    for text in ("3", "Page 3", "page 3 / 12", "- 3 -", "3 sur 12", "12/12", "iv", "Page XII"):
        assert L.is_page_number(text), text
    for text in ("Article 3", "3 mois", "Page de garde", "civil", "Ville"):
        assert not L.is_page_number(text), text


def test_running_header_and_footer_found_on_two_pages():
    pages, heights = [], [842, 842]
    for n in (1, 2):
        body = ["Le partenariat scolaire met en relation des etablissements.", "La Dareic instruit la demande."]
        ends = ["Fin de la premiere page.", "Fin de la seconde page."]
        lines = [line("Dareic - note interne", 60, 30), line(body[n - 1], 60, 80),
                 line("Une ligne identique sur les deux pages.", 60, 94), line(ends[n - 1], 60, 760),
                 line(f"Page {n} / 2", 280, 800)]
        pages.append(lines)
    # The body line repeated at the same height stays: the search stops at the first body line.
    assert L.running_lines(pages, heights) == {(0, 0), (0, 4), (1, 0), (1, 4)}


def test_a_lone_page_number_goes_even_on_one_page_but_body_text_stays():
    lines = [line("Une seule page de texte.", 60, 80), line("7", 290, 800)]
    assert L.running_lines([lines], [842]) == {(0, 1)}


def test_regions_label_columns_and_grid():
    label = [line("Grand-Est", 60, 100, bold=True)]
    label[0] = L.line_of(label[0].words + line("Academie de Nulle-Part", 200, 100, bold=True).words)
    label += [line("- accord sur les echanges d'eleves", 200, 114), line("- seconde convention signee", 200, 128),
              L.line_of(line("Bretagne", 60, 142).words + line("Academie de Brumland", 200, 142).words),
              line("- declaration commune de cooperation", 200, 156)]
    regions = L.find_regions(label)
    assert len(regions) == 1 and isinstance(regions[0], L.Region) and regions[0].kind() == "label"

    text = "mot " * 12
    cols = [L.line_of(line(text, 60, 100 + 14 * i).words + line(text, 320, 100 + 14 * i).words) for i in range(8)]
    regions = L.find_regions(cols)
    assert len(regions) == 1 and regions[0].kind() == "columns"

    grid = [L.line_of(line("Nom", 60, 100).words + line("Ville", 200, 100).words + line("Date", 340, 100).words),
            L.line_of(line("Alpha", 60, 114).words + line("Brumland", 200, 114).words + line("2019", 340, 114).words)]
    (region,) = L.find_regions(grid)
    assert region.kind() == "grid" and region.rows() == [["Nom", "Ville", "Date"], ["Alpha", "Brumland", "2019"]]


def test_list_marker_gap_is_not_a_column_gutter():
    items = [L.line_of(line("•", 60, 100 + 14 * i).words + line(f"point numero {i}", 90, 100 + 14 * i).words)
             for i in range(4)]
    assert all(isinstance(r, L.Line) for r in L.find_regions(items))


def test_open_table_rows_are_closed_at_a_page_break():
    # Three column rules running to the page bottom with no rule below them (a row split by the page).
    rects = [(60, 100, 500, 100), (60, 100, 60, 780), (200, 100, 200, 780), (500, 100, 500, 780), (60, 300, 500, 300)]
    tables = T.ruled_tables(rects)
    assert len(tables) == 1 and len(T.grid(tables[0])) == 2


def test_label_table_test():
    long = "Academie de Nulle-Part: convention de cooperation signee en 2019, echanges d'eleves et d'enseignants."
    assert T.is_label_table([["Grand-Est", long], ["", long], ["Bretagne", long]])
    assert not T.is_label_table([["Nom", "Ville"], ["Alpha", "Brumland"]])


def test_numbering():
    assert F.numbering("Article 3 – Durée") == ("Article 3", 1)
    assert F.numbering("3.4 Durée de la convention") == ("3.4", 2)
    assert F.numbering("II – Les objectifs") == ("II", 0)
    assert F.numbering("Objectif 2 - Utiliser l'ouverture") == ("Objectif 2", 1)
    assert F.numbering("Article 3 de la loi dispose") is None


def flow(lines, body=10.0):
    return F.flow_blocks(lines, body, F.typical_gap(lines), 60, 500)


def test_bold_heading_does_not_swallow_the_first_sentence():
    lines = [line("Article 2 – Durée", 60, 100, 12, bold=True),
             line("La convention est conclue pour trois ans a compter de sa signature par les", 60, 114),
             line("parties.", 60, 128)]
    blocks = flow(lines)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Article 2 – Durée"),
        ("paragraph", "La convention est conclue pour trois ans a compter de sa signature par les parties.")]
    assert blocks[0].label == "Article 2"


def test_numbered_heading_in_body_type_standing_alone():
    lines = [line("Article 3 - Objet", 60, 100), line("Le texte de l'article commence ici et se poursuit.", 60, 114)]
    assert [b.kind for b in flow(lines)] == ["heading", "paragraph"]


def test_numbered_heading_versus_numbered_item():
    lines = [line("1. Objet", 60, 100, 12, bold=True),
             line("1. Le chef d'etablissement adresse la demande a la Dareic par courriel avant la fin", 60, 120),
             line("du mois.", 74, 134)]
    blocks = flow(lines)
    assert (blocks[0].kind, blocks[0].label) == ("heading", "1")
    assert (blocks[1].kind, blocks[1].marker, blocks[1].ordered) == ("item", "1.", True)
    assert blocks[1].text.endswith("fin du mois.")


def test_item_levels_follow_indentation():
    lines = [L.line_of(line("•", 60, 100 + 14 * i).words + line(t, 74, 100 + 14 * i).words)
             if x == 60 else L.line_of(line("-", 80, 100 + 14 * i).words + line(t, 94, 100 + 14 * i).words)
             for i, (x, t) in enumerate([(60, "premier"), (80, "sous-point a"), (80, "sous-point b"), (60, "second")])]
    blocks = flow(lines)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("item", 0, "premier"), ("item", 1, "sous-point a"), ("item", 1, "sous-point b"), ("item", 0, "second")]


def test_paragraph_cut_by_a_page_break_is_rejoined():
    a = F.Proto("paragraph", ["Le partenariat concourt a la mise en oeuvre des"], 1, x0=60, last_x1=495, right=500)
    b = F.Proto("paragraph", ["objectifs nationaux."], 2, x0=60, container=2)
    c = F.Proto("paragraph", ["Un autre paragraphe."], 2, x0=60, container=2)
    out = F.join_breaks([a, b, c])
    assert [p.text for p in out] == ["Le partenariat concourt a la mise en oeuvre des objectifs nationaux.",
                                     "Un autre paragraphe."]
    assert out[0].page == 1


def test_levels_from_size_then_numbering_depth():
    protos = [F.Proto("heading", ["Titre du document"], 1, size=18, bold=True, label=""),
              F.Proto("heading", ["Article 1 – Objet"], 1, size=12, bold=True, label="Article 1", depth=1),
              F.Proto("heading", ["1.1 Champ"], 1, size=12, bold=True, label="1.1", depth=2),
              F.Proto("heading", ["Preambule"], 1, size=12, bold=True),
              F.Proto("heading", ["a. Detail"], 1, size=10.5, bold=True, label="a", depth=2)]
    assert F.assign_levels(protos, 10.0)
    assert [p.level for p in protos] == [0, 1, 2, 1, 3]


# ----------------------------------------------------------------------------- numbered titles in body type

def item(n, text, gap=8.0, x=60.0, level=0, style="."):
    return F.Proto("item", [text], 1, x0=x, text_x=x + 12, size=10, marker=f"{n}{style}", ordered=True, level=level,
                   gap_above=gap, left=60, right=500)


def para(text="Le texte de la section commence ici et se poursuit sur plusieurs lignes.", gap=8.0):
    return F.Proto("paragraph", [text], 1, x0=60, size=10, gap_above=gap, left=60, right=500, last_x1=400)


def test_title_shape_is_short_capitalised_and_unpunctuated():
    assert H.title_shaped(item(1, "Objet de la charte"))
    assert H.title_shaped(item(3, "Qui peut candidater ?"))
    assert not H.title_shaped(item(1, "Le chef d'établissement envoie la demande."))  # a sentence
    assert not H.title_shaped(item(1, "développer des situations d'apprentissage"))  # lower case
    assert not H.title_shaped(item(1, "Les pièces suivantes :"))
    assert not H.title_shaped(item(1, "Accompagner les élèves dans leur orientation à la suite de la formation"))
    assert not H.title_shaped(item(1, "Objet", level=1))  # nested in a list
    assert not H.title_shaped(F.Proto("item", ["Objet"], 1, marker="a.", ordered=True))  # letters: not a section


def test_numbers_running_across_the_document_make_a_section_sequence():
    protos = [item(1, "Objet"), para(), item(2, "Engagements"), para(), para(), item(3, "Durée"), para()]
    cands = H.candidates(protos)
    assert cands == [0, 2, 5]
    assert H.section_sequence(protos, cands) == {0, 2, 5}
    assert H.promote_numbered_titles(protos, 2.5) == 3
    assert [(p.kind, p.text, p.label, p.depth) for p in protos if p.kind == "heading"] == [
        ("heading", "1. Objet", "1", 1), ("heading", "2. Engagements", "2", 1), ("heading", "3. Durée", "3", 1)]


def test_consecutive_numbered_lines_are_a_list():
    protos = [para("Le dossier comprend :"), item(1, "Formulaire signé"), item(2, "Budget prévisionnel"),
              item(3, "Calendrier"), para()]
    assert H.candidates(protos) == []
    assert H.promote_numbered_titles(protos, 2.5) == 0


def test_a_short_last_step_after_a_list_of_sentences_stays_an_item():
    protos = [para("La procédure :"), item(1, "Le chef d'établissement envoie la demande."),
              item(2, "La Dareic la transmet."), item(3, "Retour d'expérience"), para()]
    assert H.candidates(protos) == [3]  # it stands alone after sentences...
    assert H.score(protos, 3, [3], set(), 2.5) < 2  # ...but closes the list's numbering
    assert H.promote_numbered_titles(protos, 2.5) == 0 and protos[3].kind == "item"


def test_a_numbered_line_announced_by_a_colon_stays_an_item():
    protos = [para("Une seule pièce est demandée :"), item(1, "Formulaire signé"), para()]
    assert H.promote_numbered_titles(protos, 2.5) == 0


def test_a_lone_numbered_title_with_space_above_and_body_text_after():
    protos = [para(), item(1, "Objet de la charte", gap=9.0), para()]
    assert H.spaced_above(protos[1], 2.5) and not H.spaced_above(item(1, "Objet", gap=2.5), 2.5)
    assert H.promote_numbered_titles(protos, 2.5) == 1
    tight = [para(), item(1, "Objet de la charte", gap=2.5), para()]  # no space above: not enough alone
    assert H.promote_numbered_titles(tight, 2.5) == 0


def test_a_dotted_sub_number_under_a_top_number():
    sub = F.Proto("heading", ["2.1 Les écoles"], 1, label="2.1", depth=2)
    protos = [para(), item(2, "Engagements", gap=2.5), para(), sub, para()]
    assert H.has_sub_number(protos, 1, [1])
    assert H.promote_numbered_titles(protos, 2.5) == 1 and protos[1].label == "2"


def test_titles_each_followed_by_a_list_restarting_at_one():
    protos = [item(1, "Procédure"), item(1, "Le chef envoie la demande.", x=70), item(2, "La Dareic la transmet.", x=70),
              item(2, "Pièces du dossier"), item(1, "Le formulaire signé.", x=70), para()]
    for p in protos[1:3] + protos[4:5]:
        p.level = 1  # nested under the numbered line while it was an item
    assert H.promote_numbered_titles(protos, 2.5) == 2
    assert [(p.kind, p.level) for p in protos] == [("heading", 0), ("item", 0), ("item", 0), ("heading", 0),
                                                   ("item", 0), ("paragraph", 0)]


def test_fallback_title_is_a_centred_or_spaced_short_first_line_above_a_heading():
    head = F.Proto("heading", ["1. Objet"], 1, label="1", depth=1, gap_above=8.0)

    def first(x0, x1, text="Charte des partenariats"):
        return F.Proto("paragraph", [text], 1, x0=x0, last_x1=x1, size=10, left=60, right=500)

    centred = [first(205, 355), head, para()]
    assert H.fallback_title(centred, 2.5) and (centred[0].kind, centred[0].level) == ("heading", 0)
    flush = [first(60, 210), head, para()]
    assert not H.fallback_title(flush, 2.5) and flush[0].kind == "paragraph"
    spaced = [first(60, 210), F.Proto("heading", ["1. Objet"], 1, label="1", gap_above=30.0), para(), para()]
    assert H.fallback_title(spaced, 2.5)
    sentence = [first(205, 355, "La présente note décrit la procédure."), head, para()]
    assert not H.fallback_title(sentence, 2.5)
    no_heading = [first(205, 355), para()]
    assert not H.fallback_title(no_heading, 2.5)


def labelled(label, value, x, top, size=10.0, value_bold=False):
    """A line whose label (with its colon) is bold and whose value may not be."""
    gs = glyphs(f"{label} :", x, top, size, bold=True)
    gs += glyphs(value, gs[-1].x1 + size * 0.5, top, size, bold=value_bold)
    return L.group_lines(gs)[0]


def test_label_value_lines_are_statements_of_their_own_never_headings():
    lines = [labelled("Date limite", "23 janvier 2026 à midi", 60, 100),
             labelled("Lieux", "Innsbruck et Lienz", 60, 114),
             labelled("Nombre de places", "12", 60, 128),  # no letter in the value: the line reads bold
             line("Présentation", 60, 146, bold=True),
             line("Le programme propose des séjours courts.", 60, 160),
             line("Calendrier : voir plus bas", 60, 174)]
    assert F.is_label_line(lines[2]) and lines[2].bold
    assert not F.is_label_line(lines[3]) and not F.is_label_line(lines[4])
    blocks = flow(lines)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Date limite : 23 janvier 2026 à midi"),
        ("paragraph", "Lieux : Innsbruck et Lienz"),
        ("paragraph", "Nombre de places : 12"),
        ("heading", "Présentation"),
        ("paragraph", "Le programme propose des séjours courts."),
        ("paragraph", "Calendrier : voir plus bas")]
    # A bold line ending in a colon stays a heading; so does a line bold throughout.
    assert not F.is_label_line(line("Modalités de candidature :", 60, 100, bold=True))
    assert not F.is_label_line(labelled("Étape 1", "Inscription", 60, 100, value_bold=True))
