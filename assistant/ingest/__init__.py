"""Load, clean and chunk documents (the first stage; imports nothing above it)."""

# Bump when cleaning, section parsing or chunking changes what an ingest produces:
# the manifest records it, so an index built by older code is rebuilt.
PIPELINE_VERSION = 22
