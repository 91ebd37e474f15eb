"""Search benchmark on a deterministic SYNTHETIC corpus (not real documents): Dutch words drawn
by their real frequency (wordfreq), metadata drawn from fixed pools. Prints index time, index
size and p50/p95 latency per query type for Whoosh, for the PostgreSQL backend when a server is
named, and the same corpus and queries through SQLite FTS5 as a baseline ratio.

    python benchmarks/search_speed.py [N documents, default 10000] [--keep DIR] [--postgres URL]

--postgres (default: KAMERVRAGEN_BENCH_DB) names a database whose schema `kv_bench` the
benchmark drops and fills; nothing else in it is touched.

Targets (issue 4): p95 <= 50 ms per query with facets and highlights at 100,000 documents;
incremental indexing of 20 new documents <= 5 s; full rebuild of 100,000 documents <= 20 min.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from indexer.search.backend import IndexEntry, SearchBackend, SearchRequest
from indexer.search.whoosh_backend import WhooshBackend

BENCH_SCHEMA = "kv_bench"

SEED = 20131203
PARTIES = [
    "VVD",
    "PVV",
    "CDA",
    "D66",
    "GroenLinks-PvdA",
    "SP",
    "ChristenUnie",
    "SGP",
    "PvdD",
    "JA21",
    "Volt",
    "DENK",
    "BBB",
    "NSC",
    "FVD",
]
MINISTRIES = [
    "Sociale Zaken en Werkgelegenheid",
    "Justitie en Veiligheid",
    "Volksgezondheid, Welzijn en Sport",
    "Financiën",
    "Defensie",
    "Buitenlandse Zaken",
    "Infrastructuur en Waterstaat",
    "Economische Zaken",
    "Onderwijs, Cultuur en Wetenschap",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Asiel en Migratie",
]


class Corpus:
    """Deterministic synthetic documents: same N, same seed, same corpus."""

    def __init__(self, n: int) -> None:
        from wordfreq import top_n_list, zipf_frequency

        self.rng = random.Random(SEED)
        words = [w for w in top_n_list("nl", 30_000) if w.isalpha() and len(w) > 1]
        self.words = words
        self.cum_weights = list(itertools.accumulate(10 ** zipf_frequency(w, "nl") for w in words))
        self.members = [f"Lid{i:03d}" for i in range(300)]
        self.ministers = [f"Minister{i:02d}" for i in range(40)]
        self.laws = [f"BWBR{i:07d}" for i in range(1000, 1400)]
        self.n = n

    def text(self, lo: int, hi: int) -> str:
        return " ".join(
            self.rng.choices(self.words, cum_weights=self.cum_weights, k=self.rng.randint(lo, hi))
        )

    def documents(self, start: int = 0, count: int | None = None):
        for i in range(start, start + (count if count is not None else self.n)):
            doc_id = f"syn-{i:07d}"
            day = date(2010, 1, 1) + timedelta(days=self.rng.randint(0, 5400))
            askers = self.rng.sample(self.members, self.rng.randint(1, 2))
            ministry = self.rng.choice(MINISTRIES)
            common = dict(
                document_id=doc_id,
                source=f"synthetic/{doc_id}",
                kind=self.rng.choice(["answer"] * 8 + ["questions"]),
                date=day,
                vergaderjaar=f"{day.year}-{day.year + 1}",
                subject=self.text(5, 12),
                askers=askers,
                parties=[self.rng.choice(PARTIES)],
                addressees=[f"minister van {ministry}"],
                answerers=[self.rng.choice(self.ministers)],
                ministries=[ministry],
                laws=self.rng.sample(self.laws, self.rng.randint(0, 2)),
                kamerstukken=[],
            )
            entries = []
            for q in range(1, self.rng.randint(1, 6) + 1):
                entries.append(
                    IndexEntry(
                        pair_id=f"{doc_id}#q{q}",
                        question_numbers=[q],
                        question=self.text(15, 45),
                        answer=self.text(30, 150),
                        has_figure=self.rng.random() < 0.3,
                        has_commitment=self.rng.random() < 0.1,
                        **common,
                    )
                )
            yield doc_id, entries


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def build_whoosh(corpus: Corpus, path: Path) -> tuple[float, int]:
    return build_backend(WhooshBackend(path), corpus)


def postgres_backend(url: str):
    """The PostgreSQL backend on a fresh schema `kv_bench` of the database at `url`."""
    from sqlalchemy import create_engine, make_url, text

    from indexer.search.postgres_backend import PostgresBackend
    from indexer.store import database_url, make_engine

    url = database_url(Path("."), url)
    with create_engine(url).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {BENCH_SCHEMA}"))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={BENCH_SCHEMA},public"})
    return PostgresBackend(make_engine(scoped.render_as_string(hide_password=False)))


def build_backend(backend: SearchBackend, corpus: Corpus) -> tuple[float, int]:
    """A full build, as a rebuild does it: a whole index aside (or in one transaction), then live."""
    start = time.perf_counter()
    pairs = 0
    with backend.new_build() as build:
        for _, entries in corpus.documents():
            build.writer.add_documents(entries)
            pairs += len(entries)
        build.commit()
        build.publish()
    return time.perf_counter() - start, pairs


def postgres_size_mb(backend) -> float:
    from sqlalchemy import text

    with backend.engine.connect() as conn:
        size = conn.execute(
            text("SELECT pg_total_relation_size('search_pairs') + pg_total_relation_size('search_words')")
        ).scalar_one()
    return size / 1e6


def build_fts5(corpus: Corpus, path: Path) -> float:
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE pairs USING fts5(pair_id UNINDEXED, subject, question, answer)")
    db.execute(
        "CREATE TABLE meta (pair_id TEXT PRIMARY KEY, party TEXT, ministry TEXT, year INTEGER, kind TEXT)"
    )
    start = time.perf_counter()
    for _, entries in corpus.documents():
        for e in entries:
            db.execute("INSERT INTO pairs VALUES (?,?,?,?)", (e.pair_id, e.subject, e.question, e.answer))
            db.execute(
                "INSERT INTO meta VALUES (?,?,?,?,?)",
                (e.pair_id, e.parties[0], e.ministries[0], e.date.year, e.kind),
            )
    db.commit()
    db.close()
    return time.perf_counter() - start


WORD = "1 word"
AND = "2 words, AND"
PHRASE = "quoted 2-word phrase"
FILTERS = "1 word + party + date, facets (whoosh 9, fts5 4)"
SNIPPETS = "2 words, OR, with snippets"
SIMILAR = "similar to a 20-40 word draft (not fts5)"


def queries(corpus: Corpus, k: int = 40) -> dict[str, list]:
    rng = random.Random(SEED + 1)
    mid = [w for w in corpus.words[300:5000] if len(w) > 3]
    # phrases a user would type: two adjacent words of a question, neither of the 300 commonest
    common = set(corpus.words[:300])
    phrases = []
    for _, entries in corpus.documents(0, k * 3):
        words = entries[0].question.split()
        pairs = [(a, b) for a, b in itertools.pairwise(words) if a not in common and b not in common]
        if pairs:
            phrases.append(" ".join(rng.choice(pairs)))
    phrases = phrases[:k]
    # each engine gets the same query text; the labels say what every row measures
    return {
        WORD: [rng.choice(mid) for _ in range(k)],
        AND: [f"{rng.choice(mid)} AND {rng.choice(mid)}" for _ in range(k)],
        PHRASE: [f'"{p}"' for p in phrases],  # quoted for both: Whoosh reads it as a phrase too
        FILTERS: [f"{rng.choice(mid)} partij:{rng.choice(PARTIES)} van:2015-01-01" for _ in range(k)],
        SNIPPETS: [f"{rng.choice(mid)} {rng.choice(mid)}" for _ in range(k)],
        SIMILAR: [corpus.text(20, 40) for _ in range(max(10, k // 4))],
    }


def time_whoosh(backend: SearchBackend, qs: dict[str, list]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for kind, items in qs.items():
        times = []
        for q in items:
            start = time.perf_counter()
            if kind == SIMILAR:
                backend.similar(q, limit=10)
            else:
                backend.search(
                    SearchRequest(query=q, facets=kind == FILTERS, highlight=kind in {SNIPPETS, FILTERS})
                )
            times.append((time.perf_counter() - start) * 1000)
        out[kind] = times
    return out


def time_fts5(path: Path, qs: dict[str, list]) -> dict[str, list[float]]:
    db = sqlite3.connect(path)
    out: dict[str, list[float]] = {}
    for kind, items in qs.items():
        if kind == SIMILAR:
            continue
        times = []
        for q in items:
            words = [w for w in q.split() if w not in {"AND"} and ":" not in w]
            match = q if kind == PHRASE else " AND ".join(words) if kind == AND else " OR ".join(words)
            start = time.perf_counter()
            if kind == FILTERS:
                party = q.split("partij:")[1].split()[0]
                sql = (
                    "SELECT p.pair_id FROM pairs p JOIN meta m ON m.pair_id = p.pair_id WHERE pairs MATCH ? "
                    "AND m.party = ? AND m.year >= 2015 ORDER BY bm25(pairs) LIMIT 10"
                )
                db.execute(sql, (match, party)).fetchall()
                for col in ("year", "ministry", "party", "kind"):
                    db.execute(
                        f"SELECT m.{col}, count(*) FROM pairs p JOIN meta m ON m.pair_id = p.pair_id "
                        "WHERE pairs MATCH ? AND m.party = ? AND m.year >= 2015 GROUP BY m." + col,
                        (match, party),
                    ).fetchall()
            elif kind == SNIPPETS:
                db.execute(
                    "SELECT snippet(pairs, 3, '<mark>', '</mark>', '…', 20) FROM pairs WHERE pairs MATCH ? "
                    "ORDER BY bm25(pairs) LIMIT 10",
                    (match,),
                ).fetchall()
            else:
                db.execute(
                    "SELECT pair_id FROM pairs WHERE pairs MATCH ? ORDER BY bm25(pairs) LIMIT 10", (match,)
                ).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        out[kind] = times
    return out


def time_postgres(url: str, n: int, qs: dict[str, list], w: dict, f: dict) -> None:
    """The same corpus and queries on the PostgreSQL backend, with p95 ratios to both others."""
    pg = postgres_backend(url)
    seconds, pairs = build_backend(pg, Corpus(n))
    with pg.engine.begin() as conn:  # planner statistics, as autovacuum would gather them
        conn.exec_driver_sql("ANALYZE")
    print(
        f"postgres: full build {seconds:.1f} s for {pairs} pairs ({pairs / seconds:.0f} pairs/s), "
        f"{postgres_size_mb(pg):.0f} MB"
    )
    start = time.perf_counter()
    with pg.writer() as writer:
        for doc_id, entries in Corpus(n).documents(n, 20):
            writer.replace_document(doc_id, entries)
    print(f"postgres: incremental 20 documents {time.perf_counter() - start:.2f} s")
    time_whoosh(pg, {WORD: qs[WORD][:3]})
    p = time_whoosh(pg, qs)
    print(f"{'query (ms, top 10)':54} {'pg p50':>10} {'p95':>8} {'/whoosh p95':>11} {'/fts5 p95':>9}")
    for kind, times in p.items():
        p95 = percentile(times, 95)
        to_fts = f"{p95 / percentile(f[kind], 95):9.1f}" if f.get(kind) else f"{'-':>9}"
        print(
            f"{kind:54} {statistics.median(times):10.1f} {p95:8.1f} "
            f"{p95 / percentile(w[kind], 95):11.1f} {to_fts}"
        )
    pg.engine.dispose()


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the indexes in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: time queries on the kept indexes")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("KAMERVRAGEN_BENCH_DB"),
        help=f"PostgreSQL database URL: its schema {BENCH_SCHEMA} is dropped and filled",
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kv-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(args.n)
    print(f"SYNTHETIC corpus: {args.n} documents (seed {SEED}), Dutch words by wordfreq frequency")
    whoosh_dir, fts_path = work / "whoosh", work / "fts5.sqlite"
    if not (args.reuse and whoosh_dir.exists() and fts_path.exists()):
        shutil.rmtree(whoosh_dir, ignore_errors=True)
        fts_path.unlink(missing_ok=True)
        seconds, pairs = build_whoosh(corpus, whoosh_dir)
        print(
            f"whoosh: full build {seconds:.1f} s for {pairs} pairs ({pairs / seconds:.0f} pairs/s), "
            f"{size_mb(whoosh_dir):.0f} MB"
        )
        fts_seconds = build_fts5(Corpus(args.n), fts_path)
        print(f"fts5:   full build {fts_seconds:.1f} s, {size_mb(fts_path):.0f} MB")
    backend = WhooshBackend(whoosh_dir)
    start = time.perf_counter()
    with backend.writer() as writer:
        for doc_id, entries in Corpus(args.n).documents(args.n, 20):
            writer.replace_document(doc_id, entries)
    print(f"whoosh: incremental 20 documents {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    backend.search(SearchRequest(query="overheid"))
    print(f"whoosh: first query after a change (columns, field lengths) {time.perf_counter() - start:.2f} s")
    qs = queries(Corpus(args.n))
    time_whoosh(backend, {WORD: qs[WORD][:3]})
    w = time_whoosh(backend, qs)
    f = time_fts5(fts_path, qs)
    print(
        f"{'query (ms, top 10)':54} {'whoosh p50':>10} {'p95':>8} {'fts5 p50':>9} {'p95':>8} {'p95 ratio':>9}"
    )
    for kind, times in w.items():
        fp = f.get(kind)
        ratio = f"{percentile(times, 95) / percentile(fp, 95):9.1f}" if fp else f"{'-':>9}"
        fts = f"{statistics.median(fp):9.1f} {percentile(fp, 95):8.1f}" if fp else f"{'-':>9} {'-':>8}"
        print(f"{kind:54} {statistics.median(times):10.1f} {percentile(times, 95):8.1f} {fts} {ratio}")
    if args.postgres:
        time_postgres(args.postgres, args.n, qs, w, f)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
