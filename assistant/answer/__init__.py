"""Compose cited answers from retrieved passages (fourth stage)."""
