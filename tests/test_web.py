"""Every route of the site and the API through FastAPI's TestClient, with bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.pipeline import Indexer
from web.app import create_app
from web.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, dev):
    data = tmp_path_factory.mktemp("web")
    Indexer(data).run(
        [
            ROOT / "corpus",
            dev / "learninglion-kamervragen-pdf" / "pdf",
            dev / "kamervragen-limburg-csv" / "text",
        ]
    )
    return data


@pytest.fixture(scope="module")
def client(data_dir):
    return TestClient(
        create_app(Settings(data_dir=data_dir, rate_limit_per_minute=100_000)), raise_server_exceptions=False
    )


@pytest.fixture(scope="module")
def seed_id(client):
    return client.get("/api/v1/search", params={"q": "lid:Azmani"}).json()["results"][0]["document_id"]


def test_home_lists_recent_answers(client):
    r = client.get("/", headers=HTML)
    assert r.status_code == 200 and "Recente antwoorden" in r.text
    assert 'href="/documents/' in r.text


def test_search_page_full_and_fragment(client):
    full = client.get("/search", params={"q": "inburgering examen"}, headers=HTML)
    assert full.status_code == 200 and "<html" in full.text and "<mark" in full.text
    fragment = client.get("/search", params={"q": "inburgering examen"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text and 'class="hit"' in fragment.text
    assert 'class="facets"' in fragment.text


def test_search_page_facets_paging_and_dates(client):
    r = client.get("/search", params={"q": "zorg"}, headers=HTML)
    assert 'rel="next"' in r.text and "partij:" in r.text
    dated = client.get(
        "/search", params={"q": "zorg", "van": "2024-01-01", "tot": "2024-12-31"}, headers=HTML
    )
    assert dated.status_code == 200
    bad = client.get("/search", params={"q": "zorg", "van": "gisteren"}, headers=HTML)
    assert bad.status_code == 422 and "Ongeldige invoer" in bad.text


def test_document_page(client, seed_id):
    r = client.get(f"/documents/{seed_id}", headers=HTML)
    assert r.status_code == 200
    for anchor in ("vraag-1", "vraag-5"):
        assert f'id="{anchor}"' in r.text
    assert 'href="https://wetten.overheid.nl/BWBR0020611"' in r.text  # the law, linked
    assert 'class="figure"' in r.text and "Toezegging" in r.text
    assert "Asscher" in r.text and "26 dagen" in r.text


def test_document_page_of_a_pdf_links_kamerstukken(client):
    r = client.get("/documents/ah-tk-20232024-2168", headers=HTML)
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-36197-15.html"' in r.text
    assert 'id="noot-1"' in r.text and "Vergelijkbare vragen" in r.text


def test_unknown_document(client):
    assert client.get("/documents/bestaat-niet", headers=HTML).status_code == 404
    r = client.get("/api/v1/documents/bestaat-niet")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 404 and "bestaat-niet" in r.json()["detail"]


def test_draft_page(client):
    r = client.get(
        "/nieuwe-vraag", params={"tekst": "Hoeveel nieuwkomers sloten bij DUO een lening af?"}, headers=HTML
    )
    assert r.status_code == 200 and "Eerder genoemde cijfers" in r.text and "8.283" in r.text
    assert client.get("/nieuwe-vraag", headers=HTML).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/leden/Azmani",
        "/partijen/VVD",
        "/bewindspersonen/Asscher",
        "/ministeries/SZW",
        "/ministeries/Sociale Zaken en Werkgelegenheid",
    ],
)
def test_people_and_ministry_pages(client, path):
    r = client.get(path, headers=HTML)
    assert r.status_code == 200 and "dagen tot antwoord" in r.text


def test_unknown_person_is_404(client):
    assert client.get("/leden/Niemand", headers=HTML).status_code == 404


def test_api_search(client):
    r = client.get("/api/v1/search", params={"q": "inburgering examen", "page_size": 3})
    data = r.json()
    assert r.status_code == 200 and data["total"] >= 1 and len(data["results"]) <= 3
    hit = data["results"][0]
    assert {"document_id", "source", "question_numbers", "snippet", "score"} <= set(hit)
    assert "year" in data["facets"]


@pytest.mark.parametrize(
    "params",
    [{"page_size": 1000}, {"page": 0}, {"sort": "random"}, {"group": "x"}, {"q": "x" * 501}],
)
def test_api_search_bad_input(client, params):
    r = client.get("/api/v1/search", params=params)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"


def test_api_document(client, seed_id):
    data = client.get(f"/api/v1/documents/{seed_id}").json()
    assert data["source"].endswith("azmani-inburgering-2013.txt")
    doc = data["document"]
    assert [q["number"] for q in doc["questions"]] == [1, 2, 3, 4, 5]
    assert {"references", "statistics", "commitments", "footnotes"} <= set(doc)


def test_api_similar_and_references(client):
    similar = client.get(
        "/api/v1/similar", params={"text": "lening DUO inburgeraars", "ministry": "SZW"}
    ).json()
    assert similar["results"] and all(
        "Sociale Zaken en Werkgelegenheid" in h["ministries"] for h in similar["results"]
    )
    assert client.get("/api/v1/similar").status_code == 422
    refs = client.get("/api/v1/references", params={"id": "kst-36197-15"}).json()
    assert refs["total"] >= 1 and refs["citations"][0]["document_id"] == "ah-tk-20232024-2168"
    law = client.get("/api/v1/references", params={"id": "BWBR0020611"}).json()
    assert law["total"] >= 1


def test_exports(client):
    r = client.get("/api/v1/export.csv", params={"q": "inburgering"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert r.status_code == 200 and rows[0][0] == "document_id" and len(rows) >= 2
    r = client.get("/api/v1/export.jsonl", params={"q": "inburgering"})
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert lines and all("document_id" in line for line in lines)


def test_security_headers_and_escaping(client):
    r = client.get(
        "/search", params={"q": '<script>alert("x")</script> "><img src=x onerror=alert(1)>'}, headers=HTML
    )
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in r.text.replace(
        '<script src="/static/vendor/htmx/htmx.min.js" defer></script>', ""
    )


def test_no_path_from_url_reaches_the_file_system(client):
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/documents/..%2f..%2fetc%2fpasswd"):
        r = client.get(path, headers=HTML)
        assert r.status_code == 404 and "create_app" not in r.text and "root:" not in r.text


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    assert {
        "/api/v1/search",
        "/api/v1/documents/{document_id}",
        "/api/v1/similar",
        "/api/v1/references",
        "/api/v1/export.csv",
        "/api/v1/export.jsonl",
    } <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_rate_limit(data_dir):
    limited = TestClient(create_app(Settings(data_dir=data_dir, rate_limit_per_minute=3)))
    codes = [limited.get("/api/v1/search", params={"q": "zorg"}).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and 429 in codes[3:]
    assert limited.get("/", headers=HTML).status_code == 200  # pages are not rate limited


def test_cors_is_configurable(data_dir):
    open_client = TestClient(
        create_app(Settings(data_dir=data_dir, cors_origins=["https://factcheck.example"]))
    )
    r = open_client.get(
        "/api/v1/search", params={"q": "zorg"}, headers={"Origin": "https://factcheck.example"}
    )
    assert r.headers.get("access-control-allow-origin") == "https://factcheck.example"
    closed = TestClient(create_app(Settings(data_dir=data_dir)))
    r = closed.get("/api/v1/search", params={"q": "zorg"}, headers={"Origin": "https://factcheck.example"})
    assert "access-control-allow-origin" not in r.headers


def test_api_is_read_only(client):
    assert client.post("/api/v1/search").status_code == 405
    assert client.delete("/api/v1/documents/x").status_code == 405
