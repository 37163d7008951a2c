"""Add a document to the corpus from the chat.

Order matters: the file is checked (extension, size, readable text) on a
staged copy *before* anything changes; it then lands in the uploads folder
(``Settings.uploads()``, ingested with the bundled corpus, which is never
written) with one atomic rename and is ingested incrementally. If indexing
fails, the folder is put back as it was. Messages are French: they are shown
to the user as they are.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.errors import DareicError, DocumentError
from assistant.index.store import file_sha256

ALLOWED_EXTENSIONS = (".pdf", ".docx", ".txt", ".md", ".html", ".htm")
FORMATS_FR = "PDF, DOCX, HTML, TXT ou MD"

# Browser MIME types for the file picker (Chainlit's spontaneous upload ``accept``).
ACCEPT = {
    "application/pdf": [".pdf"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
    "text/plain": [".txt", ".md"],
    "text/markdown": [".md"],
    "text/x-markdown": [".md"],
    "text/html": [".html", ".htm"],
    "application/octet-stream": [".md", ".txt", ".docx", ".pdf", ".html"],
}

# One ingest at a time in this process (startup ingest, uploads).
INGEST_LOCK = threading.Lock()


def _ingest(assistant, warn):
    return assistant.ingest(progress=False, warn=warn)


class UploadError(DareicError):
    """A document was refused; ``str(err)`` is the French message for the user."""


@dataclass
class UploadResult:
    name: str
    title: str = ""
    replaced: bool = False
    unchanged: bool = False
    chunks: int = 0
    summary: str = ""
    warnings: list[str] = field(default_factory=list)

    def message_fr(self) -> str:
        if self.unchanged:
            return f"« {self.name} » est déjà dans le corpus, à l'identique : rien à faire."
        verb = "remplacé et réindexé" if self.replaced else "ajouté au corpus et indexé"
        shown = f"« {self.title} » ({self.name})" if self.title and self.title != self.name else f"« {self.name} »"
        return (f"{shown} {verb} ({self.chunks} passage{'s' if self.chunks != 1 else ''}). "
                "Vos prochaines questions peuvent s'appuyer sur ce document.")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def safe_filename(name: str) -> str:
    """A plain file name: no folders, no control or shell-special characters, no leading dot."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if ch.isprintable())
    base = re.sub(r"[^\w .,()+'-]", "_", base)  # \w keeps accented letters
    base = re.sub(r"\s+", " ", base).strip(" .")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = stem[:120].strip() or "document"
    return f"{stem}.{ext.lower()}" if ext else stem


_REASONS_FR = [
    ("encrypted PDF", "le PDF est protégé par un mot de passe ; fournissez une copie non chiffrée"),
    ("not a readable PDF", "ce n'est pas un PDF lisible (fichier corrompu ?)"),
    ("PDF text could not be extracted", "le texte du PDF n'a pas pu être extrait"),
    ("not a valid DOCX", "ce n'est pas un fichier DOCX valide (fichier corrompu ?)"),
    ("DOCX could not be read", "le fichier DOCX n'a pas pu être lu"),
    ("binary content", "le fichier contient des données binaires, pas du texte"),
    ("not valid UTF-8", "le texte n'est pas encodé en UTF-8 ; réenregistrez-le en UTF-8"),
    ("empty file", "le fichier est vide"),
    ("no extractable text", "aucun texte n'a pu être extrait (document scanné ou vide ?)"),
    ("unsupported file type", f"type de fichier non pris en charge ({FORMATS_FR} uniquement)"),
    ("expands to", "le fichier DOCX se décompresse en un volume démesuré (bombe de décompression ?)"),
    ("package holds", "le fichier DOCX contient un nombre anormal de fichiers"),
    ("exceeds what", "le texte du fichier DOCX dépasse la taille maximale d'un document"),
    ("characters of text", "le document dépasse la taille maximale de texte d'un document"),
    ("file too large", "le fichier dépasse la taille maximale d'un document"),
    ("took longer than", "la lecture du document a pris trop de temps"),
    ("of memory", "la lecture du document demande trop de mémoire"),
    ("reader crashed", "la lecture du document a échoué"),
    ("HTML could not be parsed", "la page HTML n'a pas pu être lue"),
]


def reason_fr(exc: DocumentError) -> str:
    msg = str(exc)
    for key, fr in _REASONS_FR:
        if key in msg:
            return fr
    return "le fichier n'a pas pu être lu"


def validate_upload(src: Path, original_name: str, settings: Settings, staging_dir: Path) -> tuple[Path, int]:
    """Check a received file; return (staged copy named like the document, number of chunks).

    Raises UploadError with a French message. Touches nothing but ``staging_dir``.
    """
    name = safe_filename(original_name)
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        shown = ext or "sans extension"
        raise UploadError(f"« {name} » : type de fichier non pris en charge ({shown}). "
                          f"Formats acceptés : {FORMATS_FR}. Le corpus n'a pas été modifié.")
    try:
        size = Path(src).stat().st_size
    except OSError as exc:
        raise UploadError(f"« {name} » : le fichier reçu est introuvable ({exc.strerror}).") from exc
    limit = settings.max_upload_mb * 1024 * 1024
    if size > limit:
        raise UploadError(f"« {name} » est trop volumineux ({_mb(size)} Mo ; maximum {settings.max_upload_mb} Mo). "
                          "Le corpus n'a pas été modifié.")
    if size == 0:
        raise UploadError(f"« {name} » est vide. Le corpus n'a pas été modifié.")
    staging_dir.mkdir(parents=True, exist_ok=True)
    staged = staging_dir / name
    shutil.copyfile(src, staged)

    from assistant.ingest.isolate import load_isolated
    from assistant.ingest.pipeline import process

    from assistant.ingest.formats.common import Limits

    try:
        document = load_isolated(staged, Limits.from_settings(settings))
    except DocumentError as exc:
        raise UploadError(f"« {name} » n'a pas pu être lu : {reason_fr(exc)}. Le corpus n'a pas été modifié.") from exc
    doc = process(document, settings.chunk_size, settings.chunk_min)
    if not doc.chunks:
        raise UploadError(f"« {name} » ne contient pas de texte exploitable après nettoyage. "
                          "Le corpus n'a pas été modifié.")
    return staged, len(doc.chunks)


def _atomic_copy(src: Path, target: Path) -> None:
    """Copy next to the target under a hidden name (ingest ignores it), then rename over it."""
    part = target.with_name(f".{target.name}.part")
    try:
        with open(src, "rb") as fin, open(part, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def bundled_clash(name: str, settings: Settings) -> str | None:
    """A French refusal when ``name`` is already a file of the bundled corpus (uploads
    never replace it: the ingest would keep the bundled one and ignore the upload)."""
    if (Path(settings.corpus_dir) / name).exists():
        return (f"« {name} » porte le nom d'un document fourni avec l'assistant : renommez le fichier "
                "puis ajoutez-le de nouveau. Le corpus n'a pas été modifié.")
    return None


def add_document(assistant, src: Path, original_name: str) -> UploadResult:
    """Validate, save into the uploads folder and ingest; on failure nothing is left changed.

    ``assistant`` is an ``assistant.app.Assistant``; its settings give the folders
    and the size limit. Blocking: run it in a worker thread from async code.
    """
    settings: Settings = assistant.settings
    staging_root = Path(settings.data_dir) / "uploads"
    staging_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging_root) as tmp:
        staged, n_chunks = validate_upload(Path(src), original_name, settings, Path(tmp))
        name = staged.name
        clash = bundled_clash(name, settings)
        if clash:
            raise UploadError(clash)
        folder = settings.uploads()
        target = folder / name
        with INGEST_LOCK:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UploadError(f"Le dossier des documents ajoutés {folder} n'a pas pu être créé "
                                  f"({exc.strerror}) : « {name} » n'a pas été ajouté.") from exc
            replaced = target.exists()
            if replaced and file_sha256(target) == file_sha256(staged):
                return UploadResult(name, replaced=True, unchanged=True, chunks=n_chunks)
            backup = None
            if replaced:
                backup = Path(tmp) / f"previous-{name}"
                shutil.copy2(target, backup)
            _atomic_copy(staged, target)
            warnings: list[str] = []
            try:
                report = _ingest(assistant, warnings.append)
                # Instruction-like lines are reported, not a failure: the document is indexed whole.
                bad = [w for w in report.warnings if w.startswith(f"{name}:") and "possible prompt injection" not in w]
                if bad:
                    raise UploadError(f"« {name} » n'a pas pu être indexé ({bad[0]}). Le corpus n'a pas été modifié.")
            except Exception as exc:
                if backup is not None:
                    _atomic_copy(backup, target)
                else:
                    target.unlink(missing_ok=True)
                try:  # bring the index back in line with the restored corpus
                    _ingest(assistant, lambda _m: None)
                except Exception:
                    pass
                if isinstance(exc, UploadError):
                    raise
                detail = exc.one_line() if isinstance(exc, DareicError) else type(exc).__name__
                raise UploadError(f"L'indexation de « {name} » a échoué ({detail}). "
                                  "Le corpus n'a pas été modifié.") from exc
        try:
            title = assistant.index.title(name)
        except Exception:  # the message can do without it
            title = ""
        return UploadResult(name, title=title, replaced=replaced, chunks=n_chunks, summary=report.summary(),
                            warnings=[w for w in report.warnings if not w.startswith(f"{name}:")])
