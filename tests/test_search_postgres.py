"""The PostgreSQL search backend's own machinery for speed at 100,000 documents (issue 15): the
document-frequency table stays exact through builds, replacements and deletions, and a large
OR query that ranks its rarest words' pairs first still pages through every result once."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SEARCH_BACKENDS, fresh_database
from sqlalchemy import text

from indexer.search import (
    postgres_backend,
    postgres_facets,
    postgres_frequencies,
    postgres_query,
    postgres_ranking,
)
from indexer.search.backend import IndexEntry, SearchRequest
from indexer.search.query import parse_query
from indexer.store import database_url, make_engine

# PostgreSQL only: the parameter list is empty without a test server (KAMERVRAGEN_TEST_DB)
SERVERS = [b for b in SEARCH_BACKENDS if b == "postgres"]


def _entries(
    document_id: str, texts: list[str], answer: str = "Het antwoord volgt.", subject: str = "Vragen"
) -> list[IndexEntry]:
    return [
        IndexEntry(
            pair_id=f"{document_id}#q{n}",
            document_id=document_id,
            source=f"test/{document_id}",
            question_numbers=[n],
            kind="answer",
            date=dt.date(2024, 1, 1),
            vergaderjaar="2023-2024",
            subject=subject,
            question=question,
            answer=answer,
            askers=["Lid"],
            parties=["SP"],
            addressees=[],
            answerers=["Minister"],
            ministries=["Infrastructuur en Waterstaat"],
            laws=[],
            kamerstukken=[],
            has_figure=False,
            has_commitment=False,
        )
        for n, question in enumerate(texts, 1)
    ]


@pytest.fixture
def backend(request):
    engine = make_engine(database_url(request.path, fresh_database(f"pgspeed_{request.node.name[:20]}")))
    yield postgres_backend.PostgresBackend(engine)
    engine.dispose()


def _table_and_recount(backend) -> tuple[dict, dict, int]:
    """(counts in the frequency table, counts from the pairs, most rows one lexeme has)."""
    with backend.engine.connect() as conn:
        kept = dict(
            conn.execute(
                text("SELECT lexeme, sum(pairs) FROM search_lexemes GROUP BY lexeme HAVING sum(pairs) <> 0")
            ).all()
        )
        counted = dict(
            conn.execute(
                text(
                    "SELECT lexeme, count(*) FROM search_pairs, unnest(terms) GROUP BY lexeme "
                    "UNION ALL SELECT '', count(*) FROM search_pairs"
                )
            ).all()
        )
        most = "SELECT max(n) FROM (SELECT count(*) n FROM search_lexemes GROUP BY lexeme) c"
        rows = conn.execute(text(most))
        return kept, counted, rows.scalar_one()


@pytest.mark.parametrize("server", SERVERS)
def test_document_frequencies_follow_every_write(backend, server):
    with backend.new_build() as build:
        build.writer.add_documents(_entries("d1", ["Hoe hoog zijn de dijken?", "Wanneer komt het rapport?"]))
        build.writer.add_documents(_entries("d2", ["Waarom stijgt het water?"]))
        build.commit()
        build.publish()
    kept, counted, _ = _table_and_recount(backend)
    assert kept == counted and counted[""] == 3
    with backend.writer() as writer:
        writer.replace_document("d1", _entries("d1", ["Hoe sterk zijn de dijken in Zeeland?"]))
        writer.delete_document("d2")
        writer.add_documents(_entries("d3", ["Hoeveel gemalen pompen het water weg?", "En de dijken?"]))
    with backend.writer() as writer:
        writer.replace_document("d3", _entries("d3", ["Hoeveel gemalen zijn er?"]))
    kept, counted, most_rows = _table_and_recount(backend)
    assert kept == counted and counted[""] == 2
    assert most_rows <= 2  # the rows a writer appends are folded as it goes
    # ranking reads the table: a word's weight is its rarity among the pairs there are now
    with backend.engine.connect() as conn:
        total, counts = backend.stats.frequencies(conn, "terms", ["'dijk'", "'zeeland'", "'rapport'"])
    assert (total, counts) == (2, [1, 1, 0])


@pytest.mark.parametrize("server", SERVERS)
def test_large_or_query_ranks_rare_words_first_and_pages_through_all(backend, server, monkeypatch):
    common = [f"De dijken zijn hoog, vraag {n}." for n in range(8)]
    rare = ["Zijn de dijken bij Vlissingen hoog?", "Is Vlissingen veilig?"]
    with backend.writer() as writer:
        writer.add_documents(_entries("a", common[:4] + rare[:1]))
        writer.add_documents(_entries("b", common[4:] + rare[1:]))
    query = "dijken OR Vlissingen"
    untiered = [h.pair_id for h in backend.iter_hits(SearchRequest(query=query, sort="relevance"), 100)]
    monkeypatch.setattr(postgres_ranking, "RANK_CAP", 3)  # the dijken pairs are now "many"
    with backend.engine.connect() as conn:
        plan = postgres_ranking.prepare(conn, backend.stats, parse_query(query), tiers=True)
        assert plan.first  # ranked in two tiers
    pages = [backend.search(SearchRequest(query=query, page=p, page_size=3)) for p in (1, 2, 3, 4)]
    listed = [h.pair_id for page in pages for h in page.results]
    assert all(page.total == 10 for page in pages)
    assert sorted(listed) == sorted(untiered) and len(set(listed)) == 10
    assert {h.pair_id for h in pages[0].results[:2]} == {"a#q5", "b#q5"}  # the Vlissingen pairs
    assert listed[:2] == untiered[:2]
    assert [h.pair_id for h in backend.iter_hits(SearchRequest(query=query), 4)] == listed[:4]


@pytest.mark.parametrize("server", SERVERS)
def test_common_word_ranks_pairs_asking_about_it_first(backend, server, monkeypatch):
    with backend.writer() as writer:
        writer.add_documents(_entries("a", [f"Vraag {n}?" for n in range(8)], answer="De dijken zijn hoog."))
        writer.add_documents(_entries("b", ["Hoe hoog zijn de dijken?"]))
    monkeypatch.setattr(postgres_ranking, "RANK_CAP", 3)  # nine pairs are too many to rank
    with backend.engine.connect() as conn:
        plan = postgres_ranking.prepare(conn, backend.stats, parse_query("dijken"), tiers=True)
        assert "head @@" in plan.first
    pages = [backend.search(SearchRequest(query="dijken", page=p, page_size=4)) for p in (1, 2, 3)]
    listed = [h.pair_id for page in pages for h in page.results]
    assert all(page.total == 9 for page in pages) and len(set(listed)) == 9
    assert listed[0] == "b#q1"


@pytest.mark.parametrize("server", SERVERS)
def test_facets_of_a_large_result_set_are_estimated_from_a_fixed_sample(backend, server, monkeypatch):
    with backend.writer() as writer:
        for n in range(40):
            writer.add_documents(_entries(f"doc{n:02d}", ["Hoe hoog zijn de dijken?"]))
    exact = backend.search(SearchRequest(query="dijken"))
    assert not exact.facets_estimated and exact.facets["year"] == {"2024": 40}
    monkeypatch.setattr(postgres_facets, "FACET_EXACT", 10)  # 40 results are now "many"
    monkeypatch.setattr(postgres_facets, "FACET_SAMPLE", 20)  # about half the documents counted
    estimated = backend.search(SearchRequest(query="dijken"))
    assert estimated.facets_estimated and estimated.total == 40  # the total stays exact
    year = estimated.facets["year"]["2024"]
    assert 0 < year <= 40 and year % 2 == 0  # a sample of documents, counted twice
    assert estimated.facets["kind"] == {"answer": year}
    assert backend.search(SearchRequest(query="dijken")).facets == estimated.facets  # the same sample
    grouped = backend.search(SearchRequest(query="dijken", group="document"))
    assert grouped.facets_estimated and grouped.facets["year"]["2024"] == year  # one pair a document


@pytest.mark.parametrize("server", SERVERS)
def test_very_common_word_ranks_pairs_with_it_in_their_subject_first(backend, server, monkeypatch):
    with backend.writer() as writer:
        writer.add_documents(_entries("a", [f"Dijken, dijken, dijken {n}?" for n in range(8)]))
        writer.add_documents(_entries("s", ["Wat gebeurt er?"], subject="De dijken in Zeeland"))
    monkeypatch.setattr(postgres_ranking, "RANK_CAP", 2)  # even the heads (9 x 0.3) are too many
    with backend.engine.connect() as conn:
        plan = postgres_ranking.prepare(conn, backend.stats, parse_query("dijken"), tiers=True)
    assert ":A" in plan.params[next(k for k in plan.params if k.startswith("h"))]
    pages = [backend.search(SearchRequest(query="dijken", page=p, page_size=4)) for p in (1, 2, 3)]
    listed = [h.pair_id for page in pages for h in page.results]
    assert all(page.total == 9 for page in pages) and len(set(listed)) == 9
    assert listed[0] == "s#q1"  # its subject, though the others name the word three times


def test_frequency_estimate_follows_the_shape_of_the_tsquery():
    counts = {
        "waterschapsbelast": 40,
        "waterschap": 900,
        "belast": 50_000,
        "a": 10,
        "b": 20,
        "c": 15,
        "d'66": 7,
    }
    # a compound: itself, or its parts together — at most as common as its rarer part
    assert postgres_frequencies.estimate("'waterschapsbelast' | 'waterschap' & 'belast'", counts) == 900
    assert postgres_frequencies.estimate("'a' <-> 'b'", counts) == 10  # a phrase: its rarer word
    assert postgres_frequencies.estimate("( 'a' | 'b' ) & 'c'", counts) == 15
    assert postgres_frequencies.estimate("'a' <2> 'belast' | 'b'", counts) == 20
    assert postgres_frequencies.estimate("'a' & !'b'", counts) == 10
    assert postgres_frequencies.estimate("!'a'", counts) is None  # nothing to go by
    assert postgres_frequencies.estimate("'d''66':*", counts) == 7  # quotes as PostgreSQL doubles them
    # a word the table does not hold (a stop word, a phrase's unstemmed form) tells nothing:
    # "de minister" as a phrase is at most as common as "minister", not as rare as "de"
    assert postgres_frequencies.estimate("'de' <-> 'a'", counts) == 10
    assert postgres_frequencies.estimate("'onbekend'", counts) is None


@pytest.mark.parametrize("server", SERVERS)
def test_rare_compound_with_a_common_part_is_not_weighed_as_the_common_part(backend, server, monkeypatch):
    with backend.writer() as writer:
        writer.add_documents(_entries("belasting", [f"Stijgt de belasting in {n}?" for n in range(12)]))
        writer.add_documents(_entries("waterschap", [f"Wat doet het waterschap in {n}?" for n in range(3)]))
        writer.add_documents(
            _entries("wsb", ["Stijgt de waterschapsbelasting?", "En de waterschapsbelasting?"])
        )
    monkeypatch.setattr(postgres_frequencies, "COUNT_CAP", 2)  # its two matches are now "many"
    parsed = parse_query("waterschapsbelasting")
    with backend.engine.connect() as conn:
        (compound,) = postgres_query.clauses(conn, parsed)
        _, (estimated,) = backend.stats.frequencies(conn, "terms", [compound.tsquery])
        _, (belasting,) = backend.stats.frequencies(conn, "terms", ["'belast'"])
    assert "|" in compound.tsquery  # searched as itself or its parts
    assert belasting == 14  # twelve pairs and the two compounds, split when indexed
    assert 2 <= estimated <= 5  # at most the pairs naming a waterschap, not the 14 of "belasting"
