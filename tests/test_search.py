"""Search over the whole dev corpus: relevance, the query language, filters, facets, paging,
grouping, suggestions and similar questions — on every search backend (Whoosh, and PostgreSQL
when the test server is there), whose relevance is also compared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEARCH_BACKENDS, backend_kind, search_knowledge_base
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from relevance_queries import document_ranks, pair_ranks

from indexer.search.backend import SearchRequest
from indexer.search.query import InvalidQuery

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def knowledge_bases(tmp_path_factory, dev):
    """The dev corpus indexed once per backend, on first use."""
    built: dict = {}

    def get(backend: str):
        if backend not in built:
            indexer = search_knowledge_base(backend, tmp_path_factory.mktemp(backend), "search")
            indexer.run([ROOT / "corpus", dev])
            built[backend] = indexer
        return built[backend]

    return get


@pytest.fixture(scope="module", params=SEARCH_BACKENDS)
def kb(request, knowledge_bases):
    return knowledge_bases(request.param)


def search(kb, query: str, **kwargs):
    return kb.backend.search(SearchRequest(query=query, **kwargs))


def test_documents_found_in_top_5(kb):
    found, mrr, misses = document_ranks(lambda q, **kw: search(kb, q, **kw))
    assert found >= 0.95, misses
    assert mrr >= 0.9


def test_pairs_found_in_top_5(kb):
    found, mrr, misses = pair_ranks(lambda q, **kw: search(kb, q, **kw))
    assert found >= 0.93, misses
    assert mrr >= 0.9


@pytest.mark.parametrize("other", SEARCH_BACKENDS[1:])
def test_relevance_close_to_whoosh(knowledge_bases, capsys, other):
    """Another engine may not find worse than the embedded one by more than a few points of
    mean reciprocal rank, on documents and on pairs; both are printed."""
    scores = {}
    for backend in ("whoosh", other):
        kb = knowledge_bases(backend)
        docs = document_ranks(lambda q, _kb=kb, **kw: search(_kb, q, **kw))
        pairs = pair_ranks(lambda q, _kb=kb, **kw: search(_kb, q, **kw))
        scores[backend] = (docs[1], pairs[1])
        with capsys.disabled():
            print(
                f"\n{backend}: document MRR {docs[1]:.3f} (top 5 {docs[0]:.0%}), "
                f"pair MRR {pairs[1]:.3f} (top 5 {pairs[0]:.0%})"
            )
    for i in range(2):
        assert scores[other][i] >= scores["whoosh"][i] - 0.05, scores


def test_dutch_analysis_inflections_compounds_diacritics(kb):
    assert any("azmani" in h.source for h in search(kb, "inburgeraar").results)
    assert any("azmani" in h.source for h in search(kb, "examen inburgering").results)
    assert any("20242025-563" in h.source for h in search(kb, "aanbieders jeugdzorg").results)
    plain = {h.pair_id for h in search(kb, "patienten ggz").results}
    accented = {h.pair_id for h in search(kb, "patiënten ggz").results}
    assert plain == accented and plain


def test_field_filters(kb):
    asscher = search(kb, "minister:Asscher")
    assert asscher.total == 5 and all(h.answerers == ["Asscher"] for h in asscher.results)
    assert {h.document_id for h in search(kb, "lid:azmani").results} == {asscher.results[0].document_id}
    sp = search(kb, "partij:SP", page_size=100)
    assert sp.total and all("SP" in h.parties for h in sp.results)
    by_abbreviation = search(kb, "ministerie:VWS").total
    assert (
        by_abbreviation
        and by_abbreviation == search(kb, 'ministerie:"Volksgezondheid, Welzijn en Sport"').total
    )
    assert {h.document_id for h in search(kb, "wet:BWBR0020611").results} == {asscher.results[0].document_id}
    assert {h.document_id for h in search(kb, "kamerstuk:36197-15").results} == {"ah-tk-20232024-2168"}
    notices = search(kb, "soort:mededeling", page_size=100)
    assert notices.total and all(h.kind == "notice" for h in notices.results)
    dated = search(kb, "van:2024-03-01 tot:2024-03-31", page_size=100)
    assert dated.total and all(h.date and h.date.year == 2024 and h.date.month == 3 for h in dated.results)


def test_filters_apply_before_ranking_and_paging(kb):
    # a word that many pairs contain, narrowed to one member: the filtered hits are all there
    everything = search(kb, "kabinet", page_size=100)
    filtered = search(kb, "kabinet partij:SP", page_size=100)
    assert 0 < filtered.total < everything.total
    assert all("SP" in h.parties for h in filtered.results)


def test_facets_count_the_whole_result_set(kb):
    result = search(kb, "zorg", page_size=5)
    assert result.total > 5
    assert sum(result.facets["kind"].values()) == result.total
    assert sum(result.facets["has_figure"].values()) == result.total


def test_paging_sorting_and_grouping(kb):
    first = search(kb, "zorg", page_size=5)
    second = search(kb, "zorg", page_size=5, page=2)
    assert not {h.pair_id for h in first.results} & {h.pair_id for h in second.results}
    by_date = search(kb, "zorg", page_size=20, sort="date").results
    dates = [h.date for h in by_date if h.date]
    assert dates == sorted(dates, reverse=True)
    grouped = search(kb, "zorg", page_size=20, group="document")
    ids = [h.document_id for h in grouped.results]
    assert len(ids) == len(set(ids)) and grouped.total <= first.total


def test_query_language(kb):
    assert search(kb, '"nieuwe inburgeraars"').total == 1
    with_lening = {h.pair_id for h in search(kb, "inburgering").results}
    without = {h.pair_id for h in search(kb, "inburgering -lening").results}
    assert without < with_lening
    assert search(kb, "inburg*").total >= 5
    both = search(kb, "inburgering AND lening").total
    either = search(kb, "inburgering OR lening").total
    assert 0 < both <= either


def test_snippets_are_highlighted_and_escaped(kb):
    hit = search(kb, "inburgeringsexamen").results[0]
    assert "<mark" in hit.snippet
    for h in search(kb, "<script>alert(1)</script> zorg").results:
        assert "<script" not in h.snippet


def test_did_you_mean(kb):
    result = search(kb, "inburgerng")
    assert result.total == 0 and result.suggestion == "inburgering"


def test_similar_questions(kb):
    draft = "Hoeveel nieuwkomers hebben bij DUO een lening voor hun inburgering afgesloten?"
    hits = kb.backend.similar(draft, limit=3)
    assert any("azmani" in h.source and h.question_numbers == [2] for h in hits)
    assert all(
        "Sociale Zaken en Werkgelegenheid" in h.ministries for h in kb.backend.similar(draft, ministry="SZW")
    )


def test_word_frequencies_estimate_the_pairs_a_word_matches(kb):
    """Read from the index's statistics: 0 for a stop word or a word in no pair, and for a
    word between the pairs of the field holding it most and all the pairs it matches."""
    words = ["inburgeraars", "zorg", "lening", "jeugdzorgaanbieders", "de", "qxzwvk"]
    total, counts = kb.backend.word_frequencies(words)
    assert total == search(kb, "").total
    found = dict(zip(words, counts, strict=True))
    assert found["de"] == 0 and found["qxzwvk"] == 0
    assert found["zorg"] > found["lening"] > 0
    for word in ("inburgeraars", "zorg", "lening"):
        matches = search(kb, word).total
        assert matches / 4 <= found[word] <= matches, (word, found[word], matches)
    assert found["jeugdzorgaanbieders"] > 0  # by its parts
    assert kb.backend.word_frequencies([]) == (total, [])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(max_size=120)
    | st.sampled_from(['"', "AND", "OR NOT", "-", "*", "van:", "partij:", "((", "wet:x*"])
)
def test_malformed_queries_never_raise(kb, query):
    """Broken syntax is read as words; only a filter value that cannot be read is an error,
    and then the one with a message for the user."""
    try:
        result = search(kb, query)
    except InvalidQuery as e:
        assert str(e)
    else:
        assert result.total >= 0


def test_cli_search_json(kb):
    exe = Path(sys.executable).parent / "kamervragen"
    proc = subprocess.run(
        [
            str(exe),
            "search",
            "inburgering examen",
            "--data",
            str(kb.data_dir),
            "--json",
            "--limit",
            "3",
            "--db",
            kb.engine.url.render_as_string(hide_password=False),
            "--search",
            backend_kind(kb),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's code, as the index was built
    )
    data = json.loads(proc.stdout)
    assert data["total"] >= 1 and len(data["results"]) <= 3
    first = data["results"][0]
    assert {"document_id", "source", "question_numbers", "score", "snippet", "subject", "date"} <= set(first)
    assert "year" in data["facets"]
