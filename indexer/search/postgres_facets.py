"""Facet counts in the PostgreSQL search backend: how many of the matching pairs (or
documents, when grouped) have each year, ministry, party, asker, answerer, law, kind and flag,
counted over the whole filtered set before paging."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from indexer.search.backend import FACETS
from indexer.search.postgres_schema import TABLE


def facets(conn: Connection, where: str, params: dict, documents: bool, top: int = 25) -> dict:
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
