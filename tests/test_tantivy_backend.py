"""The tantivy backend where it differs from the others: its index lives in the data folder like
Whoosh's, so it must stay right under threads, across processes, through commits and rebuilds.
The search features themselves are tested on every backend in test_search.py and
test_search_finding.py."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest
from sqlmodel import Session
from test_concurrency import (
    DOCUMENTS,
    MARKED,
    entries,
    searches_during_commits,
    serve_with_two_workers,
)
from test_facts import CLAIM

from indexer import facts
from indexer.pipeline import Indexer
from indexer.search.backend import SearchRequest
from indexer.search.tantivy_backend import TantivyBackend, order_key
from web.app import create_app
from web.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def index(tmp_path):
    """A data folder with a tantivy index of synthetic documents, written in several commits
    (several segments, as a real index has)."""
    data = tmp_path / "data"
    backend = TantivyBackend(data / "tantivy")
    rng = random.Random(14)
    for start in range(0, DOCUMENTS, 60):
        with backend.writer() as writer:
            for i in range(start, start + 60):
                writer.add_documents(entries(i, rng))
    return data


def search(backend, query: str = "", **kwargs):
    return backend.search(SearchRequest(query=query, **kwargs))


def test_concurrent_searches_during_commits_all_answer_right(index):
    """Sixteen clients of a live server while another backend object rewrites documents: every
    answer a 200 with the right totals (replaced documents never counted twice)."""
    app = create_app(Settings(data_dir=index, search="tantivy", rate_limit_per_minute=0))
    failures, wrong, commits = searches_during_commits(app, TantivyBackend(index / "tantivy"))
    assert commits, "the index was rewritten during the test"
    assert not failures, f"requests failed: {dict(failures)}"
    assert not wrong, wrong[:5]


def test_a_reader_sees_another_writers_commits_without_restart(index):
    reader, writer = TantivyBackend(index / "tantivy"), TantivyBackend(index / "tantivy")
    assert search(reader, "zonnebloem").total == MARKED * 3
    with writer.writer() as w:
        w.delete_document("conc-0000")
    assert search(reader, "zonnebloem").total == (MARKED - 1) * 3
    assert "conc-0000" not in set(reader.document_ids())
    with writer.writer() as w:
        w.replace_document("conc-0001", entries(1, random.Random(1))[:1])
    assert search(reader, "zonnebloem").total == (MARKED - 2) * 3 + 1
    assert len(set(reader.document_ids())) == DOCUMENTS - 1


def test_did_you_mean_learns_the_words_of_new_commits(index):
    """The words for suggestions are read once per state of the index; after a commit the
    previous ones answer while a thread reads the new ones, so no search waits for them."""
    backend = TantivyBackend(index / "tantivy")
    assert search(backend, "zonnebloen").suggestion == "zonnebloem"
    entry = entries(0, random.Random(3))[0].model_copy(update={"pair_id": "new#q1", "document_id": "new"})
    with backend.writer() as w:
        w.add_documents([entry.model_copy(update={"question": "Een margrietje in de berm."})])
    deadline = time.time() + 30
    while search(backend, "margrjetje").suggestion != "margrietje":
        assert time.time() < deadline, "the new word was never suggested"
        time.sleep(0.05)


def test_a_failed_block_writes_nothing(index):
    backend = TantivyBackend(index / "tantivy")
    with pytest.raises(RuntimeError), backend.writer() as w:
        w.delete_document("conc-0000")
        raise RuntimeError("the run failed")
    assert search(backend, "zonnebloem").total == MARKED * 3


def test_a_rebuild_goes_live_at_once_and_old_readers_keep_working(index):
    backend = TantivyBackend(index / "tantivy")
    before = backend._state()
    old = search(backend, "zonnebloem")
    with backend.new_build() as build:
        build.writer.add_documents(entries(0, random.Random(5)))
        build.commit()
        assert search(backend, "zonnebloem").total == MARKED * 3  # not live before publish
        build.publish()
    assert search(backend, "zonnebloem").total == 3
    assert search(TantivyBackend(index / "tantivy"), "").total == 3  # a new process sees it too
    # another rebuild prunes the first build's files; a request that began on it reads on
    with backend.new_build() as build:
        build.writer.add_documents(entries(0, random.Random(5)))
        build.commit()
        build.publish()
    assert before.build not in {p.name for p in (index / "tantivy").iterdir()}
    hits = before.searcher.search(before.ix.parse_query("zonnebloem", ["exact"]), 200).hits
    assert len(hits) == old.total and all(before.searcher.doc(a).get_first("hit") for _, a in hits)
    # a rebuild left unpublished is discarded and changes nothing
    with pytest.raises(RuntimeError), backend.new_build() as build:
        build.writer.add_documents(entries(1, random.Random(5)))
        raise RuntimeError("disk full")
    assert search(backend, "").total == 3
    assert len([p for p in (index / "tantivy").iterdir() if p.is_dir()]) <= 2


def test_results_are_in_one_total_order(index):
    """Pages of a query whose scores tie hold every pair once, in score, document id, position
    order; so do date order and grouping by document."""
    backend = TantivyBackend(index / "tantivy")
    for query, sort in (("zonnebloem", "relevance"), ("", "relevance"), ("douane", "date"), ("", "date")):
        whole = search(backend, query, page_size=100, sort=sort).results
        paged = [h for p in (1, 2, 3) for h in search(backend, query, page=p, page_size=7, sort=sort).results]
        assert [h.pair_id for h in paged] == [h.pair_id for h in whole[:21]]
        numbered = [(h.question_numbers[0], h) for h in whole]
        if sort == "relevance":
            key = [(-h.score, order_key(h.document_id), n) for n, h in numbered]
        else:
            key = [
                (-(h.date.toordinal() if h.date else 0), -h.score, order_key(h.document_id), n)
                for n, h in numbered
            ]
        assert key == sorted(key)
        grouped = search(backend, query, page_size=100, sort=sort, group="document")
        ids = [h.document_id for h in grouped.results]
        first = list(dict.fromkeys(h.document_id for h in whole))  # documents of the first 100 pairs
        assert len(ids) == len(set(ids)) and ids[: len(first)] == first


@pytest.mark.parametrize("buckets", [65_000, 5])
def test_grouped_totals_and_facets_count_documents(index, monkeypatch, buckets):
    """Counted by aggregation, and past its bucket limit (here 5) the total from the whole term
    list, the facets by cardinality estimates (exact at this size)."""
    monkeypatch.setattr("indexer.search.tantivy_backend.DISTINCT_BUCKETS", buckets)
    backend = TantivyBackend(index / "tantivy")
    pairs = search(backend, "zonnebloem", page_size=100)
    documents = search(backend, "zonnebloem", group="document", page_size=100)
    assert documents.total == MARKED and pairs.total == MARKED * 3
    assert sum(documents.facets["parties"].values()) == MARKED
    assert sum(pairs.facets["parties"].values()) == MARKED * 3
    assert documents.facets["has_figure"] == {"ja": MARKED, "nee": MARKED}
    assert pairs.facets["has_figure"] == {"nee": MARKED * 2, "ja": MARKED}
    assert search(backend, "", group="document").total == DOCUMENTS


def test_claim_lookup_through_the_backend(tmp_path, seed_path):
    """The fact ledger finds the statements behind a claim with the tantivy backend as well."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path, folder / "azmani.txt")
    ix = Indexer(tmp_path / "data", search="tantivy")
    ix.run([folder])
    assert (tmp_path / "data" / "tantivy").is_dir() and not (tmp_path / "data" / "index").exists()
    with Session(ix.engine) as session:
        found = facts.lookup(session, ix.backend, CLAIM, limit=5)
        relations = [(m.text, m.relation) for m in found.matches]
        assert relations[:2] == [("923 mensen", "equals"), ("1.084 personen", "newer")]


def test_serve_with_workers_answers_from_every_process(index):
    """`kamervragen serve --search tantivy --workers 2`: both processes search the tantivy
    index (the choice reaches the workers) and give the same answers."""
    serve_with_two_workers(index, "--search", "tantivy")
    assert not (index / "index").exists(), "no Whoosh index was made: every worker used tantivy"
