"""How long the case queries take on a knowledge base of N constructed documents (a benchmark,
not a test): every case at once (`all_cases`, what the answer-times page and API read), the
answer-time figures over them, and one document's case (`case_of`, what a document page reads).

Cases are made of a question set and its answer sharing a zaak number; every fourth also has a
notice of delay that only the answer's "Zie ook" line links. Run:
`PYTHONPATH=. python benchmarks/answer_times_speed.py --documents 10000 [--db postgresql://…]`."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session

from indexer.answer_times import Filters, answer_times
from indexer.cases import all_cases, case_of
from indexer.store import database_url, make_engine, save_document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from case_support import answer, notice, questions, see_also


def build(session: Session, documents: int) -> list[str]:
    rng = random.Random(12)
    ids: list[str] = []
    n = 0
    while len(ids) < documents:
        n += 1
        zaak = f"2024Z{n:05d}"
        submitted = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        answered = submitted + timedelta(days=rng.randrange(5, 90))
        docs = [
            questions(
                zaak, submitted, ministry=rng.choice(["Defensie", "Financiën", "Justitie en Veiligheid"])
            )
        ]
        refs = []
        if n % 4 == 0:
            docs.append(notice(100000 + n, None, submitted, submitted + timedelta(days=20)))
            refs = [see_also(docs[-1].id or "")]
        docs.append(answer(n, zaak, submitted, answered, refs=refs, minister=f"Minister {n % 17}"))
        for doc in docs:
            save_document(session, doc, doc.id or "", source=f"{doc.id}.txt", content_hash="x")
            ids.append(doc.id or "")
    session.commit()
    return ids


def timed(label: str, runs: int, call) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:40s} median {statistics.median(times):8.1f} ms   max {max(times):8.1f} ms   ({runs} runs)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL (an empty database); SQLite by default")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(database_url(Path(tmp), args.db))
        with Session(engine) as session:
            start = time.perf_counter()
            ids = build(session, args.documents)
            print(
                f"stored {len(ids)} documents in {time.perf_counter() - start:.1f} s "
                f"({engine.url.get_backend_name()})"
            )
            cases = all_cases(session)
            print(f"{len(cases)} cases")
            timed("all_cases", 3, lambda: all_cases(session))
            timed(
                "answer_times over all cases", 3, lambda: answer_times(cases, Filters(as_of=date(2025, 1, 1)))
            )
            sample = random.Random(3).sample(ids, 200)
            times = []
            for doc_id in sample:
                begin = time.perf_counter()
                case_of(session, doc_id)
                times.append((time.perf_counter() - begin) * 1000)
            print(
                f"{'case_of (200 documents)':40s} median {statistics.median(times):8.1f} ms   "
                f"max {max(times):8.1f} ms"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
