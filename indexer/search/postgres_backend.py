"""Search inside the PostgreSQL store: one table row per question/answer pair with weighted
`tsvector` columns and GIN indexes, shared by every server process and machine.

`PostgresBackend` is the one entry point; the work is done in modules named for it:

- postgres_schema.py: the text search configurations, tables and indexes;
- postgres_writing.py: text prepared as the Whoosh analyzer reads it, rows written;
- postgres_frequencies.py: how many pairs hold each word (the weight of a query word);
- postgres_query.py: the query language translated to tsquery and one WHERE condition;
- postgres_ranking.py: the score of a pair, and tiers for queries with many matches;
- postgres_pages.py: one page of ranked rows, and rows as hits with snippets;
- postgres_facets.py: facet counts over the whole filtered set;
- postgres_spelling.py: "did you mean";
- postgres_similar.py: similar questions.

Index rows are written in the transaction that stores the document (see `session_writer`), so
a committed indexing run is seen by every worker at once, without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from indexer.search import postgres_pages as pages
from indexer.search import postgres_query as query
from indexer.search import postgres_ranking as ranking
from indexer.search import spelling
from indexer.search.analysis import split_compound
from indexer.search.backend import Hit, SearchRequest, SearchResponse
from indexer.search.filters import facet_labels
from indexer.search.postgres_facets import facets as count_facets
from indexer.search.postgres_frequencies import Statistics
from indexer.search.postgres_schema import TABLE
from indexer.search.postgres_similar import similar
from indexer.search.postgres_spelling import suggest
from indexer.search.postgres_writing import Build, Writer
from indexer.search.query import Clause as QueryClause
from indexer.search.query import ParsedQuery, parse_query
from indexer.search.snippets import query_stems


class PostgresBackend:
    """SearchBackend on full-text search tables in the PostgreSQL store."""

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("the PostgreSQL search backend needs a PostgreSQL store")
        self.engine = engine  # its tables are made by the store's migrations (revision 0002)
        self.stats = Statistics()

    # --- writing ----------------------------------------------------------------------------
    def session_writer(self, session: Session) -> Writer:
        return Writer(session.connection())

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        with self.engine.begin() as conn:
            yield Writer(conn)

    @contextmanager
    def new_build(self) -> Iterator[Build]:
        with self.engine.connect() as conn:
            build = Build(conn)
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

    # --- reading ----------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResponse:
        parsed = parse_query(request.query)
        with self._reading() as conn:
            plan = ranking.prepare(conn, self.stats, parsed, tiers=ranking.tiered(request))
            where, params = plan.where, plan.params
            start = (request.page - 1) * request.page_size
            rows, total = pages.page(conn, plan, request, request.page_size, start)
            if total is None and plan.unfiltered is not None and request.group == "pair":
                total = ranking.union_size(conn, plan.unfiltered)
            if total is None:  # not counted with the page: count the results alone
                counted = "count(DISTINCT document_id)" if request.group == "document" else "count(*)"
                total = int(
                    conn.execute(text(f"SELECT {counted} FROM {TABLE} WHERE {where}"), params).scalar_one()
                )
            stems = query_stems(parsed) if request.highlight and rows else set()
            hits = [pages.hit(row, stems) for row in rows]
            facets, estimated = (
                count_facets(conn, where, params, request.group == "document", total)
                if request.facets and total
                else ({}, False)
            )
            wanted = spelling.suggestion_wanted(total, parsed.words)
            suggestion = suggest(conn, self.stats, parsed) if wanted else None
        return SearchResponse(
            query=request.query,
            total=total,
            page=request.page,
            page_size=request.page_size,
            results=hits,
            facets=facets,
            facet_labels=facet_labels(facets),
            facets_estimated=estimated,
            suggestion=suggestion,
        )

    def iter_hits(self, request: SearchRequest, limit: int) -> Iterator[Hit]:
        """Every result in order, read in one statement (one snapshot of the index). The query
        is read at the call, so InvalidQuery is raised before anything is streamed."""
        parsed = parse_query(request.query)
        with self._reading() as conn:
            plan = ranking.prepare(conn, self.stats, parsed, tiers=ranking.tiered(request))
            rows, _ = pages.page(conn, plan, request, limit)
        stems = query_stems(parsed) if request.highlight else set()
        return (pages.hit(row, stems) for row in rows)

    def word_frequencies(self, words: list[str]) -> tuple[int, list[int]]:
        """(pairs, pairs each word matches as a query word): the frequency table's count of a
        plain word, a compound's matches counted up to a cap (postgres_frequencies.py)."""
        parsed = ParsedQuery(clauses=[QueryClause("word", w) for w in words])
        counts = [0] * len(words)
        with self.engine.connect() as conn:  # two small statements: no need of _reading's settings
            found = query.clauses(conn, parsed)
            total, dfs = self.stats.frequencies(conn, "terms", [c.tsquery for c in found])
        for c, df in zip(found, dfs, strict=True):
            counts[c.position] = df
        return total, counts

    def similar(self, text_: str, ministry: str | None = None, limit: int = 10) -> list[Hit]:
        """The earlier pairs most like a draft question (see postgres_similar.py)."""
        with self._reading() as conn:
            return similar(conn, self.stats, text_, ministry, limit)
