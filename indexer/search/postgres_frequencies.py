"""Document frequencies of the PostgreSQL search index: how many pairs hold each lexeme of the
`terms` column, and how many pairs there are (lexeme ''), kept in the table `search_lexemes`
(made by migration 0005).

Ranking weighs every query word by its rarity and similar questions choose a draft's most
distinctive words; counting matches for that (`count(*) … WHERE terms @@ 'de'`) reads every
pair holding a common word, a quarter of a second at 100,000 documents. The table answers in an
index lookup instead.

Writers only append: a row per lexeme with the change in its count (+n for pairs added, -n for
pairs deleted), so concurrent index writers never wait for each other's row locks; readers sum a
lexeme's rows. The rows of the lexemes a writer touched are folded into one (under an advisory
lock, skipped when another writer holds it), and a full build recounts the whole table at once;
so a lexeme has a handful of rows, however long the index lives. The counts are transactional:
a reader sees exactly the pairs committed in its snapshot."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

TABLE = "search_lexemes"
TOTAL = ""  # the lexeme whose count is the number of pairs
_FOLD_LOCK_ID = 72217105  # one writer folds rows at a time
# a tsquery that is one plain lexeme, as PostgreSQL prints it: 'word' (quotes doubled)
_ONE_LEXEME = re.compile(r"'((?:[^'\\]|''|\\.)*)'")

_RECOUNT = [
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE} SELECT lexeme, count(*) FROM search_pairs, unnest(terms) GROUP BY lexeme",
    f"INSERT INTO {TABLE} SELECT '{TOTAL}', count(*) FROM search_pairs",
]


def recount(conn: Connection) -> None:
    """Every count afresh from the pairs, in one pass (a full build publishes with this)."""
    for statement in _RECOUNT:
        conn.execute(text(statement))


def lexeme(tsquery: str) -> str | None:
    """The lexeme of a tsquery that is a single plain lexeme ('jurist'), else None."""
    m = _ONE_LEXEME.fullmatch(tsquery.strip())
    if not m:
        return None
    return re.sub(r"\\(.)", r"\1", m.group(1).replace("''", "'"))


def record(conn: Connection, documents: list[str], sign: int) -> None:
    """Append the lexeme counts of the documents' pairs as they are now, added (+1) or taken
    away (-1): call with -1 before deleting pairs and with +1 after inserting them."""
    conn.execute(
        text(
            f"INSERT INTO {TABLE} (lexeme, pairs) "
            f"SELECT lexeme, :sign * count(*) FROM search_pairs, unnest(terms) "
            "WHERE document_id = ANY(:d) GROUP BY lexeme "
            f"UNION ALL SELECT '{TOTAL}', :sign * count(*) FROM search_pairs WHERE document_id = ANY(:d)"
        ),
        {"d": documents, "sign": sign},
    )


def fold(conn: Connection, documents: list[str]) -> None:
    """Fold the rows of the lexemes these documents hold into one row each, unless another
    writer is folding (it will fold its own; rows left over are folded by a later writer)."""
    if not conn.execute(text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": _FOLD_LOCK_ID}).scalar_one():
        return
    conn.execute(
        text(
            f"WITH touched AS (SELECT DISTINCT lexeme FROM search_pairs, unnest(terms) "
            f"WHERE document_id = ANY(:d) UNION SELECT '{TOTAL}'), "
            f"gone AS (DELETE FROM {TABLE} s USING touched t WHERE s.lexeme = t.lexeme "
            "RETURNING s.lexeme, s.pairs) "
            f"INSERT INTO {TABLE} (lexeme, pairs) SELECT lexeme, sum(pairs) FROM gone GROUP BY lexeme "
            "HAVING sum(pairs) <> 0"
        ),
        {"d": documents},
    )


def frequencies(conn: Connection, lexemes: list[str]) -> tuple[int, dict[str, int]]:
    """(pairs in the index, pairs holding each lexeme); a lexeme in no pair counts 0."""
    rows = conn.execute(
        text(f"SELECT lexeme, sum(pairs) FROM {TABLE} WHERE lexeme = ANY(:l) GROUP BY lexeme"),
        {"l": [TOTAL, *lexemes]},
    ).all()
    counts = {lex: int(n) for lex, n in rows}
    return counts.pop(TOTAL, 0), {lex: counts.get(lex, 0) for lex in lexemes}
