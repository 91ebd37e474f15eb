"""Search inside the PostgreSQL store: one table row per question/answer pair with weighted
`tsvector` columns and GIN indexes, shared by every server process and machine.

Analysis: the built-in Dutch Snowball configuration with `unaccent` (`kamervragen_dutch`), fed
text whose grouped numbers are normalised and to which the compound parts of its words are
added with the project's own decompounder (analysis.py), as the Whoosh analyzer does; phrases
and prefixes run on an unstemmed, accent-folded column (`kamervragen_exact`). Weights: subject
A, question B, answer C, names D.

Ranking: for every query word, its inverse document frequency times `ts_rank_cd` of the pair
(saturated), summed: pairs holding more of the rarer words come first,
as with BM25 in the Whoosh backend. Facets are counted with GROUP BY over the whole filtered
set before paging; snippets are made by the project's snippet code from the stored text.

Index rows are written in the transaction that stores the document (see `session_writer`), so
a committed indexing run is seen by every worker at once, without a restart."""

from __future__ import annotations

import html
import itertools
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from indexer.search import postgres_frequencies as frequencies
from indexer.search import spelling
from indexer.search.analysis import (
    TOKEN_PATTERN,
    compound_terms,
    exact_analyzer,
    normalise_number,
    split_compound,
    stem,
)
from indexer.search.backend import FACETS, Hit, IndexEntry, SearchRequest, SearchResponse
from indexer.search.filters import NAME_FIELDS, facet_labels, matching_values, value_key
from indexer.search.query import ParsedQuery, fold, parse_query
from indexer.search.snippets import query_stems as _query_stems
from indexer.search.snippets import snippet

DUTCH = "kamervragen_dutch"
EXACT = "kamervragen_exact"
TABLE = "search_pairs"
# ts_rank weights {D, C, B, A}: names, answer, question, subject (the Whoosh boosts 0.8:1:1.5:2)
WEIGHTS = "{0.4,0.5,0.75,1.0}"
SIMILAR_WEIGHTS = "{0.01,0.667,1.0,0.8}"  # similar questions: question 1.5, subject 1.2, answer 1
# rank / (rank + 1): a word's weight saturates as BM25's does. Dividing by the length as well
# (flags 1, 2) sank short pairs that answer exactly the question asked (dev pair MRR 0.92/0.69
# against 1.0 without it)
NORMALISATION = 32
COMPOUND_BOOST = 0.8
MAX_INDEXED = 400_000  # characters of one field fed to to_tsvector (its limit is 1 MB of lexemes)
MAX_SUGGESTED = 6
SIMILAR_CANDIDATE_SHARE = 0.1
SIMILAR_CANDIDATES = 1000  # pairs ranked for similar questions: ~50 ms of ts_rank_cd
STATS_SECONDS = 60.0  # document frequencies are cached this long per process
RANK_CAP = 2000  # pairs of an OR query ranked for its first pages (see _first_tier)
MAX_UNION = 3  # words of an OR query whose matches are counted by inclusion and exclusion
COUNT_CAP = 1000  # matches counted of a phrase, prefix or compound; more are estimated
_QUOTED = re.compile(r"'((?:[^']|'')*)'")
LIST_FIELDS = ("askers", "parties", "addressees", "answerers", "ministries", "laws", "kamerstukken")
_TOKEN = re.compile(TOKEN_PATTERN)
HIT_COLUMNS = ", ".join(
    f"p.{c}"
    for c in (
        "pair_id",
        "document_id",
        "source",
        "question_numbers",
        "kind",
        "date",
        "subject",
        "question",
        "answer",
        "askers",
        "parties",
        "answerers",
        "ministries",
    )
)
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


# --- analysis --------------------------------------------------------------------------------
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


def _lexeme_query(lexeme: str) -> str:
    """A tsquery literal for one lexeme as PostgreSQL wrote it."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


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


class _Writer:
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


class _Build:
    """A complete new index in one transaction: every old row is deleted and the new ones
    written, and readers see the old index until `publish` commits (PostgreSQL's MVCC)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.transaction = conn.begin()
        conn.execute(text(f"DELETE FROM {TABLE}"))
        self.writer = _Writer(conn, count=False)
        self.published = False

    def commit(self) -> None:
        """Nothing to write aside: the rows are in the open transaction."""

    def publish(self) -> None:
        frequencies.recount(self.conn)
        self.transaction.commit()
        self.published = True


# --- the query -------------------------------------------------------------------------------
class _Clause:
    """One positive or negative unit of the query: its tsquery (as PostgreSQL printed it), the
    column it runs on, and its weight in the score."""

    def __init__(self, column: str, tsquery: str, negated: bool, op: str) -> None:
        self.column, self.tsquery, self.negated, self.op = column, tsquery, negated, op
        self.idf = 1.0
        self.df = 0  # pairs it matches (estimated past COUNT_CAP)


@dataclass
class _Plan:
    """A query in SQL: its WHERE condition, score expression and parameters, and when its match
    set is large, the condition of the first tier (the pairs holding its rarest groups): only
    that tier is ranked for the first pages."""

    where: str
    score: str
    params: dict
    first: str | None = None
    unfiltered: list[_Clause] | None = None  # the clauses, when no filter narrows them


class PostgresBackend:
    """SearchBackend on full-text search tables in the PostgreSQL store."""

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("the PostgreSQL search backend needs a PostgreSQL store")
        self.engine = engine  # its tables are made by the store's migrations (revision 0002)
        self._stats: dict[str, tuple[float, int]] = {}
        self._stats_lock = threading.Lock()

    # --- writing ----------------------------------------------------------------------------
    def session_writer(self, session: Session) -> _Writer:
        return _Writer(session.connection())

    @contextmanager
    def writer(self) -> Iterator[_Writer]:
        with self.engine.begin() as conn:
            yield _Writer(conn)

    @contextmanager
    def new_build(self) -> Iterator[_Build]:
        with self.engine.connect() as conn:
            build = _Build(conn)
            try:
                yield build
            finally:
                if not build.published:
                    build.transaction.rollback()

    def warm(self) -> None:
        """Do now what the first search would do: load the compound-word lexicon and the
        stemmer, open a pooled connection. A server calls it before it accepts requests: else
        every request thread of a new worker loaded the lexicon at once, for seconds."""
        split_compound("inburgeringsexamen")
        self.search(SearchRequest(query="kamervragen zoekmachine"))

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for the statements of one search, in one transaction (one snapshot),
        without JIT compilation: ranking thousands of pairs can cost past jit_above_cost, and
        compiling its expressions (tens of milliseconds) would outlast such a short statement."""
        with self.engine.connect() as conn:
            conn.execute(text("SET LOCAL jit = off"))
            yield conn

    def document_ids(self) -> Iterator[str]:
        with self.engine.connect() as conn:
            yield from conn.execute(text(f"SELECT DISTINCT document_id FROM {TABLE}")).scalars()

    # --- statistics -------------------------------------------------------------------------
    def _frequencies(self, conn: Connection, column: str, queries: list[str]) -> tuple[int, list[int]]:
        """(pairs in the index, pairs matching each tsquery), cached a minute per process. A
        plain lexeme of `terms` is looked up in the frequency table; anything else (phrases,
        prefixes, compounds) is counted up to COUNT_CAP matches, and past that estimated by its
        most frequent lexeme (its weight then hardly differs: it is a common word)."""
        now = time.monotonic()
        keys = ["", *(f"{column}|{q}" for q in queries)]
        cached: dict[str, int] = {}
        with self._stats_lock:
            for k in keys:
                hit = self._stats.get(k)
                if hit is not None and now - hit[0] < STATS_SECONDS:
                    cached[k] = hit[1]
        missing = [k for k in dict.fromkeys(keys) if k not in cached]
        if missing:
            found = self._count(conn, missing)
            with self._stats_lock:
                if len(self._stats) > 50_000:
                    self._stats.clear()
                for k, n in found.items():
                    self._stats[k] = (now, n)
            cached |= found
        return cached[""], [cached[k] for k in keys[1:]]

    @staticmethod
    def _count(conn: Connection, keys: list[str]) -> dict[str, int]:
        """The counts behind `_frequencies` for keys "column|tsquery" ("" = all pairs)."""
        plain = {k: frequencies.lexeme(k.split("|", 1)[1]) for k in keys if k.startswith("terms|")}
        plain = {k: lex for k, lex in plain.items() if lex is not None}
        total, counts = frequencies.frequencies(conn, list(plain.values()))
        found = {"": total} | {k: counts[lex] for k, lex in plain.items()}
        rest = [k for k in keys if k and k not in plain]
        if rest:
            parts = [
                f"(SELECT count(*) FROM (SELECT FROM {TABLE} WHERE {k.split('|', 1)[0]} "
                f"@@ CAST(:q{i} AS tsquery) LIMIT {COUNT_CAP}) c)"
                for i, k in enumerate(rest)
            ]
            params = {f"q{i}": k.split("|", 1)[1] for i, k in enumerate(rest)}
            counted = conn.execute(text("SELECT " + ", ".join(parts)), params).one()
            for k, n in zip(rest, counted, strict=True):
                found[k] = int(n)
            capped = {k: _QUOTED.findall(k.split("|", 1)[1]) for k in rest if found[k] >= COUNT_CAP}
            if capped:
                lexemes = sorted({lex.replace("''", "'") for words in capped.values() for lex in words})
                _, counts = frequencies.frequencies(conn, lexemes)
                for k, words in capped.items():
                    found[k] = max([COUNT_CAP, *(counts[w.replace("''", "'")] for w in words)])
        return found

    @staticmethod
    def _idf(total: int, df: int) -> float:
        import math

        return math.log1p((max(total, 1) - df + 0.5) / (df + 0.5))

    # --- parsing the query into SQL ---------------------------------------------------------
    def _clauses(self, conn: Connection, parsed: ParsedQuery) -> list[_Clause]:
        """Each clause as a tsquery made by PostgreSQL from bound values (so nothing a user
        types is ever SQL); clauses without a searchable word (stop words) are left out."""
        exprs: list[str] = []
        params: dict[str, str] = {}
        columns: list[str] = []
        for i, clause in enumerate(parsed.clauses):
            if clause.kind == "phrase":
                exprs.append(f"phraseto_tsquery('{EXACT}', :c{i})")
                params[f"c{i}"] = exact_text(clause.text)
                columns.append("exact")
            elif clause.kind == "prefix":
                folded = next(iter(t.text for t in exact_analyzer()(clause.text)), "")
                word = re.sub(r"[\W_]+", "", folded)
                exprs.append(f"to_tsquery('{EXACT}', :c{i})" if word else "''::tsquery")
                params[f"c{i}"] = f"{word}:*"
                columns.append("exact")
            else:
                word = exact_text(clause.text)
                expr = f"plainto_tsquery('{DUTCH}', :c{i})"
                params[f"c{i}"] = word
                parts = compound_terms(fold(clause.text).lower())[:2]
                if parts:
                    alt = " && ".join(f"plainto_tsquery('{DUTCH}', :c{i}p{j})" for j in range(len(parts)))
                    params |= {f"c{i}p{j}": p for j, p in enumerate(parts)}
                    expr = f"({expr} || ({alt}))"
                exprs.append(expr)
                columns.append("terms")
        if not exprs:
            return []
        printed = conn.execute(text("SELECT " + ", ".join(f"CAST({e} AS text)" for e in exprs)), params).one()
        out = []
        for i, (clause, column, tsquery) in enumerate(zip(parsed.clauses, columns, printed, strict=True)):
            if tsquery:
                op = parsed.operators[i - 1] if 0 < i <= len(parsed.operators) else ""
                out.append(_Clause(column, tsquery, clause.negated, op))
        return out

    @staticmethod
    def _groups(clauses: list[_Clause]) -> list[list[_Clause]]:
        """The positive clauses grouped as the Whoosh backend groups them: words joined by AND
        must all match, any group may match (all words in one group when every operator is AND)."""
        positives = [c for c in clauses if not c.negated]
        if not positives:
            return []
        ops = [c.op for c in positives[1:]]
        if any(op == "and" for op in ops) and all(op == "and" for op in ops):
            return [positives]
        groups: list[list[_Clause]] = [[positives[0]]]
        for c in positives[1:]:
            if c.op == "and":
                groups[-1].append(c)
            else:
                groups.append([c])
        return groups

    @staticmethod
    def _condition(groups: list[list[_Clause]], params: dict) -> str:
        def cond(c: _Clause) -> str:
            key = f"t{len(params)}"
            params[key] = c.tsquery
            return f"{c.column} @@ CAST(:{key} AS tsquery)"

        return "(" + " OR ".join("(" + " AND ".join(cond(c) for c in g) + ")" for g in groups) + ")"

    def _match(self, clauses: list[_Clause], params: dict) -> str:
        """The boolean condition of the query: any group matches, no negated clause does."""
        groups = self._groups(clauses)
        base = self._condition(groups, params) if groups else "(TRUE)"
        negatives = [[c] for c in clauses if c.negated]
        if negatives:
            base = f"({base} AND NOT {self._condition(negatives, params)})"
        return base

    def _first_tier(self, clauses: list[_Clause], params: dict) -> str | None:
        """When the query matches more than RANK_CAP pairs, the condition of the pairs ranked
        first: of an OR query, its rarest groups holding at most RANK_CAP pairs together (at
        least one group; their words weigh most); and when that is still more, those holding a
        word in their head (subject or question, which weigh most in a pair). Ranking every
        match of a common word (ten thousand at 100,000 documents) is what made such queries
        slow. None: rank all."""
        groups = sorted(self._groups(clauses), key=lambda g: min(c.df for c in g))
        sizes = [min(c.df for c in g) for g in groups]
        if sum(sizes) <= RANK_CAP:
            return None
        chosen = [groups[0]]
        for group, size in zip(groups[1:], sizes[1:], strict=True):
            if sum(sizes[: len(chosen)]) + size > RANK_CAP:
                break
            chosen.append(group)
        first = self._condition(chosen, params) if len(chosen) < len(groups) else None
        words = [c.tsquery for g in chosen for c in g if c.column == "terms"]
        if sum(sizes[: len(chosen)]) > RANK_CAP and words:
            key = f"h{len(params)}"
            params[key] = " | ".join(f"({w})" for w in words)
            head = f"head @@ CAST(:{key} AS tsquery)"
            first = f"({first} AND {head})" if first else head
        return first

    @staticmethod
    def _score(clauses: list[_Clause], params: dict) -> str:
        terms = []
        for c in clauses:
            if c.negated:
                continue
            key = f"s{len(params)}"
            params[key] = c.tsquery
            if c.column == "terms":
                terms.append(
                    f"{c.idf:.6f} * ts_rank_cd('{WEIGHTS}', terms, CAST(:{key} AS tsquery), {NORMALISATION})"
                )
            else:  # phrases and prefixes: matched or not, like the Whoosh backend's exact field
                terms.append(f"CASE WHEN exact @@ CAST(:{key} AS tsquery) THEN {c.idf:.6f} ELSE 0 END")
        return " + ".join(terms) if terms else "0"

    def _filters(self, conn: Connection, parsed: ParsedQuery, params: dict) -> str:
        conditions = []
        for negated, filters in ((False, parsed.filters), (True, parsed.negative_filters)):
            for field, values in filters.items():
                cond = self._filter(conn, field, values, params)
                conditions.append(f"NOT coalesce({cond}, false)" if negated else cond)
        if parsed.date_from:
            params["date_from"] = parsed.date_from
            conditions.append("date >= :date_from")
        if parsed.date_to:
            params["date_to"] = parsed.date_to
            conditions.append("date <= :date_to")
        return " AND ".join(conditions) if conditions else "TRUE"

    def _filter(self, conn: Connection, field: str, values: list[str], params: dict) -> str:
        key = f"f{len(params)}"
        if field in {"has_figure", "has_commitment"}:
            params[key] = [v == "ja" for v in values]
            return f"({field} = ANY(:{key}))"
        if field in {"kind", "year"}:
            params[key] = values
            return f"({field} = ANY(:{key}))"
        if field in NAME_FIELDS:
            known = conn.execute(
                text("SELECT value FROM search_values WHERE field = :f"), {"f": field}
            ).scalars()
            values = matching_values(known, field, values)
        params[key] = values  # laws: BWB ids, resolved by the query parser
        return f"({field} && CAST(:{key} AS text[]))"

    def _prepare(self, conn: Connection, parsed: ParsedQuery, tiers: bool = False) -> _Plan:
        """The SQL of a parsed query; with `tiers`, a large OR query ranks its first tier alone."""
        clauses = self._clauses(conn, parsed)
        positives = [c for c in clauses if not c.negated]
        for column in ("terms", "exact"):
            chosen = [c for c in positives if c.column == column]
            if chosen:
                total, counts = self._frequencies(conn, column, [c.tsquery for c in chosen])
                for c, df in zip(chosen, counts, strict=True):
                    c.idf, c.df = self._idf(total, df), df
        if positives:
            # the planner reads a common word's matches by scanning the table, reckoning
            # nothing for unpacking each pair's tsvector: 5x slower than the GIN index
            conn.execute(text("SET LOCAL enable_seqscan = off"))
        params: dict = {}
        filters = self._filters(conn, parsed, params)
        where = self._match(clauses, params) + " AND " + filters
        first = self._first_tier(clauses, params) if tiers else None
        unfiltered = clauses if filters == "TRUE" else None
        return _Plan(where, self._score(clauses, params), params, first, unfiltered)

    @staticmethod
    def _union_size(conn: Connection, clauses: list[_Clause]) -> int | None:
        """How many pairs hold any of up to MAX_UNION words (no filter, nothing negated), by
        inclusion and exclusion: the words' counts from the frequency table (read afresh, not
        from the cache), less the pairs holding two of them (found in the GIN index; few when
        one word is rare), and so on. Counting the matches themselves read every pair holding a
        common word: 0.3-0.6 s for "allen traditioneel" at 100,000 documents. None: count them."""
        words = [frequencies.lexeme(c.tsquery) for c in clauses]
        if (
            not 0 < len(words) <= MAX_UNION
            or any(c.negated or c.column != "terms" or c.op == "and" for c in clauses)
            or None in words
        ):
            return None
        words = list(dict.fromkeys(w for w in words if w is not None))
        _, counts = frequencies.frequencies(conn, words)
        both = [combo for r in range(2, len(words) + 1) for combo in itertools.combinations(words, r)]
        if not both:
            return counts[words[0]]
        count = "(SELECT count(*) FROM {table} WHERE terms @@ CAST(:i{n} AS tsquery))"
        parts = [count.format(table=TABLE, n=n) for n, _ in enumerate(both)]
        shared = conn.execute(
            text("SELECT " + ", ".join(parts)),
            {f"i{n}": " & ".join(_lexeme_query(w) for w in combo) for n, combo in enumerate(both)},
        ).one()
        signed = [(-1) ** (len(combo) + 1) * int(k) for combo, k in zip(both, shared, strict=True)]
        return sum(counts.values()) + sum(signed)

    # --- reading ----------------------------------------------------------------------------
    @staticmethod
    def _order(request: SearchRequest) -> str:
        """Best first (or newest first), ties by document id and position: a total order, so
        consecutive pages and exports hold each pair exactly once."""
        key = "score DESC, document_id, ordinal"
        return f"date DESC NULLS LAST, {key}" if request.sort == "date" else key

    def _page(
        self, conn: Connection, plan: _Plan, request: SearchRequest, limit: int, offset: int = 0
    ) -> tuple[list, int | None]:
        """The rows of one page in result order, and how many results there are in all when it
        was counted on the way (None: count them). A tiered plan lists the first tier, ranked,
        then the rest, ranked: the rest is ranked only for pages that reach it."""
        if plan.first is None:
            return self._ranked(conn, plan.where, plan.score, plan.params, request, limit, offset)
        where = f"{plan.where} AND {plan.first}"
        rows, first = self._ranked(conn, where, plan.score, plan.params, request, limit, offset)
        if first is None:  # the page lies past the first tier: how long is it?
            counted = conn.execute(text(f"SELECT count(*) FROM {TABLE} WHERE {where}"), plan.params)
            first = int(counted.scalar_one())
        if offset + limit > first:
            rest = f"{plan.where} AND NOT {plan.first}"
            rows += self._ranked(
                conn, rest, plan.score, plan.params, request, limit - len(rows), max(0, offset - first)
            )[0]
        return rows, None

    def _ranked(
        self,
        conn: Connection,
        where: str,
        score: str,
        params: dict,
        request: SearchRequest,
        limit: int,
        offset: int = 0,
        source: str = TABLE,
    ) -> tuple[list, int | None]:
        """The rows of one page in result order, and how many results there are in all (pairs,
        or documents when grouped) counted in the same pass; None when the page is past the end.
        `source`: the pairs ranked (a subquery of candidates, or all)."""
        order = self._order(request)
        ranked = f"SELECT document_id, ordinal, date, {score} AS score FROM {source} WHERE {where}"
        if request.group == "document":
            ranked = f"SELECT DISTINCT ON (document_id) * FROM ({ranked}) r ORDER BY document_id, {order}"
        by_key = ", ".join(f"k.{term}" for term in order.split(", "))  # the same order on k
        rows = (
            conn.execute(
                text(
                    f"WITH k AS (SELECT document_id, ordinal, date, score, count(*) OVER () AS total "
                    f"FROM ({ranked}) r ORDER BY {order} LIMIT :limit OFFSET :offset) "
                    f"SELECT {HIT_COLUMNS}, k.score, k.total FROM k "
                    f"JOIN {TABLE} p USING (document_id, ordinal) ORDER BY {by_key}"
                ),
                {**params, "limit": limit, "offset": offset},
            )
            .mappings()
            .all()
        )
        return list(rows), (int(rows[0]["total"]) if rows else None)

    def search(self, request: SearchRequest) -> SearchResponse:
        parsed = parse_query(request.query)
        with self._reading() as conn:
            plan = self._prepare(conn, parsed, tiers=_tiered(request))
            where, params = plan.where, plan.params
            start = (request.page - 1) * request.page_size
            rows, total = self._page(conn, plan, request, request.page_size, start)
            if total is None and plan.unfiltered is not None and request.group == "pair":
                total = self._union_size(conn, plan.unfiltered)
            if total is None:  # not counted with the page: count the results alone
                counted = "count(DISTINCT document_id)" if request.group == "document" else "count(*)"
                total = int(
                    conn.execute(text(f"SELECT {counted} FROM {TABLE} WHERE {where}"), params).scalar_one()
                )
            stems = _query_stems(parsed) if request.highlight and rows else set()
            hits = [_hit(row, stems) for row in rows]
            facets = (
                self._facets(conn, where, params, request.group == "document")
                if request.facets and total
                else {}
            )
            wanted = spelling.suggestion_wanted(total, parsed.words)
            suggestion = self._suggest(conn, parsed) if wanted else None
        return SearchResponse(
            query=request.query,
            total=total,
            page=request.page,
            page_size=request.page_size,
            results=hits,
            facets=facets,
            facet_labels=facet_labels(facets),
            suggestion=suggestion,
        )

    def iter_hits(self, request: SearchRequest, limit: int) -> Iterator[Hit]:
        """Every result in order, read in one statement (one snapshot of the index). The query
        is read at the call, so InvalidQuery is raised before anything is streamed."""
        parsed = parse_query(request.query)
        with self._reading() as conn:
            plan = self._prepare(conn, parsed, tiers=_tiered(request))
            rows, _ = self._page(conn, plan, request, limit)
        stems = _query_stems(parsed) if request.highlight else set()
        return (_hit(row, stems) for row in rows)

    def _facets(self, conn: Connection, where: str, params: dict, documents: bool, top: int = 25) -> dict:
        """Counts of every facet over the whole filtered set (pairs, or documents when grouped)
        in one pass: each pair's facet values unnested once as (facet, value) and grouped
        together (nine GROUP BYs over the set took twice as long); the top values, ties by value."""
        n = "count(DISTINCT document_id)" if documents else "count(*)"
        scalar = {
            "year": "year",
            "kind": "kind",
            "has_figure": "CASE WHEN has_figure THEN 'ja' ELSE 'nee' END",
            "has_commitment": "CASE WHEN has_commitment THEN 'ja' ELSE 'nee' END",
        }
        lists = [f for f in FACETS if f not in scalar]
        names = " || ".join(
            [
                "ARRAY[" + ", ".join(f"'{f}'" for f in FACETS if f in scalar) + "]",
                *(f"array_fill('{f}'::text, ARRAY[cardinality({f})])" for f in lists),
            ]
        )
        values = " || ".join(["ARRAY[" + ", ".join(scalar[f] for f in FACETS if f in scalar) + "]", *lists])
        rows = conn.execute(
            text(
                f"SELECT f, v, {n} FROM {TABLE}, unnest({names}, {values}) AS x(f, v) "
                f"WHERE {where} GROUP BY f, v"
            ),
            params,
        ).all()
        out: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        for name, value, count in sorted(rows, key=lambda r: (r[0], -r[2], r[1] or "")):
            if value is not None and count > 0 and len(out[name]) < top:
                out[name][value] = int(count)
        return out

    def _suggest(self, conn: Connection, parsed: ParsedQuery) -> str | None:
        """'Did you mean': each unknown word (of the first MAX_SUGGESTED) replaced by the
        closest known word: trigram candidates, then the edit distance of spelling.py, then
        the word in most pairs."""
        changed = False
        words = []
        for n, clause in enumerate(parsed.clauses):
            word = clause.text
            if clause.kind == "word" and not clause.negated and n < MAX_SUGGESTED:
                folded = next(iter(t.text for t in exact_analyzer()(word[: spelling.MAX_LENGTH + 1])), word)
                option = self._closest(conn, folded)
                if option:
                    word, changed = option, True
            words.append(f'"{word}"' if clause.kind == "phrase" else word)
        return " ".join(words) if changed else None

    def _closest(self, conn: Connection, word: str) -> str | None:
        if not (spelling.MIN_LENGTH <= len(word) <= spelling.MAX_LENGTH and word.isalpha()):
            return None
        if conn.execute(text("SELECT 1 FROM search_words WHERE word = :w"), {"w": word}).first():
            return None
        candidates = (
            conn.execute(
                text(
                    "SELECT word FROM search_words WHERE word % :w AND length(word) BETWEEN :lo AND :hi "
                    "ORDER BY similarity(word, :w) DESC LIMIT :n"
                ),
                {
                    "w": word,
                    "lo": len(word) - spelling.MAX_DISTANCE,
                    "hi": len(word) + spelling.MAX_DISTANCE,
                    "n": spelling.MAX_CANDIDATES,
                },
            )
            .scalars()
            .all()
        )
        edits = {c: spelling.distance(word, c) for c in candidates}
        edits = {c: d for c, d in edits.items() if 0 < d <= spelling.MAX_DISTANCE}
        if not edits:
            return None
        fewest = min(edits.values())
        best = sorted(c for c, d in edits.items() if d == fewest)
        _, counts = self._frequencies(conn, "exact", [_lexeme_query(c) for c in best])
        return min(zip(best, counts, strict=True), key=lambda x: (-x[1], x[0]))[0]

    def similar(self, text_: str, ministry: str | None = None, limit: int = 10) -> list[Hit]:
        """The earlier pairs most like a draft question: its most informative words (frequent
        in the draft, rare in the index), each weighted so, summed over subject, question and
        answer of every pair, best first."""
        with self._reading() as conn:
            lexemes = conn.execute(
                text(
                    f"SELECT lexeme, coalesce(array_length(positions, 1), 1) FROM "
                    f"unnest(to_tsvector('{DUTCH}', :t))"
                ),
                {"t": index_text(text_[:5000])},
            ).all()
            lexemes = [(lex, tf) for lex, tf in lexemes if len(lex) > 1 and not lex.isdigit()]
            if not lexemes:
                return []
            queries = [_lexeme_query(lex) for lex, _ in lexemes]
            total, dfs = self._frequencies(conn, "terms", queries)
            frequency = dict(zip(queries, dfs, strict=True))
            weighted = sorted(
                (
                    (tf * self._idf(total, df), q, lex)
                    for (lex, tf), q, df in zip(lexemes, queries, dfs, strict=True)
                    if df
                ),
                reverse=True,
            )[:12]
            if not weighted:
                return []
            top = weighted[0][0] or 1.0
            params: dict = {}
            score = " + ".join(
                f"{w / top:.6f} * ts_rank_cd('{SIMILAR_WEIGHTS}', terms, CAST(:q{i} AS tsquery), "
                f"{NORMALISATION})"
                for i, (w, _, _) in enumerate(weighted)
            )
            params |= {f"q{i}": q for i, (_, q, _) in enumerate(weighted)}
            # candidates are the pairs holding one of the rarer words, as many of the most
            # informative ones as hold SIMILAR_CANDIDATES pairs together; a word in more than a
            # tenth of all pairs only adds to their score (scoring every pair that holds a
            # common word cost most of the time: 12 ranks of every pair)
            rare = [q for _, q, _ in weighted if frequency[q] <= max(total * SIMILAR_CANDIDATE_SHARE, 50)]
            chosen: list[str] = []
            for q in rare or [q for _, q, _ in weighted]:
                if not chosen or sum(frequency[c] for c in chosen) + frequency[q] <= SIMILAR_CANDIDATES:
                    chosen.append(q)
            params["any"] = " | ".join(chosen)
            where = "terms @@ CAST(:any AS tsquery)"
            if ministry:
                where += " AND " + self._filter(conn, "ministries", [ministry], params)
            candidates = f"(SELECT * FROM {TABLE} WHERE {where} LIMIT {SIMILAR_CANDIDATES}) c"
            rows, _ = self._ranked(conn, "TRUE", score, params, SearchRequest(), limit, source=candidates)
        stems = {lex for _, _, lex in weighted}
        return [_hit(row, stems | {stem(s) for s in stems}) for row in rows]


# --- results ---------------------------------------------------------------------------------
def _tiered(request: SearchRequest) -> bool:
    """Tiers keep the order of pairs by relevance; pages of documents or by date rank all."""
    return request.group == "pair" and request.sort == "relevance"


def _hit(row, stems: set[str]) -> Hit:
    parts = [snippet(row[name] or "", stems) for name in ("question", "answer")] if stems else []
    text_ = " … ".join(p for p in parts if p)
    if not text_:
        text_ = html.escape((row["question"] or row["answer"] or "")[:240])
    return Hit(
        pair_id=row["pair_id"],
        document_id=row["document_id"],
        source=row["source"],
        question_numbers=list(row["question_numbers"] or []),
        score=float(row["score"] or 0.0),
        snippet=text_,
        subject=row["subject"] or None,
        date=row["date"] if isinstance(row["date"], date) else None,
        kind=row["kind"],
        askers=list(row["askers"]),
        parties=list(row["parties"]),
        answerers=list(row["answerers"]),
        ministries=list(row["ministries"]),
    )
