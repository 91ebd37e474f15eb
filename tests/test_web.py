"""Every route of the site and the API through FastAPI's TestClient, with bad input."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from live_server import live_server

from indexer.pipeline import Indexer
from web import exports
from web.app import create_app, server_options
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


def test_api_search_without_facets(client):
    """`facets=false` gives the same results and total, without counting facets."""
    params = {"q": "inburgering examen", "page_size": 3}
    full = client.get("/api/v1/search", params=params).json()
    bare = client.get("/api/v1/search", params={**params, "facets": "false"}).json()
    assert bare["facets"] == {} and bare["facet_labels"] == {} and full["facets"]
    assert (bare["total"], bare["results"]) == (full["total"], full["results"])
    assert client.get("/api/v1/search", params={**params, "facets": "soms"}).status_code == 422


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
    for page in ("/docs", "/redoc"):
        r = client.get(page)
        assert r.status_code == 200 and "/openapi.json" in r.text
        assert not re.search(r'(src|href)="https?://', r.text), "no CDN: the assets are served here"
        assert not re.search(r"<script>", r.text), "no inline script: the CSP forbids it"
        assert "unsafe-inline" not in r.headers["content-security-policy"]
        for asset in re.findall(r'(?:src|href)="(/[^"]+)"', r.text):
            assert client.get(asset).status_code == 200, asset


def test_rate_limit(data_dir):
    limited = TestClient(create_app(Settings(data_dir=data_dir, rate_limit_per_minute=3)))
    codes = [limited.get("/api/v1/search", params={"q": "zorg"}).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and 429 in codes[3:]
    assert limited.get("/", headers=HTML).status_code == 200  # plain pages are not rate limited


def test_rate_limit_covers_the_search_pages(data_dir):
    limited = TestClient(create_app(Settings(data_dir=data_dir, rate_limit_per_minute=3)))
    responses = [limited.get("/search", params={"q": "zorg"}, headers=HTML) for _ in range(5)]
    refused = [r for r in responses if r.status_code == 429]
    assert refused and "Te veel verzoeken" in refused[0].text and refused[0].headers["retry-after"]


def _codes_with_rotating_forwarded_for(base: str, n: int) -> list[int]:
    with httpx.Client(base_url=base) as http:
        return [
            http.get(
                "/api/v1/search", params={"q": "zorg"}, headers={"X-Forwarded-For": f"10.0.0.{i}"}
            ).status_code
            for i in range(n)
        ]


def test_forwarded_for_counts_only_from_a_trusted_proxy(data_dir):
    """The options `kamervragen serve` gives uvicorn: a client rotating X-Forwarded-For is still
    one client, unless it is a configured proxy, whose forwarded addresses are the clients."""
    settings = Settings(data_dir=data_dir, rate_limit_per_minute=3)
    with live_server(create_app(settings), **server_options(settings)) as base:
        assert 429 in _codes_with_rotating_forwarded_for(base, 6)
    proxied = Settings(data_dir=data_dir, rate_limit_per_minute=3, trusted_proxies=["127.0.0.1"])
    with live_server(create_app(proxied), **server_options(proxied)) as base:
        assert 429 not in _codes_with_rotating_forwarded_for(base, 6)


def test_trusted_proxies_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KAMERVRAGEN_TRUSTED_PROXIES", "10.1.0.1, 10.2.0.0/16")
    assert Settings().trusted_proxies == ["10.1.0.1", "10.2.0.0/16"]
    assert server_options(Settings())["forwarded_allow_ips"] == "10.1.0.1,10.2.0.0/16"


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


@pytest.mark.parametrize("method", ["TRACE", "PUT", "PATCH", "POST"])
@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/export.csv", "/search", "/"])
def test_other_methods_are_405_with_allow(client, method, path):
    r = client.request(method, path)
    assert r.status_code == 405 and "GET" in r.headers["allow"]


def test_unknown_api_parameters_are_rejected(client):
    r = client.get("/api/v1/search", params={"q": "zorg", "pagesize": 3})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"] == ["query", "pagesize"]
    assert client.get("/api/v1/export.csv", params={"q": "zorg", "format": "x"}).status_code == 422
    assert client.get("/api/v1/search", params={"q": "zorg", "page_size": 3}).status_code == 200


def test_every_error_an_operation_returns_is_declared(client):
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"422", "429"} <= declared, (method, path, declared)
    assert "404" in spec["paths"]["/api/v1/documents/{document_id}"]["get"]["responses"]


class _RefusingBackend:
    """Stands in for a backend that rejects a filter value, as the search module does."""

    def search(self, request):
        raise ValueError("jaar:abc is geen jaartal")


def test_invalid_filter_values_are_422_not_500(data_dir):
    app = create_app(Settings(data_dir=data_dir, rate_limit_per_minute=0))
    app.state.backend = _RefusingBackend()
    refusing = TestClient(app, raise_server_exceptions=False)
    r = refusing.get("/api/v1/search", params={"q": "jaar:abc"})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert "jaartal" in r.json()["detail"]
    page = refusing.get("/search", params={"q": "jaar:abc"}, headers=HTML)
    assert page.status_code == 422 and "Deze zoekvraag klopt niet" in page.text


def test_error_pages_are_dutch(client, data_dir):
    r = client.get("/bestaat/niet", headers=HTML)
    assert r.status_code == 404 and "Deze pagina bestaat niet" in r.text and "Not Found" not in r.text
    r = client.post("/search", headers=HTML)
    assert r.status_code == 405 and "Method Not Allowed" not in r.text and "Methode" in r.text
    r = client.get("/search", params={"van": "gisteren"}, headers=HTML)
    assert "datum van" in r.text and "String should" not in r.text
    app = create_app(Settings(data_dir=data_dir, rate_limit_per_minute=0))
    app.state.backend = None  # every search now fails unexpectedly
    broken = TestClient(app, raise_server_exceptions=False).get("/search", params={"q": "x"}, headers=HTML)
    assert broken.status_code == 500 and "<html" in broken.text and "Er ging iets mis" in broken.text


def test_favicon(client):
    assert client.get("/favicon.ico").status_code == 200
    assert 'rel="icon"' in client.get("/", headers=HTML).text


LINK = re.compile(r'<a [^>]*href="/documents/([^"#]+)[^"]*"[^>]*>\s*([^<]*?)\s*</a>')


def test_documents_are_named_by_title_never_by_id(client):
    for path, params in (("/", {}), ("/search", {"q": "zorg"}), ("/ministeries/SZW", {})):
        links = LINK.findall(client.get(path, params=params, headers=HTML).text)
        assert links, path
        for doc_id, text in links:
            assert text and text != doc_id and not re.fullmatch(r"[\w-]*[0-9a-f]{10}", text), (path, text)


def test_official_publication_is_linked(client):
    official = "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-2168.html"
    assert f'href="{official}"' in client.get("/documents/ah-tk-20232024-2168", headers=HTML).text
    page = client.get("/search", params={"q": "kamerstuk:kst-36197-15"}, headers=HTML).text
    assert f'href="{official}"' in page
    hit = client.get("/api/v1/search", params={"q": "kamerstuk:kst-36197-15"}).json()["results"][0]
    assert hit["official_url"] == official
    assert client.get("/api/v1/documents/ah-tk-20232024-2168").json()["official_url"] == official


def test_no_server_paths_on_the_site_or_in_the_api(client, data_dir, seed_id):
    folders = {str(ROOT), str(data_dir), "/work/", "../shared"}
    pages = [
        client.get("/", headers=HTML).text,
        client.get("/search", params={"q": "inburgering"}, headers=HTML).text,
        client.get("/documents/ah-tk-20232024-2168", headers=HTML).text,
        client.get(f"/documents/{seed_id}", headers=HTML).text,
        client.get("/api/v1/search", params={"q": "inburgering"}).text,
        client.get("/api/v1/documents/ah-tk-20232024-2168").text,
        client.get(f"/api/v1/documents/{seed_id}").text,
        client.get("/api/v1/similar", params={"text": "inburgering DUO lening"}).text,
        client.get("/api/v1/references", params={"id": "kst-36197-15"}).text,
        client.get("/api/v1/export.csv", params={"q": "inburgering"}).text,
    ]
    for text in pages:
        assert not [f for f in folders if f in text]
    data = client.get("/api/v1/documents/ah-tk-20232024-2168").json()
    assert "/" not in data["source"] and all("/" not in s for s in data["alternate_sources"])


def test_search_page_links_its_exports(client):
    page = client.get("/search", params={"q": "inburgering", "van": "2013-01-01"}, headers=HTML).text
    link = re.search(r'href="(/api/v1/export\.csv\?[^"]+)"', page)
    assert link and "van%3A2013-01-01" in link.group(1)
    assert "/api/v1/export.jsonl?" in page
    assert client.get(link.group(1).replace("&amp;", "&")).status_code == 200


def test_figures_are_readable_without_hover(client, seed_id):
    page = client.get(f"/documents/{seed_id}", headers=HTML).text
    listed = re.search(r'<ul class="figures">(.*?)</ul>', page, re.S)
    assert listed and "8.283" in listed.group(1) and "peildatum" in listed.group(1)


MADE_UP = """Vragen van het lid Jansen (D66) aan de minister van Financiën over =cmd|' /C calc'!A0 \
(ingezonden 7 november 2023).

Antwoord van minister Pietersen (Financiën) (ontvangen 3 december 2023)

Vraag 1
=cmd|' /C calc'!A0 is dit een formule die 120 gemeenten raakt?

Antwoord 1
@SUM(1+1) is het niet. Wij sturen de Kamer voor 1 maart 2024 een brief over de 120 gemeenten.
"""


def test_exports_carry_texts_and_are_safe_in_spreadsheets(tmp_path):
    source = tmp_path / "in" / "formule.txt"
    source.parent.mkdir()
    source.write_text(MADE_UP.replace("\\\n", ""), encoding="utf-8")
    Indexer(tmp_path / "data").run([source.parent])
    own = TestClient(create_app(Settings(data_dir=tmp_path / "data", rate_limit_per_minute=0)))
    rows = list(csv.DictReader(io.StringIO(own.get("/api/v1/export.csv", params={"q": "formule"}).text)))
    assert rows, "the made-up document is found"
    for row in rows:
        assert not [v for v in row.values() if v and v[0] in "=+-@\t\r"], row
    assert rows[0]["question"].startswith("'=cmd") and rows[0]["answer"].startswith("'@SUM")
    lines = [
        json.loads(x) for x in own.get("/api/v1/export.jsonl", params={"q": "formule"}).text.splitlines()
    ]
    assert lines[0]["question"].startswith("=cmd")  # JSON is data, not a formula: left as it is
    assert "answer" in lines[0] and "figures" in lines[0] and "commitments" in lines[0]


def test_exports_carry_figures_and_commitments(client):
    lines = [
        json.loads(x)
        for x in client.get("/api/v1/export.jsonl", params={"q": "lid:Azmani"}).text.splitlines()
    ]
    assert any("8.283" in f["text"] for line in lines for f in line["figures"])
    assert any(line["commitments"] for line in lines)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/v1/export.csv", params={"q": "lid:Azmani"}).text))
    )
    assert any("8.283" in row["figures"] for row in rows) and any(row["commitments"] for row in rows)


@pytest.mark.parametrize("cell", ["=1+1", "+31 6", "-2", "@A1", "\tx", "\rx"])
def test_csv_cells_that_start_a_formula_are_neutralised(cell):
    assert exports.neutralise(cell) == "'" + cell
    assert exports.neutralise("gewoon") == "gewoon" and exports.neutralise(3.5) == 3.5
