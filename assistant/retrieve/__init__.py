"""Hybrid retrieval over a loaded index (third stage)."""
