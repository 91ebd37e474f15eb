"""The register in the API and on the site, and the Atom feeds, read back with feedparser."""

from __future__ import annotations

import feedparser
import pytest
from fastapi.testclient import TestClient
from register_docs import KEPT, SEED_ID, answer, seed_with_id, write

from indexer.pipeline import Indexer
from indexer.workers import Limits
from web.app import create_app
from web.settings import Settings

HTML = {"accept": "text/html"}
YOUTH = "ah-tk-20232024-902"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    docs = tmp_path_factory.mktemp("register-docs")
    seed_with_id(docs)
    write(docs, "kept.txt", answer("ah-tk-20132014-1500", KEPT, case="2014Z07001"))
    write(
        docs,
        "asked.txt",
        "kv-tk-2014Z07001\n\nVragen van het lid Azmani (VVD) aan de minister van Sociale Zaken en "
        "Werkgelegenheid over de resultaten van de inburgering (ingezonden 10 april 2014).\n\n"
        "Vraag 1\nKunt u aangeven hoe het staat met de inburgering?\n",
    )
    write(
        docs,
        "youth.txt",
        answer(
            YOUTH,
            f"Ik zal de Kamer voor de zomer informeren over de wachtlijsten in de jeugdzorg {SCRIPT}.",
            subject=f"de wachtlijsten in de jeugdzorg {SCRIPT}",
            asker="Bikker (ChristenUnie)",
            answerer="staatssecretaris Maeijer (Volksgezondheid, Welzijn en Sport), mede namens de "
            "minister van Justitie en Veiligheid",
            received="4 maart 2024",
            submitted="5 februari 2024",
            question=f"Hoe lang zijn de wachtlijsten in de jeugdzorg {SCRIPT}?",
        ),
    )
    data = tmp_path_factory.mktemp("register-data")
    Indexer(data, limits=Limits(workers=1)).run([docs])
    return TestClient(
        create_app(Settings(data_dir=data, rate_limit_per_minute=100_000)), raise_server_exceptions=False
    )


def api(client, **params) -> dict:
    r = client.get("/api/v1/commitments", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def by_document(body: dict) -> dict[str, dict]:
    return {e["document_id"]: e for e in body["results"]}


def test_api_answer_shape_and_status_on_a_date(client):
    body = api(client, as_of="2014-06-10")
    assert body["as_of"] == "2014-06-10" and body["total"] == len(body["results"]) >= 2
    e = by_document(body)[SEED_ID]
    for name in ("id", "text", "topic", "who", "role", "ministry", "due", "due_text", "vague", "status"):
        assert name in e
    for name in ("document_id", "pair_id", "date", "url", "fulfilled_by"):
        assert name in e
    assert (e["status"], e["due"], e["date"], e["pair_id"]) == (
        "fulfilled",
        "2014-06-30",
        "2013-12-03",
        f"{SEED_ID}#q2",
    )
    assert e["url"].endswith(f"/documents/{SEED_ID}#vraag-2")
    [evidence] = e["fulfilled_by"]
    assert evidence["document_id"] == "ah-tk-20132014-1500" and "nr. 512" in evidence["sentence"]
    assert evidence["url"].endswith("/documents/ah-tk-20132014-1500#vraag-1")
    assert by_document(api(client, as_of="2014-04-01"))[SEED_ID]["status"] == "open"
    one = client.get(f"/api/v1/commitments/{e['id']}", params={"as_of": "2014-04-01"})
    assert one.status_code == 200 and one.json()["id"] == e["id"] and one.json()["status"] == "open"


def test_api_filters(client):
    assert list(by_document(api(client, minister="Maeijer"))) == [YOUTH]
    assert list(by_document(api(client, ministry="VWS"))) == [YOUTH]
    assert list(by_document(api(client, party="ChristenUnie"))) == [YOUTH]
    assert SEED_ID not in by_document(api(client, party="ChristenUnie"))
    assert list(by_document(api(client, due_from="2024-01-01", due_to="2024-12-31"))) == [YOUTH]
    assert api(client, due_from="2024-12-31", due_to="2024-01-01")["total"] == 0
    assert api(client, as_of="9999-12-31")["total"] == api(client, as_of="0001-01-01")["total"]
    assert list(by_document(api(client, q="jeugdzorg"))) == [YOUTH]
    both = client.get(
        "/api/v1/commitments",
        params=[("status", "overdue"), ("status", "fulfilled"), ("as_of", "2024-08-01")],
    ).json()
    assert {SEED_ID, YOUTH} <= set(by_document(both)) and both["results"][0]["status"] == "overdue"
    paged = api(client, q="informeren", page_size=1, page=2, as_of="2024-08-01")
    assert paged["total"] == 2 and [e["document_id"] for e in paged["results"]] == [SEED_ID]
    e = by_document(api(client, minister="Maeijer"))[YOUTH]
    assert e["co_signers"] == [
        {"name": None, "role": "minister", "ministry": "Justitie en Veiligheid", "mede_namens": True}
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"as_of": "2014-13-01"},
        {"as_of": "gisteren"},
        {"due_from": "2024-02-30"},
        {"status": "kwijt"},
        {"page": "0"},
        {"minister": "Asscher", "ministerie": "SZW"},  # the site's name, not the API's
    ],
)
def test_api_rejects_bad_input_as_problem(client, params):
    r = client.get("/api/v1/commitments", params=params)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 422 and r.json()["errors"]


def test_api_unknown_commitment(client):
    for key in ("bestaat~niet~0000000000", "zomaar"):
        r = client.get(f"/api/v1/commitments/{key}")
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert client.get("/api/v1/commitments/x", params={"as_of": "nooit"}).status_code == 422


def test_register_page(client):
    r = client.get("/toezeggingen", headers=HTML)
    assert r.status_code == 200 and "<html" in r.text
    assert '<link rel="alternate" type="application/atom+xml"' in r.text
    assert 'class="feed" href="/toezeggingen.atom' in r.text
    assert "Ik zal de Kamer in het voorjaar van 2014" in r.text and "Nagekomen volgens" in r.text
    assert SCRIPT not in r.text and "&lt;script&gt;" in r.text
    fragment = client.get(
        "/toezeggingen", params={"minister": "Maeijer", "status": "pending"}, headers={"HX-Request": "true"}
    )
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "jeugdzorg" in fragment.text and "voorjaar van 2014" not in fragment.text
    assert 'href="/toezeggingen.atom?minister=Maeijer&amp;status=pending"' in fragment.text
    bad = client.get("/toezeggingen", params={"van": "morgen"}, headers=HTML)
    assert bad.status_code == 422 and "Ongeldige invoer" in bad.text


def test_minister_ministry_and_document_pages(client):
    minister = client.get("/bewindspersonen/Maeijer", headers=HTML)
    assert minister.status_code == 200 and "Openstaande toezeggingen" in minister.text
    assert "wachtlijsten in de jeugdzorg" in minister.text
    ministry = client.get("/ministeries/VWS", headers=HTML)
    assert "Openstaande toezeggingen" in ministry.text and "jeugdzorg" in ministry.text
    # the kept promise is not open any more
    assert "voorjaar van 2014" not in client.get("/ministeries/SZW", headers=HTML).text
    page = client.get(f"/documents/{SEED_ID}", headers=HTML)
    assert 'class="badge status-fulfilled"' in page.text and "Nagekomen volgens" in page.text
    case = client.get("/documents/ah-tk-20132014-1500", headers=HTML)
    assert 'href="/zaak/2014Z07001.atom"' in case.text


def parsed(client, path: str, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    assert "<script" not in r.text  # document text is escaped, never markup
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_commitments_feed(client):
    feed = parsed(client, "/toezeggingen.atom")
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids)) and all(e.link.startswith("http") for e in feed.entries)
    youth = [e for e in feed.entries if YOUTH in e.id]
    assert any(e.id.endswith(":over-tijd") for e in youth)  # due July 2024: overdue today
    assert any(SCRIPT in e.summary or "&lt;script&gt;" in e.summary for e in youth)
    filtered = parsed(client, "/toezeggingen.atom", minister="Asscher")
    assert filtered.entries and all(YOUTH not in e.id for e in filtered.entries)
    assert client.get("/toezeggingen.atom", params={"van": "2024-99-01"}).status_code == 422


def test_search_feed_and_page_link(client):
    feed = parsed(client, "/search.atom", q="jeugdzorg")
    assert [e.link.split("/documents/")[1].split("#")[0] for e in feed.entries] == [YOUTH]
    assert feed.feed.links and any(link.rel == "alternate" for link in feed.feed.links)
    assert parsed(client, "/search.atom", q="jeugdzorg", van="2030-01-01").entries == []
    page = client.get("/search", params={"q": "jeugdzorg"}, headers=HTML)
    assert '<link rel="alternate" type="application/atom+xml"' in page.text
    assert 'class="feed" href="/search.atom?q=jeugdzorg"' in page.text
    assert client.get("/search.atom", params={"q": "jaar:twintig"}).status_code == 422


def test_case_feed(client):
    feed = parsed(client, "/zaak/2014Z07001.atom")
    titles = [e.title for e in feed.entries]
    assert len(titles) == 2 and titles[0].startswith("Antwoord") and titles[1].startswith("Vragen")
    assert client.get("/zaak/2099Z00001.atom").status_code == 404
    assert client.get("/zaak/geen-zaak.atom").status_code == 422
