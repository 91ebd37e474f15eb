"""'Did you mean' in the PostgreSQL search backend: an unknown word of the query replaced by the
closest word of the index (trigram candidates from `search_words`, then the edit distance of
spelling.py, then the word in most pairs)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from indexer.search import spelling
from indexer.search.analysis import exact_analyzer
from indexer.search.postgres_frequencies import Statistics
from indexer.search.postgres_query import lexeme_query
from indexer.search.query import ParsedQuery

MAX_SUGGESTED = 6


def suggest(conn: Connection, stats: Statistics, parsed: ParsedQuery) -> str | None:
    """The query with each unknown word (of the first MAX_SUGGESTED) replaced by the closest
    known word; None when no word was replaced."""
    changed = False
    words = []
    for n, clause in enumerate(parsed.clauses):
        word = clause.text
        if clause.kind == "word" and not clause.negated and n < MAX_SUGGESTED:
            folded = next(iter(t.text for t in exact_analyzer()(word[: spelling.MAX_LENGTH + 1])), word)
            option = closest(conn, stats, folded)
            if option:
                word, changed = option, True
        words.append(f'"{word}"' if clause.kind == "phrase" else word)
    return " ".join(words) if changed else None


def closest(conn: Connection, stats: Statistics, word: str) -> str | None:
    """The known word closest to an unknown one, None when the word is known or nothing is close."""
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
    _, counts = stats.frequencies(conn, "exact", [lexeme_query(c) for c in best])
    return min(zip(best, counts, strict=True), key=lambda x: (-x[1], x[0]))[0]
