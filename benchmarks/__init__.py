"""Benchmarks for dareic-assistant: ``python -m benchmarks`` runs them all.

Modules:
- ``common``      paths, timing, percentiles, child-process peak RSS, eval-set loading, hit matching
- ``synthetic``   scaled synthetic indexes built from perturbed real chunks and vectors
- ``ingest``      cold / incremental ingest and cold start of ``dareic search`` / ``dareic ask``
- ``latency``     warm in-process latency and retrieval quality (hit@1, hit@5, MRR)
- ``baseline``    the plain llama-index default pipeline over the same corpus and questions
- ``scale``       ×100 and ×1,000 synthetic corpora: build time, search latency, HNSW recall@10
- ``concurrency`` N concurrent Chainlit chat sessions over socket.io (also used by a test)
- ``report``      Markdown table and PNG plot in ``bench-output/``

Everything runs offline (``HF_HUB_OFFLINE=1``) and only ever talks to loopback.
"""
