"""Adding documents from the chat: checked first, saved atomically, ingested, then citable.

Real files made here (DOCX with python-docx, PDF with reportlab), a tiny private
corpus and index, and the real encoder (so corpora stay a few chunks small).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from builders import make_pdf

from assistant.app import Assistant
from assistant.config import Settings
from assistant.ui import upload
from assistant.ui.upload import UploadError, add_document, safe_filename

pytestmark = pytest.mark.slow

BASE_TEXT = ("Fiche de coopération\n\nL'académie de Nulle-Part coopère avec le Land imaginaire de Brumland "
             "depuis 2001 pour des échanges d'élèves.\n")


def digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in Path(folder).iterdir()} \
        if Path(folder).is_dir() else {}


def snapshot(settings: Settings) -> dict:
    current = (Path(settings.index_dir) / "CURRENT").read_text()
    return {"corpus": digest(settings.corpus_dir), "uploads": digest(settings.uploads()), "index": current}


@pytest.fixture(scope="module")
def assistant_(tmp_path_factory):
    root = tmp_path_factory.mktemp("upload")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "base.txt").write_text(BASE_TEXT, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data",
                        upload_dir=root / "uploads", max_upload_mb=1)
    a = Assistant(settings)
    a.ingest(progress=False)
    return a


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("Convention d'appariement", level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(str(path))
    return path


def cited_sources(a: Assistant, question: str) -> set[str]:
    return {h.chunk.source for h in a.search(question, 3)}


def test_docx_is_added_and_searchable(assistant_, tmp_path):
    src = make_docx(tmp_path / "upload-1234", [
        "Le collège Victor Hugo de Quimperlé est apparié avec la Realschule Sonnenberg de Lüneburg.",
        "L'appariement Sonnenberg prévoit un échange de dix élèves chaque printemps.",
    ])
    corpus_before = digest(assistant_.settings.corpus_dir)
    result = add_document(assistant_, src, "Appariement Quimperlé.docx")
    assert result.name == "Appariement Quimperlé.docx" and not result.replaced and result.chunks >= 1
    assert (assistant_.settings.uploads() / result.name).is_file()
    assert digest(assistant_.settings.corpus_dir) == corpus_before  # the bundled corpus is never written
    assert "ajouté au corpus" in result.message_fr()
    assert result.title == "Convention d'appariement" and result.title in result.message_fr()
    assert "Appariement Quimperlé.docx" in cited_sources(assistant_, "Realschule Sonnenberg Lüneburg appariement")
    answer = assistant_.ask("Avec quelle Realschule le collège Victor Hugo de Quimperlé est-il apparié ?")
    assert "Appariement Quimperlé.docx" in {c.source for c in answer.citations} or not answer.refused


def test_pdf_is_added_and_searchable(assistant_, tmp_path):
    src = make_pdf(tmp_path / "f.pdf", [[
        "Programme Brigitte Sauzay",
        "Le programme Sauzay de l'academie de Nulle-Part dure trois mois.",
        "Les eleves de Brumland sont accueillis dans des familles.",
    ]])
    result = add_document(assistant_, src, "sauzay-nulle-part.pdf")
    assert result.chunks >= 1
    assert "sauzay-nulle-part.pdf" in cited_sources(assistant_, "programme Sauzay Nulle-Part trois mois")


def test_same_file_twice_changes_nothing(assistant_, tmp_path):
    src = tmp_path / "x.md"
    src.write_text("# Note\n\nLa note Ornithorynque concerne les échanges virtuels eTwinning.\n", encoding="utf-8")
    add_document(assistant_, src, "note.md")
    before = snapshot(assistant_.settings)
    again = add_document(assistant_, src, "note.md")
    assert again.unchanged and "déjà" in again.message_fr()
    assert snapshot(assistant_.settings) == before


@pytest.mark.parametrize("name, content, expected", [
    ("outil.exe", b"MZ\x90\x00" + bytes(64), "type de fichier non pris en charge"),
    ("sans-extension", b"du texte", "type de fichier non pris en charge"),
    ("tableau.xlsx", b"PK\x03\x04", "type de fichier non pris en charge"),
    ("corrompu.pdf", b"%PDF-1.4\n garbage \x00\x01 not a pdf", "n'a pas pu être lu"),
    ("corrompu.docx", b"PK\x03\x04 not really a zip", "n'a pas pu être lu"),
    ("vide.txt", b"", "est vide"),
    ("binaire.txt", b"abc\x00\x01\x02def", "données binaires"),
    ("latin1.txt", "Académie de Créteil, échanges".encode("latin-1"), "UTF-8"),
    ("blancs.md", b"   \n\n  \n", "n'a pas pu être lu"),
])
def test_bad_files_are_refused_in_french_and_change_nothing(assistant_, tmp_path, name, content, expected):
    src = tmp_path / "received"
    src.write_bytes(content)
    before = snapshot(assistant_.settings)
    with pytest.raises(UploadError) as err:
        add_document(assistant_, src, name)
    message = str(err.value)
    assert expected in message, message
    assert snapshot(assistant_.settings) == before
    assert not list(Path(assistant_.settings.data_dir, "uploads").iterdir())  # staging cleaned up


def test_too_large_is_refused_before_reading(assistant_, tmp_path):
    src = tmp_path / "gros.txt"
    src.write_text("Brumland " * (1024 * 1024 // 9 + 200), encoding="utf-8")  # a bit over 1 MB
    before = snapshot(assistant_.settings)
    with pytest.raises(UploadError) as err:
        add_document(assistant_, src, "gros.txt")
    assert "trop volumineux" in str(err.value) and "maximum 1 Mo" in str(err.value)
    assert snapshot(assistant_.settings) == before


def test_failed_ingest_restores_the_corpus(assistant_, tmp_path, monkeypatch):
    src = tmp_path / "ok.txt"
    src.write_text("Le Land de Brumland finance des séjours de deux semaines.\n", encoding="utf-8")
    before = snapshot(assistant_.settings)
    real_ingest = assistant_.ingest
    calls = []

    def failing_ingest(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")
        return real_ingest(*args, **kwargs)

    monkeypatch.setattr(assistant_, "ingest", failing_ingest)
    with pytest.raises(UploadError) as err:
        add_document(assistant_, src, "sejours.txt")
    assert "a échoué" in str(err.value)
    assert snapshot(assistant_.settings) == before
    assert not (assistant_.settings.uploads() / "sejours.txt").exists()


def test_a_bundled_corpus_name_is_refused_in_french(assistant_, tmp_path):
    src = tmp_path / "received"
    src.write_text("Une autre version de la fiche, envoyée sous le même nom.\n", encoding="utf-8")
    before = snapshot(assistant_.settings)
    with pytest.raises(UploadError) as err:
        add_document(assistant_, src, "base.txt")
    assert "porte le nom d'un document fourni" in str(err.value) and "renommez" in str(err.value)
    assert snapshot(assistant_.settings) == before


def test_the_uploads_folder_is_created_and_ingested_with_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "base.txt").write_text(BASE_TEXT, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data",
                        upload_dir=None)  # the default, whatever the environment says
    a = Assistant(settings)
    a.ingest(progress=False)
    assert settings.uploads() == tmp_path / "data" / "corpus" and not settings.uploads().exists()
    src = tmp_path / "received"
    src.write_text("# Échanges Zéphyr\n\nLe programme Zéphyr envoie six apprentis à Brumland.\n", encoding="utf-8")
    result = add_document(a, src, "zephyr.md")
    assert (settings.uploads() / "zephyr.md").is_file() and sorted(p.name for p in corpus.iterdir()) == ["base.txt"]
    assert result.title == "Échanges Zéphyr"
    assert a.stale_files() == []  # the index holds both folders
    assert "zephyr.md" in cited_sources(a, "programme Zéphyr apprentis")


def test_safe_filename():
    assert safe_filename("../../etc/passwd.txt") == "passwd.txt"
    assert safe_filename("C:\\Users\\x\\Rapport final.PDF") == "Rapport final.pdf"
    assert safe_filename(".cache.md") == "cache.md"
    assert safe_filename("a<b>|c?.docx") == "a_b__c_.docx"
    assert safe_filename("Échange franco-allemand.md") == "Échange franco-allemand.md"
    assert safe_filename("") == "document"


def test_upload_accept_list_matches_validation():
    exts = {e for v in upload.ACCEPT.values() for e in v}
    assert exts == set(upload.ALLOWED_EXTENSIONS)


def test_refusal_reasons_of_the_readers_have_french_wording():
    from assistant.errors import DocumentError
    from assistant.ui.upload import reason_fr

    for message in ("a.docx: DOCX expands to 900 MB when unpacked (limit 100 MB), refused unread",
                    "a.pdf: reading took longer than 60 s, stopped and skipped",
                    "a.pdf: reading needs more than 1024 MB of memory, skipped",
                    "a.txt: more than 3 000 000 characters of text, skipped"):
        assert reason_fr(DocumentError(message)) != "le fichier n'a pas pu être lu", message
