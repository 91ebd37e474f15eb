"""Commitments register benchmark on a deterministic SYNTHETIC knowledge base (not real
documents): N answers with two commitments each, a tenth of them citing an earlier answer by
its aanhangsel id, a few naming an earlier asker. Prints the time of a full fulfilment refresh
(a rebuild), of a refresh after an incremental batch of 20 documents, and p50/p95 latency of
register pages with each filter and of one commitment by id.

    PYTHONPATH=. python benchmarks/register_speed.py [N documents, default 10000] [--db URL]

Target (issue 12): cheap at 100,000 documents - a register page well under 100 ms, an
incremental refresh well under a second.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session

from indexer import models as m
from indexer.commitment_ids import commitment_keys
from indexer.commitments import Filters, get_commitment, register
from indexer.fulfilment import refresh_fulfilments
from indexer.store import database_url, make_engine

SEED = 20131203
MINISTERS = [
    (f"Minister{i}", m_) for i, m_ in enumerate(["Financiën", "Defensie", "Justitie en Veiligheid"] * 5)
]
PARTIES = ["VVD", "PVV", "CDA", "D66", "SP", "ChristenUnie", "SGP", "PvdD", "Volt", "BBB"]
TOPICS = ["de inburgering", "de jeugdzorg", "de wachtlijsten", "de stikstofregels", "het openbaar vervoer"]


def aanhangsel(i: int) -> str:
    return f"ah-tk-20232024-{i + 1}"


def build(engine, n: int) -> None:
    rng = random.Random(SEED)
    start = date(2020, 1, 1)
    people = [
        {"id": i + 1, "name": name, "kind": "government", "party": None}
        for i, (name, _) in enumerate(MINISTERS)
    ]
    members = [
        {"id": 100 + i, "name": f"Lid{i}", "kind": "member", "party": PARTIES[i % len(PARTIES)]}
        for i in range(200)
    ]
    docs, links, commitments, references, answers = [], [], [], [], []
    for i in range(n):
        doc_id = aanhangsel(i)
        minister = rng.randrange(len(MINISTERS))
        member = rng.randrange(len(members))
        received = start + timedelta(days=i * 1500 // n)
        topic = rng.choice(TOPICS)
        data = {
            "answerers": [
                {"name": MINISTERS[minister][0], "role": "minister", "ministry": MINISTERS[minister][1]}
            ],
            "askers": [{"name": members[member]["name"], "party": members[member]["party"]}],
        }
        docs.append(
            {
                "id": doc_id,
                "source": f"/synthetic/{doc_id}.xml",
                "content_hash": f"{i:064d}",
                "kind": "answer",
                "subject": topic,
                "received": received,
                "document_json": data,
                "index_state": "done",
            }
        )
        links.append(
            {
                "document_id": doc_id,
                "person_id": minister + 1,
                "relation": "answerer",
                "role": "minister",
                "ministry": MINISTERS[minister][1],
            }
        )
        links.append(
            {
                "document_id": doc_id,
                "person_id": members[member]["id"],
                "relation": "asker",
                "role": None,
                "ministry": None,
            }
        )
        texts = [
            (f"a{k}", f"Ik zal de Kamer voor de zomer informeren over {topic} en punt {k} van vraag {i}.")
            for k in (1, 2)
        ]
        for (loc, text), key in zip(texts, commitment_keys(doc_id, texts), strict=True):
            due = received + timedelta(days=rng.randrange(30, 400)) if rng.random() < 0.8 else None
            commitments.append(
                {
                    "document_id": doc_id,
                    "location": loc,
                    "text": text,
                    "topic": topic,
                    "due": due,
                    "key": key,
                    "answered": received,
                    "vague": due is None,
                    "conditional": False,
                }
            )
        answer = f"Het antwoord over {topic}."
        if i > 10 and rng.random() < 0.1:
            cited = rng.randrange(i)
            references.append(
                {
                    "document_id": doc_id,
                    "location": "a1",
                    "kind": "aanhangsel",
                    "ref_id": aanhangsel(cited),
                    "text": f"Aanhangsel Handelingen II 2023/24, nr. {cited + 1}",
                }
            )
            answer = (
                f"Zoals toegezegd (Aanhangsel Handelingen II 2023/24, nr. {cited + 1}) stuur ik u {topic}."
            )
        elif i > 10 and rng.random() < 0.02:
            name = members[member]["name"]
            answer = f"Zoals toegezegd in antwoord op vragen van het lid {name} stuur ik u {topic}."
        answers.append({"document_id": doc_id, "ordinal": 0, "numbers": "1", "text": answer})
        data["subject"] = topic
        data["answers"] = [{"numbers": [1], "text": answer}]
        docs[-1]["document_json"] = json.dumps(data)
    with engine.begin() as conn:
        conn.execute(insert(m.PartyRow), [{"name": p} for p in PARTIES])
        conn.execute(insert(m.PersonRow), people + members)
        for table, rows in (
            (m.DocumentRow, docs),
            (m.DocumentPersonRow, links),
            (m.CommitmentRow, commitments),
            (m.ReferenceRow, references),
            (m.AnswerRow, answers),
        ):
            for chunk in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[chunk : chunk + 5000])


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1 if len(times) > 1 else 0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL instead of SQLite in a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(database_url(Path(tmp), args.db))
        t = time.perf_counter()
        build(engine, args.n)
        print(
            f"{args.n} synthetic answers, {2 * args.n} commitments stored in {time.perf_counter() - t:.1f} s"
        )
        t = time.perf_counter()
        kept = refresh_fulfilments(engine, None)
        print(
            f"full refresh (rebuild):              {time.perf_counter() - t:8.2f} s  ({kept} fulfilment rows)"
        )
        batch = [aanhangsel(i) for i in random.Random(1).sample(range(args.n), 20)]
        median, p95 = timed(lambda: refresh_fulfilments(engine, batch), 5)
        print(f"refresh after a batch of 20 docs:    p50 {median:7.1f} ms  p95 {p95:7.1f} ms")
        today = date(2022, 6, 1)
        with Session(engine) as session:
            key = register(session, Filters(), today)[1][0].id
            cases = {
                "register page 1, no filter": lambda: register(session, Filters(), today),
                "register page 50": lambda: register(session, Filters(), today, page=50),
                "status=overdue": lambda: register(session, Filters(statuses=["overdue"]), today),
                "minister=": lambda: register(session, Filters(minister="Minister3"), today),
                "ministry=": lambda: register(session, Filters(ministry="Defensie"), today),
                "party=": lambda: register(session, Filters(party="SP"), today),
                "q=jeugdzorg": lambda: register(session, Filters(q="jeugdzorg"), today),
                "due period": lambda: register(
                    session, Filters(due_from=date(2021, 1, 1), due_to=date(2021, 3, 31)), today
                ),
                "one by id": lambda: get_commitment(session, key, today),
            }
            for name, fn in cases.items():
                median, p95 = timed(fn, 20)
                print(f"{name:<36} p50 {median:7.1f} ms  p95 {p95:7.1f} ms")
        engine.dispose()


if __name__ == "__main__":
    main()
