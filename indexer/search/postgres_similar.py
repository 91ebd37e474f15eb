"""Similar questions in the PostgreSQL search backend: the earlier pairs most like a draft
question, by its most informative words (frequent in the draft, rare in the index), each
weighted so, summed over subject, question and answer of every pair, best first."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from indexer.search import postgres_frequencies as frequencies
from indexer.search.analysis import stem
from indexer.search.backend import Hit, SearchRequest
from indexer.search.postgres_pages import hit, ranked
from indexer.search.postgres_query import lexeme_query, value_filter
from indexer.search.postgres_ranking import NORMALISATION
from indexer.search.postgres_schema import DUTCH, TABLE
from indexer.search.postgres_writing import index_text

SIMILAR_WEIGHTS = "{0.01,0.667,1.0,0.8}"  # similar questions: question 1.5, subject 1.2, answer 1
SIMILAR_CANDIDATE_SHARE = 0.1
SIMILAR_CANDIDATES = 1000  # pairs ranked for similar questions: ~50 ms of ts_rank_cd


def similar(
    conn: Connection, stats: frequencies.Statistics, text_: str, ministry: str | None, limit: int
) -> list[Hit]:
    """The pairs most like the draft `text_` (of one ministry when given), best first."""
    lexemes = conn.execute(
        text(
            f"SELECT lexeme, coalesce(array_length(positions, 1), 1) FROM unnest(to_tsvector('{DUTCH}', :t))"
        ),
        {"t": index_text(text_[:5000])},
    ).all()
    lexemes = [(lex, tf) for lex, tf in lexemes if len(lex) > 1 and not lex.isdigit()]
    if not lexemes:
        return []
    queries = [lexeme_query(lex) for lex, _ in lexemes]
    total, dfs = stats.frequencies(conn, "terms", queries)
    frequency = dict(zip(queries, dfs, strict=True))
    weighted = sorted(
        (
            (tf * frequencies.idf(total, df), q, lex)
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
        f"{w / top:.6f} * ts_rank_cd('{SIMILAR_WEIGHTS}', terms, CAST(:q{i} AS tsquery), {NORMALISATION})"
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
        where += " AND " + value_filter(conn, "ministries", [ministry], params)
    candidates = f"(SELECT * FROM {TABLE} WHERE {where} LIMIT {SIMILAR_CANDIDATES}) c"
    rows, _ = ranked(conn, "TRUE", score, params, SearchRequest(), limit, source=candidates)
    stems = {lex for _, _, lex in weighted}
    return [hit(row, stems | {stem(s) for s in stems}) for row in rows]
