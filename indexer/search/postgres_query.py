"""The project's query language translated for PostgreSQL: each clause of a parsed query
becomes a `tsquery` (made by PostgreSQL from bound values, so nothing a user types is ever SQL)
on the column it searches, and the clauses and filters become one boolean WHERE condition.

Words run on `terms` (Dutch stems, with the compound parts of a word as an alternative, as the
Whoosh analyzer splits them); phrases and prefixes on `exact` (unstemmed, accent-folded)."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

from indexer.search.analysis import compound_terms, exact_analyzer
from indexer.search.filters import NAME_FIELDS, matching_values
from indexer.search.postgres_schema import DUTCH, EXACT
from indexer.search.postgres_writing import exact_text
from indexer.search.query import ParsedQuery, fold


class Clause:
    """One positive or negative unit of the query: its tsquery (as PostgreSQL printed it), the
    column it runs on, and its weight in the score."""

    def __init__(self, column: str, tsquery: str, negated: bool, op: str, position: int = 0) -> None:
        self.column, self.tsquery, self.negated, self.op = column, tsquery, negated, op
        self.position = position  # of its clause in the parsed query (stop words make none)
        self.idf = 1.0
        self.df = 0  # pairs it matches (estimated past COUNT_CAP)


def lexeme_query(lexeme: str) -> str:
    """A tsquery literal for one lexeme as PostgreSQL wrote it."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def clauses(conn: Connection, parsed: ParsedQuery) -> list[Clause]:
    """Each clause as a tsquery made by PostgreSQL from bound values (so nothing a user types is
    ever SQL); clauses without a searchable word (stop words) are left out."""
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
            out.append(Clause(column, tsquery, clause.negated, op, i))
    return out


def groups(clauses: list[Clause]) -> list[list[Clause]]:
    """The positive clauses grouped as the Whoosh backend groups them: words joined by AND
    must all match, any group may match (all words in one group when every operator is AND)."""
    positives = [c for c in clauses if not c.negated]
    if not positives:
        return []
    ops = [c.op for c in positives[1:]]
    if any(op == "and" for op in ops) and all(op == "and" for op in ops):
        return [positives]
    out: list[list[Clause]] = [[positives[0]]]
    for c in positives[1:]:
        if c.op == "and":
            out[-1].append(c)
        else:
            out.append([c])
    return out


def condition(groups: list[list[Clause]], params: dict) -> str:
    """Any of the groups matching, all clauses of a group (parameters added to `params`)."""

    def cond(c: Clause) -> str:
        key = f"t{len(params)}"
        params[key] = c.tsquery
        return f"{c.column} @@ CAST(:{key} AS tsquery)"

    return "(" + " OR ".join("(" + " AND ".join(cond(c) for c in g) + ")" for g in groups) + ")"


def match(clauses: list[Clause], params: dict) -> str:
    """The boolean condition of the query: any group matches, no negated clause does."""
    positive = groups(clauses)
    base = condition(positive, params) if positive else "(TRUE)"
    negatives = [[c] for c in clauses if c.negated]
    if negatives:
        base = f"({base} AND NOT {condition(negatives, params)})"
    return base


def filters(conn: Connection, parsed: ParsedQuery, params: dict) -> str:
    """The query's filters (and negated filters, and dates) as one condition; "TRUE": none."""
    conditions = []
    for negated, chosen in ((False, parsed.filters), (True, parsed.negative_filters)):
        for field, values in chosen.items():
            cond = value_filter(conn, field, values, params)
            conditions.append(f"NOT coalesce({cond}, false)" if negated else cond)
    if parsed.date_from:
        params["date_from"] = parsed.date_from
        conditions.append("date >= :date_from")
    if parsed.date_to:
        params["date_to"] = parsed.date_to
        conditions.append("date <= :date_to")
    return " AND ".join(conditions) if conditions else "TRUE"


def value_filter(conn: Connection, field: str, values: list[str], params: dict) -> str:
    """Pairs with any of the values in `field`; names match the spellings known in the index."""
    key = f"f{len(params)}"
    if field in {"has_figure", "has_commitment"}:
        params[key] = [v == "ja" for v in values]
        return f"({field} = ANY(:{key}))"
    if field in {"kind", "year"}:
        params[key] = values
        return f"({field} = ANY(:{key}))"
    if field in NAME_FIELDS:
        known = conn.execute(text("SELECT value FROM search_values WHERE field = :f"), {"f": field}).scalars()
        values = matching_values(known, field, values)
    params[key] = values  # laws: BWB ids, resolved by the query parser
    return f"({field} && CAST(:{key} AS text[]))"
