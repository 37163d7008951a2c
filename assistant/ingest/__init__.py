"""Load, clean and chunk documents (the first stage; imports nothing above it)."""
