"""Block structure read by each format reader, on real files built here (python-docx, HTML,
Markdown) and on the five corpus documents rendered as Word files (evals/corpora/docx)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from assistant.errors import DocumentError
from assistant.ingest.formats.common import Limits
from assistant.ingest.formats.docx import check_package
from assistant.ingest.formats.docx_numbering import Numbering, bullet_symbol, fill, format_number, Level
from assistant.ingest.load import load_document
from assistant.ingest.pipeline import process
from assistant.ingest.sections import sections

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DOCX_CORPUS = ROOT / "evals" / "corpora" / "docx"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def kinds(doc):
    return [(b.kind, b.level, b.marker, b.text) for b in doc.blocks]


# ----------------------------------------------------------------------------- DOCX


def _list_definition(document, levels, start_override: int | None = None) -> int:
    """A numbering definition with ``levels`` [(numFmt, lvlText, start)] and one instance of
    it; returns the instance's numId."""
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element
    abstract_id = max([int(a.get(a.tag.replace("abstractNum", "abstractNumId"))) for a in
                       root.findall("{*}abstractNum")] or [0]) + 1
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text, start) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first = root.find("{*}num")
    first.addprevious(abstract) if first is not None else root.append(abstract)
    return _instance(document, abstract_id, start_override)


def _instance(document, abstract_id: int, start_override: int | None = None) -> int:
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element
    num_id = max([int(n.get(n.tag.replace("num", "numId"))) for n in root.findall("{*}num")] or [0]) + 1
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override else "")
    root.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                          f'{override}</w:num>'))
    return num_id


def _numbered(paragraph, num_id: int, ilvl: int):
    ppr = paragraph._p.get_or_add_pPr()
    ppr._add_numPr()
    ppr.numPr.get_or_add_ilvl().val = ilvl
    ppr.numPr.get_or_add_numId().val = num_id
    return paragraph


def test_docx_styles_give_headings_items_and_tables_in_body_order(tmp_path):
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "En-tête de page répété"
    d.sections[0].footer.paragraphs[0].text = "Pied de page 1/3"
    d.add_paragraph("Guide de l'appariement", style="Title")
    d.add_paragraph("Procédure", style="Heading 1")
    d.add_paragraph("Le chef d'établissement dépose la demande.")
    d.add_paragraph("Remplir le formulaire", style="List Number")
    d.add_paragraph("L'envoyer à la délégation", style="List Number")
    d.add_paragraph("Attendre la validation", style="List Number")
    d.add_paragraph("Pièces", style="Heading 2")
    d.add_paragraph("Une lettre de motivation", style="List Bullet")
    d.add_paragraph("signée par le chef d'établissement", style="List Bullet 2")
    d.add_paragraph("– un programme prévisionnel")  # a dash typed by hand
    table = d.add_table(rows=3, cols=2)
    for j, head in enumerate(("Land", "Académie")):
        table.cell(0, j).paragraphs[0].add_run(head).bold = True
    for i, (land, acad) in enumerate([("Sarre", "Nancy-Metz"), ("Berlin", "Paris")], start=1):
        table.cell(i, 0).text, table.cell(i, 1).text = land, acad
    d.add_paragraph("Après le tableau.")
    d.save(tmp_path / "guide.docx")

    doc = load_document(tmp_path / "guide.docx")
    assert doc.title == "Guide de l'appariement"
    assert kinds(doc) == [
        ("heading", 0, "", "Guide de l'appariement"),
        ("heading", 1, "", "Procédure"),
        ("paragraph", 0, "", "Le chef d'établissement dépose la demande."),
        ("item", 0, "1.", "Remplir le formulaire"),
        ("item", 0, "2.", "L'envoyer à la délégation"),
        ("item", 0, "3.", "Attendre la validation"),
        ("heading", 2, "", "Pièces"),
        ("item", 0, "•", "Une lettre de motivation"),
        ("item", 1, "•", "signée par le chef d'établissement"),
        ("item", 0, "–", "un programme prévisionnel"),
        ("table", 0, "", "Land | Académie\nSarre | Nancy-Metz\nBerlin | Paris"),
        ("paragraph", 0, "", "Après le tableau."),
    ]
    items = [b for b in doc.blocks if b.kind == "item"]
    assert [b.ordered for b in items] == [True, True, True, False, False, False]
    table_block = next(b for b in doc.blocks if b.kind == "table")
    assert table_block.header and table_block.rows[1] == ("Sarre", "Nancy-Metz")
    assert "En-tête" not in doc.text and "Pied de page" not in doc.text
    assert "1. Remplir le formulaire\n2. L'envoyer" in doc.text


def test_docx_numbering_properties_without_typed_markers(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Étapes", style="Heading 1")
    levels = [("decimal", "%1.", 1), ("lowerLetter", "%2)", 1), ("bullet", "\uf0b7", 1)]
    num = _list_definition(d, levels)
    for text, ilvl in [("Préparer", 0), ("contacter", 1), ("écrire", 1), ("Signer", 0), ("relire", 1),
                       ("deux exemplaires", 2)]:
        _numbered(d.add_paragraph(text, style="List Paragraph"), num, ilvl)
    d.add_paragraph("Une autre liste :")
    restart = _instance(d, int(d.part.numbering_part.element.findall("{*}abstractNum")[-1].get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNumId")), start_override=1)
    _numbered(d.add_paragraph("Recommencer", style="List Paragraph"), restart, 0)
    roman = _list_definition(d, [("upperRoman", "%1 –", 3)])
    _numbered(d.add_paragraph("Troisième partie", style="List Paragraph"), roman, 0)
    _numbered(d.add_paragraph("4) numéro tapé à la main", style="List Paragraph"), restart, 0)
    d.save(tmp_path / "etapes.docx")

    items = [b for b in load_document(tmp_path / "etapes.docx").blocks if b.kind == "item"]
    assert [(b.level, b.marker, b.ordered, b.text) for b in items] == [
        (0, "1.", True, "Préparer"), (1, "a)", True, "contacter"), (1, "b)", True, "écrire"),
        (0, "2.", True, "Signer"), (1, "a)", True, "relire"), (2, "•", False, "deux exemplaires"),
        (0, "1.", True, "Recommencer"), (0, "III –", True, "Troisième partie"),
        (0, "4)", True, "numéro tapé à la main"),
    ]


def test_docx_title_comes_from_title_style_then_metadata_then_heading_then_file_name(tmp_path):
    import docx

    def save(name, title_meta="", heading=""):
        d = docx.Document()
        d.core_properties.title = title_meta
        if heading:
            d.add_paragraph(heading, style="Heading 1")
        d.add_paragraph("Un paragraphe de texte.")
        d.save(tmp_path / name)
        return load_document(tmp_path / name).title

    assert save("a.docx", "Titre des métadonnées", "Premier titre") == "Titre des métadonnées"
    assert save("b.docx", "", "Premier titre") == "Premier titre"
    assert save("accord-cadre_2024.docx") == "Accord cadre 2024"


def test_docx_numbered_headings_and_frames(tmp_path):
    import docx

    d = docx.Document()
    num = _list_definition(d, [("decimal", "%1.", 1), ("decimal", "%1.%2", 1)])
    _numbered(d.add_paragraph("Objet", style="Heading 1"), num, 0)
    _numbered(d.add_paragraph("Durée", style="Heading 2"), num, 1)
    frame = d.add_table(rows=1, cols=1)  # a one-cell table framing a note is text, not a grid
    frame.cell(0, 0).text = "Note encadrée."
    d.save(tmp_path / "cadre.docx")
    doc = load_document(tmp_path / "cadre.docx")
    assert [(b.kind, b.level, b.label, b.text) for b in doc.blocks] == [
        ("heading", 1, "1", "1. Objet"), ("heading", 2, "1.1", "1.1 Durée"), ("paragraph", 0, "", "Note encadrée.")]


def test_typed_numbers_of_styled_headings_are_their_labels_in_every_format(tmp_path):
    """A Word heading, a Markdown '#' or an HTML h2 typed '1. Présentation' is section 1: the
    style already says it is a heading, so the typed number is its label, not a list marker."""
    import docx

    d = docx.Document()
    d.add_heading("1. Présentation", 1)
    d.add_paragraph("Le séjour dure trois semaines.")
    d.add_heading("B) Budget", 1)
    d.add_heading("À propos", 1)
    d.save(tmp_path / "guide.docx")
    (tmp_path / "guide.md").write_text("# Guide\n\n## 1. Présentation\n\nTexte.\n\n## B) Budget\n\n## À propos\n",
                                       encoding="utf-8")
    (tmp_path / "guide.html").write_text("<h1>Guide</h1><h2>1. Présentation</h2><p>Texte.</p><h2>B) Budget</h2>"
                                         "<h2>À propos</h2>", encoding="utf-8")
    for name in ("guide.docx", "guide.md", "guide.html"):
        doc = load_document(tmp_path / name)
        labels = {b.text: b.label for b in doc.blocks if b.kind == "heading"}
        assert (labels["1. Présentation"], labels["B) Budget"], labels["À propos"]) == ("1", "B", ""), name


def test_heading_label_pure_function():
    from assistant.ingest.formats.text import heading_label

    assert [heading_label(t) for t in ("Article 3 – Durée", "2.1. Âge", "IV. Suivi", "12) Annexes")] == \
        ["Article 3", "2.1", "IV", "12"]
    # No typed separator, no number: a title that opens with a figure or a capital word.
    assert [heading_label(t) for t in ("15 jours à Graz", "2026 en chiffres", "A propos", "Objet")] == ["", "", "", ""]


def test_docx_zip_directory_is_checked_before_anything_is_unpacked(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:p/>" * 400_000)  # 2.4 MB unpacked, a few kB packed
    with pytest.raises(DocumentError, match=r"gros.docx: DOCX expands to 2 MB .*limit 1 MB"):
        check_package(Path("gros.docx"), buf.getvalue(), Limits(max_bytes=1024 * 1024))
    check_package(Path("gros.docx"), buf.getvalue(), Limits())  # within the default limits


def test_numbering_markers_pure_functions():
    assert [format_number(n, f) for n, f in [(3, "decimal"), (2, "lowerLetter"), (28, "lowerLetter"),
                                            (4, "upperRoman"), (7, "decimalZero")]] == ["3", "b", "bb", "IV", "07"]
    levels = {0: Level("decimal", "%1."), 1: Level("lowerLetter", "%1.%2)")}
    assert fill("%1.%2)", [3, 2], levels) == "3.b)"
    assert bullet_symbol("\uf0b7") == "•" and bullet_symbol("o") == "o"
    assert Numbering().next_marker("7", 0) is None  # no numbering part: no computed marker


@pytest.fixture(scope="module")
def corpus_pairs():
    out = {}
    for txt in sorted(CORPUS.glob("*.txt")):
        out[txt.stem] = (load_document(txt), load_document(DOCX_CORPUS / f"{txt.stem}.docx"))
    return out


def _headings(doc):
    # The plain-text reader's "Fait à …" closing line is an ordinary paragraph in Word.
    return [(b.level, b.text) for b in doc.blocks if b.kind == "heading" and b.level > 0 and b.label != "closing"]


def _items(doc):
    return [b.text for b in doc.blocks if b.kind == "item"]


def test_rendered_corpus_docx_keeps_the_documents_structure(corpus_pairs):
    assert len(corpus_pairs) == 5
    for stem, (txt, word) in corpus_pairs.items():
        assert _headings(word) == _headings(txt), stem
        assert _items(word) == _items(txt), stem
        assert "Document de travail" not in word.text and "Page 1" not in word.text, stem
        assert word.title, stem


def test_rendered_corpus_docx_numbered_list_nesting_and_tables(corpus_pairs):
    plan = corpus_pairs["plan-erasmus-academie-poitiers"][1]
    numbered = [b for b in plan.blocks if b.kind == "item" and b.ordered]
    assert [b.marker for b in numbered] == [f"{n}." for n in range(1, 10)]
    after_nine = plan.blocks[plan.blocks.index(numbered[-1]) + 1:][:5]
    assert all(b.kind == "item" and b.level == 1 and not b.ordered for b in after_nine)
    assert plan.title  # from the file's metadata: this document has no Title paragraph
    convention = corpus_pairs["convention-aix-marseille-cgpme-agefa"][1]
    signatures = [b for b in convention.blocks if b.kind == "table"]
    assert len(signatures) == 1 and signatures[0].header and len(signatures[0].rows) == 2
    assert all(cell.startswith("Pour ") for cell in signatures[0].rows[0])
    model = corpus_pairs["modele-convention-cooperation-formation"][1]
    assert [len(b.rows[0]) for b in model.blocks if b.kind == "table"] == [2]


def test_render_docx_renders_into_any_folder(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_docx", ROOT / "evals" / "corpora" / "render_docx.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    out = tool.render(CORPUS / "officialiser-partenariat-scolaire.txt", tmp_path / "sub" / "fiche.docx")
    doc = load_document(out)
    assert doc.title == "Officialiser un partenariat scolaire"
    assert sum(b.kind == "item" for b in doc.blocks) == 4


# ----------------------------------------------------------------------------- HTML

FAQ_PAGE = """<!DOCTYPE html><html><head><title>FAQ appariements – Site académique</title>
<style>p { color: red }</style></head><body>
<header><a href="/">Logo</a><nav><ul><li>Accueil</li><li>Contact</li></ul></nav></header>
<div id="cookie-banner">Nous utilisons des cookies. <button>Accepter</button></div>
<div class="rgpd-consent" aria-label="Consentement">Vos données personnelles…</div>
<main><h1>FAQ appariements</h1>
<p>Réponses aux <b>questions</b> fréquentes sur l'<code>appariement</code>.</p>
<h2>Qui valide l'appariement ?</h2>
<p>Le recteur valide l'appariement et en notifie le chef d'établissement.</p>
<h2>Quelles étapes ?</h2>
<ol start="3"><li>Déposer la demande<ul><li>par courriel</li><li>avec le formulaire</li></ul></li>
<li>Attendre la réponse</li></ol>
<ol type="a"><li>première option</li><li>seconde option</li></ol>
<table><caption>Partenaires par Land</caption><thead><tr><th>Land</th><th>Académie</th></tr></thead>
<tbody><tr><td>Sarre</td><td>Nancy-Metz</td></tr><tr><td>Berlin</td><td>Paris</td></tr></tbody></table>
<dl><dt>DAREIC</dt><dd>Délégation académique aux relations européennes et internationales</dd></dl>
<p><strong>Faut-il une convention ?</strong></p><p>Oui, pour toute mobilité physique.</p>
</main>
<aside>Publicité</aside><footer>Mentions légales</footer><script>alert("x")</script>
</body></html>"""


def test_html_blocks_drop_page_furniture_and_keep_structure(tmp_path):
    (tmp_path / "faq.html").write_text(FAQ_PAGE, encoding="utf-8")
    doc = load_document(tmp_path / "faq.html")
    assert doc.title == "FAQ appariements"
    assert kinds(doc)[:2] == [("heading", 0, "", "FAQ appariements"),
                              ("paragraph", 0, "", "Réponses aux questions fréquentes sur l'appariement.")]
    for gone in ("Logo", "Accueil", "cookies", "Accepter", "données personnelles", "Publicité", "Mentions", "alert",
                 "color"):
        assert gone not in doc.text, gone
    items = [(b.level, b.marker, b.ordered, b.text) for b in doc.blocks if b.kind == "item"]
    assert items == [(0, "3.", True, "Déposer la demande"), (1, "•", False, "par courriel"),
                     (1, "•", False, "avec le formulaire"), (0, "4.", True, "Attendre la réponse"),
                     (0, "a.", True, "première option"), (0, "b.", True, "seconde option")]
    at = next(i for i, b in enumerate(doc.blocks) if b.kind == "table")
    table = doc.blocks[at]
    assert table.header and table.rows == (("Land", "Académie"), ("Sarre", "Nancy-Metz"), ("Berlin", "Paris"))
    assert doc.blocks[at - 1].text == "Partenaires par Land"  # the caption
    assert "DAREIC : Délégation académique aux relations européennes et internationales" in doc.text


def test_html_faq_answer_sits_under_its_question(tmp_path):
    (tmp_path / "faq.html").write_text(FAQ_PAGE, encoding="utf-8")
    doc = load_document(tmp_path / "faq.html")
    questions = {"Qui valide l'appariement ?": "Le recteur valide", "Faut-il une convention ?": "Oui, pour toute"}
    for question, answer in questions.items():
        heading = next(i for i, b in enumerate(doc.blocks) if b.text == question)
        assert doc.blocks[heading].kind == "heading"
        assert doc.blocks[heading + 1].kind == "paragraph" and doc.blocks[heading + 1].text.startswith(answer)
        section = next(s for s in sections(doc) if s.blocks[0] == heading)
        assert heading + 1 in section.blocks
    chunks = process(doc, 700, 160).chunks
    answer_chunk = next(c for c in chunks if "Le recteur valide" in c.text)
    assert "Qui valide l'appariement ?" in answer_chunk.section
    assert not any(c.text.strip() == "Qui valide l'appariement ?" for c in chunks)


def test_html_title_and_content_wrappers(tmp_path):
    page = ("<html><head><title>Coopération éducative</title></head><body>"
            "<form id='aspnetForm'><input name='q'><div id='page' class='has-cookie-bar'>"
            "<article><header><h1>Partenariats</h1></header>"
            "<p>Texte <em>important </em>ici.</p><h1>Annexe</h1><p>Suite.</p></article></div></form>"
            "<form role='search'><label>Rechercher</label><input name='q'></form></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    doc = load_document(tmp_path / "p.html")
    # two h1 and neither is the page title: both stay level-1 headings; the first names the page
    assert doc.title == "Partenariats"
    assert kinds(doc) == [("heading", 1, "", "Partenariats"), ("paragraph", 0, "", "Texte important ici."),
                          ("heading", 1, "", "Annexe"), ("paragraph", 0, "", "Suite.")]
    (tmp_path / "q.html").write_text("<html><head><title>Fiche</title></head><body><p>Un texte.</p></body></html>",
                                     encoding="utf-8")
    assert load_document(tmp_path / "q.html").title == "Fiche"


def test_html_share_bars_and_breadcrumbs_inside_the_article_are_dropped(tmp_path):
    page = ("<html><body><main><article><h1>Séjour à Graz</h1>"
            "<nav class='fil'><a href='/'>Accueil</a></nav>"
            "<ol class='breadcrumb'><li><a href='/'>Accueil</a></li><li><a href='/eu'>Europe</a></li></ol>"
            "<ul><li><a href='https://facebook.com/share'>Partager sur Facebook</a></li>"
            "<li><a href='mailto:?subject=x'>Envoyer par courriel</a></li><li><a href='#'>Imprimer</a></li></ul>"
            "<p>Le séjour dure trois semaines.</p>"
            "<div class='social-links'><a href='#'>LinkedIn</a></div>"
            "<ul><li><a href='/f.pdf'>Formulaire de candidature</a></li><li><a href='/g.pdf'>Guide</a></li></ul>"
            "</article></main></body></html>")
    (tmp_path / "graz.html").write_text(page, encoding="utf-8")
    doc = load_document(tmp_path / "graz.html")
    assert kinds(doc) == [("heading", 0, "", "Séjour à Graz"), ("paragraph", 0, "", "Le séjour dure trois semaines."),
                          ("item", 0, "•", "Formulaire de candidature"), ("item", 0, "•", "Guide")]


# ----------------------------------------------------------------------------- Markdown

GUIDE_MD = """---
title: Guide des mobilités
auteur: DAREIC
---
# Guide des **mobilités**

Les élèves partent *avec* un `contrat d'études` et un [formulaire](https://exemple.fr/f).

## Étapes

3) Déposer la demande
4) Préparer le départ
   - billets
   - assurance

- une puce
  1. sous-étape

| Land | Académie |
|------|----------|
| Sarre | **Nancy-Metz** |

> Une citation.
"""


def test_markdown_blocks_are_clean_text(tmp_path):
    (tmp_path / "guide.md").write_text(GUIDE_MD, encoding="utf-8")
    doc = load_document(tmp_path / "guide.md")
    assert doc.title == "Guide des mobilités"
    assert kinds(doc) == [
        ("heading", 0, "", "Guide des mobilités"),
        ("paragraph", 0, "", "Les élèves partent avec un contrat d'études et un formulaire."),
        ("heading", 2, "", "Étapes"),
        ("item", 0, "3)", "Déposer la demande"),
        ("item", 0, "4)", "Préparer le départ"),
        ("item", 1, "•", "billets"),
        ("item", 1, "•", "assurance"),
        ("item", 0, "•", "une puce"),
        ("item", 1, "1.", "sous-étape"),
        ("table", 0, "", "Land | Académie\nSarre | Nancy-Metz"),
        ("paragraph", 0, "", "Une citation."),
    ]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.header and table.rows[1] == ("Sarre", "Nancy-Metz")
    for markup in ("**", "#", "`", "](", "---", "auteur"):
        assert markup not in doc.text, markup
    assert [ln for ln in doc.text.splitlines() if "|" in ln] == ["Land | Académie", "Sarre | Nancy-Metz"]
