"""Pages of results from the PostgreSQL search backend: the pairs of one page ranked in a total
order (best first or newest first, ties by document and position), a tiered plan's tiers one
after the other, and each row turned into a `Hit` with its snippet."""

from __future__ import annotations

import html
from datetime import date

from sqlalchemy import text
from sqlalchemy.engine import Connection

from indexer.search.backend import Hit, SearchRequest
from indexer.search.postgres_ranking import Plan
from indexer.search.postgres_schema import TABLE
from indexer.search.snippets import snippet

# a pair's terms unpacked into memory (the concatenation makes a new value; OFFSET 0 above
# keeps the planner from folding it into the score, where every use would unpack it again)
UNPACKED = "terms || ''::tsvector"
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


def order(request: SearchRequest) -> str:
    """Best first (or newest first), ties by document id and position: a total order, so
    consecutive pages and exports hold each pair exactly once."""
    key = "score DESC, document_id, ordinal"
    return f"date DESC NULLS LAST, {key}" if request.sort == "date" else key


def page(
    conn: Connection, plan: Plan, request: SearchRequest, limit: int, offset: int = 0
) -> tuple[list, int | None]:
    """The rows of one page in result order, and how many results there are in all when it
    was counted on the way (None: count them). A tiered plan lists the first tier, ranked,
    then the rest, ranked: the rest is ranked only for pages that reach it."""
    if plan.first is None:
        return ranked(conn, plan.where, plan.score, plan.params, request, limit, offset)
    where = f"{plan.where} AND {plan.first}"
    rows, first = ranked(conn, where, plan.score, plan.params, request, limit, offset)
    if first is None:  # the page lies past the first tier: how long is it?
        counted = conn.execute(text(f"SELECT count(*) FROM {TABLE} WHERE {where}"), plan.params)
        first = int(counted.scalar_one())
    if offset + limit > first:
        rest = f"{plan.where} AND NOT {plan.first}"
        rows += ranked(
            conn, rest, plan.score, plan.params, request, limit - len(rows), max(0, offset - first)
        )[0]
    return rows, None


def ranked(
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
    by = order(request)
    # each pair's `terms` read once: a ts_rank_cd of the stored (out-of-line, TOAST)
    # vector unpacks it again for every query word, and unpacking cost more than ranking
    matched = f"SELECT document_id, ordinal, date, {UNPACKED} AS terms, exact FROM {source} WHERE {where}"
    # OFFSET 0 again: scored here, so the window below keeps scores, not the unpacked vectors
    # (5,000 of them spilled to disk, 130 ms)
    scored = f"SELECT document_id, ordinal, date, {score} AS score FROM ({matched} OFFSET 0) m OFFSET 0"
    if request.group == "document":
        scored = f"SELECT DISTINCT ON (document_id) * FROM ({scored}) r ORDER BY document_id, {by}"
    by_key = ", ".join(f"k.{term}" for term in by.split(", "))  # the same order on k
    rows = (
        conn.execute(
            text(
                f"WITH k AS (SELECT document_id, ordinal, date, score, count(*) OVER () AS total "
                f"FROM ({scored}) r ORDER BY {by} LIMIT :limit OFFSET :offset) "
                f"SELECT {HIT_COLUMNS}, k.score, k.total FROM k "
                f"JOIN {TABLE} p USING (document_id, ordinal) ORDER BY {by_key}"
            ),
            {**params, "limit": limit, "offset": offset},
        )
        .mappings()
        .all()
    )
    return list(rows), (int(rows[0]["total"]) if rows else None)


def hit(row, stems: set[str]) -> Hit:
    """A result row as a Hit, its snippet marking the query's words (or the text's start)."""
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
