"""Writing the PostgreSQL search index: each question/answer pair becomes a row of
`search_pairs` whose `tsvector` columns PostgreSQL computes from text prepared here, plus the
name values and words behind filters and "did you mean".

Text is prepared as the Whoosh analyzer reads it: grouped numbers normalised, and the compound
parts of its words (from the project's own decompounder, analysis.py) added, which PostgreSQL's
parser cannot find itself. Rows are written in the transaction that stores the document (see
`PostgresBackend.session_writer`), so a committed indexing run is seen by every worker at once."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

from indexer.search import postgres_frequencies as frequencies
from indexer.search import spelling
from indexer.search.analysis import TOKEN_PATTERN, compound_terms, exact_analyzer, normalise_number
from indexer.search.backend import IndexEntry
from indexer.search.filters import NAME_FIELDS, value_key
from indexer.search.postgres_schema import DUTCH, EXACT, TABLE
from indexer.search.query import fold

MAX_INDEXED = 400_000  # characters of one field fed to to_tsvector (its limit is 1 MB of lexemes)
LIST_FIELDS = ("askers", "parties", "addressees", "answerers", "ministries", "laws", "kamerstukken")
_TOKEN = re.compile(TOKEN_PATTERN)


# --- text --------------------------------------------------------------------------------
def index_text(value: str) -> str:
    """Text as the Dutch configuration should read it: grouped numbers without separators
    ("7.803" → "7803"), and after it the compound parts of its words ("inburgeringsexamen" →
    "inburgering examen"), which PostgreSQL's parser cannot find itself."""
    value = value[:MAX_INDEXED]
    parts: dict[str, None] = {}

    def token(m: re.Match) -> str:
        word = m.group(0)
        if word[:1].isdigit():
            return normalise_number(word)
        for part in compound_terms(fold(word)):
            parts[part] = None
        return word

    normalised = _TOKEN.sub(token, value)
    return f"{normalised}\n{' '.join(parts)}" if parts else normalised


def exact_text(value: str) -> str:
    return _TOKEN.sub(lambda m: normalise_number(m.group(0)), value[:MAX_INDEXED])


def _words(value: str) -> set[str]:
    """Folded words of a text that "did you mean" may suggest."""
    return {
        w
        for w in (t.text for t in exact_analyzer()(value[:MAX_INDEXED]))
        if spelling.MIN_LENGTH <= len(w) <= spelling.MAX_LENGTH and w.isalpha()
    }


# --- writing ---------------------------------------------------------------------------------
_INSERT = text(
    f"""INSERT INTO {TABLE} (document_id, ordinal, pair_id, source, question_numbers, kind, date,
      year, vergaderjaar, subject, question, answer, askers, parties, addressees, answerers,
      ministries, laws, kamerstukken, has_figure, has_commitment, terms, exact)
    VALUES (:document_id, :ordinal, :pair_id, :source, :question_numbers, :kind, :date, :year,
      :vergaderjaar, :subject, :question, :answer, :askers, :parties, :addressees, :answerers,
      :ministries, :laws, :kamerstukken, :has_figure, :has_commitment,
      setweight(to_tsvector('{DUTCH}', :subject_ix), 'A')
        || setweight(to_tsvector('{DUTCH}', :question_ix), 'B')
        || setweight(to_tsvector('{DUTCH}', :answer_ix), 'C')
        || setweight(to_tsvector('{DUTCH}', :people), 'D'),
      to_tsvector('{EXACT}', :exact_ix))"""
)


def _row(entry: IndexEntry, ordinal: int) -> dict:
    d = entry.model_dump()
    row = {name: d[name] for name in ("document_id", "pair_id", "source", "question_numbers", "kind")}
    row |= {name: [v for v in d[name] if v and v.strip()] for name in LIST_FIELDS}
    row |= {
        "ordinal": ordinal,
        "date": entry.date,
        "year": str(entry.date.year) if entry.date else None,
        "vergaderjaar": entry.vergaderjaar,
        "subject": entry.subject,
        "question": entry.question,
        "answer": entry.answer,
        "has_figure": entry.has_figure,
        "has_commitment": entry.has_commitment,
        "subject_ix": index_text(entry.subject),
        "question_ix": index_text(entry.question),
        "answer_ix": index_text(entry.answer),
        "people": "\n".join(dict.fromkeys([*entry.askers, *entry.answerers])),
        "exact_ix": exact_text(f"{entry.subject}\n{entry.question}\n{entry.answer}"),
    }
    return row


class Writer:
    """Index writes on one connection, inside its caller's transaction. Incremental writers
    keep the document frequencies up to date as they go; a full build counts them once."""

    def __init__(self, conn: Connection, count: bool = True) -> None:
        self.conn = conn
        self.count = count

    def replace_document(self, document_id: str, entries: list[IndexEntry]) -> None:
        self.delete_document(document_id)
        self.add_documents(entries)

    def delete_document(self, document_id: str) -> None:
        if self.count:
            frequencies.record(self.conn, [document_id], -1)
        self.conn.execute(text(f"DELETE FROM {TABLE} WHERE document_id = :d"), {"d": document_id})

    def add_documents(self, entries: list[IndexEntry]) -> None:
        if not entries:
            return
        counters: dict[str, int] = {}
        rows = []
        for entry in entries:
            ordinal = counters.get(entry.document_id, 0)
            counters[entry.document_id] = ordinal + 1
            rows.append(_row(entry, ordinal))
        self.conn.execute(_INSERT, rows)
        if self.count:
            frequencies.record(self.conn, list(counters), 1)
            frequencies.fold(self.conn, list(counters))
        values = sorted(
            {(f, v, value_key(f, v)) for row in rows for f in NAME_FIELDS for v in row[f]}
        )  # sorted: concurrent writers take the same locks in the same order
        if values:
            self.conn.execute(
                text(
                    "INSERT INTO search_values (field, value, key) "
                    "SELECT * FROM unnest(CAST(:f AS text[]), CAST(:v AS text[]), CAST(:k AS text[])) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"f": [x[0] for x in values], "v": [x[1] for x in values], "k": [x[2] for x in values]},
            )
        words = sorted(set().union(*(_words(f"{e.subject}\n{e.question}\n{e.answer}") for e in entries)))
        if words:
            self.conn.execute(
                text(
                    "INSERT INTO search_words (word) SELECT unnest(CAST(:w AS text[])) ON CONFLICT DO NOTHING"
                ),
                {"w": words},
            )


class Build:
    """A complete new index in one transaction: every old row is deleted and the new ones
    written, and readers see the old index until `publish` commits (PostgreSQL's MVCC)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.transaction = conn.begin()
        conn.execute(text(f"DELETE FROM {TABLE}"))
        self.writer = Writer(conn, count=False)
        self.published = False

    def commit(self) -> None:
        """Nothing to write aside: the rows are in the open transaction."""

    def publish(self) -> None:
        frequencies.recount(self.conn)
        self.transaction.commit()
        self.published = True
