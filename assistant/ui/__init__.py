"""Chainlit chat interface (``dareic ui``).

The modules here import Chainlit lazily: ``server.run_ui`` prepares the app
folder and environment first, because Chainlit reads its configuration at
import time.

- ``app``: the Chainlit handlers (chat, starters, auth, data layer).
- ``server``: app folder (config.toml, translations, public assets), auth
  secret, offline index.html, and ``run_ui``.
- ``auth``: local header login and password login from a users file.
- ``feedback``: SQLite schema for Chainlit's SQLAlchemy data layer, export of
  rated exchanges as candidate eval items.
- ``upload``: validation, atomic save into the corpus, incremental ingest.
"""
