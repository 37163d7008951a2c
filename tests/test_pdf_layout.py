"""The PDF layout rules as pure functions over positioned glyphs and lines (no PDF needed)."""
from assistant.ingest.formats import pdf_flow as F
from assistant.ingest.formats import pdf_layout as L
from assistant.ingest.formats import pdf_tables as T


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
