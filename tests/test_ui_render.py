"""What the chat shows, as pure functions: titles first, refusals that lead to passages, a PDF's
page with the quote highlighted, the searched question only when the conversation changed
it; the French words of the command line. Real PDFs (reportlab) where a PDF is read."""
from __future__ import annotations

import re

import pytest
from builders import make_pdf

try:
    from conftest_ui import isolate_chainlit
except ImportError:  # pytest --import-mode=importlib
    from tests.conftest_ui import isolate_chainlit

isolate_chainlit()

from assistant import cli_fr  # noqa: E402
from assistant.render import answer_text  # noqa: E402
from assistant.types import Answer, Citation  # noqa: E402
from assistant.ui import app, sources  # noqa: E402

QUOTE = "Le Land de Brumland accueille chaque année quarante élèves."


def cite(n: int, source: str = "convention-brumland.txt", title: str = "Convention Brumland", page=None,
         section: str = "Article 2 › Accueil", quote: str = QUOTE) -> Citation:
    return Citation(n, source, section, page, quote, context=f"Article 2. {quote} Les frais sont pris en charge.",
                    excerpt=quote, title=title)


def shown(markdown: str) -> str:
    """The Markdown without its escapes (md_escape backslashes punctuation)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_side_panel_names_the_document_by_title_then_file():
    text = shown(app.citation_markdown(cite(1)))
    lines = text.splitlines()
    assert lines[0] == "**Convention Brumland**"
    assert "Section : Article 2 › Accueil" in text
    assert "*Fichier : convention-brumland.txt*" in text
    assert text.index("Convention Brumland") < text.index("convention-brumland.txt")
    assert "**Le Land de Brumland accueille chaque année quarante élèves.**" in text
    assert "![" not in text  # no page image for a text document


def test_a_section_that_repeats_the_title_is_not_shown_twice():
    text = shown(app.citation_markdown(cite(1, section="Convention Brumland")))
    assert text.count("Convention Brumland") == 1 and "Section" not in text


def test_a_pdf_passage_shows_its_page_and_links_the_original_at_that_page():
    text = app.citation_markdown(cite(1, source="Convention (2024).pdf", page=3))
    image = re.search(r"!\[[^\]]*\]\(([^)\s]+)\)", text).group(1)
    link = re.search(r"\[Ouvrir le document original à la page 3\]\(([^)\s]+)\)", text).group(1)
    assert image.startswith("/dareic/source/Convention%20%282024%29.pdf/page/3.png?q=Le%20Land")
    assert link == "/dareic/source/Convention%20%282024%29.pdf#page=3"
    assert text.index("**Le Land") < text.index("![")  # the quote above the page


def test_nearest_passages_get_letters_unless_the_refusal_marks_them():
    nearest = (cite(1, title="Plan Erasmus"), cite(2, title="Régions académiques"))
    plain = Answer("q", "q", "Je ne trouve pas cette information.", refused=True, nearest=nearest)
    assert app.nearest_names(plain) == ["[A]", "[B]"]
    listed = shown(app.answer_markdown(plain))
    assert "Passages les plus proches" in listed and "- [A] Plan Erasmus — Article 2 › Accueil" in listed
    assert "[1]" not in listed and "[2]" not in listed  # a number would link every [1] of the message
    marked = Answer("q", "q", "Rien. Proches : « Article 2 » (Plan Erasmus) [1] ; « Accueil » [2].", refused=True,
                    nearest=nearest)
    assert app.nearest_names(marked) == ["[1]", "[2]"]
    assert "Passages les plus proches" not in app.answer_markdown(marked)  # the text already names them
    clash = Answer("q", "q", "Réponse [1]. Voir aussi [1].", citations=(cite(1),), nearest=nearest[:1])
    assert app.nearest_names(clash) == ["[A]"]  # [1] is a citation: the passage is lettered
    names = [name for name, _ in app.side_passages(clash)]
    assert names == ["[1]", "[A]"]


def test_the_searched_question_shows_only_when_the_conversation_changed_it():
    same = Answer("Quels Länder ?", "quels  länder ?", "Texte [1]", citations=(cite(1),))
    assert "Question recherchée" not in app.answer_markdown(same, history_used=True)
    rewritten = Answer("Et pour Rouen ?", "Quels Länder sont partenaires de l'académie de Rouen ?", "Texte")
    assert "Question recherchée" not in app.answer_markdown(rewritten, history_used=False)
    assert shown(app.answer_markdown(rewritten, history_used=True)).startswith("*Question recherchée : Quels Länder")


def test_quote_lines_are_found_across_line_breaks_and_hyphens():
    lines = ["Article 2 - Accueil", "Le Land de Brumland accueille chaque an-", "née quarante élèves de",
             "l'académie de Nulle-Part.", "Les frais sont pris en charge."]
    assert sources.quote_lines(lines, "Brumland accueille chaque année quarante élèves de l'académie") == [1, 2, 3]
    assert sources.quote_lines(lines, "texte absent de la page entière, vraiment absent") == []
    long_quote = "Le Land de Brumland accueille chaque année quarante élèves de l'académie de Nulle-Part. " \
                 "Ils sont logés dans des familles volontaires pendant trois semaines."
    assert sources.quote_lines(lines, long_quote) == [1, 2, 3, 4]  # goes on to the next page


def test_band_frames_the_highlighted_lines_at_the_panels_ratio():
    lines = [{"x0": 60, "x1": 500, "top": 100 + 20 * i, "bottom": 112 + 20 * i} for i in range(30)]
    x0, top, x1, bottom = sources.band(lines, lines[10:12], (0, 0, 595, 842))
    assert (x0, x1) == (48, 512)
    assert top <= lines[10]["top"] and bottom >= lines[11]["bottom"]
    assert abs((x1 - x0) / (bottom - top) - 16 / 9) < 0.01
    assert sources.band(lines, [], (0, 0, 595, 842))[1::2] == (0, 842)  # no quote found: the whole page


def test_page_image_of_a_real_pdf(tmp_path):
    pdf = make_pdf(tmp_path / "c.pdf", [["Article 1", "Objet de la convention."],
                                        ["Article 2", "Le Land de Brumland accueille chaque annee quarante eleves."]])
    png = sources.render_page(pdf, 2, "Le Land de Brumland accueille chaque année quarante élèves.")
    assert png.startswith(b"\x89PNG")
    with pytest.raises(LookupError):
        sources.render_page(pdf, 3, "")


def test_only_pdfs_of_the_index_inside_the_ingested_folders_are_served(tmp_path):
    inside, outside = tmp_path / "corpus", tmp_path / "elsewhere"
    inside.mkdir(), outside.mkdir()
    for folder in (inside, outside):
        make_pdf(folder / "a.pdf", [["x"]])
    (inside / "b.txt").write_text("x", encoding="utf-8")
    files = {"a.pdf": {"path": str(inside / "a.pdf")}, "b.txt": {"path": str(inside / "b.txt")},
             "c.pdf": {"path": str(outside / "a.pdf")}}
    assert sources.resolve("a.pdf", files, [inside]) == (inside / "a.pdf").resolve()
    assert sources.resolve("b.txt", files, [inside]) is None  # not a PDF
    assert sources.resolve("c.pdf", files, [inside]) is None  # outside the ingested folders
    assert sources.resolve("../a.pdf", files, [inside]) is None  # not a name of the index


def test_cli_answer_names_documents_by_title():
    answer = Answer("q", "q", "Quarante élèves [1].", citations=(cite(1),),
                    nearest=(cite(2, title="Plan Erasmus", section="Objectifs"),))
    text = answer_text(answer)
    assert "[1] « Convention Brumland » (convention-brumland.txt) — Article 2 › Accueil" in text
    assert "Passages les plus proches :" in text and "« Plan Erasmus » (convention-brumland.txt) — Objectifs" in text


def test_typer_words_in_french():
    assert cli_fr.french_type("<str>") == "<texte>" and cli_fr.french_type("<int range>") == "<entier>"
    assert cli_fr.french_type("<list[Path]>") == "<chemin>…" and cli_fr.french_type("<bool>", is_flag=True) is None
    assert cli_fr.french_error("Missing argument 'question'.") == "Argument manquant : question."
    assert cli_fr.french_error("No such option: --bogus (Possible options: --json)") == \
        "Option inconnue : --bogus (options possibles : --json)"
