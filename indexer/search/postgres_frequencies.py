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

import math
import re
import threading
import time

from sqlalchemy import text
from sqlalchemy.engine import Connection

TABLE = "search_lexemes"
TOTAL = ""  # the lexeme whose count is the number of pairs
_FOLD_LOCK_ID = 72217105  # one writer folds rows at a time
STATS_SECONDS = 60.0  # document frequencies are cached this long per process
COUNT_CAP = 1000  # matches counted of a phrase, prefix or compound; more are estimated
# one token of a tsquery as PostgreSQL prints it: a quoted lexeme with its flags, or an operator
_TOKEN = re.compile(r"\s*(?:'((?:[^'\\]|''|\\.)*)'(?::[*A-D]+)?|(<->|<\d+>|[&|!()]))")
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
    return _unquote(m.group(1)) if m else None


def _unquote(quoted: str) -> str:
    """A lexeme as PostgreSQL quoted it in a printed tsquery, quotes and backslashes undone."""
    return re.sub(r"\\(.)", r"\1", quoted.replace("''", "'"))


def _tokens(tsquery: str) -> list[str]:
    """A printed tsquery's lexemes (prefixed "'") and operators, in order."""
    return [op or "'" + _unquote(lex) for lex, op in _TOKEN.findall(tsquery)]


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


def idf(total: int, df: int) -> float:
    """A query word's weight: BM25's inverse document frequency."""
    return math.log1p((max(total, 1) - df + 0.5) / (df + 0.5))


class Statistics:
    """How many pairs match each clause of a query, cached a minute per process (shared by the
    threads of one backend)."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def frequencies(self, conn: Connection, column: str, queries: list[str]) -> tuple[int, list[int]]:
        """(pairs in the index, pairs matching each tsquery). A plain lexeme of `terms` is
        looked up in the frequency table; anything else (phrases, prefixes, compounds) is
        counted up to COUNT_CAP matches, and past that estimated from its lexemes' counts
        (`estimate`; its weight then hardly differs: it is a common word)."""
        now = time.monotonic()
        keys = ["", *(f"{column}|{q}" for q in queries)]
        cached: dict[str, int] = {}
        with self._lock:
            for k in keys:
                hit = self._cache.get(k)
                if hit is not None and now - hit[0] < STATS_SECONDS:
                    cached[k] = hit[1]
        missing = [k for k in dict.fromkeys(keys) if k not in cached]
        if missing:
            found = _count(conn, missing)
            with self._lock:
                if len(self._cache) > 50_000:
                    self._cache.clear()
                for k, n in found.items():
                    self._cache[k] = (now, n)
            cached |= found
        return cached[""], [cached[k] for k in keys[1:]]

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


def _count(conn: Connection, keys: list[str]) -> dict[str, int]:
    """The counts behind `Statistics.frequencies` for keys "column|tsquery" ("" = all pairs)."""
    plain = {k: lexeme(k.split("|", 1)[1]) for k in keys if k.startswith("terms|")}
    plain = {k: lex for k, lex in plain.items() if lex is not None}
    total, counts = frequencies(conn, list(plain.values()))
    found = {"": total} | {k: counts[lex] for k, lex in plain.items()}
    rest = [k for k in keys if k and k not in plain]
    if rest:
        parts = [
            f"(SELECT count(*) FROM (SELECT FROM search_pairs WHERE {k.split('|', 1)[0]} "
            f"@@ CAST(:q{i} AS tsquery) LIMIT {COUNT_CAP}) c)"
            for i, k in enumerate(rest)
        ]
        params = {f"q{i}": k.split("|", 1)[1] for i, k in enumerate(rest)}
        counted = conn.execute(text("SELECT " + ", ".join(parts)), params).one()
        for k, n in zip(rest, counted, strict=True):
            found[k] = int(n)
        capped = {k: _tokens(k.split("|", 1)[1]) for k in rest if found[k] >= COUNT_CAP}
        if capped:
            lexemes = sorted({t[1:] for tokens in capped.values() for t in tokens if t[0] == "'"})
            _, counts = frequencies(conn, lexemes)
            for k in capped:
                found[k] = max(COUNT_CAP, estimate(k.split("|", 1)[1], counts) or 0)
    return found


def estimate(tsquery: str, counts: dict[str, int]) -> int | None:
    """How many pairs a tsquery matches, from its lexemes' counts and its shape: both sides of
    an AND or a phrase match at most as many as the rarer side, either side of an OR at least as
    many as the commoner one (None: nothing to go by, e.g. a NOT alone, or no lexeme counted in
    the table, which holds the stemmed words of `terms` only). A compound is searched
    as itself OR its parts together: taking the commonest of all its lexemes would make a rare
    compound with a common part ("waterschapsbelasting": "belasting") look as common as that part."""
    tokens = _tokens(tsquery)
    position = 0

    def peek() -> str:
        return tokens[position] if position < len(tokens) else ""

    def either() -> int | None:  # lowest precedence: |
        nonlocal position
        known = [both()]
        while peek() == "|":
            position += 1
            known.append(both())
        found = [n for n in known if n is not None]
        return max(found) if found else None

    def both() -> int | None:  # & binds tighter than |, <-> tighter than &: each at most the rarer
        nonlocal position
        known = [single()]
        while peek() == "&" or peek().startswith("<"):
            position += 1
            known.append(single())
        found = [n for n in known if n is not None]
        return min(found) if found else None

    def single() -> int | None:
        nonlocal position
        token = peek()
        position += 1
        if token == "!":
            single()
            return None
        if token == "(":
            inner = either()
            position += 1  # the closing parenthesis
            return inner
        if not token.startswith("'"):
            return None
        # not in the table: a stop word, or a phrase's unstemmed form; not "matches nothing"
        return counts.get(token[1:]) or None

    return either() if tokens else None
