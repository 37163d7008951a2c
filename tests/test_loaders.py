"""Real PDF, DOCX, HTML and Markdown files built by the tests, and the files that must be refused
(block structure per format: test_formats.py; size, time and memory limits: test_limits.py)."""
import pytest
from builders import make_pdf

from assistant.errors import DocumentError
from assistant.ingest.document import Document
from assistant.ingest.load import load_document
from assistant.ingest.pipeline import process


def test_pdf_keeps_page_numbers(tmp_path):
    path = tmp_path / "accord.pdf"
    make_pdf(path, [["Article 1 - Objet", "", "La convention porte sur les echanges."],
                ["Article 2 - Duree", "", "La convention est conclue pour trois ans."]])
    doc = process(load_document(path), 700, 160)
    pages = {c.section.split(" - ")[0]: c.page for c in doc.chunks}
    assert pages["Article 1"] == 1 and pages["Article 2"] == 2


def test_docx_html_and_markdown_are_read_into_documents(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Article 1 – Objet")  # no heading style: the numbered heading is still seen
    d.add_paragraph("Les partenaires conviennent de développer les mobilités.")
    d.save(tmp_path / "note.docx")
    doc = process(load_document(tmp_path / "note.docx"), 700, 160)
    assert "mobilités" in doc.chunks[0].text and doc.chunks[0].section.startswith("Article 1")

    (tmp_path / "page.html").write_text("<html><body><h1>Titre</h1><p>Un paragraphe utile.</p>"
                                        "<script>alert(1)</script></body></html>", encoding="utf-8")
    html = load_document(tmp_path / "page.html")
    assert isinstance(html, Document) and html.title == "Titre"
    assert "Un paragraphe utile." in html.text and "alert" not in html.text

    (tmp_path / "guide.md").write_text("# Guide\n\nUn **texte** utile.\n", encoding="utf-8")
    md = load_document(tmp_path / "guide.md")
    assert md.title == "Guide" and "Un texte utile." in md.text and "**" not in md.text


def _zip_without_word_part() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "une archive, pas un document Word")
    return buf.getvalue()


@pytest.mark.parametrize("name,data,fragment", [
    ("vide.txt", b"", "empty"),
    ("binaire.txt", bytes(range(256)) * 4, "binary"),
    ("latin.txt", "académie".encode("latin-1"), "UTF-8"),
    ("casse.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("casse.docx", b"not a zip", "DOCX"),
    ("archive.docx", _zip_without_word_part(), "DOCX"),
    ("page.html", "<p>académie</p>".encode("latin-1"), "UTF-8"),
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
