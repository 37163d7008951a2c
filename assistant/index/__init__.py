"""Embed chunks and persist FAISS + BM25 with a manifest (second stage)."""
