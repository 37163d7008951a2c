"""Real PDF, DOCX and HTML files built by the tests, and the files that must be refused."""
import pytest
from builders import make_pdf

from assistant.errors import DocumentError
from assistant.ingest.load import load_document
from assistant.ingest.pipeline import process


def test_pdf_keeps_page_numbers(tmp_path):
    path = tmp_path / "accord.pdf"
    make_pdf(path, [["Article 1 - Objet", "", "La convention porte sur les echanges."],
                ["Article 2 - Duree", "", "La convention est conclue pour trois ans."]])
    doc = process(load_document(path), 700, 160)
    pages = {c.section.split(" - ")[0]: c.page for c in doc.chunks}
    assert pages["Article 1"] == 1 and pages["Article 2"] == 2


def test_docx_and_html_are_read(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Article 1 – Objet")
    d.add_paragraph("Les partenaires conviennent de développer les mobilités.")
    d.save(tmp_path / "note.docx")
    doc = process(load_document(tmp_path / "note.docx"), 700, 160)
    assert "mobilités" in doc.chunks[0].text and doc.chunks[0].section.startswith("Article 1")
    (tmp_path / "page.html").write_text("<html><body><h1>Titre</h1><p>Un paragraphe utile.</p>"
                                        "<script>alert(1)</script></body></html>", encoding="utf-8")
    html = load_document(tmp_path / "page.html")
    assert "Un paragraphe utile." in html.pages[0][1] and "alert" not in html.pages[0][1]


@pytest.mark.parametrize("name,data,fragment", [
    ("vide.txt", b"", "empty"),
    ("binaire.txt", bytes(range(256)) * 4, "binary"),
    ("latin.txt", "académie".encode("latin-1"), "UTF-8"),
    ("casse.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("casse.docx", b"not a zip", "DOCX"),
    ("image.exe", b"MZ\x00\x00", "unsupported"),
])
def test_unusable_files_raise_one_line_naming_the_file(tmp_path, name, data, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        load_document(path)
    msg = err.value.one_line()
    assert name in msg and fragment in msg and "\n" not in msg


def test_encrypted_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    src = tmp_path / "clair.pdf"
    make_pdf(src, [["Texte secret"]])
    writer = PdfWriter()
    for page in PdfReader(str(src)).pages:
        writer.add_page(page)
    writer.encrypt("motdepasse")
    with open(tmp_path / "secret.pdf", "wb") as f:
        writer.write(f)
    with pytest.raises(DocumentError, match="secret.pdf: encrypted"):
        load_document(tmp_path / "secret.pdf")
