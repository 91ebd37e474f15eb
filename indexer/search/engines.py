"""Which search backend serves a knowledge base: `--search whoosh|postgres|tantivy`
(KAMERVRAGEN_SEARCH), by default PostgreSQL's own full-text search when the store is PostgreSQL
(one shared engine for every worker and machine) and the embedded Whoosh index in the data
folder otherwise. tantivy is the embedded candidate of issue 14 (an index in `<data>/tantivy/`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import Engine

from indexer.search.backend import SearchBackend

SearchKind = Literal["whoosh", "postgres", "tantivy"]
SEARCH_KINDS: tuple[str, ...] = ("whoosh", "postgres", "tantivy")


def default_search(engine: Engine) -> SearchKind:
    return "postgres" if engine.dialect.name == "postgresql" else "whoosh"


def open_backend(engine: Engine, data_dir: Path, search: str | None = None) -> SearchBackend:
    """The backend for this store; a wrong choice is a ValueError the CLI reports."""
    kind = search or os.environ.get("KAMERVRAGEN_SEARCH") or default_search(engine)
    if kind == "whoosh":
        from indexer.search.whoosh_backend import WhooshBackend

        return WhooshBackend(Path(data_dir) / "index")
    if kind == "postgres":
        if engine.dialect.name != "postgresql":
            raise ValueError("--search postgres needs a PostgreSQL store (--db postgresql://…)")
        from indexer.search.postgres_backend import PostgresBackend

        return PostgresBackend(engine)
    if kind == "tantivy":
        from indexer.search.tantivy_backend import TantivyBackend

        return TantivyBackend(Path(data_dir) / "tantivy")
    raise ValueError(f"unknown search backend {kind!r}: choose {', '.join(SEARCH_KINDS)}")
