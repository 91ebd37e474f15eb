"""Finding things (issue 10): numbers however they are written, people by name, filters that
fold accents and know party spellings, laws by name, facet counts per document, bounded "did
you mean", and filter values that cannot be read reported instead of silently ignored.

A small knowledge base from the founding document and a few dev documents chosen for what
they hold (a minister with diacritics, a member with diacritics, parties written four ways,
a cited kamerstuk); the expected facts are written here by hand. Every search backend is held
to them; tests of Whoosh's own machinery use `whoosh_kb`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SEARCH_BACKENDS, backend_kind, search_knowledge_base
from fastapi.testclient import TestClient
from sqlmodel import Session

from indexer import queries
from indexer.pipeline import Indexer
from indexer.search import spelling
from indexer.search.analysis import normalise_number
from indexer.search.backend import SearchRequest
from indexer.search.query import InvalidQuery, law_ids, parse_query, party_key
from indexer.search.snippets import snippet, word_keys
from web.app import create_app
from web.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
HTML = {"accept": "text/html"}
WET_INBURGERING = "BWBR0020611"
WET_INBURGERING_2021 = "BWBR0044770"
AWB = "BWBR0005537"


def _files(dev: Path) -> list[Path]:
    found = [
        *(dev / "codewith-kamervragen-docx" / "text").glob("Beantwoording Kamervragen van de leden Temmink*"),
        dev / "learninglion-kamervragen-pdf" / "pdf" / "00fe7edd-24c8-4857-98da-774ed3b06836.pdf",
        dev / "learninglion-kamervragen-pdf" / "pdf" / "1cf0c343-2da4-429d-8a6d-729da6008af1.pdf",
        dev / "kamervragen-limburg-csv" / "text" / "011_2024Z18891_docx-vragen.txt",
        dev / "learninglion-test-embedded" / "ah-tk-20142015-698.flattened.txt",
        dev / "sgd-ocr-aanhangsel" / "sample" / "TK_1974_modern-header_0000199230.txt",
    ]
    assert all(p.is_file() for p in found) and len(found) == 6
    return found


@pytest.fixture(scope="module", params=SEARCH_BACKENDS)
def kb(request, tmp_path_factory, dev):
    indexer = search_knowledge_base(request.param, tmp_path_factory.mktemp("finding"), "finding")
    summary = indexer.run([ROOT / "corpus", *_files(dev)])
    assert not summary.failed
    return indexer


@pytest.fixture(scope="module")
def whoosh_kb(tmp_path_factory, dev):
    indexer = Indexer(tmp_path_factory.mktemp("finding-whoosh"))
    assert not indexer.run([ROOT / "corpus", *_files(dev)]).failed
    return indexer


@pytest.fixture(scope="module")
def client(kb):
    settings = Settings(
        data_dir=kb.data_dir,
        db=kb.engine.url.render_as_string(hide_password=False),
        search=backend_kind(kb),
        rate_limit_per_minute=100_000,
    )
    return TestClient(create_app(settings), raise_server_exceptions=False)


def search(kb, query: str, **kwargs):
    return kb.backend.search(SearchRequest(query=query, page_size=100, **kwargs))


def pairs(kb, query: str) -> set[str]:
    return {h.pair_id for h in search(kb, query).results}


def documents(kb, query: str) -> set[str]:
    return {h.document_id for h in search(kb, query).results}


# --- 1. numbers -------------------------------------------------------------------------------
def test_grouped_numbers_are_one_normal_form():
    assert normalise_number("7.803") == normalise_number("7,803") == normalise_number("7803") == "7803"
    assert normalise_number("2.500.000") == "2500000"
    # decimals and mixed separators stay what they are
    assert normalise_number("3,5") == "3,5"
    assert normalise_number("0,125") == "0,125"
    assert normalise_number("1.234,5") == "1.234,5"
    assert parse_query("7.803 3,5").words == ["7.803", "3,5"]


def test_numbers_found_however_written(kb):
    seed = {h.pair_id for h in search(kb, "lid:Azmani").results}
    for written in ("7.803", "7803", "7,803"):
        found = pairs(kb, written)
        assert found and found <= seed, written
    assert pairs(kb, "7803") == pairs(kb, "7.803")
    assert pairs(kb, "8283") and pairs(kb, "8283") == pairs(kb, "8.283")
    assert pairs(kb, "1084") and pairs(kb, "1084") == pairs(kb, "1.084")
    assert pairs(kb, '"7803 nieuwe"') == pairs(kb, "7803")  # phrases read numbers the same way


def test_number_searched_plainly_is_highlighted_as_printed():
    assert "7803" in word_keys("7.803")
    assert '<mark class="match">7.803</mark>' in snippet("Er hebben zich 7.803 mensen gemeld.", {"7803"})


# --- 2. people ------------------------------------------------------------------------------
def test_askers_and_answerers_found_as_plain_words(kb):
    seed = documents(kb, "lid:Azmani")
    assert documents(kb, "Azmani") == seed  # the asker
    assert documents(kb, "Asscher") == seed  # the answering minister
    minister = documents(kb, "minister:Yeşilgöz-Zegerius")
    assert minister and documents(kb, "Yeşilgöz") >= minister and documents(kb, "yesilgoz") >= minister


def test_a_name_counts_less_than_the_text():
    from indexer.search.whoosh_backend import TEXT_FIELDS

    assert 0 < TEXT_FIELDS["people"] <= min(v for k, v in TEXT_FIELDS.items() if k != "people")
    from indexer.search.postgres_ranking import WEIGHTS

    names, *text = (float(w) for w in WEIGHTS.strip("{}").split(","))  # {D names, C, B, A}
    assert 0 < names <= min(text)


# --- 3. filters -----------------------------------------------------------------------------
def test_filters_fold_accents_and_case(kb):
    minister = documents(kb, "minister:Yeşilgöz-Zegerius")
    assert minister and documents(kb, "minister:Yesilgoz") == minister
    assert documents(kb, "minister:YESILGOZ-ZEGERIUS") == minister
    member = documents(kb, "lid:Kostić")
    assert member and documents(kb, "lid:Kostic") == member == documents(kb, "lid:kostic")


def test_party_spellings_share_one_key():
    assert party_key("GL-PvdA") == party_key("GroenLinks-PvdA") == party_key("GroenLinks/PvdA")
    assert party_key("P.v.d.A.") == party_key("PvdA") == party_key("Partij van de Arbeid")
    assert party_key("V.V.D.") == party_key("VVD")
    assert party_key("D'66") == party_key("D66")
    assert party_key("PvdA") != party_key("GroenLinks-PvdA")


def test_party_filters_accept_common_forms(kb):
    combined = documents(kb, "partij:GroenLinks-PvdA")
    assert combined and documents(kb, "partij:GL-PvdA") == combined
    assert documents(kb, "partij:gl-pvda") == combined
    labour = documents(kb, "partij:PvdA")
    assert len(labour) >= 2  # the 1970s "P.v.d.A." and the 2010s "PvdA"
    assert documents(kb, "partij:P.v.d.A.") == labour == documents(kb, 'partij:"Partij van de Arbeid"')
    assert not labour & combined


@pytest.mark.parametrize(
    "query",
    [
        "van:2024-13-45",
        "tot:2024-02-30",
        "van:gisteren",
        "jaar:abc",
        "jaar:24",
        "soort:iets",
        "cijfer:misschien",
        "zorg wet:Onbestaandewet",
    ],
)
def test_invalid_filter_values_are_errors_not_wider_searches(kb, query):
    with pytest.raises(InvalidQuery) as error:
        search(kb, query)
    assert query.split()[-1].split(":")[1] in str(error.value)


def test_invalid_filter_value_is_a_value_error_with_a_dutch_message(kb):
    """The web layer turns a ValueError from the backend into a 422 (API) and a Dutch page."""
    with pytest.raises(ValueError, match="Ongeldige datum"):
        search(kb, "zorg van:2024-13-45")
    assert search(kb, "jaar:2013").total


# --- 4. laws --------------------------------------------------------------------------------
def test_laws_by_name_abbreviation_or_id():
    assert law_ids("bwbr0020611") == [WET_INBURGERING]
    assert law_ids("Awb") == law_ids("awb") == [AWB]
    assert AWB in law_ids("Algemene wet bestuursrecht")
    # a name without a year covers the act and its namesakes by year; with the year only that one
    named = law_ids("Wet inburgering")
    assert WET_INBURGERING in named and WET_INBURGERING_2021 in named
    assert law_ids("wet inburgering") == named
    assert law_ids("Wet inburgering 2021") == [WET_INBURGERING_2021]
    assert law_ids("inburgering") == [] and law_ids("%") == []
    assert parse_query("wet:Awb").filters == {"laws": [AWB]}


def test_law_filter_by_name_and_facet_shows_the_title(kb):
    by_id = pairs(kb, f"wet:{WET_INBURGERING}")
    assert by_id and pairs(kb, 'wet:"Wet inburgering"') == by_id
    result = search(kb, "inburgering")
    assert WET_INBURGERING in result.facets["laws"]
    assert result.facet_labels["laws"][WET_INBURGERING] == "Wet inburgering"


def test_site_facet_shows_the_law_title(client):
    page = client.get("/search", params={"q": "inburgering"}, headers=HTML)
    assert page.status_code == 200 and "Wet inburgering" in page.text


def test_references_by_law_name_kamerstuk_form_and_literal_wildcards(kb, client):
    with Session(kb.engine) as session:
        law = queries.citing(session, WET_INBURGERING)
        assert law and queries.citing(session, "Wet inburgering") == law
        stuk = queries.citing(session, "kst-36197-15")
        assert stuk
        for written in ("36197-15", "36 197, nr. 15", "36197"):
            assert queries.citing(session, written) == stuk, written
        for wildcard in ("%", "_", "kst-%", "kst-36197-1_", "BWBR%"):
            assert queries.citing(session, wildcard) == [], wildcard
    api = client.get("/api/v1/references", params={"id": "Wet inburgering"}).json()
    assert api["total"] == len(law)
    assert client.get("/api/v1/references", params={"id": "%"}).json()["total"] == 0


# --- 5. facets per document -----------------------------------------------------------------
def test_grouped_search_counts_documents_in_facets(kb):
    by_pair = search(kb, "inburgering")
    by_document = search(kb, "inburgering", group="document")
    assert by_pair.total > by_document.total >= 1
    assert sum(by_document.facets["kind"].values()) == by_document.total
    assert sum(by_document.facets["year"].values()) <= by_document.total
    assert all(n <= by_document.total for counts in by_document.facets.values() for n in counts.values())


# --- 6. did you mean, bounded ---------------------------------------------------------------
def test_edit_distance_is_banded_and_knows_transpositions():
    assert spelling.distance("inburgerng", "inburgering") == 1
    assert spelling.distance("zrog", "zorg") == 1
    assert spelling.distance("kabniet", "kabinet") == 1
    assert spelling.distance("abc", "xyzabc") == spelling.MAX_DISTANCE + 1
    assert spelling.distance("examen", "examens") == 1


def test_did_you_mean_still_corrects(kb):
    assert search(kb, "inburgerng").suggestion == "inburgering"
    assert search(kb, "nieuwkomers lenning").suggestion == "nieuwkomers lening"


def test_did_you_mean_compares_few_words(whoosh_kb, monkeypatch):
    kb = whoosh_kb
    calls: list[tuple[str, str]] = []
    real = spelling.distance
    monkeypatch.setattr(spelling, "distance", lambda a, b, limit=2: calls.append((a, b)) or real(a, b, limit))
    search(kb, "inburgerng")
    segments = len(kb.backend._snapshot()._spellers.parts)  # made by the search
    assert 0 < len(calls) <= spelling.MAX_CANDIDATES * segments
    calls.clear()
    long_words = " ".join(c * 500 for c in "qxzw")
    assert search(kb, long_words).suggestion is None
    assert calls == []  # too long to be a typo of any word: nothing compared


def test_unknown_long_words_cost_no_more_than_a_search(kb):
    search(kb, "inburgerng")  # the candidate index is built once per index state
    start = time.perf_counter()
    search(kb, "inburgering examen")
    normal = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(4):
        search(kb, " ".join(c * 500 for c in "qxzw"))
        search(kb, "qwxzvkjh " * 40)
    assert (time.perf_counter() - start) / 8 < max(0.25, 5 * normal)


# --- an index from before this change ---------------------------------------------------------
def test_an_index_built_before_the_people_field_keeps_working(tmp_path):
    """Incremental runs write into the live index until the next rebuild; one made before the
    people field existed must keep taking documents and answering searches."""
    from whoosh import index

    from indexer.search.backend import IndexEntry
    from indexer.search.whoosh_backend import WhooshBackend, schema

    backend = WhooshBackend(tmp_path / "index")
    old = schema()
    old.remove("people")
    build = backend.home.new_build()
    index.create_in(str(build), old)
    backend.home.switch(build)
    entry = IndexEntry(
        pair_id="d1#q1",
        document_id="d1",
        source="made-up.txt",
        question_numbers=[1],
        kind="answer",
        date=None,
        vergaderjaar=None,
        subject="Inburgering",
        question="Hoeveel inburgeraars hebben een lening?",
        answer="Dat zijn er 7.803.",
        askers=["Jansen"],
        parties=["VVD"],
        addressees=[],
        answerers=["De Vries"],
        ministries=[],
        laws=[],
        kamerstukken=[],
        has_figure=True,
        has_commitment=False,
    )
    with backend.writer() as writer:
        writer.replace_document("d1", [entry])
    assert backend.search(SearchRequest(query="lening")).total == 1
    assert backend.search(SearchRequest(query="lid:jansen")).total == 1
    assert backend.search(SearchRequest(query="Jansen")).total == 0  # names as words after a rebuild


def test_words_of_a_segment_are_read_once(whoosh_kb, monkeypatch):
    """A new index state after an incremental run shares its old segments: their words are
    not read again, only those of the segments the run wrote."""
    kb = whoosh_kb
    snap = kb.backend._snapshot()
    reader = snap.checkout().reader()
    home = snap.home
    spelling.Spellers(reader, "exact", home)
    reads: list[object] = []
    real = spelling.Speller.from_segment
    monkeypatch.setattr(
        spelling.Speller, "from_segment", classmethod(lambda cls, s, f: reads.append(s) or real(s, f))
    )
    again = spelling.Spellers(reader, "exact", home)
    assert reads == [] and again.suggest("inburgerng") == "inburgering"


def test_eu_acts_are_laws_in_filters_and_facets(tmp_path, seed_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = seed_path.read_text(encoding="utf-8").replace("Ja. ", "Ja, met inachtneming van de AVG. ", 1)
    (folder / "azmani-avg.txt").write_text(text, encoding="utf-8")
    kb = Indexer(tmp_path / "data")
    kb.run([folder])
    assert kb.backend.search(SearchRequest(query="wet:AVG")).total >= 1
    facets = kb.backend.search(SearchRequest(query="")).facets["laws"]
    assert "32016R0679" in facets


def test_cli_says_what_is_wrong_with_a_filter(tmp_path, seed_path):
    import subprocess
    import sys

    Indexer(tmp_path / "data").run([seed_path])
    exe = Path(sys.executable).parent / "kamervragen"
    proc = subprocess.run(
        [str(exe), "search", "jaar:abc", "--data", str(tmp_path / "data")], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "jaar" in proc.stderr.lower() and "Traceback" not in proc.stderr
