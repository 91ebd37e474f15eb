"""The per-process cache of search answers (indexer/search/result_cache.py): a commit in another
process shows at once, different requests never share an answer, the number of answers kept is
bounded, and threads get the right answers."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, text
from test_concurrency import entries

from indexer.search.backend import SearchRequest, SearchResponse
from indexer.search.result_cache import CachedBackend, normalised
from indexer.search.tantivy_backend import TantivyBackend
from indexer.search.whoosh_backend import WhooshBackend
from indexer.store import database_url, delete_document, make_engine, save_document
from kamervragen.model import Document

ROOT = Path(__file__).resolve().parent.parent
EMBEDDED = {"whoosh": (WhooshBackend, "index"), "tantivy": (TantivyBackend, "tantivy")}

# another process commits one more document carrying the marker word
WRITER = """
import random, sys
sys.path[:0] = [sys.argv[3], sys.argv[3] + "/tests"]
from test_concurrency import entries
from indexer.search.tantivy_backend import TantivyBackend
from indexer.search.whoosh_backend import WhooshBackend
backend = {"whoosh": WhooshBackend, "tantivy": TantivyBackend}[sys.argv[1]](sys.argv[2])
with backend.writer() as writer:
    writer.add_documents(entries(int(sys.argv[4]), random.Random(5)))
"""


@pytest.fixture(params=sorted(EMBEDDED))
def embedded(request, tmp_path):
    """(kind, index path, backend) with 12 documents, the first 6 carrying "zonnebloem"."""
    cls, folder = EMBEDDED[request.param]
    path = tmp_path / folder
    backend = cls(path)
    rng = random.Random(3)
    with backend.writer() as writer:
        for i in range(12):
            writer.add_documents(entries(i if i < 6 else 100 + i, rng))
    return request.param, path, backend


def _search(backend, query: str, **kwargs) -> SearchResponse:
    return backend.search(SearchRequest(query=query, **kwargs))


def test_a_commit_in_another_process_shows_at_once(embedded):
    kind, path, backend = embedded
    cached = CachedBackend(backend)
    before = _search(cached, "zonnebloem")
    assert _search(cached, "zonnebloem") is before, "a repeated search is answered from the cache"
    assert before.total == 6 * 3
    subprocess.run(
        [sys.executable, "-c", WRITER, kind, str(path), str(ROOT), "7"], check=True, cwd=ROOT, timeout=120
    )
    after = _search(cached, "zonnebloem")
    assert after.total == 7 * 3, "the other process's commit is seen by the very next search"
    assert len(cached) == 2, "the answers of the older index were dropped (one answer, its facets)"


def test_different_requests_never_share_an_answer(embedded):
    _, _, backend = embedded
    cached = CachedBackend(backend)
    requests = [
        SearchRequest(query="zonnebloem"),
        SearchRequest(query="zonnebloem partij:VVD"),
        SearchRequest(query="zonnebloem partij:SP"),
        SearchRequest(query="zonnebloem -partij:SP"),
        SearchRequest(query="zonnebloem van:2015-01-03"),
        SearchRequest(query="zonnebloem", page=2, page_size=5),
        SearchRequest(query="zonnebloem", page_size=5),
        SearchRequest(query="zonnebloem", sort="date"),
        SearchRequest(query="zonnebloem", group="document"),
        SearchRequest(query="zonnebloem", facets=False),
        SearchRequest(query="zonnebloem", highlight=False),
    ]
    for _ in range(2):  # the second round is answered from the cache
        for request in requests:
            assert cached.search(request) == backend.search(request), request
    facet_sets = {(r.query, r.group) for r in requests if r.facets}
    assert len(cached) == len(requests) + len(facet_sets)
    assert cached.hits == len(requests)
    totals = {r.query: cached.search(r).total for r in requests[:4]}
    assert len(set(totals.values())) > 1, "the filters give different answers, each its own"


def test_whitespace_is_one_key_but_the_answer_names_the_query_asked(embedded):
    _, _, backend = embedded
    cached = CachedBackend(backend)
    first = _search(cached, "zonnebloem  partij:VVD")
    second = _search(cached, " zonnebloem partij:VVD ")
    assert len(cached) == 2  # the answer and its facets
    assert (first.query, second.query) == ("zonnebloem  partij:VVD", " zonnebloem partij:VVD ")
    assert second.results == first.results
    # inside quotes and past the parser's length limit, spaces are left as they are
    assert normalised('lid:"Jan  Jansen"') == 'lid:"Jan  Jansen"'
    assert normalised("a  b") == "a b"


def test_the_number_of_answers_kept_is_bounded_least_recently_used_first(embedded):
    _, _, backend = embedded
    cached = CachedBackend(backend, max_entries=3)
    for word in ("zonnebloem", "versie0", "Lid1", "Lid2"):
        _search(cached, word, facets=False)
    assert len(cached) == 3
    _search(cached, "versie0", facets=False)  # used again: kept
    _search(cached, "Lid3", facets=False)  # evicts the least recently used, "Lid1"
    hits = cached.hits
    _search(cached, "versie0", facets=False)
    assert cached.hits == hits + 1
    _search(cached, "Lid1", facets=False)
    assert cached.hits == hits + 1, "Lid1 was evicted and searched again"
    assert len(cached) == 3
    for word in ("Minister1", "Minister2", "Minister3"):
        _search(cached, word)  # an answer and its facets
    assert len(cached) == 3
    off = CachedBackend(backend, max_entries=0)
    _search(off, "zonnebloem")
    assert len(off) == 0


def test_threads_get_the_answers_of_their_own_requests(embedded):
    _, _, backend = embedded
    cached = CachedBackend(backend, max_entries=4)  # smaller than the set: evictions under threads
    queries = ["zonnebloem", "versie0", "Lid1", "Lid2", "zonnebloem partij:SP", "Minister1", "Minister2"]
    expected = {q: backend.search(SearchRequest(query=q)) for q in queries}
    wrong: list[str] = []

    def client(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(60):
            q = rng.choice(queries)
            if cached.search(SearchRequest(query=q)) != expected[q]:
                wrong.append(q)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong
    assert len(cached) <= 4


def test_similar_answers_are_kept_and_each_caller_gets_its_own_list(embedded):
    _, _, backend = embedded
    cached = CachedBackend(backend)
    first = cached.similar("zonnebloem versie0", limit=3)
    first.clear()
    again = cached.similar("zonnebloem versie0", limit=3)
    assert again == backend.similar("zonnebloem versie0", limit=3) and again
    assert cached.hits == 1


def test_word_frequencies_are_the_backends(embedded):
    _, _, backend = embedded
    words = ["zonnebloem", "versie0", "de"]
    expected = (36, [18, 36, 0])  # 12 documents of 3 pairs, the first 6 with the marker word
    assert CachedBackend(backend).word_frequencies(words) == backend.word_frequencies(words) == expected


@pytest.mark.parametrize("kind", sorted(EMBEDDED))
def test_word_frequencies_of_an_empty_index(kind, tmp_path):
    cls, folder = EMBEDDED[kind]
    assert CachedBackend(cls(tmp_path / folder)).word_frequencies(["zonnebloem"]) == (0, [0])


class _StoreCounting:
    """A backend without a generation of its own (as PostgreSQL's): its answer is the number of
    documents in the store, so a stale answer is easy to see."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def search(self, request: SearchRequest) -> SearchResponse:
        with Session(self.engine) as session:
            total = len(session.exec(text("SELECT id FROM documents")).all())
        return SearchResponse(query=request.query, total=total, page=1, page_size=10, results=[])


def _on_the_store(tmp_path, fresh_within: float) -> tuple:
    """(The store's engine, a cache on a backend counting its documents, keyed on the store.)"""
    engine = make_engine(database_url(tmp_path))
    SQLModel.metadata.create_all(engine)
    return engine, CachedBackend(_StoreCounting(engine), engine, fresh_within=fresh_within)


def _save(engine, n: int) -> None:
    """Document kv-n saved and committed."""
    with Session(engine) as session:
        save_document(session, Document(id=f"kv-{n}", subject="a"), f"kv-{n}", f"kv-{n}.txt", f"{n:064d}")
        session.commit()


def test_without_a_generation_of_its_own_the_store_state_is_the_key(tmp_path):
    engine, cached = _on_the_store(tmp_path, fresh_within=0)
    assert _search(cached, "x").total == 0
    _save(engine, 1)
    assert _search(cached, "x").total == 1, "a saved document is seen at once"
    _save(engine, 2)
    assert _search(cached, "x").total == 2
    with Session(engine) as session:
        delete_document(session, "kv-1")
        session.commit()
    assert _search(cached, "x").total == 1, "a deleted document is seen at once"
    assert _search(cached, "x").total == 1 and cached.hits == 1
    with pytest.raises(ValueError, match="engine"):
        CachedBackend(_StoreCounting(engine))


def test_another_process_commit_is_seen_once_the_generation_read_is_stale(tmp_path):
    """The store's generation is read at most once per `fresh_within` seconds: a commit in
    between may be answered from the cache until then, never after."""
    engine, cached = _on_the_store(tmp_path, fresh_within=1.5)
    assert _search(cached, "x").total == 0
    _save(engine, 1)
    assert _search(cached, "x").total == 0, "within the window the kept answer stands"
    time.sleep(1.6)
    assert _search(cached, "x").total == 1, "after it, the commit is seen"


class _Recording:
    """Passes searches on to a backend and records the requests it was given."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.requests: list[SearchRequest] = []
        self.generation = backend.generation

    def search(self, request: SearchRequest) -> SearchResponse:
        self.requests.append(request)
        return self.backend.search(request)


def test_another_page_or_order_takes_the_facets_of_the_first_answer(embedded):
    _, _, backend = embedded
    recording = _Recording(backend)
    cached = CachedBackend(recording)
    first = SearchRequest(query="zonnebloem", page_size=5)
    later = [
        SearchRequest(query="zonnebloem", page=2, page_size=5),
        SearchRequest(query=" zonnebloem", sort="date", page_size=5),
        SearchRequest(query="zonnebloem", highlight=False),
    ]
    assert cached.search(first) == backend.search(first)
    for request in later:
        assert cached.search(request) == backend.search(request).model_copy(update={"query": request.query})
    assert [r.facets for r in recording.requests] == [True, False, False, False]
    grouped = SearchRequest(query="zonnebloem", group="document", page=2, page_size=2)
    assert cached.search(grouped) == backend.search(grouped), "grouped facets count documents: their own"
    assert recording.requests[-1].facets


class _Estimating(_Recording):
    """Answers as a backend that estimated its facets from a sample (PostgreSQL, large sets)."""

    def search(self, request: SearchRequest) -> SearchResponse:
        response = super().search(request)
        return response.model_copy(update={"facets_estimated": request.facets})


def test_facets_taken_from_the_first_answer_keep_saying_they_are_estimates(embedded):
    _, _, backend = embedded
    cached = CachedBackend(_Estimating(backend))
    assert cached.search(SearchRequest(query="zonnebloem", page_size=5)).facets_estimated
    later = cached.search(SearchRequest(query="zonnebloem", page=2, page_size=5))
    assert later.facets and later.facets_estimated


def test_a_kept_answer_is_given_without_searching_only_while_the_generation_is_fresh(embedded):
    _, _, backend = embedded
    recording = _Recording(backend)
    cached = CachedBackend(recording, fresh_within=0.5)
    asked = SearchRequest(query="zonnebloem")
    assert cached.kept(asked) is None, "nothing kept yet"
    first = cached.search(asked)
    again = cached.kept(SearchRequest(query="  zonnebloem "))
    assert again is not None and again.total == first.total and again.query == "  zonnebloem "
    assert cached.kept(SearchRequest(query="zonnebloem", page=2)) is None, "another page is another answer"
    assert len(recording.requests) == 1
    time.sleep(0.6)
    assert cached.kept(asked) is None, "a generation read too long ago: search, which reads it again"
    assert cached.search(asked).total == first.total and len(recording.requests) == 1
    assert cached.kept(asked) is not None
    assert CachedBackend(backend, fresh_within=0).kept(asked) is None
