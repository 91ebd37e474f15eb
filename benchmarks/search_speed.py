"""Search benchmark on a deterministic SYNTHETIC corpus (not real documents): Dutch words drawn
by their real frequency (wordfreq), metadata drawn from fixed pools. Prints index time, index
size, p50/p95 latency per query type for Whoosh, the same corpus and queries through SQLite FTS5
and a scratch tantivy index (its own Dutch stemmer, not the project's analysis) as baselines with
ratios, the same for the project's tantivy and (with --postgres) PostgreSQL backends, the first
search after a commit and in a new process, memory per process, and HTTP load on `kamervragen
serve` at 1, 10 and 50 clients with 1 and N workers, and during commits.

    python benchmarks/search_speed.py [N documents, default 10000] [--keep DIR] [--reuse]
        [--workers N] [--seconds S] [--no-http] [--http-only whoosh|tantivy|postgres]
        [--postgres URL]

--postgres (default: KAMERVRAGEN_BENCH_DB) names a database whose schema `kv_bench` the
benchmark drops and fills with the PostgreSQL backend's tables; nothing else in it is touched.
With --reuse a filled `kv_bench` is kept (upgraded to the newest migration) and timed as it is,
so query work can be measured at 100k without rebuilding; the HTTP rows then run on it too.

--http-only whoosh|tantivy runs only that backend's HTTP rows (building its index in --keep when
missing); --http-only postgres those of PostgreSQL, on the schema `kv_bench` of --postgres (kept
when filled, else built). The HTTP rows ask 100 searches again and again ('repeated': a result
cache is warm) and searches never asked before ('distinct': the cache is cold), back to back,
then new searches arriving at PACED_RATES a second from 50 clients (the cold load a server can
take within its latency target), and print the server's and the load generator's CPU per
request: both share the machine's cores.
KAMERVRAGEN_BENCH_SERVER names another checkout whose code the server runs (before/after
comparisons), KAMERVRAGEN_BENCH_PATH extra entries for the server's PYTHONPATH.

Claim lookup (issue 11): p95 <= 100 ms at 100,000 documents, over synthetic statements (a third
of the pairs state one to three figures) in the ledger's own tables. Every engine gets the same
claims; the backends' lookup searches a claim's 5 rarest words (indexer/facts.py), its FTS5
baseline ORs all of them, and both match the figures with plain SQL.

Targets (issue 14, at 100,000 documents): every query type p95 <= 50 ms; first search after a
commit <= 200 ms; no 500 and no request over 1 s during commits at 10 clients; site and API p95
<= 200 ms at 50 clients with N workers; <= 500 MB per process; full build <= 20 min on 2 cores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from datetime import date, timedelta
from pathlib import Path

import tantivy

from indexer.search.backend import IndexEntry, SearchBackend, SearchRequest
from indexer.search.whoosh_backend import WhooshBackend

BENCH_SCHEMA = "kv_bench"

SEED = 20131203
PACED_RATES = (10, 30)  # new searches a second in the paced HTTP rows, the same for every engine
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


def postgres_url(url: str) -> str:
    """The database URL with the benchmark's schema `kv_bench` first on the search path."""
    from sqlalchemy import make_url

    from indexer.store import database_url

    scoped = make_url(database_url(Path("."), url)).update_query_dict(
        {"options": f"-csearch_path={BENCH_SCHEMA},public"}
    )
    return scoped.render_as_string(hide_password=False)


def postgres_backend(url: str, reuse: bool = False):
    """(The PostgreSQL backend on the schema `kv_bench` of the database at `url`, the pairs it
    already holds). The schema is dropped and made afresh unless `reuse` finds it filled; a
    reused schema is brought to the newest migration like any older store."""
    from sqlalchemy import create_engine, text

    from indexer.search.postgres_backend import PostgresBackend
    from indexer.search.postgres_schema import TABLE
    from indexer.store import database_url, make_engine

    with create_engine(database_url(Path("."), url)).begin() as conn:
        filled = conn.execute(
            text("SELECT to_regclass(:t) IS NOT NULL"), {"t": f"{BENCH_SCHEMA}.{TABLE}"}
        ).scalar_one()
        pairs = (
            conn.execute(text(f"SELECT count(*) FROM {BENCH_SCHEMA}.{TABLE}")).scalar_one() if filled else 0
        )
        if not (reuse and pairs):
            pairs = 0
            conn.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {BENCH_SCHEMA}"))
    return PostgresBackend(make_engine(postgres_url(url))), pairs


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


def _tantivy_index(path: Path, create: bool):
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("pair_id", stored=True, tokenizer_name="raw")
    for name in ("subject", "question"):
        sb.add_text_field(name, stored=False, tokenizer_name="nl")
    sb.add_text_field("answer", stored=True, tokenizer_name="nl")
    for name in ("party", "ministry", "kind"):
        sb.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(sb.build(), path=str(path), reuse=not create)
    dutch = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("dutch"))
        .build()
    )
    index.register_tokenizer("nl", dutch)
    return index


def build_tantivy(corpus: Corpus, path: Path) -> float:
    index = _tantivy_index(path, create=True)
    start = time.perf_counter()
    writer = index.writer(heap_size=128_000_000, num_threads=1)
    for _, entries in corpus.documents():
        for e in entries:
            writer.add_document(
                tantivy.Document(
                    pair_id=e.pair_id,
                    subject=e.subject,
                    question=e.question,
                    answer=e.answer,
                    party=e.parties[0],
                    ministry=e.ministries[0],
                    kind=e.kind,
                    year=e.date.year,
                )
            )
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - start


def time_tantivy(path: Path, qs: dict[str, list]) -> dict[str, list[float]]:
    index = _tantivy_index(path, create=False)
    searcher = index.searcher()
    schema = index.schema
    fields = ["subject", "question", "answer"]
    aggs = {c: {"terms": {"field": c}} for c in ("party", "ministry", "kind")}
    aggs["year"] = {"histogram": {"field": "year", "interval": 1}}
    out: dict[str, list[float]] = {}
    for kind, items in qs.items():
        if kind == SIMILAR:
            continue
        times = []
        for q in items:
            words = [w for w in q.split() if w not in {"AND"} and ":" not in w]
            start = time.perf_counter()
            if kind == FILTERS:
                party = q.split("partij:")[1].split()[0]
                query = index.parse_query(f'{words[0]} AND party:"{party}" AND year:[2015 TO *]', fields)
                hits = searcher.search(query, 10).hits
                [searcher.doc(a) for _, a in hits]
                searcher.aggregate(query, aggs)
            elif kind == SNIPPETS:
                query = index.parse_query(" OR ".join(words), fields)
                generator = tantivy.SnippetGenerator.create(searcher, query, schema, "answer")
                for _, a in searcher.search(query, 10).hits:
                    generator.snippet_from_doc(searcher.doc(a)).to_html()
            else:
                text = q if kind == PHRASE else " AND ".join(words) if kind == AND else " OR ".join(words)
                [searcher.doc(a) for _, a in searcher.search(index.parse_query(text, fields), 10).hits]
            times.append((time.perf_counter() - start) * 1000)
        out[kind] = times
    return out


WORD = "1 word"
AND = "2 words, AND"
PHRASE = "quoted 2-word phrase"
FILTERS = "1 word + party + date, facets (backends 9 + snippets, baselines 4)"
SNIPPETS = "2 words, OR, snippets (backends q+a, baselines answer)"
SIMILAR = "similar to a 20-40 word draft (backends only)"
CLAIM = "claim lookup: words + a figure (backends 5 rarest words, fts5 all)"
LABEL = max(map(len, (WORD, AND, PHRASE, FILTERS, SNIPPETS, SIMILAR, CLAIM)))  # row label width
UNITS = ["count", "persons", "percent", "euro"]


def statements(corpus: Corpus):
    """Synthetic statements of the pairs with a figure: a value, a unit, the sentence (words of
    the answer with the figure in it) and a measure shared by pairs whose answers start alike."""
    rng = random.Random(SEED + 2)
    for _, entries in corpus.documents():
        for e in entries:
            if not e.has_figure:
                continue
            words = e.answer.split()
            for i in range(rng.randint(1, 3)):
                value = float(
                    rng.choice([rng.randint(2, 99), rng.randint(100, 20_000), rng.randint(1, 99) * 1000])
                )
                at = rng.randint(0, max(len(words) - 12, 0))
                sentence = " ".join(
                    [*words[at : at + 6], f"{int(value):,}".replace(",", "."), *words[at + 6 : at + 12]]
                )
                yield {
                    "id": f"{e.pair_id}-{i}"[-16:],
                    "document_id": e.document_id,
                    "pair_id": e.pair_id,
                    "question_numbers": ",".join(map(str, e.question_numbers)),
                    "location": f"a{e.question_numbers[0]}",
                    "start": 0,
                    "end": 1,
                    "text": f"{int(value)}",
                    "value": value,
                    "unit": rng.choice(UNITS),
                    "role": "answer",
                    "corrects": False,
                    "sentence": sentence,
                    "ref_date": e.date.isoformat(),
                    "date": e.date,
                    "measure_id": f"m{zlib.crc32(' '.join(words[:2]).encode()) % 50_000:05d}",
                }


def build_ledger(corpus: Corpus, path: Path) -> list[str]:
    """The ledger's statements table (the real schema) filled with synthetic statements; returns
    claims made from some of them: a few of the sentence's words and the figure, as written."""
    from sqlalchemy import insert

    from indexer.fact_tables import StatementRow
    from indexer.store import make_engine

    engine = make_engine(f"sqlite:///{path}")
    rows = list(statements(corpus))
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for start in range(0, len(rows), 5000):
            conn.execute(insert(StatementRow), rows[start : start + 5000])
    rng = random.Random(SEED + 3)
    claims = []
    for row in rng.sample(rows, min(40, len(rows))):
        words = row["sentence"].split()
        claims.append(" ".join(rng.sample(words, min(len(words), 8))))
    engine.dispose()
    return claims


def time_claims_backend(backend: SearchBackend, ledger: Path, claims: list[str]) -> list[float]:
    from sqlmodel import Session

    from indexer import facts
    from indexer.store import make_engine

    engine = make_engine(f"sqlite:///{ledger}")
    times = []
    with Session(engine) as session:
        facts.lookup(session, backend, claims[0])
        for claim in claims:
            start = time.perf_counter()
            facts.lookup(session, backend, claim, limit=10)
            times.append((time.perf_counter() - start) * 1000)
    return times


def time_claims_fts5(fts: Path, ledger: Path, claims: list[str]) -> list[float]:
    """The baseline: the claim's words ORed in FTS5 (top 30 pairs), their statements and the
    statements with the claim's figure, in plain SQL."""
    import re

    from kamervragen.extract.statements import claim_figures

    db = sqlite3.connect(fts)
    db.execute("ATTACH DATABASE ? AS ledger", (str(ledger),))
    times = []
    for claim in claims:
        start = time.perf_counter()
        words = [w for w in re.findall(r"[^\W\d_]+", claim) if len(w) > 2]
        pairs = [
            r[0]
            for r in db.execute(
                "SELECT pair_id FROM pairs WHERE pairs MATCH ? ORDER BY bm25(pairs) LIMIT 30",
                (" OR ".join(f'"{w}"' for w in words),),
            )
        ]
        marks = ",".join("?" * len(pairs))
        db.execute(f"SELECT * FROM ledger.statements WHERE pair_id IN ({marks})", pairs).fetchall()
        for f in claim_figures(claim):
            db.execute(
                "SELECT * FROM ledger.statements WHERE value BETWEEN ? AND ? LIMIT 400",
                (f.value * 0.995, f.value * 1.005),
            ).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return times


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


def time_backend(backend: SearchBackend, qs: dict[str, list]) -> dict[str, list[float]]:
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


def first_search_after_commits(label: str, backend: SearchBackend, n: int, qs: dict[str, list]) -> None:
    """Three incremental runs of 20 documents, each followed by one search: how long the commit
    takes and how long the first search after it waits for the new index state."""
    for attempt in range(3):
        start = time.perf_counter()
        with backend.writer() as writer:
            for doc_id, entries in Corpus(n).documents(n + 20 * attempt, 20):
                writer.replace_document(doc_id, entries)
        committed = time.perf_counter()
        backend.search(SearchRequest(query=qs[AND][attempt]))
        print(
            f"{label}: incremental 20 documents {committed - start:.2f} s; first search after it "
            f"{(time.perf_counter() - committed) * 1000:.0f} ms (target <= 200 ms)"
        )


def time_postgres(
    url: str,
    n: int,
    qs: dict[str, list],
    w: dict,
    f: dict,
    ledger: Path,
    claims: list[str],
    reuse: bool = False,
):
    """The same corpus and queries on the PostgreSQL backend, with p95 ratios to both others;
    returns the backend (for the HTTP rows). With `reuse`, a filled schema is timed as it is."""
    pg, reused = postgres_backend(url, reuse)
    if reused:
        print(f"postgres: reused the kept index ({reused} pairs; --reuse), {postgres_size_mb(pg):.0f} MB")
    else:
        seconds, pairs = build_backend(pg, Corpus(n))
        # planner statistics and the visibility map, as autovacuum makes them after a build
        with pg.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        print(
            f"postgres: full build {seconds:.1f} s for {pairs} pairs ({pairs / seconds:.0f} pairs/s), "
            f"{postgres_size_mb(pg):.0f} MB"
        )
    start = time.perf_counter()
    with pg.writer() as writer:
        for doc_id, entries in Corpus(n).documents(n, 20):
            writer.replace_document(doc_id, entries)
    print(f"postgres: incremental 20 documents {time.perf_counter() - start:.2f} s")
    time_backend(pg, {WORD: qs[WORD][:3]})
    p = time_backend(pg, qs)
    p[CLAIM] = time_claims_backend(pg, ledger, claims)
    print(f"{'query (ms, top 10)':{LABEL}} {'pg p50':>10} {'p95':>8} {'/whoosh p95':>11} {'/fts5 p95':>9}")
    for kind, times in p.items():
        p95 = percentile(times, 95)
        to_fts = f"{p95 / percentile(f[kind], 95):9.1f}" if f.get(kind) else f"{'-':>9}"
        print(
            f"{kind:{LABEL}} {statistics.median(times):10.1f} {p95:8.1f} "
            f"{p95 / percentile(w[kind], 95):11.1f} {to_fts}"
        )
    mix = [q for kind in (WORD, AND, PHRASE, FILTERS, SNIPPETS) for q in qs[kind][:10]]
    times, estimated = [], 0
    for q in mix:  # the searches of the HTTP rows, as the site asks them: facets and snippets
        start = time.perf_counter()
        estimated += pg.search(SearchRequest(query=q)).facets_estimated
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"postgres: the HTTP 'repeated' rows' {len(mix)} searches, in process, with facets and "
        f"snippets: p50 {statistics.median(times):.1f}, p95 {percentile(times, 95):.1f} ms; "
        f"facets estimated from a sample in {estimated} "
        "(result sets over postgres_facets.FACET_EXACT)"
    )
    return pg


def time_tantivy_backend(
    data: Path,
    n: int,
    qs: dict[str, list],
    baselines: tuple[dict, dict, dict],
    ledger: Path,
    claims: list[str],
) -> SearchBackend:
    """The project's tantivy backend (`--search tantivy`, not the scratch baseline above) on
    the same corpus and queries: full build, first search in a new process and after commits,
    p95 per query type with ratios to Whoosh, FTS5 and the tantivy baseline (memory per process:
    the new process here, the server processes in the HTTP rows)."""
    from indexer.search.tantivy_backend import TantivyBackend

    w, f, t = baselines
    path = data / "tantivy"
    if not (path / "current").exists():
        cpu = time.process_time()
        backend = TantivyBackend(path)
        seconds, pairs = build_backend(backend, Corpus(n))
        print(
            f"tantivy backend: full build {seconds:.1f} s (CPU {time.process_time() - cpu:.1f} s) for "
            f"{pairs} pairs ({pairs / seconds:.0f} pairs/s), {size_mb(path):.0f} MB "
            "(target <= 20 min on 2 cores)"
        )
    imported, first, second, rss = first_search_new_process(path, qs[WORD][0], TANTIVY_CLASS)
    print(
        f"tantivy backend: new process: imports {imported:.2f} s, first search {first:.2f} s, "
        f"second {second * 1000:.0f} ms, RSS then {rss:.0f} MB"
    )
    backend = TantivyBackend(path)
    start = time.perf_counter()
    backend.warm()
    print(f"tantivy backend: warm-up in this process {time.perf_counter() - start:.2f} s")
    first_search_after_commits("tantivy backend", backend, n, qs)
    time_backend(backend, {WORD: qs[WORD][:3]})
    ours = time_backend(backend, qs)
    ours[CLAIM] = time_claims_backend(backend, ledger, claims)
    print(
        f"{'query (ms, top 10)':{LABEL}} {'tantivy backend p50':>19} {'p95':>7} {'/whoosh':>8} {'/fts5':>6} "
        f"{'/baseline':>9}   (ratios of p95; baseline = the scratch tantivy above)"
    )
    for kind, times in ours.items():
        p95 = percentile(times, 95)
        cells = [f"{kind:{LABEL}} {statistics.median(times):19.1f} {p95:7.1f}"]
        for base, width in ((w, 8), (f, 6), (t, 9)):
            b = base.get(kind)
            cells.append(f"{p95 / max(percentile(b, 95), 1e-3):{width}.2f}" if b else f"{'-':>{width}}")
        print(" ".join(cells))
    return backend


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """RSS, PSS and anonymous memory of a process in MB. The index is read through memory
    maps, so part of RSS is the operating system's page cache, shared by every process mapping
    the same files; anonymous memory (heap, arrays) is what the process holds on its own."""
    text = Path(f"/proc/{pid}/smaps_rollup").read_text()

    def field(name: str) -> float:
        m = re.search(rf"^{name}:\s+(\d+) kB", text, re.M)
        return int(m.group(1)) / 1024 if m else 0.0

    return {"rss": field("Rss"), "pss": field("Pss"), "anon": field("Anonymous")}


def show_memory(label: str, mem: dict[str, float]) -> None:
    print(
        f"{label}: RSS {mem['rss']:.0f} MB (PSS {mem['pss']:.0f} MB, own anonymous {mem['anon']:.0f} MB; "
        "target <= 500 MB per process)"
    )


NEW_PROCESS = """
import importlib, sys, time
start = time.perf_counter()
from indexer.search.backend import SearchRequest
module, name = sys.argv[3].split(":")
Backend = getattr(importlib.import_module(module), name)
imported = time.perf_counter()
backend = Backend(sys.argv[1])
backend.search(SearchRequest(query=sys.argv[2]))
first = time.perf_counter()
backend.search(SearchRequest(query=sys.argv[2] + " overheid"))
done = time.perf_counter()
rss = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmRSS")][0]
print(imported - start, first - imported, done - first, int(rss) / 1024)
"""
WHOOSH_CLASS = "indexer.search.whoosh_backend:WhooshBackend"
TANTIVY_CLASS = "indexer.search.tantivy_backend:TantivyBackend"


def first_search_new_process(
    index: Path, word: str, backend: str = WHOOSH_CLASS
) -> tuple[float, float, float, float]:
    """(import s, first search s, second search s, RSS MB after them) in a fresh Python process
    (no warm-up)."""
    out = subprocess.run(
        [sys.executable, "-c", NEW_PROCESS, str(index), word, backend],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), float(out[3])


# --- HTTP load on `kamervragen serve` ------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    data: Path, workers: int, search: str = "whoosh", db: str | None = None
) -> tuple[subprocess.Popen, str]:
    """`kamervragen serve` on the data folder with `search` (and the PostgreSQL store `db`)."""
    port = _free_port()
    # KAMERVRAGEN_BENCH_SERVER: serve another checkout's code (a before/after comparison)
    code = Path(os.environ.get("KAMERVRAGEN_BENCH_SERVER") or ROOT)
    path = os.pathsep.join(p for p in (str(code), os.environ.get("KAMERVRAGEN_BENCH_PATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path, "KAMERVRAGEN_RATE_LIMIT": "0", "KAMERVRAGEN_SEARCH": search}
    if db:
        env["KAMERVRAGEN_DB"] = db
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kamervragen.cli",
            "serve",
            "--data",
            str(data),
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        cwd=code,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/search?q=", timeout=60) as r:
                json.loads(r.read())
            _settle(proc)
            return proc, base
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.3)


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _settle(proc: subprocess.Popen) -> None:
    """Wait until every worker has warmed up (the first answer comes from one of them): the
    server's processes use no CPU for a second."""
    before = _cpu_seconds(server_processes(proc))
    for _ in range(120):
        time.sleep(1.0)
        now = _cpu_seconds(server_processes(proc))
        if now - before < 0.05:
            return
        before = now


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def server_processes(proc: subprocess.Popen) -> list[int]:
    """The server and its worker processes (uvicorn spawns workers as children)."""
    pids = [proc.pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == proc.pid:
            pids.append(int(stat.parent.name))
    return pids


def load(
    base: str, pick, clients: int, seconds: float, server: list[int] | None = None, rate: float | None = None
) -> dict:
    """`clients` threads, each with one keep-alive connection, requesting for `seconds` the
    path `pick(rng)` gives. The CPU time of this process (the load generator) and of the
    `server` processes is measured too: on a shared machine they compete for the same cores,
    and server CPU per request is the request path's own cost, which contention does not blur.

    With `rate`, requests arrive at that many a second in all (random, seeded intervals: users
    who read between searches) instead of back to back, and a latency counts from the moment
    its request was due, so the time it waited for a free client is in it (else a slow server
    would be measured only at the pace it sets itself)."""
    import http.client

    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors: list[int] = []
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    arrivals = random.Random(SEED + 3)
    due = [time.perf_counter()]

    def next_due() -> float:
        """When the next request is due: now when not paced, else the next arrival."""
        if rate is None:
            return time.perf_counter()
        with lock:
            due[0] += arrivals.expovariate(rate)
            return due[0]

    def connect() -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as browsers do
        return conn

    def client(n: int) -> None:
        rng = random.Random(n)
        conn = connect()
        mine: list[float] = []
        bad: list[int] = []
        while (start := next_due()) < deadline:
            path = pick(rng)
            if (wait := start - time.perf_counter()) > 0:  # paced: not due yet
                time.sleep(wait)
            for attempt in (1, 2):
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    break
                except (OSError, http.client.HTTPException) as error:
                    status = 599
                    conn.close()
                    conn = connect()
                    # the server closes a connection idle past its keep-alive time (paced rows);
                    # a browser then asks again on a new one, and so does this client, once
                    if attempt == 2 or not isinstance(error, (ConnectionResetError, BrokenPipeError)):
                        break
            mine.append((time.perf_counter() - start) * 1000)
            if status != 200:
                bad.append(status)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    server_cpu, own_cpu = _cpu_seconds(server or []), time.process_time()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    count = max(1, len(latencies))
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": percentile(latencies, 95) if latencies else 0.0,
        "max": max(latencies, default=0.0),
        "over_1s": sum(1 for v in latencies if v > 1000),
        "errors": len(errors),
        "statuses": sorted(set(errors)),
        "server_cpu_ms": (_cpu_seconds(server or []) - server_cpu) * 1000 / count,
        "client_cpu_ms": (time.process_time() - own_cpu) * 1000 / count,
    }


def http_paths(qs: dict[str, list]) -> list[str]:
    """API and site searches over the query types (the site renders the HTML page): 100 paths,
    so under load nearly every request repeats an earlier one (a result cache is warm)."""
    paths = []
    for kind in (WORD, AND, PHRASE, FILTERS, SNIPPETS):
        for q in qs[kind][:10]:
            encoded = urllib.parse.quote(q)
            paths.append(f"/api/v1/search?q={encoded}")
            paths.append(f"/search?q={encoded}")
    return paths


def distinct_paths(corpus: Corpus, count: int, repeated: list[str]) -> list[str]:
    """`count` different searches of the same kinds as `http_paths` (none of them among
    `repeated`), API and site alternating: each is asked once, so a result cache is cold."""
    rng = random.Random(SEED + 2)
    mid = [w for w in corpus.words[300:5000] if len(w) > 3]
    makers = [
        lambda: rng.choice(mid),
        lambda: f"{rng.choice(mid)} AND {rng.choice(mid)}",
        lambda: f"{rng.choice(mid)} partij:{rng.choice(PARTIES)} van:{rng.randint(2010, 2023)}-01-01",
        lambda: f"{rng.choice(mid)} {rng.choice(mid)}",
    ]
    seen = set(repeated)
    paths: list[str] = []
    while len(paths) < count:
        encoded = urllib.parse.quote(rng.choice(makers)())
        path = f"/api/v1/search?q={encoded}" if len(paths) % 2 else f"/search?q={encoded}"
        if path not in seen:
            seen.add(path)
            paths.append(path)
    return paths


def show_load(label: str, result: dict) -> None:
    print(
        f"{label:44} {result['rps']:7.1f} req/s  p50 {result['p50']:7.1f}  p95 {result['p95']:7.1f}  "
        f"max {result['max']:7.1f} ms  >1s {result['over_1s']:3d}  errors {result['errors']}"
        + (f" {result['statuses']}" if result["errors"] else "")
        + f"  CPU/req server {result['server_cpu_ms']:.1f} ms, "
        f"load generator {result['client_cpu_ms']:.1f} ms"
    )


def commit_while(backend: SearchBackend, corpus_n: int, stop: threading.Event, every: float) -> list[float]:
    """Incremental runs of 20 documents every `every` seconds until `stop`; their durations."""
    durations = []
    start_doc = corpus_n + 1000
    while not stop.is_set():
        start = time.perf_counter()
        with backend.writer() as writer:
            for doc_id, entries in Corpus(corpus_n).documents(start_doc, 20):
                writer.replace_document(doc_id, entries)
        durations.append(time.perf_counter() - start)
        start_doc += 20
        stop.wait(every)
    return durations


def http_benchmark(
    data: Path,
    backend: SearchBackend,
    n: int,
    qs: dict,
    workers: int,
    seconds: float,
    search: str = "whoosh",
    db: str | None = None,
) -> None:
    repeated = http_paths(qs)
    # more distinct searches than any row can ask, shared by a server's rows: none is asked twice
    fresh = iter(distinct_paths(Corpus(n), 40_000, repeated))
    fresh_lock = threading.Lock()

    def pick_fresh(rng: random.Random) -> str:
        with fresh_lock:
            return next(fresh)

    def pick_repeated(rng: random.Random) -> str:
        return rng.choice(repeated)

    print(
        f"{search}: HTTP load on loopback, {seconds:.0f} s per row, API and HTML search pages mixed (ms); "
        f"the load generator (this process, {os.cpu_count()} cores) shares the cores with the server. "
        "'repeated': 100 searches asked again and again (a result cache is warm); "
        "'distinct': every search new (the cache is cold): one word, two words with AND, a word "
        "with party and date filters, two words with no operator — no quoted phrases; every engine gets the "
        "same sequence. Rows without a rate ask back to back; 'distinct R/s': new searches arriving at "
        "R a second from 50 clients (users reading between searches), timed from when each was due"
    )
    for w in sorted({1, workers}):
        proc, base = start_server(data, w, search, db)
        pids = server_processes(proc)
        try:
            for clients in (1, 10, 50):
                show_load(
                    f"  {w} worker(s), {clients:2d} clients, repeated",
                    load(base, pick_repeated, clients, seconds, pids),
                )
            for clients in (10, 50):
                show_load(
                    f"  {w} worker(s), {clients:2d} clients, distinct",
                    load(base, pick_fresh, clients, seconds, pids),
                )
            for rate in PACED_RATES:
                show_load(
                    f"  {w} worker(s), 50 clients, distinct {rate}/s",
                    load(base, pick_fresh, 50, seconds, pids, rate=rate),
                )
            stop = threading.Event()
            durations: list[float] = []
            committer = threading.Thread(
                target=lambda: durations.extend(commit_while(backend, n, stop, 1.0))  # noqa: B023
            )
            committer.start()
            result = load(base, pick_repeated, 10, seconds, pids)
            stop.set()
            committer.join()
            show_load(f"  {w} worker(s), 10 clients + commits, repeated", result)
            print(f"    {len(durations)} commits of 20 documents during the row (target: no 500, none > 1 s)")
            for pid in pids:
                if Path(f"/proc/{pid}/smaps_rollup").exists():
                    show_memory(f"    server process {pid}", memory_mb(pid))
        finally:
            stop_server(proc)


def http_only(args: argparse.Namespace, work: Path) -> None:
    """`--http-only whoosh|tantivy|postgres`: only the HTTP rows of one backend, on its index in
    `work/data` (built there first when missing; keep it with --keep for the next run), or on
    the PostgreSQL schema `kv_bench` (kept when filled, else built)."""
    from indexer.search.tantivy_backend import TantivyBackend

    data = work / "data"
    backend: SearchBackend
    db = None
    if args.http_only == "postgres":
        if not args.postgres:
            raise SystemExit("--http-only postgres needs --postgres URL (or KAMERVRAGEN_BENCH_DB)")
        backend, pairs = postgres_backend(args.postgres, reuse=True)
        if not pairs:
            seconds, pairs = build_backend(backend, Corpus(args.n))
            print(f"postgres: full build {seconds:.1f} s for {pairs} pairs")
        data, db = work / "data-postgres", postgres_url(args.postgres)
        data.mkdir(parents=True, exist_ok=True)
    elif args.http_only == "whoosh":
        path = data / "index"
        if not path.exists():
            seconds, pairs = build_whoosh(Corpus(args.n), path)
            print(f"whoosh: full build {seconds:.1f} s for {pairs} pairs")
        backend = WhooshBackend(path)
    else:
        path = data / "tantivy"
        fresh = not (path / "current").exists()
        backend = TantivyBackend(path)
        if fresh:
            seconds, pairs = build_backend(backend, Corpus(args.n))
            print(f"tantivy backend: full build {seconds:.1f} s for {pairs} pairs")
    qs = queries(Corpus(args.n))
    http_benchmark(data, backend, args.n, qs, args.workers, args.seconds, args.http_only, db)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the indexes in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: time queries on the kept indexes")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="workers for the N rows")
    parser.add_argument("--seconds", type=float, default=8.0, help="duration of each HTTP load row")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP load rows")
    parser.add_argument(
        "--http-only",
        choices=("whoosh", "tantivy", "postgres"),
        default=None,
        help="only this backend's HTTP rows",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("KAMERVRAGEN_BENCH_DB"),
        help=f"PostgreSQL database URL: its schema {BENCH_SCHEMA} is dropped and filled",
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kv-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.http_only:
        print(f"SYNTHETIC corpus: {args.n} documents (seed {SEED}); HTTP rows of {args.http_only} only")
        http_only(args, work)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    corpus = Corpus(args.n)
    print(f"SYNTHETIC corpus: {args.n} documents (seed {SEED}), Dutch words by wordfreq frequency")
    ledger_path = work / "ledger.sqlite"
    data = work / "data"
    whoosh_dir, fts_path, tantivy_dir = data / "index", work / "fts5.sqlite", work / "tantivy"
    if not (args.reuse and whoosh_dir.exists() and fts_path.exists() and tantivy_dir.exists()):
        shutil.rmtree(data, ignore_errors=True)
        fts_path.unlink(missing_ok=True)
        ledger_path.unlink(missing_ok=True)
        shutil.rmtree(tantivy_dir, ignore_errors=True)
        cpu = time.process_time()
        seconds, pairs = build_whoosh(corpus, whoosh_dir)
        print(
            f"whoosh:  full build {seconds:.1f} s (CPU {time.process_time() - cpu:.1f} s) for {pairs} pairs "
            f"({pairs / seconds:.0f} pairs/s), {size_mb(whoosh_dir):.0f} MB"
        )
        fts_seconds = build_fts5(Corpus(args.n), fts_path)
        print(
            f"fts5:    full build {fts_seconds:.1f} s, {size_mb(fts_path):.0f} MB  "
            f"(whoosh / fts5 {seconds / fts_seconds:.0f}x)"
        )
        t_seconds = build_tantivy(Corpus(args.n), tantivy_dir)
        print(
            f"tantivy baseline: full build {t_seconds:.1f} s, {size_mb(tantivy_dir):.0f} MB  "
            f"(whoosh / baseline {seconds / t_seconds:.0f}x)"
        )
    qs = queries(Corpus(args.n))
    imported, first, second, _ = first_search_new_process(whoosh_dir, qs[WORD][0])
    print(
        f"whoosh: new process: imports {imported:.2f} s, first search {first:.2f} s (index opened, "
        f"arrays read, lexicon loaded; a server does this before it accepts requests), "
        f"second {second * 1000:.0f} ms"
    )
    backend = WhooshBackend(whoosh_dir)
    start = time.perf_counter()
    backend.warm()
    print(f"whoosh: warm-up in this process {time.perf_counter() - start:.2f} s")
    time_backend(backend, {WORD: qs[WORD][:3]})
    first_search_after_commits("whoosh", backend, args.n, qs)
    w = time_backend(backend, qs)
    f = time_fts5(fts_path, qs)
    t = time_tantivy(tantivy_dir, qs)
    print(
        f"{'query (ms, top 10)':{LABEL}} {'whoosh p50':>10} {'p95':>7} {'fts5 p50':>9} {'p95':>7} "
        f"{'baseline p50':>12} {'p95':>7} {'/fts5':>6} {'/baseline':>9}"
        "   (baseline = scratch tantivy with its own Dutch stemmer)"
    )
    ledger_path.unlink(missing_ok=True)
    claims = build_ledger(Corpus(args.n), ledger_path)
    w[CLAIM] = time_claims_backend(backend, ledger_path, claims)
    f[CLAIM] = time_claims_fts5(fts_path, ledger_path, claims)
    for kind, times in w.items():
        cells = [f"{kind:{LABEL}} {statistics.median(times):10.1f} {percentile(times, 95):7.1f}"]
        for base in (f, t):
            b = base.get(kind)
            width = 9 if base is f else 12
            cells.append(
                f"{statistics.median(b):{width}.1f} {percentile(b, 95):7.1f}"
                if b
                else f"{'-':>{width}} {'-':>7}"
            )
        for base, width in ((f, 6), (t, 9)):
            b = base.get(kind)
            cells.append(
                f"{percentile(times, 95) / max(percentile(b, 95), 1e-3):{width}.1f}"
                if b
                else f"{'-':>{width}}"
            )
        print(" ".join(cells))
    show_memory(
        "whoosh: this process after its queries (the FTS5 and tantivy-baseline queries ran here too)",
        memory_mb(),
    )
    pg = (
        time_postgres(args.postgres, args.n, qs, w, f, ledger_path, claims, args.reuse)
        if args.postgres
        else None
    )
    ours = time_tantivy_backend(data, args.n, qs, (w, f, t), ledger_path, claims)
    if not args.no_http:
        http_benchmark(data, backend, args.n, qs, args.workers, args.seconds)
        http_benchmark(data, ours, args.n, qs, args.workers, args.seconds, search="tantivy")
        if pg:
            data_pg = work / "data-postgres"
            data_pg.mkdir(exist_ok=True)
            http_benchmark(
                data_pg, pg, args.n, qs, args.workers, args.seconds, "postgres", postgres_url(args.postgres)
            )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
