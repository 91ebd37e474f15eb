"""Search benchmark on a deterministic SYNTHETIC corpus (not real documents): Dutch words drawn
by their real frequency (wordfreq), metadata drawn from fixed pools. Prints index time, index
size and p50/p95 latency per query type for Whoosh, and the same corpus and queries through
SQLite FTS5 as a baseline ratio.

    python benchmarks/search_speed.py [N documents, default 10000] [--keep DIR]

Targets (issue 4): p95 <= 50 ms per query with facets and highlights at 100,000 documents;
incremental indexing of 20 new documents <= 5 s; full rebuild of 100,000 documents <= 20 min.
Claim lookup (issue 11): p95 <= 100 ms at 100,000 documents, over synthetic statements (a third
of the pairs state one to three figures) in the ledger's own tables; its FTS5 baseline matches
the same claims' words and figures with plain SQL.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

from indexer.search.backend import IndexEntry, SearchRequest
from indexer.search.whoosh_backend import WhooshBackend

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
    backend = WhooshBackend(path)
    start = time.perf_counter()
    pairs = 0
    with backend.new_build() as build:  # as a rebuild does it: a whole index aside, then live
        for _, entries in corpus.documents():
            build.writer.add_documents(entries)
            pairs += len(entries)
        build.commit()
        build.publish()
    return time.perf_counter() - start, pairs


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
SIMILAR = "similar to a 20-40 word draft (whoosh only)"
CLAIM = "claim lookup: words + a figure (ledger)"
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


def time_claims_whoosh(backend: WhooshBackend, ledger: Path, claims: list[str]) -> list[float]:
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


def time_whoosh(backend: WhooshBackend, qs: dict[str, list]) -> dict[str, list[float]]:
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


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the indexes in this folder")
    parser.add_argument("--reuse", action="store_true", help="with --keep: time queries on the kept indexes")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kv-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(args.n)
    print(f"SYNTHETIC corpus: {args.n} documents (seed {SEED}), Dutch words by wordfreq frequency")
    whoosh_dir, fts_path = work / "whoosh", work / "fts5.sqlite"
    ledger_path = work / "ledger.sqlite"
    if not (args.reuse and whoosh_dir.exists() and fts_path.exists()):
        shutil.rmtree(whoosh_dir, ignore_errors=True)
        fts_path.unlink(missing_ok=True)
        ledger_path.unlink(missing_ok=True)
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
    ledger_path.unlink(missing_ok=True)
    claims = build_ledger(Corpus(args.n), ledger_path)
    w[CLAIM] = time_claims_whoosh(backend, ledger_path, claims)
    f[CLAIM] = time_claims_fts5(fts_path, ledger_path, claims)
    for kind, times in w.items():
        fp = f.get(kind)
        ratio = f"{percentile(times, 95) / percentile(fp, 95):9.1f}" if fp else f"{'-':>9}"
        fts = f"{statistics.median(fp):9.1f} {percentile(fp, 95):8.1f}" if fp else f"{'-':>9} {'-':>8}"
        print(f"{kind:54} {statistics.median(times):10.1f} {percentile(times, 95):8.1f} {fts} {ratio}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
