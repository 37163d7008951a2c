"""Placeholder, replaced below."""
def extract_registry(texts):
    return []
