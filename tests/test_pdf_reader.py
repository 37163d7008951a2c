"""The PDF reader on real PDFs built here with reportlab: block structure (headings and levels,
list items and markers, tables, label tables, columns), running headers, page breaks, and the
rendered corpus (evals/corpora/render_pdf.py) read back as the text files read."""
import importlib.util
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

from assistant.errors import DocumentError
from assistant.ingest.formats.common import Limits
from assistant.ingest.load import load_document
from assistant.ingest.registry import extract_from_document

ROOT = Path(__file__).resolve().parents[1]
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12.5, spaceAfter=6)
CELL = ParagraphStyle("cell", parent=BODY, spaceAfter=2)
BOLD = ParagraphStyle("bold", parent=CELL, fontName="Helvetica-Bold")
H0 = ParagraphStyle("h0", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=12)
H1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=14, leading=17, spaceBefore=8)  # no space after
H2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=6)


def render_module():
    spec = importlib.util.spec_from_file_location("render_pdf", ROOT / "evals" / "corpora" / "render_pdf.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def build(path: Path, story, header: str = "", footer: str = "", title: str | None = None) -> Path:
    def decorate(canvas, doc):
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(60, A4[1] - 40, header)
        if footer:
            canvas.drawCentredString(A4[0] / 2, 30, footer.format(n=doc.page))

    SimpleDocTemplate(str(path), pagesize=A4, title=title, leftMargin=60, rightMargin=60, topMargin=60,
                      bottomMargin=60).build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def no_controls(text: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cf", "Co") and c != "\n" for c in text)


def test_headings_have_levels_and_never_swallow_their_first_sentence(tmp_path):
    doc = load_document(build(tmp_path / "guide.pdf", [
        Paragraph("Guide des appariements", H0),
        Paragraph("1. Objet", H1),
        Paragraph("Le présent guide décrit la procédure d'appariement. Il s'adresse aux chefs d'établissement.", BODY),
        Paragraph("1.1 Champ d'application", H2),
        Paragraph("Les écoles et les établissements du second degré sont concernés.", BODY),
        Paragraph("Article 2 – Procédure", H1),
        Paragraph("La demande est adressée à la Dareic.", BODY),
    ]))
    heads = [(b.text, b.level, b.label) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Guide des appariements", 0, ""), ("1. Objet", 1, "1"), ("1.1 Champ d'application", 2, "1.1"),
                     ("Article 2 – Procédure", 1, "Article 2")]
    after = doc.blocks[[b.text for b in doc.blocks].index("1. Objet") + 1]
    assert (after.kind, after.text) == ("paragraph", "Le présent guide décrit la procédure d'appariement. "
                                                     "Il s'adresse aux chefs d'établissement.")
    assert doc.title == "Guide des appariements"  # no metadata title: the first largest line


def test_numbered_heading_versus_numbered_list_item(tmp_path):
    items = ["Le chef d'établissement adresse la demande à la Dareic par courriel, sur le formulaire mis à sa disposition.",
             "La Dareic transmet la demande au service de coopération de l'ambassade concernée."]
    doc = load_document(build(tmp_path / "procedure.pdf", [
        Paragraph("1. Objet", H1), Paragraph("La procédure comprend deux étapes :", BODY)]
        + [Paragraph(t, ParagraphStyle("i", parent=BODY, leftIndent=18, bulletIndent=4), bulletText=f"{n}.")
           for n, t in enumerate(items, 1)]))
    assert (doc.blocks[0].kind, doc.blocks[0].label) == ("heading", "1")
    listed = [(b.marker, b.ordered, b.text) for b in doc.blocks if b.kind == "item"]
    assert listed == [("1.", True, items[0]), ("2.", True, items[1])]



CENTRED = ParagraphStyle("centred", parent=BODY, alignment=1, spaceAfter=20)
SENTENCES = ["Le chef d'établissement envoie la demande à la Dareic par courriel avant la fin du mois.",
             "La Dareic transmet la demande au service de coopération de l'ambassade concernée.",
             "Le recteur valide l'appariement et en informe les deux établissements."]


def _shape(doc):
    return [(b.kind, b.level, b.ordered, b.text) if b.kind != "paragraph" else ("paragraph",) for b in doc.blocks]


def test_numbered_section_titles_in_body_type_are_headings_and_the_centred_line_the_title(tmp_path):
    para = ("Le texte de la section décrit les engagements pris par les établissements partenaires, "
            "leurs modalités de mise en œuvre et le calendrier retenu pour les échanges.")
    doc = load_document(build(tmp_path / "charte.pdf", [
        Paragraph("Charte des partenariats scolaires", CENTRED),
        Paragraph("1. Objet de la charte", BODY), Paragraph(para, BODY),
        Paragraph("2. Engagements des établissements", BODY), Paragraph(para, BODY), Paragraph(para, BODY),
        Paragraph("2.1 Les écoles", BODY), Paragraph(para, BODY),
        Paragraph("3. Durée", BODY), Paragraph(para, BODY)]))
    assert _shape(doc) == [
        ("heading", 0, False, "Charte des partenariats scolaires"),
        ("heading", 1, False, "1. Objet de la charte"), ("paragraph",),
        ("heading", 1, False, "2. Engagements des établissements"), ("paragraph",), ("paragraph",),
        ("heading", 2, False, "2.1 Les écoles"), ("paragraph",),
        ("heading", 1, False, "3. Durée"), ("paragraph",)]
    assert [b.label for b in doc.blocks if b.kind == "heading"] == ["", "1", "2", "2.1", "3"]
    assert doc.title == "Charte des partenariats scolaires"


def test_a_numbered_procedure_of_sentences_stays_a_list_even_with_a_short_last_step(tmp_path):
    steps = SENTENCES + ["Retour d'expérience"]
    doc = load_document(build(tmp_path / "procedure.pdf", [
        Paragraph("La procédure se déroule ainsi :", BODY)]
        + [Paragraph(f"{n}. {t}", BODY) for n, t in enumerate(steps, 1)]
        + [Paragraph("Le dossier complet est conservé par l'établissement pendant trois ans.", BODY)]))
    assert _shape(doc) == [("paragraph",)] + [("item", 0, True, t) for t in steps] + [("paragraph",)]
    assert [b.marker for b in doc.blocks if b.kind == "item"] == ["1.", "2.", "3.", "4."]
    assert doc.title == "Procedure"  # no title line: the file name


def test_numbered_titles_each_followed_by_a_numbered_list(tmp_path):
    short = ["Formulaire signé", "Budget prévisionnel", "Calendrier des échanges"]
    item = ParagraphStyle("item", parent=BODY, leftIndent=18, bulletIndent=4)
    doc = load_document(build(tmp_path / "guide.pdf", [
        Paragraph("1. Procédure d'appariement", BODY)]
        + [Paragraph(t, item, bulletText=f"{n}.") for n, t in enumerate(SENTENCES, 1)]
        + [Paragraph("2. Pièces du dossier", BODY)]
        + [Paragraph(t, item, bulletText=f"{n}.") for n, t in enumerate(short, 1)]
        + [Paragraph("3. Suivi", BODY), Paragraph("La Dareic suit les appariements et en dresse le bilan.", BODY)]))
    assert _shape(doc) == ([("heading", 1, False, "1. Procédure d'appariement")]
                           + [("item", 0, True, t) for t in SENTENCES]
                           + [("heading", 1, False, "2. Pièces du dossier")]
                           + [("item", 0, True, t) for t in short]
                           + [("heading", 1, False, "3. Suivi"), ("paragraph",)])
    assert doc.title == "Guide"  # the first line is a heading, not a title line

def test_bullet_glyphs_of_every_kind_become_items(tmp_path):
    mod = render_module()
    mod._register_fonts()
    glyphs = [("•", "Helvetica", "•"), ("◦", mod.BULLET_FONT, "◦"), ("▪", mod.BULLET_FONT, "▪"), ("·", "Helvetica", "·"),
              ("-", "Helvetica", "-"), ("o", "Courier", "o"), ("•", "Symbol", "•"), ("\uf0b7", mod.BULLET_FONT, "•"),
              ("\uf0a7", mod.BULLET_FONT, "•"), ("\x7f", mod.BULLET_FONT, "•")]
    story = [Paragraph("Les partenaires s'engagent à :", BODY)]
    for n, (glyph, font, _) in enumerate(glyphs):
        nested = n == 1
        style = ParagraphStyle(f"b{n}", parent=BODY, leftIndent=34 if nested else 18, bulletIndent=22 if nested else 4,
                               bulletFontName=font, spaceAfter=2)
        story.append(Paragraph(f"engagement numéro {n} des partenaires", style, bulletText=glyph))
    doc = load_document(build(tmp_path / "puces.pdf", story))
    items = [b for b in doc.blocks if b.kind == "item"]
    assert [b.text for b in items] == [f"engagement numéro {n} des partenaires" for n in range(len(glyphs))]
    assert [b.marker for b in items] == [g[2] for g in glyphs]
    assert [b.level for b in items] == [0, 1] + [0] * (len(glyphs) - 2)
    assert no_controls(doc.text)


@pytest.mark.parametrize("ruled", [True, False])
def test_data_table_keeps_its_rows_and_cells(tmp_path, ruled):
    rows = [["Établissement", "Partenaire", "Depuis"], ["Collège Nulle-Part", "Realschule Brumland", "2019"],
            ["Lycée Alpha", "Gymnasium Beta", "2021"]]
    style = [("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")] + ([("GRID", (0, 0), (-1, -1), 0.5, "black")] if ruled else [])
    doc = load_document(build(tmp_path / "tableau.pdf", [
        Paragraph("Les appariements en cours sont les suivants.", BODY), Table(rows, colWidths=[150, 150, 80], style=style),
        Paragraph("Le tableau est mis à jour chaque année.", BODY)]))
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and [list(r) for r in tables[0].rows] == rows and tables[0].header
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]


def test_running_header_footer_and_page_numbers_go_on_a_two_page_document(tmp_path):
    doc = load_document(build(tmp_path / "note.pdf", [
        Paragraph("Le partenariat scolaire met en relation des établissements français et étrangers.", BODY),
        PageBreak(),
        Paragraph("La validation de l'appariement est prononcée par le recteur.", BODY),
    ], header="Dareic – note de service", footer="Page {n} / 2"))
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("Le partenariat scolaire met en relation des établissements français et étrangers.", 1),
        ("La validation de l'appariement est prononcée par le recteur.", 2)]


def test_paragraph_rejoined_across_a_page_break_and_a_line_end_hyphen(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "coupure.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    lines = ["Le partenariat scolaire permet de mettre en relation des établissements et de",
             "soutenir des projets communs ; il concourt à la mise en œuvre des projets de coopé-"]
    for i, text in enumerate(lines):
        c.drawString(60, 120 - 14 * i, text)
    c.showPage()
    c.setFont("Helvetica", 11)
    c.drawString(60, 780, "ration éducative entre les établissements partenaires.")
    c.drawString(60, 750, "Un second paragraphe suit.")
    c.save()
    doc = load_document(path)
    assert [(b.kind, b.page) for b in doc.blocks] == [("paragraph", 1), ("paragraph", 2)]
    assert doc.blocks[0].text.endswith("projets de coopération éducative entre les établissements partenaires.")


def test_label_table_rows_become_headings_and_their_content_across_pages(tmp_path):
    item_style = ParagraphStyle("it", parent=CELL, leftIndent=16, bulletIndent=4)
    data, expected = [], []
    for r in range(3):
        cell = []
        for a in range(2):
            cell.append(Paragraph(f"Académie de Nulle-Part {r}{a}", BOLD))
            texts = [f"Convention {r}{a}{k} avec le ministère de Brumland relative aux échanges d'élèves et "
                     f"d'enseignants, signée en 20{10 + k} et renouvelée depuis" for k in range(6)]
            cell += [Paragraph(t, item_style, bulletText="•") for t in texts]
            expected.append((f"Académie de Nulle-Part {r}{a}", texts))
        data.append([Paragraph(f"Région Alpha {r}", BOLD), cell])
    doc = load_document(build(tmp_path / "brochure.pdf", [Table(data, colWidths=[110, 360], splitInRow=1, style=[
        ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])], footer="{n}"))
    assert max(b.page for b in doc.blocks) >= 2  # rows break across pages
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [x for r in range(3) for x in [(f"Région Alpha {r}", 1)]
                     + [(f"Académie de Nulle-Part {r}{a}", 2) for a in range(2)]]
    got, cur = [], None
    for b in doc.blocks:
        if b.kind == "heading" and b.level == 2:
            cur = (b.text, [])
            got.append(cur)
        elif b.kind == "item":
            assert b.marker == "•"
            cur[1].append(b.text)
    assert got == expected


def test_bold_label_lines_set_close_are_one_statement_each_however_long(tmp_path):
    """A calendar typed as 'label : value' lines with no space between them: the line above
    may run almost to the margin, yet a line opening with a bold label is the next field,
    not the rest of the sentence (even with a label that opens with a number)."""
    tight = ParagraphStyle("tight", parent=BODY, spaceAfter=0)
    fields = [("Date limite", "15 janvier 2026"),
              ("Stage des professeurs d'allemand", "du 6 au 17 juillet 2026, au centre de formation de Kronshagen"),
              ("Premiers départs", "septembre 2026 (dates à préciser)"),
              ("2e réunion", "automne 2026, à Caen")]
    story = [Paragraph("Calendrier", H1),
             Paragraph("Le programme d'échanges réunit chaque année des élèves des deux pays autour d'un projet "
                       "commun, préparé en classe puis mené pendant le séjour.", tight)]
    story += [Paragraph(f"<b>{label} :</b> {value}", tight) for label, value in fields]
    doc = load_document(build(tmp_path / "calendrier.pdf", story))
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == ["Le programme d'échanges réunit chaque année des élèves des deux pays autour d'un projet "
                          "commun, préparé en classe puis mené pendant le séjour."] + \
        [f"{label} : {value}" for label, value in fields]


def test_newspaper_columns_are_read_one_after_the_other(tmp_path):
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    left = [f"Gauche {i} : la mobilité individuelle des élèves dure trois mois dans une famille d'accueil." for i in range(6)]
    right = [f"Droite {i} : les enseignants participent à des séjours professionnels réciproques." for i in range(6)]
    path = tmp_path / "colonnes.pdf"
    doc_t = BaseDocTemplate(str(path), pagesize=A4)
    doc_t.addPageTemplates([PageTemplate(frames=[Frame(50, 400, 240, 400, id="l"), Frame(305, 400, 240, 400, id="r")])])
    from reportlab.platypus import FrameBreak

    doc_t.build([Paragraph(t, BODY) for t in left] + [FrameBreak()] + [Paragraph(t, BODY) for t in right])
    doc = load_document(path)
    assert [b.text for b in doc.blocks] == left + right


def test_side_by_side_parts_of_unequal_length_are_read_column_by_column(tmp_path):
    """A leaflet sets two parts side by side in a borderless two-cell table: a numbered
    procedure on the left, a shorter calendar on the right, each under its own bold title.
    Each part is read whole, one after the other, not line by line as rows of a table, and
    the left part's list running on below the right part stays in it; the next section's
    title below, in larger type, does not."""
    spaced = ParagraphStyle("spaced", parent=BODY, spaceAfter=9)  # a paragraph's space: more than a line's
    head = ParagraphStyle("head", parent=spaced, fontName="Helvetica-Bold")
    steps = ["Désigner un référent Erasmus+.", "Remplir la fiche projet en ligne.", "Joindre l'avis du conseil.",
             "Déposer la fiche avant la date.", "Attendre la commission.", "Choisir les élèves partants."]
    dates = ["Lancement : 2 février 2026", "Date limite : 27 mars 2026", "Commission : 16 avril 2026"]
    left = [Paragraph("Procédure des établissements", head)] + [Paragraph(f"{i}. {t}", spaced)
                                                                  for i, t in enumerate(steps, 1)]
    right = [Paragraph("Calendrier de la campagne", head)] + [
        Paragraph("<b>{} :</b> {}".format(*t.split(" : ")), spaced) for t in dates]
    story = [Paragraph("Fiche programme", H0), Table([[left, right]], colWidths=[235, 235], style=[
        ("VALIGN", (0, 0), (-1, -1), "TOP")]),
        Paragraph("Contacts", H1), Paragraph("Écrire à la délégation académique pour toute question sur "
                                             "la campagne, en indiquant le nom de l'établissement.", BODY)]
    doc = load_document(build(tmp_path / "fiche.pdf", story))
    assert not any(b.kind == "table" for b in doc.blocks)
    texts = [b.text for b in doc.blocks]
    assert texts[texts.index("Procédure des établissements") + 1:texts.index("Calendrier de la campagne")] == steps
    assert texts[texts.index("Calendrier de la campagne") + 1:texts.index("Contacts")] == dates


def test_title_from_metadata_else_file_name(tmp_path):
    with_title = load_document(build(tmp_path / "a.pdf", [Paragraph("Texte de la note.", BODY)], title="Note interne"))
    assert with_title.title == "Note interne"
    plain = load_document(build(tmp_path / "note-de-service.pdf", [Paragraph("Texte de la note.", BODY)], title="untitled"))
    assert plain.title == "Note de service"


def test_limits_are_respected(tmp_path):
    path = build(tmp_path / "long.pdf", [Paragraph("Un paragraphe de texte ordinaire. " * 20, BODY)])
    with pytest.raises(DocumentError, match="characters"):
        load_document(path, Limits(max_chars=100))
    with pytest.raises(DocumentError, match="took longer"):
        load_document(path, Limits(timeout_s=0.0, started=time.monotonic() - 1))


# ----------------------------------------------------------------------------- the rendered corpus


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    render_module().render_all(folder)
    return folder


def _triples(doc) -> set:
    return {(r["academie"], (r["land"] or {}).get("fr"), r["region"]) for r in extract_from_document(doc)}


def test_brochure_registry_is_the_same_from_the_pdf_as_from_the_text(rendered):
    txt = load_document(ROOT / "corpus" / "partenaires-academies-lander.txt")
    pdf = load_document(rendered / "partenaires-academies-lander.pdf")
    assert max(b.page for b in pdf.blocks) >= 3
    assert _triples(pdf) == _triples(txt) and len(_triples(txt)) > 40


@pytest.mark.parametrize("stem", ["partenaires-academies-lander", "plan-erasmus-academie-poitiers",
                                  "convention-aix-marseille-cgpme-agefa", "modele-convention-cooperation-formation",
                                  "officialiser-partenariat-scolaire"])
def test_rendered_document_reads_back_with_the_same_words_and_no_control_characters(rendered, stem):
    txt = load_document(ROOT / "corpus" / f"{stem}.txt")
    pdf = load_document(rendered / f"{stem}.pdf")
    assert all(no_controls(b.text) for b in pdf.blocks)
    words = lambda d: Counter(w for b in d.blocks for w in b.text.split() if w != "|")  # noqa: E731
    assert words(pdf) == words(txt)  # no running header, footer or page number; nothing lost
    assert [b.text for b in pdf.blocks if b.kind == "heading"] != []
    assert [b.text for b in pdf.blocks if b.kind == "item"] == [b.text for b in txt.blocks if b.kind == "item"]
