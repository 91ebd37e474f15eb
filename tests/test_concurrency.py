"""Many clients searching a live server at once, while an index run commits: every answer is a
200 with the right total. Regression test of issue 14: threads shared Whoosh's file objects and
their read position, so a request now and then read another request's bytes (HTTP 500 with
UnpicklingError, zlib.error or UnicodeDecodeError, or wrong results).

The thread switch interval is lowered for the test so that interleavings which are rare on a
real server happen in every run."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from live_server import live_server

from indexer.search.backend import IndexEntry
from indexer.search.mapped import MappedFile
from indexer.search.ranking import segments
from indexer.search.whoosh_backend import WhooshBackend
from web.app import create_app
from web.settings import Settings

WORDS = " ".join(
    (
        "inburgering examen gemeente zorg jeugdzorg onderwijs school leraar belasting toeslag",
        "woning huur politie rechter gevangenis asiel opvang stikstof boer natuur water dijk",
        "energie gas warmte subsidie begroting tekort schuld pensioen uitkering werkloosheid",
        "arbeid loon minimumloon ziekenhuis huisarts apotheek medicijn vaccin ouderen mantelzorg",
        "defensie militair missie spoor trein bus fiets auto snelweg vliegveld schiphol haven",
        "douane grens europa verdrag",
    )
).split()
DOCUMENTS = 240
MARKED = 40  # the first documents carry "zonnebloem" and are never rewritten during the test


def entries(i: int, rng: random.Random, version: int = 0) -> list[IndexEntry]:
    doc_id = f"conc-{i:04d}"
    day = date(2015, 1, 1) + timedelta(days=i)
    common = dict(
        document_id=doc_id,
        source=f"synthetic/{doc_id}",
        kind="answer",
        date=day,
        vergaderjaar=f"{day.year}-{day.year + 1}",
        subject=" ".join(rng.choices(WORDS, k=6)),
        askers=[f"Lid{i % 17}"],
        parties=[["VVD", "SP", "D66", "CDA"][i % 4]],
        addressees=["minister"],
        answerers=[f"Minister{i % 5}"],
        ministries=["Justitie en Veiligheid"],
        laws=[],
        kamerstukken=[],
    )
    marker = " zonnebloem" if i < MARKED else ""
    return [
        IndexEntry(
            pair_id=f"{doc_id}#q{q}",
            question_numbers=[q],
            question=" ".join(rng.choices(WORDS, k=30)) + marker + f" versie{version}",
            answer=" ".join(rng.choices(WORDS, k=200)),
            has_figure=q == 1,
            has_commitment=False,
            **common,
        )
        for q in (1, 2, 3)
    ]


@pytest.fixture
def index(tmp_path):
    data = tmp_path / "data"
    backend = WhooshBackend(data / "index")
    rng = random.Random(14)
    # several commits, so the index has several segments as a real one does
    for start in range(0, DOCUMENTS, 60):
        with backend.writer() as writer:
            for i in range(start, start + 60):
                writer.add_documents(entries(i, rng))
    return data


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, {}


QUERIES = [
    ("", (DOCUMENTS * 3, DOCUMENTS)),  # (pairs, documents)
    ("zonnebloem", (MARKED * 3, MARKED)),
    ('"zonnebloem versie0"', None),  # a phrase: positions read while others read postings
    ("inburgering examen partij:VVD", None),
    ("jeugdzorg OR stikstof", None),
    ("toeslag AND woning", None),
]


def searches_during_commits(app, backend) -> tuple[Counter[str], list[str], list[int]]:
    """Sixteen clients of a live server on `app` while `backend` (another object on the same
    index) rewrites documents: the failed requests by status, the wrong answers, the commits."""
    failures: Counter[str] = Counter()
    wrong: list[str] = []
    commits: list[int] = []
    done = threading.Event()
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        with live_server(app) as base:

            def client(n: int) -> None:
                rng = random.Random(n)
                for _ in range(30):
                    q, total = rng.choice(QUERIES)
                    params = {"q": q, "page": rng.randint(1, 3), "group": rng.choice(["pair", "document"])}
                    status, body = _get(f"{base}/api/v1/search?{urllib.parse.urlencode(params)}")
                    if status != 200:
                        failures[str(status)] += 1
                        continue
                    expected = total and total[params["group"] == "document"]
                    if expected is not None and body["total"] != expected:
                        wrong.append(f"{q!r} {params['group']}: {body['total']} != {expected}")
                    if any(not h["pair_id"].startswith(h["document_id"] + "#") for h in body["results"]):
                        wrong.append(f"{q!r}: a hit whose pair belongs to another document")

            def indexer() -> None:
                # an index run rewriting documents while the clients search: replaced, never doubled
                rng = random.Random(99)
                version = 1
                while not done.is_set() and version < 8:
                    with backend.writer() as writer:
                        for i in rng.sample(range(MARKED, DOCUMENTS), 10):
                            writer.replace_document(f"conc-{i:04d}", entries(i, rng, version))
                    commits.append(version)
                    version += 1

            writer = threading.Thread(target=indexer)
            clients = [threading.Thread(target=client, args=(n,)) for n in range(16)]
            writer.start()
            for t in clients:
                t.start()
            for t in clients:
                t.join()
            done.set()
            writer.join()
    finally:
        sys.setswitchinterval(old)
    return failures, wrong, commits


def test_concurrent_searches_during_commits_all_answer_right(index):
    app = create_app(Settings(data_dir=index, rate_limit_per_minute=0))
    failures, wrong, commits = searches_during_commits(app, WhooshBackend(index / "index"))
    assert commits, "the index was rewritten during the test"
    assert not failures, f"requests failed: {dict(failures)}"
    assert not wrong, wrong[:5]


def serve_with_two_workers(index: Path, *options: str) -> None:
    """`kamervragen serve --workers 2` (plus `options`) on `index`: both worker processes run
    under the server and forty searches all give the same, right answer."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = Path(__file__).resolve().parent.parent  # this checkout's code, in the workers too
    command = ["serve", "--data", str(index), *options, "--workers", "2", "--port", str(port)]
    server = subprocess.Popen(
        [sys.executable, "-m", "kamervragen.cli", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=root,
        env={**os.environ, "KAMERVRAGEN_RATE_LIMIT": "0", "PYTHONPATH": str(root)},
    )
    base = f"http://127.0.0.1:{port}/api/v1/search"
    try:
        deadline = time.time() + 120
        while True:
            try:
                _get(f"{base}?q=")
                break
            except OSError:
                assert server.poll() is None and time.time() < deadline, "the server did not start"
                time.sleep(0.3)
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: _get(f"{base}?q=zonnebloem"), range(40)))
        assert {status for status, _ in answers} == {200}
        assert {body["total"] for _, body in answers} == {MARKED * 3}
        children = [p.parent for p in Path("/proc").glob("[0-9]*/stat") if _parent(p) == server.pid]
        workers = [c for c in children if b"spawn_main" in (c / "cmdline").read_bytes()]
        assert len(workers) == 2, "two worker processes under the server"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_with_workers_answers_from_every_process(index):
    """`kamervragen serve --workers 2`: shared-nothing processes on one port, each warm before
    it accepts requests, all giving the same answers."""
    serve_with_two_workers(index)


def _parent(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def test_segment_files_are_windows_on_one_shared_map(index):
    """Segment data is read through one memory map per segment file, not copied per file handle
    (Whoosh's wrapper copied postings, term index and stored fields into BytesIO: 0.9 GB at
    100,000 documents, again for every searcher)."""
    backend = WhooshBackend(index / "index")
    with backend._searching() as (snap, searcher):
        seg = segments(searcher.reader())[0][0]
        files = seg.segment().open_compound_file(snap.ix.storage)
        name = next(n for n in files.list() if n.endswith(".pst"))
        first, second = files.open_file(name), files.open_file(name)
        assert isinstance(first, MappedFile) and first._source is second._source
        assert first.get(0, 64) == second.read(64) and second.tell() == 64 and first.tell() == 0
