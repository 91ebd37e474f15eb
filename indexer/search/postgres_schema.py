"""The PostgreSQL search backend's tables (made by the store's migrations, revision 0002 and
later): the text search configurations, `search_pairs` with its weighted `tsvector` columns and
GIN indexes, and the value and word tables behind name filters and "did you mean".

Analysis: the built-in Dutch Snowball configuration with `unaccent` (`kamervragen_dutch`);
phrases and prefixes run on an unstemmed, accent-folded column (`kamervragen_exact`). Weights
in `terms`: subject A, question B, answer C, names D."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DUTCH = "kamervragen_dutch"
EXACT = "kamervragen_exact"
TABLE = "search_pairs"
# a pair's document bucket, 0-1023, the same for every pair of a document: facets over a very
# large match set are counted in the buckets below a bound (a fixed sample of documents), found
# through the index migration 0007 makes on this expression
BUCKET = "(hashtext(document_id) & 1023)"
BUCKETS = 1024
_LOCK_ID = 72217104  # advisory lock serialising the search schema's creation


SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{DUTCH}'
                     AND cfgnamespace = current_schema()::regnamespace) THEN
        CREATE TEXT SEARCH CONFIGURATION {DUTCH} (COPY = pg_catalog.dutch);
        ALTER TEXT SEARCH CONFIGURATION {DUTCH}
          ALTER MAPPING FOR word, hword, hword_part WITH unaccent, dutch_stem;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{EXACT}'
                     AND cfgnamespace = current_schema()::regnamespace) THEN
        CREATE TEXT SEARCH CONFIGURATION {EXACT} (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION {EXACT}
          ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
      END IF;
    END $$""",
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
      document_id text NOT NULL,
      ordinal integer NOT NULL,
      pair_id text NOT NULL,
      source text NOT NULL DEFAULT '',
      question_numbers integer[] NOT NULL DEFAULT '{{}}',
      kind text NOT NULL DEFAULT '',
      date date,
      year text,
      vergaderjaar text,
      subject text NOT NULL DEFAULT '',
      question text NOT NULL DEFAULT '',
      answer text NOT NULL DEFAULT '',
      askers text[] NOT NULL DEFAULT '{{}}',
      parties text[] NOT NULL DEFAULT '{{}}',
      addressees text[] NOT NULL DEFAULT '{{}}',
      answerers text[] NOT NULL DEFAULT '{{}}',
      ministries text[] NOT NULL DEFAULT '{{}}',
      laws text[] NOT NULL DEFAULT '{{}}',
      kamerstukken text[] NOT NULL DEFAULT '{{}}',
      has_figure boolean NOT NULL DEFAULT false,
      has_commitment boolean NOT NULL DEFAULT false,
      terms tsvector NOT NULL,
      exact tsvector NOT NULL,
      PRIMARY KEY (document_id, ordinal)
    )""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_terms ON {TABLE} USING gin (terms)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_exact ON {TABLE} USING gin (exact)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_pair ON {TABLE} (pair_id)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_date ON {TABLE} (date)",
    *(
        f"CREATE INDEX IF NOT EXISTS {TABLE}_{name} ON {TABLE} USING gin ({name})"
        for name in ("askers", "parties", "answerers", "ministries", "laws", "kamerstukken")
    ),
    # the values of the name fields, with the key filters compare them in (folded, party key)
    """CREATE TABLE IF NOT EXISTS search_values (
      field text NOT NULL, value text NOT NULL, key text NOT NULL, PRIMARY KEY (field, value)
    )""",
    # the words of the text, for "did you mean" (trigram-indexed)
    "CREATE TABLE IF NOT EXISTS search_words (word text PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS search_words_trgm ON search_words USING gin (word gin_trgm_ops)",
]
SEARCH_TABLES = (TABLE, "search_values", "search_words")


def create_search_schema(conn: Connection) -> None:
    """The text search configurations, tables and indexes (idempotent; PostgreSQL only). The
    extensions are trusted in PostgreSQL 13+, so a database owner may create them."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    for statement in SCHEMA:
        conn.execute(text(statement))
