"""Regression evaluation (a surface: it runs items through the same path as the chat)."""
