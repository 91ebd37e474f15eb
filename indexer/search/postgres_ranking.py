"""Ranking in the PostgreSQL search backend: the score of a pair, and the tiers that keep
ranking a query with many matches short.

Score: for every query word, its inverse document frequency times `ts_rank_cd` of the pair
(saturated), summed: pairs holding more of the rarer words come first, as with BM25 in the
Whoosh backend. Phrases and prefixes add their weight when they match.

Tiers: ranking every match of a common word (tens of thousands of pairs at 100,000 documents)
is what made such queries slow, so a query matching more than RANK_CAP pairs ranks first the
pairs of its rarest words (or those holding its words in their head), and the rest only for the
pages that reach it; the order stays total across pages."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from indexer.search import postgres_frequencies as frequencies
from indexer.search import postgres_query as query
from indexer.search.backend import SearchRequest
from indexer.search.postgres_query import Clause, lexeme_query
from indexer.search.postgres_schema import TABLE
from indexer.search.query import ParsedQuery

# ts_rank weights {D, C, B, A}: names, answer, question, subject (the Whoosh boosts 0.8:1:1.5:2)
WEIGHTS = "{0.4,0.5,0.75,1.0}"
# rank / (rank + 1): a word's weight saturates as BM25's does. Dividing by the length as well
# (flags 1, 2) sank short pairs that answer exactly the question asked (dev pair MRR 0.92/0.69
# against 1.0 without it)
NORMALISATION = 32
RANK_CAP = 2000  # pairs of an OR query ranked for its first pages (see first_tier)
MAX_UNION = 3  # words of an OR query whose matches are counted by inclusion and exclusion
# share of a word's pairs holding it in their head (subject or question): 0.30 in the synthetic
# benchmark corpus. A first tier of heads larger than RANK_CAP is narrowed to the subjects (weight
# A): ranking the 5,309 heads holding "enige" took 90 ms at 100,000 documents
HEAD_SHARE = 0.3
_LEXEME = re.compile(r"('(?:[^']|'')*')")  # a quoted lexeme in a printed tsquery


@dataclass
class Plan:
    """A query in SQL: its WHERE condition, score expression and parameters, and when its match
    set is large, the condition of the first tier (the pairs holding its rarest groups): only
    that tier is ranked for the first pages."""

    where: str
    score: str
    params: dict
    first: str | None = None
    unfiltered: list[Clause] | None = None  # the clauses, when no filter narrows them


def tiered(request: SearchRequest) -> bool:
    """Tiers keep the order of pairs by relevance; pages of documents or by date rank all."""
    return request.group == "pair" and request.sort == "relevance"


def prepare(
    conn: Connection, stats: frequencies.Statistics, parsed: ParsedQuery, tiers: bool = False
) -> Plan:
    """The SQL of a parsed query; with `tiers`, a large OR query ranks its first tier alone."""
    clauses = query.clauses(conn, parsed)
    positives = [c for c in clauses if not c.negated]
    for column in ("terms", "exact"):
        chosen = [c for c in positives if c.column == column]
        if chosen:
            total, counts = stats.frequencies(conn, column, [c.tsquery for c in chosen])
            for c, df in zip(chosen, counts, strict=True):
                c.idf, c.df = frequencies.idf(total, df), df
    if positives:
        # the planner reads a common word's matches by scanning the table, reckoning
        # nothing for unpacking each pair's tsvector: 5x slower than the GIN index
        conn.execute(text("SET LOCAL enable_seqscan = off"))
    params: dict = {}
    filters = query.filters(conn, parsed, params)
    where = query.match(clauses, params) + " AND " + filters
    first = first_tier(clauses, params) if tiers else None
    unfiltered = clauses if filters == "TRUE" else None
    return Plan(where, score(clauses, params), params, first, unfiltered)


def score(clauses: list[Clause], params: dict) -> str:
    """The score expression: each positive clause's weight (its idf) times how well it matches."""
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


def first_tier(clauses: list[Clause], params: dict) -> str | None:
    """When the query matches more than RANK_CAP pairs, the condition of the pairs ranked
    first: of an OR query, its rarest groups holding at most RANK_CAP pairs together (at
    least one group; their words weigh most); and when that is still more, those holding a
    word in their head (subject or question, which weigh most in a pair), or when even the
    heads are expected to be too many, in their subject. Ranking every
    match of a common word (ten thousand at 100,000 documents) is what made such queries
    slow. None: rank all."""
    groups = sorted(query.groups(clauses), key=lambda g: min(c.df for c in g))
    sizes = [min(c.df for c in g) for g in groups]
    if sum(sizes) <= RANK_CAP:
        return None
    chosen = [groups[0]]
    for group, size in zip(groups[1:], sizes[1:], strict=True):
        if sum(sizes[: len(chosen)]) + size > RANK_CAP:
            break
        chosen.append(group)
    first = query.condition(chosen, params) if len(chosen) < len(groups) else None
    words = [c.tsquery for g in chosen for c in g if c.column == "terms"]
    size = sum(sizes[: len(chosen)])
    if size > RANK_CAP and words:
        if size * HEAD_SHARE > RANK_CAP:  # the heads alone are too many: the subjects
            words = [_LEXEME.sub(r"\1:A", w) for w in words]
        key = f"h{len(params)}"
        params[key] = " | ".join(f"({w})" for w in words)
        head = f"head @@ CAST(:{key} AS tsquery)"
        first = f"({first} AND {head})" if first else head
    return first


def union_size(conn: Connection, clauses: list[Clause]) -> int | None:
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
        {f"i{n}": " & ".join(lexeme_query(w) for w in combo) for n, combo in enumerate(both)},
    ).one()
    signed = [(-1) ** (len(combo) + 1) * int(k) for combo, k in zip(both, shared, strict=True)]
    return sum(counts.values()) + sum(signed)
